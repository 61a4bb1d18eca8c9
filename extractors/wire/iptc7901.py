"""Agency text feeds, IPTC 7901 and ANPA-1312: framed stories to Drafts, one per story.

A story is framed by control characters: SOH (0x01) opens a header (service and message number,
priority, category, word count, keyword/slug), STX (0x02) opens the text, ETX (0x03) or EOT (0x04)
closes it. ANPA copy marks lines with `^` … `<` (headline, slug) and `=` (byline); a story ends with
a trailer line (agency, desk, date and time) and an end mark (ENDS, -30-, MORE …: data in wire.json).

>>> story = b"\\x01AP0123 3 i 0045\\r\\nAFGHAN-TALKS\\r\\n\\x02^Talks resume in Doha<\\r\\n^By JANE ROE=\\r\\n" \\
...         b"   KABUL, Afghanistan (AP) \\xe2\\x80\\x94 Talks resumed on Sunday.\\r\\n   A second paragraph.\\r\\n" \\
...         b"AP-WS-03-10-24 0615GMT\\r\\nENDS\\r\\n\\x03"
>>> d = extract_7901(story)
>>> d.title, d.authors, d.dateline, d.published, d.delivery["priority"], d.delivery["category"], d.delivery["slugline"]
('Talks resume in Doha', ['Jane Roe'], 'KABUL, Afghanistan', '2024-03-10T06:15:00Z', 'urgent', 'international', 'AFGHAN-TALKS')
>>> d.paragraphs
['KABUL, Afghanistan (AP) — Talks resumed on Sunday.', 'A second paragraph.']
>>> [s.reason for s in d.stripped]
['wire_trailer', 'wire_trailer']
"""
from __future__ import annotations

import re

from extractors.wire.common import byline_names, credit_from_lead, delivery_info, new_draft, vocabulary
from normalizers.encoding import decode_bytes
from normalizers.metadata import parse_byline
from output.draft import Draft
from output.errors import CorruptInput

SOH, STX, ETX, EOT = b"\x01", b"\x02", b"\x03", b"\x04"
_FRAME = re.compile(rb"\x01([^\x01\x02]*)\x02([^\x01\x03\x04]*)(?:[\x03\x04]|$)")
# Control bytes a header line never holds (CR, LF, tab and SYN fill do appear).
_HEADER_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x15\x17-\x1f\x7f]")
_SELECTOR = re.compile(r"^([A-Za-z]{1,5})(\d{3,5})$")  # service/selector and message number: 'AP0123', 'a0456'
_WORDS = re.compile(r"^\d{3,5}$")
_SLUG = re.compile(r"^[A-Z]{2}-[\w-]+(?:,[^,]{1,40}){0,3}$|^[A-Z0-9][A-Z0-9/-]{2,}$")  # 'BC-Afghan-Floods,1st Ld,0620'; 'AFGHAN-FLOODS'
_TRAILER = re.compile(r"^(?P<agency>[A-Z]{2,6})-[A-Z]{2,4}-(?P<m>\d{1,2})-(?P<d>\d{1,2})-(?P<y>\d{2,4})\s+(?P<hm>\d{4})(?P<zone>[A-Z]{1,4})?$")
_NOTE = re.compile(r"^(?:Eds|Editors?|Ed|Note)\s*:", re.I)
_MARKED = re.compile(r"^\^(.*?)[<=]?$")
_ZONES = {"GMT": "Z", "UTC": "Z", "Z": "Z", "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
          "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "CET": "+01:00", "CEST": "+02:00"}


def is_framed(data: bytes) -> bool:
    """Starts (after blank lines) with SOH and has an STX, with a header of text lines between them: how both
    formats open a story (random bytes opening with SOH, 1 in 256 binary files, have control bytes there)."""
    head = data[:2048].lstrip(b"\r\n\x16 ")
    if not head.startswith(SOH) or STX not in head:
        return False
    return _HEADER_CONTROL.search(head, 1, head.index(STX)) is None


def split_7901(data: bytes) -> list[tuple[str, bytes]]:
    """(part name, framed bytes) for each story of a feed file holding several; [] for one story."""
    frames = [m.group(0) for m in _FRAME.finditer(data)]
    return [(f"story-{n}", f) for n, f in enumerate(frames, 1)] if len(frames) > 1 else []


def extract_7901(data: bytes, uri: str = "") -> Draft:
    m = _FRAME.search(data)
    if m is None:
        raise CorruptInput("agency text without a SOH … STX frame")
    header = decode_bytes(m.group(1)).text
    text = decode_bytes(m.group(2)).text
    draft = new_draft("iptc7901")
    info = _header(header)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    body = _read_lines(lines, draft, info)
    draft.paragraphs = body
    draft.publisher = draft.publisher or info.get("service")
    credit_from_lead(draft)
    if not draft.paragraphs and not draft.title:
        raise CorruptInput("agency story frame holds no text")
    draft.delivery = delivery_info(format=info.pop("format"), **info)
    return draft


def _header(header: str) -> dict:
    """Service, number, priority, category, word count and keyword from a 7901 or ANPA header."""
    words = vocabulary()
    lines = [x.strip() for x in header.replace("\r", "\n").split("\n") if x.strip()]
    tokens = lines[0].split() if lines else []
    info: dict = {"format": "iptc7901"}
    if tokens and _SELECTOR.match(tokens[0]):
        service, number = _SELECTOR.match(tokens.pop(0)).groups()
        info.update(service=service, guid=f"{service}{number}")
    if tokens and tokens[0] in words["iptc7901_priority"]:
        info["priority"] = words["iptc7901_priority"][tokens.pop(0)]
    elif tokens and tokens[0].lower() in words["anpa_priority"] and len(tokens[0]) == 1:
        info.update(priority=words["anpa_priority"][tokens.pop(0).lower()], format="anpa1312")
    if tokens and tokens[0].isalpha() and len(tokens[0]) <= 3:
        code = tokens.pop(0)
        info["category"] = words["anpa_category"].get(code.lower(), code) if len(code) == 1 else code
    if tokens and _WORDS.match(tokens[-1]):  # ANPA puts the word count last, 7901 right after the category
        info["word_count"] = int(tokens.pop())
    elif tokens and _WORDS.match(tokens[0]):
        info["word_count"] = int(tokens.pop(0))
    words_left = tokens + lines[1:2]
    if words_left:
        info["slugline"] = words_left[0]
    if len(words_left) > 1:  # ANPA: version ('1stLd-Writethru'), reference, date after the slug word
        info["note"] = " ".join(words_left[1:])
    return info


def _read_lines(lines: list[str], draft: Draft, info: dict) -> list[str]:
    """Marked lines (slug, headline, byline, notes) become metadata; indented or blank-separated lines, paragraphs;
    the trailer and end marks are kept in `stripped`."""
    marks = {m.upper() for m in vocabulary()["end_marks"]}
    paragraphs: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            close()
            continue
        marked = _MARKED.match(line)
        if marked and not paragraphs and not current:
            _metadata_line(marked.group(1).strip(), line.endswith("="), draft, info)
            continue
        trailer = _TRAILER.match(line)
        if line.upper() in marks or trailer:
            close()
            draft.strip(line, "wire_trailer")
            if trailer:
                draft.published = draft.published or _trailer_date(trailer)
                draft.publisher = draft.publisher or trailer.group("agency")
            continue
        if not paragraphs and not current and draft.title is None and len(line) <= 160 and not line.endswith("."):
            draft.title = line
            continue
        if raw[:1] in (" ", "\t"):
            close()
        current.append(line)
    close()
    return paragraphs


def _metadata_line(text: str, is_byline: bool, draft: Draft, info: dict) -> None:
    if _NOTE.match(text):
        info["note"] = f"{info['note']} {text}" if info.get("note") else text
    elif _SLUG.match(text):
        info.setdefault("slugline", text.split(",")[0])
    elif parse_byline(text):
        draft.authors += byline_names(text)
    elif is_byline:
        draft.strip(text, "byline_role")  # '^Staff Writer=' under '^By NAME=': a role, not a name
    elif draft.title is None:
        draft.title = text
    else:
        draft.subtitle = draft.subtitle or text


def _trailer_date(m: re.Match) -> str | None:
    year = int(m.group("y"))
    year = year + 2000 if year < 100 else year
    zone = _ZONES.get(m.group("zone") or "", "")
    hm = m.group("hm")
    try:
        import datetime

        datetime.datetime(year, int(m.group("m")), int(m.group("d")), int(hm[:2]), int(hm[2:]))
    except ValueError:
        return None
    return f"{year:04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}T{hm[:2]}:{hm[2:]}:00{zone}"
