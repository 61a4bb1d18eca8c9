"""Bytes to text, and mojibake back to the text that was meant.

Decoding trusts, in order: a BOM; UTF-16 recognised by its NUL bytes (which would
otherwise pass as "valid UTF-8"); UTF-8, strictly or with a few stray bytes (a legacy
page is almost never valid UTF-8 by accident, so this beats a "latin-1" label); the
declared charset if it reads as real text; then chardet, which won on short legacy
samples (see benchmarks/charset.py). Every departure from plain UTF-8 is named in
`Decoded.fixes`, so a record shows how its text was read.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

import chardet
import ftfy

from output.errors import UndecodableText


@dataclass
class Decoded:
    text: str
    encoding: str
    fixes: list[str] = field(default_factory=list)


# FF FE 00 00 also starts with the UTF-16 LE BOM, so UTF-32 is tried first.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG Encoding Standard: browsers decode these labels with the superset on the right,
# so a "latin-1" page with curly quotes (byte 0x93) reads as its author saw it.
WEB_SUPERSETS = {
    "ascii": "windows-1252",
    "iso-8859-1": "windows-1252",
    "iso-8859-9": "windows-1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
}

# Python codec names -> the names web pages and HTTP headers use.
WEB_NAMES = (
    (re.compile(r"^cp(125\d)$"), r"windows-\1"),
    (re.compile(r"^iso8859-(\d+)$"), r"iso-8859-\1"),
    (re.compile(r"^(euc|iso2022)_"), r"\1-"),
)

MAX_REPLACED_SHARE = 0.25  # above this share of U+FFFD the "text" is noise, not a document
UTF8_GOOD_PER_BAD = 4  # valid multi-byte characters needed per invalid byte run to stay UTF-8
UTF16_NUL_PARITY = 0.9  # share of NUL bytes that must sit on one parity to call it UTF-16
MISREAD_WORD_SHARE = 0.2  # share of odd-looking non-ASCII words that vetoes a declared charset
# Web pages and their text dumps use Windows/ISO/CJK code pages, not Mac, DOS or EBCDIC ones;
# leaving those out took Russian cp1251 from 96% to 99.8% (benchmarks/charset.py).
DETECT_ERAS = chardet.EncodingEra.MODERN_WEB | chardet.EncodingEra.LEGACY_ISO
C1_CONTROLS = re.compile("[\x80-\x9f]")  # never meant in text: bytes a wrong code page passed through
SNIFF_BYTES = 4096  # how far into an HTML/XML document a charset declaration may sit
# Alphabets whose letters never share a word: a word mixing two was decoded wrongly.
ALPHABETS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "ARMENIAN", "GEORGIAN", "THAI"})

_DECLARED_CHARSET = (
    re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I),
    re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:-]+)", re.I),
)


def canonical_charset(label: str | None) -> str | None:
    """A charset label as the web spells it, or None if Python cannot decode text with it.

    >>> canonical_charset("CP1256"), canonical_charset(" Latin1 "), canonical_charset("base64")
    ('windows-1256', 'iso-8859-1', None)
    """
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        "".encode(label)  # raises for bytes-to-bytes codecs such as base64
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    for pattern, replacement in WEB_NAMES:
        name = pattern.sub(replacement, name)
    return name


def html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML `<meta>` or XML declaration names near the top, as written.

    A meta saying UTF-16 was read as ASCII, so it cannot be true: browsers take UTF-8.

    >>> html_declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    'windows-1256'
    >>> html_declared_charset(b'<?xml version="1.0" encoding="UTF-16"?>')
    'utf-8'
    """
    head = data[:SNIFF_BYTES]
    for pattern in _DECLARED_CHARSET:
        found = pattern.search(head)
        if found:
            label = found.group(1).decode("ascii", "replace").lower()
            return "utf-8" if label.startswith("utf-16") else label
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a document; never raises except `UndecodableText` for mostly-garbage bytes.

    >>> decode_bytes("بازی".encode("utf-8"), declared="iso-8859-1").text
    'بازی'
    >>> decode_bytes("بازي پر از گل".encode("cp1256")).fixes
    ['charset_detected:windows-1256']
    """
    decoded = (
        _from_bom(data)
        or _from_utf16_nuls(data)
        or _from_utf8(data)
        or _from_declared(data, declared)
        or _from_detection(data)
    )
    decoded.fixes += _declared_notes(data, declared, decoded.encoding)
    return _checked(decoded)


def _strict(data: bytes, encoding: str) -> str | None:
    """The text if `encoding` decodes every byte, else None."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _superset(data: bytes, name: str) -> str:
    """The WHATWG superset of `name` when it decodes `data` too (it may not: 0x81 in cp1252)."""
    wider = WEB_SUPERSETS.get(name)
    return wider if wider and _strict(data, wider) is not None else name


def _lenient(data: bytes, encoding: str, fixes: list[str]) -> Decoded:
    """Decode with U+FFFD for bad bytes, naming the replacement when it happened."""
    if _strict(data, encoding) is None:
        fixes = fixes + ["undecodable_bytes_replaced"]
    return Decoded(data.decode(encoding, errors="replace"), encoding, fixes)


def _from_bom(data: bytes) -> Decoded | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _lenient(data[len(bom):], encoding, ["bom_removed"])
    return None


def _from_utf16_nuls(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: text has NUL bytes only as the high half of a code unit.

    >>> _from_utf16_nuls("hi there".encode("utf-16-be")).text
    'hi there'
    """
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 or even + odd < 2:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    if max(even, odd) < UTF16_NUL_PARITY * (even + odd):
        return None
    text = _strict(data, encoding)
    return Decoded(text, encoding, ["utf16_no_bom"]) if text is not None else None


def _from_utf8(data: bytes) -> Decoded | None:
    """UTF-8, also when a few stray bytes (a pasted legacy snippet) break it."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") if _strict(data, "utf-8") is None else 0
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    if good >= UTF8_GOOD_PER_BAD * bad:
        return Decoded(text, "utf-8", ["undecodable_bytes_replaced"] if bad else [])
    return None


def _from_declared(data: bytes, declared: str | None) -> Decoded | None:
    """The declared charset, if it decodes every byte into text that looks like language."""
    name = canonical_charset(declared)
    if name is None:
        return None
    name = _superset(data, name)
    text = _strict(data, name)
    if text is None or looks_misdecoded(text):
        return None
    return Decoded(text, name, [])


def _from_detection(data: bytes) -> Decoded:
    """chardet's likeliest charset whose text reads as language (its top pick for a short
    German line can be Greek); with no candidate at all (binary-looking bytes) UTF-8 with U+FFFD.
    """
    guesses = chardet.detect_all(data, compat_names=False, encoding_era=DETECT_ERAS)
    names = [_superset(data, name) for name in (canonical_charset(g["encoding"]) for g in guesses) if name]
    if not names:
        return _lenient(data, "utf-8", [])
    for name in names:
        text = _strict(data, name)
        if text is not None and not looks_misdecoded(text):
            return Decoded(text, name, [f"charset_detected:{name}"])
    return _lenient(data, names[0], [f"charset_detected:{names[0]}"])


def _declared_notes(data: bytes, declared: str | None, used: str) -> list[str]:
    """Say when a declared charset was unknown or overruled (only matters for non-ASCII bytes)."""
    if not declared or data.isascii():
        return []
    name = canonical_charset(declared)
    if name is None:
        return [f"declared_charset_unknown:{declared.strip().lower()}"]
    if used in (name, WEB_SUPERSETS.get(name)):
        return []
    return [f"declared_charset_ignored:{name}"]


def _checked(decoded: Decoded) -> Decoded:
    """Refuse text that is mostly U+FFFD (only when decoding put them there: text may quote one)."""
    replaced = decoded.text.count("\ufffd")
    if "undecodable_bytes_replaced" in decoded.fixes and replaced > MAX_REPLACED_SHARE * len(decoded.text):
        raise UndecodableText(
            f"{replaced} of {len(decoded.text)} characters could not be decoded as {decoded.encoding} "
            "or any detected charset; this does not look like text"
        )
    return decoded


def looks_misdecoded(text: str) -> bool:
    """True for text a wrong single-byte code page would produce: C1 controls, or many
    words mixing alphabets ("Grцяe") or made only of accented Latin ("ÏðèâÅò").

    >>> looks_misdecoded("Größe und Qualität"), looks_misdecoded("Ãðîññå è êà÷åñòâî")
    (False, True)
    """
    if C1_CONTROLS.search(text):
        return True
    words = [w for w in re.findall(r"[^\W\d_]+", text[:100_000]) if not w.isascii()]
    odd = sum(_odd_word(w) for w in words)
    return odd > 0 and odd >= MISREAD_WORD_SHARE * len(words)


def _odd_word(word: str) -> bool:
    """A word no language writes: two alphabets, or 3+ letters all accented Latin.

    >>> _odd_word("Grцяe"), _odd_word("ÇáÚÑÈí"), _odd_word("été"), _odd_word("iPhoneها")
    (True, True, False, True)
    """
    scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in word} & ALPHABETS
    all_accented = len(word) >= 3 and scripts == {"LATIN"} and not any(ch.isascii() for ch in word)
    return len(scripts) > 1 or all_accented


# ---------------------------------------------------------------- mojibake

FTFY_CONFIG = ftfy.TextFixerConfig(
    # extractors already turned entities into characters; a "&amp;" left over is content
    unescape_html=False,
    # typographic quotes are real content (and «» / „“ carry language); never flatten them
    uncurl_quotes=False,
    # fullwidth forms are correct in CJK text; converting them changes the text, not its encoding
    fix_character_width=False,
    # NFC is done (and reported) by normalizers.unicode.normalize; ftfy would do it silently
    normalization=None,
)

MAX_REPAIR_PASSES = 3  # double-encoded text needs two passes; more means we are chasing noise

# Every byte as Windows-1256 shows it, plus the C1 controls that decoders with the pre-2000
# table (or a Latin-1 fallback) let through for bytes they left undefined.
_CP1256_BYTE = {
    **{chr(b): b for b in range(0x80, 0xA0)},
    **{ch: b for b, ch in enumerate(bytes(range(256)).decode("cp1256")) if b >= 0x80},
}
_NOT_A_BYTE = "\uffff"  # Latin-1-range characters cp1256 cannot produce must not look like bytes
_TO_BYTES = {cp: _NOT_A_BYTE for cp in range(0x80, 0x100)} | {ord(ch): chr(b) for ch, b in _CP1256_BYTE.items()}
# UTF-8 sequences over that byte view; a lone 0xD8 is "ح" whose second byte, the soft hyphen
# 0xAD, was stripped as invisible (the commonest loss in the wild).
_SEQ = rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})"
_SEQ_OR_LOST_SHY = rb"(?:" + _SEQ + rb"|\xd8(?![\x80-\xbf]))"
_MOJIBAKE_RUN = re.compile(
    (rb"\xd8?" + _SEQ + _SEQ_OR_LOST_SHY + rb"*(?:[\t -~]+" + _SEQ_OR_LOST_SHY + rb"+)*").decode("latin-1")
)
_LOST_SHY = re.compile(rb"\xd8(?![\x80-\xbf])")
# What UTF-8 Arabic-script text decodes to: Arabic letters, and around them Arabic marks,
# digits and punctuation, joiners, and cp1256's own repertoire (when it was mojibake twice).
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_ARABIC_CONTEXT = frozenset(
    [chr(cp) for cp in (*range(0x0600, 0x0700), *range(0x0750, 0x0780), *range(0x08A0, 0x0900), *range(0x2000, 0x2070))]
    + [chr(cp) for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00))]
    + [ch for ch in _CP1256_BYTE if ch > "\x9f"]
)
ARABIC_CONTEXT_SHARE = 0.8  # of a repaired run's non-ASCII characters; the rest may be é, emoji…
# Continuation bytes (0x80–0xBF) that cp1256 shows as Arabic-script characters ("پ", "،", ZWNJ…)
# also occur in correct text; mojibake shows the others ("§", "¨", "Œ", "†"…) at nearly every letter.
_ARABIC_CONTINUATION = frozenset(
    b for ch, b in _CP1256_BYTE.items() if 0x80 <= b < 0xC0 and (ch in "\u200c\u200d" or "\u0600" <= ch < "\u0700")
)
MIN_FOREIGN_CONTINUATIONS = 2  # fewer, and the run may be correct Arabic punctuation after a letter


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Undo text decoded with the wrong charset; returns the text and the fixes that fired.

    >>> repair_mojibake("ط¨ط§ط²غŒ ظ…غŒâ€Œع©ظ†ظ…")
    ('بازی می\u200cکنم', ['mojibake:windows-1256'])
    >>> repair_mojibake("voilÃ  le travail")
    ('voilà le travail', ['mojibake:latin-1', 'ftfy:restore_byte_a0'])
    """
    fixes: list[str] = []
    for _ in range(MAX_REPAIR_PASSES):
        before = text
        text, fired = repair_cp1256(text)
        fixes += ["mojibake:windows-1256"] if fired else []
        text, steps = _ftfy(text)
        fixes += steps
        if text == before:
            break
    return text, list(dict.fromkeys(fixes))


def _ftfy(text: str) -> tuple[str, list[str]]:
    """ftfy with our config; its plan becomes fix names ("mojibake:<charset>", "ftfy:<fixer>")."""
    fixed, plan = ftfy.fix_and_explain(text, config=FTFY_CONFIG)
    names = [f"mojibake:{param}" if action == "encode" else f"ftfy:{param}"
             for action, param in plan or () if action in ("encode", "apply", "transcode")]
    return fixed, names


def repair_cp1256(text: str) -> tuple[str, bool]:
    """Repair runs of UTF-8 Arabic-script text that were decoded as Windows-1256.

    ftfy does not undo this one. A run is repaired only when its cp1256 bytes are valid
    UTF-8, it decodes to Arabic script, and it does not start or end inside a word, so
    correct Arabic, Persian and Urdu text (whose cp1256 bytes are not UTF-8) is left alone.

    >>> repair_cp1256("گفت: ط³ظ„ط§ظ… (salam)")
    ('گفت: سلام (salam)', True)
    >>> repair_cp1256("حافظ، سعدی")
    ('حافظ، سعدی', False)
    """
    view = text.translate(_TO_BYTES)
    pieces, last = [], 0
    for run in _MOJIBAKE_RUN.finditer(view):
        start, end = _whole_words(text, *run.span())
        repaired = _decode_run(view[start:end])
        if repaired is None:
            continue
        pieces += [text[last:start], repaired]
        last = end
    return "".join(pieces + [text[last:]]), last > 0


def _decode_run(run: str) -> str | None:
    """The UTF-8 text behind a run of byte-view characters, if it is Arabic-script text."""
    data = run.encode("latin-1")
    foreign = sum(0x80 <= b < 0xC0 and b not in _ARABIC_CONTINUATION for b in data)
    decoded = _strict(_LOST_SHY.sub(b"\xd8\xad", data), "utf-8") if foreign >= MIN_FOREIGN_CONTINUATIONS else None
    if decoded is None or len(_ARABIC_LETTER.findall(decoded)) < 2:
        return None
    foreign = [ch for ch in decoded if ch > "\x7f"]
    in_context = sum(ch in _ARABIC_CONTEXT for ch in foreign)
    return decoded if in_context >= ARABIC_CONTEXT_SHARE * len(foreign) else None


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a run to whole words: a run that starts or ends inside a non-ASCII word
    ("حافظ،": the last letter and comma form valid UTF-8) loses that word.

    >>> _whole_words("شود؛ ط§ظ†", 2, 8)
    (5, 8)
    """
    if start > 0 and _non_ascii_letter(text[start - 1]):
        space = text.find(" ", start, end)
        start = end if space < 0 else space + 1
    if end < len(text) and _non_ascii_letter(text[end]):
        space = text.rfind(" ", start, end)
        end = start if space < 0 else space
    return start, end


def _non_ascii_letter(ch: str) -> bool:
    return ch.isalpha() and not ch.isascii()
