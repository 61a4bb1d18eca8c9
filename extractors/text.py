"""Plain text to a draft: web articles, reposted wire copy, text pulled out of PDFs, copied pages.

The input is already decoded and Unicode-normalized. Forum threads go to `text_forum`; everything
else is read as an article in three zones around the main text that `normalizers.boilerplate`
finds:

- the *head* (before the body): masthead, title, standfirst, byline, date and credit lines,
  captions; the title is found by walking back from the body over metadata lines;
- the *body*: paragraphs, with a dateline read off the lead;
- the *tail*: credit lines, editor signatures, comment forms and the rest of the page.

Every line that is not body text ends up in a metadata field or in `draft.stripped` with a reason.

>>> d = extract_text("Big News Today\\n\\nBy Jane Doe\\n\\nKABUL (Reuters) - The talks resumed on Monday "
...                  "after a pause of two weeks, officials said.\\n\\nLeave a Reply")
>>> d.title, d.authors, d.dateline, d.original_source, d.paragraphs[0][:15]
('Big News Today', ['Jane Doe'], 'KABUL', 'Reuters', 'KABUL (Reuters)')
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.text_forum import extract_forum
from normalizers import boilerplate, metadata
from normalizers.dates import infer_day_first, parse_date
from output.draft import Draft
from output.errors import EmptyInput, NoContent

HEAD_WINDOW = 25  # metadata (byline, date, credit) sits within this many lines above the body
CREDIT_MAX_WORDS = 30  # "This article first appeared in …" is one short sentence; longer lines are prose
TAIL_WINDOW = 8  # credit lines and signatures sit within this many lines below it
MASTHEAD_LINES = 15  # a site's masthead (name, URL, motto) is set in the first lines of a page
TITLE_MAX_WORDS = 30
TITLE_MIN_WORDS = 3  # two-word lines above an article are section names and menu items
WRAP_MIN_WORDS = 3  # a wrapped line is part of a sentence; one- and two-word lines in a block are list items
WRAP_MIN_CHARS = 50  # a line this long, left open, was wrapped even when the next one starts with a capital
KEYWORD_LIST_MIN = 4  # "Taliban, officials, ISIS, mosque": a caption's keyword list
_WORDS = re.compile(r"[^\W\d_]+")
_SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "cjk": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}


def extract_text(text: str, *, uri: str = "", whole_body: bool = False) -> Draft:
    """A forum_thread draft when the text is a flattened thread, else an article draft; EmptyInput or
    NoContent when it holds no body text.

    `whole_body=True` for text whose layout is already known to be one document (PDF pages): no
    thread detection, and no search for the main region around its body.
    """
    lines = text.splitlines()
    if whole_body:  # a page layout already read (PDF) is one document, not a flattened thread
        return extract_article(lines, whole_body=True)
    if not text.strip():  # a byte-order mark, control characters or UTF-16 spaces: nothing once decoded
        raise EmptyInput("no characters but whitespace once decoded")
    draft = extract_forum(lines, uri=uri) or extract_article(lines)
    if not draft.text().strip():  # a record with an empty text would look like a success
        raise NoContent("no body text: every line was markup, a title or boilerplate")
    return draft


_DENSITY_VERDICTS = ("outside_main", "short_line")  # left out by position and density, not by a pattern


@dataclass
class _Zones:
    lines: list[str]
    verdict: list[str | None]  # None = main text, else why not (boilerplate reason or "outside_main")
    start: int  # first body line
    end: int  # one past the last body line


def extract_article(lines: list[str], *, whole_body: bool = False) -> Draft:
    """Title, standfirst, byline, dates, credits, publisher, body and captions of one article."""
    draft = Draft(kind="article", extractor="text")
    zones = _zones(unwrap(lines), draft, whole_body)
    vocabulary = _vocabulary(zones.lines)
    dates: list[str] = []
    title_at = _read_head(zones, draft, vocabulary, dates)
    _read_body(zones, draft, dates)
    _read_tail(zones, draft, dates)
    _set_dates(draft, dates)
    if title_at is None:
        draft.warnings.append("no title found")
    return draft


def unwrap(lines: list[str]) -> list[str]:
    """Logical lines: blank lines dropped, and lines of one block that were hard-wrapped joined again.

    A line wraps into the next when it leaves its sentence open and the next one starts in lower
    case or the block ends as a paragraph does; verse and lists end without a full stop.

    >>> unwrap(["Veteran Nollywood actress Kate Henshaw, who in 2008 won the", "Africa Movie Academy Award.", "", "Home"])
    ['Veteran Nollywood actress Kate Henshaw, who in 2008 won the Africa Movie Academy Award.', 'Home']
    """
    blocks: list[list[str]] = [[]]
    for raw in lines:
        line = raw.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    out: list[str] = []
    for block in blocks:
        closed = bool(block) and boilerplate.ends_sentence(block[-1])
        for i, line in enumerate(block):
            if i and _continues(block[i - 1], line) and (closed or line[:1].islower()):
                out[-1] += ("" if out[-1].endswith("-") else " ") + line
            else:
                out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    """`line` carries on the sentence `previous` left open: PDF text and copied pages wrap mid-sentence."""
    if boilerplate.ends_sentence(previous) or len(previous.split()) < WRAP_MIN_WORDS or not line[:1].isalpha():
        return False
    return line[:1].islower() or len(previous) >= WRAP_MIN_CHARS


def _zones(lines: list[str], draft: Draft, whole_body: bool = False) -> _Zones:
    """Drop repeated lines, grade the rest and place the body; a text with no prose keeps every line.

    `whole_body`: text from a PDF has no page chrome after its body starts, so from there on only
    lines a boilerplate pattern recognises are taken out, not lines the density search left aside.
    """
    seen: set[str] = set()
    unique: list[str] = []
    for line in lines:
        key = " ".join(line.casefold().split())
        if key in seen:
            draft.strip(line, "duplicate")
            continue
        seen.add(key)
        unique.append(line)
    verdict = boilerplate.main_content(unique)
    if not any(v is None for v in verdict):
        verdict = [boilerplate.classify_line(line) for line in unique]
    kept = [i for i, v in enumerate(verdict) if v is None]
    if not kept:
        return _Zones(unique, verdict, len(unique), len(unique))
    start = next((i for i in kept if _meta_kind(unique[i]) is None), kept[-1] + 1)
    if whole_body:
        verdict[start:] = [None if v in _DENSITY_VERDICTS else v for v in verdict[start:]]
        kept = [i for i, v in enumerate(verdict) if v is None]
    return _Zones(unique, verdict, start, max(kept[-1] + 1, start))


def _meta_kind(line: str) -> str | None:
    """Which metadata line this is ("standfirst", "byline", "credit", "date"), else None."""
    if metadata.standfirst(line):
        return "standfirst"
    if boilerplate.classify_line(line) in ("author_bio", "label", "caption"):
        return "skip"
    if metadata.parse_credit(line):
        return "credit"
    if metadata.parse_byline(line):
        return "byline"
    if metadata.date_in_line(line):
        return "date"
    return None


def _vocabulary(lines: list[str]) -> list[str]:
    """Sorted distinct lower-case words of the page, to tell a word cut short from a whole one."""
    return sorted({w for line in lines for w in _WORDS.findall(line.lower())})


def is_truncated(line: str, vocabulary: list[str], counts: dict[str, int]) -> bool:
    """A line cut mid-word: no end punctuation, and its last word occurs once but starts a longer word.

    Teaser and caption fields are often cut at a fixed length ("… supporters of Maulana Fazlullah in Pakista").
    """
    words = _WORDS.findall(line.lower())
    if not words or boilerplate.ends_sentence(line) or len(words[-1]) < 3 or counts.get(words[-1], 0) > 1:
        return False
    last = words[-1]
    i = bisect.bisect_right(vocabulary, last)
    return i < len(vocabulary) and vocabulary[i].startswith(last)


def is_keyword_list(line: str) -> bool:
    """'Taliban, officials, ISIS, mosque': comma-separated short items with no sentence around them."""
    items = [item.strip() for item in line.split(",")]
    return len(items) >= KEYWORD_LIST_MIN and all(0 < len(i.split()) <= 3 for i in items) and not boilerplate.ends_sentence(line)


def _script(text: str) -> str | None:
    """The script most of the text's letters are in; each pattern matches one character, so the count
    is what removing them takes off (findall's list of a 20 MB body's letters peaked at ~800 MB)."""
    counts = {name: len(text) - len(rx.sub("", text)) for name, rx in _SCRIPTS.items()}
    name, count = max(counts.items(), key=lambda kv: kv[1])
    return name if count else None


def _is_headline(line: str, body_script: str | None) -> bool:
    """Headline-shaped: a few words to a long sentence's worth, not ending in a full stop, in the body's script."""
    words = boilerplate.word_count(line)
    if not TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS or line.rstrip().endswith((".", ":", ";", ",")):
        return False
    if boilerplate.classify_line(line) or metadata.domain(line):
        return False
    return body_script is None or _script(line) == body_script


def _is_title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 > len(words)


def _read_head(zones: _Zones, draft: Draft, vocabulary: list[str], dates: list[str]) -> int | None:
    """Metadata above the body; returns the index of the title line (None when there is none)."""
    lines, start = zones.lines, zones.start
    body_script = _script(" ".join(lines[start : zones.end]))
    counts: dict[str, int] = {}
    for line in lines:
        for w in _WORDS.findall(line.lower()):
            counts[w] = counts.get(w, 0) + 1
    window = max(0, start - HEAD_WINDOW)
    roles: dict[int, str] = {}
    for i in range(window, start):
        roles[i] = _head_role(lines[i], draft, dates, body_script)

    def is_caption(line: str) -> bool:
        return is_truncated(line, vocabulary, counts) or is_keyword_list(line)

    title_at = _find_title(lines, roles, window, start, is_caption)
    for i in sorted(i for i, role in roles.items() if role == "caption?"):
        _strip_or_caption(draft, lines[i], "caption")
    if title_at is not None:
        draft.title = lines[title_at]
        roles[title_at] = "title"
        nxt = _next_candidate(roles, title_at, start)
        if nxt is not None and not draft.subtitle and _is_standfirst(lines[title_at], lines[nxt]):
            draft.subtitle = lines[nxt]
            roles[nxt] = "subtitle"
    masthead_end = title_at if title_at is not None else min(start, MASTHEAD_LINES)
    _read_masthead(lines[: min(masthead_end, MASTHEAD_LINES)], draft)
    for i in range(start):
        role = roles.get(i, "headline")
        if role in ("headline", "other", "chrome"):
            reason = "masthead" if title_at is not None and i < min(title_at, MASTHEAD_LINES) else zones.verdict[i] or "outside_main"
            draft.strip(lines[i], reason)
    return title_at


def _head_role(line: str, draft: Draft, dates: list[str], body_script: str | None) -> str:
    """Read one head line into the draft; its role: a metadata kind, "headline" (a title candidate) or "other"."""
    lead = metadata.standfirst(line)
    if lead:
        draft.subtitle = draft.subtitle or lead
        return "standfirst"
    reason = boilerplate.classify_line(line)
    if reason in ("author_bio", "label", "caption", "comment_footer"):
        _strip_or_caption(draft, line, reason)
        return reason
    credit = metadata.parse_credit(line)
    if credit:
        _take_credit(draft, credit, dates)
        draft.strip(line, "credit_line")
        return "credit"
    byline = metadata.parse_byline(line)
    if byline:
        draft.authors.extend(a for a in byline.authors if a not in draft.authors)
        if byline.date_raw:
            dates.append(byline.date_raw)
            draft.published_raw = draft.published_raw or byline.date_raw
        draft.strip(line, "byline")
        return "byline"
    raw = metadata.date_in_line(line)
    if raw:
        dates.append(raw)
        draft.published_raw = draft.published_raw or raw
        draft.strip(line, "date")
        return "date"
    if reason:
        return "chrome"
    return "headline" if _is_headline(line, body_script) else "other"


_SKIPPABLE = {"standfirst", "author_bio", "label", "caption", "caption?", "credit", "byline", "date", "comment_footer", "chrome"}


def _find_title(lines: list[str], roles: dict[int, str], window: int, start: int, is_caption) -> int | None:
    """Walk up from the body over metadata lines to the first headline; a shorter headline right
    above it is the title and the walked-to line its standfirst.

    Between a headline and the body, a line cut mid-word or a bare keyword list is a photo
    caption (role "caption?"), not a standfirst.
    """
    i = start - 1
    while i >= window:
        if roles[i] == "headline" and _headline_above(roles, i, window) and is_caption(lines[i]):
            roles[i] = "caption?"
        if roles[i] not in _SKIPPABLE:
            break
        i -= 1
    if i < window or roles[i] != "headline":
        return None
    above = i - 1
    if above >= window and roles[above] == "headline" and _is_standfirst(lines[above], lines[i]):
        return above
    return i


def _headline_above(roles: dict[int, str], i: int, window: int) -> bool:
    return any(roles[j] == "headline" for j in range(window, i))


def _next_candidate(roles: dict[int, str], title_at: int, start: int) -> int | None:
    nxt = title_at + 1
    return nxt if nxt < start and roles.get(nxt) == "headline" else None


def _is_standfirst(title: str, line: str) -> bool:
    """A standfirst under a title is longer than it and, unlike an English headline, in sentence case."""
    return len(line.split()) > len(title.split()) and not _is_title_case(line)


def _read_masthead(lines: list[str], draft: Draft) -> None:
    """Publisher from a masthead: a site name in capitals, else the site's URL line."""
    domains = [d for d in (metadata.domain(line) for line in lines) if d]
    draft.publisher = draft.publisher or metadata.masthead_name(lines) or (domains[0] if domains else None)


def _strip_or_caption(draft: Draft, line: str, reason: str) -> None:
    if reason == "caption":
        draft.captions.append(line)
    draft.strip(line, reason)


def _take_credit(draft: Draft, credit: metadata.Credit, dates: list[str]) -> None:
    draft.original_source = draft.original_source or credit.source
    if credit.date_raw:
        dates.append(credit.date_raw)
        draft.original_published = draft.original_published or credit.date_raw


def _read_body(zones: _Zones, draft: Draft, dates: list[str]) -> None:
    """Paragraphs of the main text, less credit lines and chrome inside it."""
    for i in range(zones.start, zones.end):
        line, reason = zones.lines[i], zones.verdict[i]
        credit = metadata.parse_credit(line) if reason is None and len(line.split()) <= CREDIT_MAX_WORDS else None
        if credit:
            _take_credit(draft, credit, dates)
            draft.strip(line, "credit_line")
        elif reason is not None:
            _strip_or_caption(draft, line, reason)
        else:
            draft.paragraphs.append(line)
    if draft.paragraphs:
        lead = metadata.parse_dateline(draft.paragraphs[0])
        if lead:
            draft.dateline = lead[0]
            draft.original_source = draft.original_source or lead[1]


def _read_tail(zones: _Zones, draft: Draft, dates: list[str]) -> None:
    """Credits and signatures just below the body; everything after it is stripped with its reason."""
    lines, end = zones.lines, zones.end
    i = end
    while i < len(lines):
        line = lines[i]
        near = i < end + TAIL_WINDOW
        credit = metadata.parse_credit(line) if near else None
        if credit:
            _take_credit(draft, credit, dates)
            draft.strip(line, "credit_line")
        elif near and i + 1 < len(lines) and metadata.is_signature(line, lines[i + 1]):
            draft.strip(line, "signature")
            draft.strip(lines[i + 1], "signature")
            i += 1
        else:
            _strip_or_caption(draft, line, zones.verdict[i] or "outside_main")
        i += 1


def _set_dates(draft: Draft, dates: list[str]) -> None:
    """Resolve day/month order once for the document, from every date it shows."""
    day_first = infer_day_first(dates)
    if draft.published_raw:
        draft.published = parse_date(draft.published_raw, day_first=day_first)
    if draft.original_published:
        draft.original_published = parse_date(draft.original_published, day_first=day_first)
