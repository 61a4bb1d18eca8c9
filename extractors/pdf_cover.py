"""Cover-page metadata: the title, who wrote it and in what role, the institution and the date.

Theses and reports print these on their first page and leave the PDF's /Info empty or full of
producer junk. The title is the largest text of the page that is not an invocation ("بسم الله"),
a pledge, a document kind ("پایان‌نامه کارشناسی ارشد") or a labelled line; people come from
labelled lines ("نگارش:", "استاد راهنما:" — the label's own line or the line under it), the
institution from its naming word ("دانشگاه", "University"), the date from a short line that parses
as one (Solar Hijri dates are converted, the printed form kept). The words are data:
normalizers/data/pdf_cover.json.
"""
from __future__ import annotations

import functools
import itertools
import json
import re
from dataclasses import dataclass, field

from extractors.pdf_layout import Line
from normalizers import vocab
from normalizers.dates import Dated, parse_dated

SAME_SIZE = 0.5  # points: lines this close in size belong to one item (a title wrapped over two lines)
ITEM_GAP = 0.9  # em of white space that still joins two lines of one item
TITLE_SIZE_RATIO = 1.15  # a title is set at least this much larger than the body text
TITLE_MAX_WORDS = 30  # longer is a sentence (a pledge, an abstract), not a title
TITLE_MIN_LETTERS = 3
SHORT_LINE_WORDS = 10  # labelled names, institutions and dates are short lines
NAME_LINE_WORDS = 8  # a line of names under a label: two names with honorifics at most
MONTH_ONLY_DAY = "15"  # "بهمن ۱۴۰۱" is dated by its month's middle day, then kept to the month
# the name joiners every reader uses (metadata_labels.json: 'and', 'و', Pashto 'او'...) and list marks
NAME_SPLIT = re.compile(r"\s*(?:[،,;؛/]|\s(?:" + "|".join(w for w in vocab.load("metadata_labels")["name_joiners"] if w.isalpha()) + r")\s)\s*")
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _data() -> dict:
    return vocab.load("pdf_cover")


def _phrases_rx(phrases: list[str]) -> str:
    """Longest first, spaces and ZWNJ interchangeable ("تهیه کننده" / "تهیه‌کننده")."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", "[\\s\u200c]+") for p in ordered)


@functools.cache
def _rx(key: str, *, labelled: bool = False) -> re.Pattern:
    """A phrase list as a pattern anchored at the line start; a label may be followed by a colon."""
    body = _phrases_rx(_data()[key])
    tail = r"\s*[:：]?\s*" if labelled else r"(?![^\W\d_])"
    return re.compile(rf"^\s*(?:{body}){tail}", re.IGNORECASE)


@functools.cache
def _role_rx() -> tuple[re.Pattern, tuple[str, ...]]:
    """One pattern with every label of every role, longest label first across roles, each label its
    own group, and the role of each group: the first label that matches wins, as if each were tried
    in turn (100 labels tried one call each cost 30 us a line)."""
    labels = [(label, role) for role, words in _data()["roles"].items() for label in words]
    labels.sort(key=lambda lr: len(lr[0]), reverse=True)
    alternatives = "|".join(rf"({_phrases_rx([label])})(?:\s*[:：]\s*|\s+|$)" for label, _ in labels)
    return re.compile(rf"^\s*(?:{alternatives})", re.IGNORECASE), tuple(role for _, role in labels)


@functools.cache
def _anywhere(key: str) -> re.Pattern:
    return re.compile(rf"(?<![^\W\d_])(?:{_phrases_rx(_data()[key])})(?![^\W\d_])", re.IGNORECASE)


@dataclass
class Item:
    """One or more consecutive lines of the same size: a cover's unit of meaning. What the cover
    rules ask of its text is worked out once per item (people, title and date rules ask the same
    line up to three times, 5-10 us a pattern), never kept across documents."""

    text: str
    size: float
    lines: list[str] = field(default_factory=list)

    @functools.cached_property
    def words(self) -> int:
        return len(self.text.split())

    @functools.cached_property
    def role(self) -> tuple[str, str] | None:
        return role_of(self.text)

    @functools.cached_property
    def dated(self) -> Dated | None:
        return _dated(self.text)

    @functools.cached_property
    def institution(self) -> bool:
        return _anywhere("institution").match(self.text) is not None

    @functools.cached_property
    def title_candidate(self) -> bool:
        return _title_candidate(self)


@dataclass
class Cover:
    title: str | None = None
    title_lines: list[str] = field(default_factory=list)  # the body paragraphs the title was read from
    contributors: list[dict] = field(default_factory=list)  # {"name", "role"}
    institution: str | None = None
    published: str | None = None
    published_raw: str | None = None
    calendar: str | None = None  # what published_raw is written in: gregorian | solar_hijri | hijri

    @property
    def found(self) -> bool:
        """A cover page, not an article's first page: it names an institution or people in roles
        other than author (a byline alone is any article's)."""
        return bool(self.institution or any(c["role"] != "author" for c in self.contributors))

    def names(self, role: str) -> list[str]:
        return [c["name"] for c in self.contributors if c["role"] == role]


def items(lines: list[Line]) -> list[Item]:
    """Lines grouped into items: same size, close together."""
    out: list[Item] = []
    prev: Line | None = None
    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        if prev and out and abs(prev.size - line.size) <= SAME_SIZE and line.y0 - prev.y1 <= ITEM_GAP * line.size:
            out[-1].text += " " + text
            out[-1].lines.append(text)
        else:
            out.append(Item(text, line.size, [text]))
        prev = line
    return out


def role_of(text: str) -> tuple[str, str] | None:
    """(role, what follows the label) when the line starts with a role label.

    >>> role_of("استاد راهنما: دکتر احمد رحیمی"), role_of("تهیه‌کننده: علی محمدی"), role_of("نگارش:")
    (('supervisor', 'دکتر احمد رحیمی'), ('author', 'علی محمدی'), ('author', ''))
    """
    rx, roles = _role_rx()
    m = rx.match(text)
    return (roles[m.lastindex - 1], text[m.end():].strip()) if m else None


def clean_names(text: str) -> list[str]:
    """Names on a labelled line, honorifics off ("دکتر احمد رحیمی و دکتر سارا نوری" -> two names).

    >>> clean_names("دکتر احمد رحیمی و دکتر سارا نوری")
    ['احمد رحیمی', 'سارا نوری']
    """
    honorific = _rx("honorifics")
    names = []
    for part in NAME_SPLIT.split(text.strip(" :：.-–")):
        name = part.strip()
        while True:
            m = honorific.match(name)
            if not m or m.end() == 0:
                break
            name = name[m.end():].strip(" .")
        if _LETTER.search(name) and len(name.split()) <= 6:
            names.append(name)
    return names


def is_invocation(text: str) -> bool:
    """A short line that opens a document with an invocation: the document's own text (not a
    publication's masthead, however it is set), and never its title.

    >>> is_invocation("بسمه تعالی"), is_invocation("بسم الله الرحمن الرحیم"), is_invocation("افغانستان آزاد")
    (True, True, False)
    """
    return len(text.split()) <= SHORT_LINE_WORDS and _rx("invocations").match(text) is not None


def cover_date(text: str) -> str | None:
    """ISO date of a cover's date line, Solar Hijri and month-only forms included.

    >>> cover_date("تاریخ: ۱۴۰۲/۰۵/۱۲"), cover_date("بهمن ۱۴۰۱"), cover_date("فصل اول")
    ('2023-08-03', '2023-02', None)
    """
    dated = _dated(text)
    return dated.iso if dated else None


def _dated(text: str) -> Dated | None:
    """The date of a short line, with the calendar it was written in; a month alone ("بهمن ۱۴۰۱")
    is dated by its middle day, then kept to the Gregorian month that day falls in."""
    if len(text.split()) > SHORT_LINE_WORDS or not re.search(r"\d", text):
        return None
    bare = _rx("date_labels", labelled=True).sub("", text).strip()
    dated = parse_dated(bare)
    if dated:
        return dated
    month_only = parse_dated(f"{MONTH_ONLY_DAY} {bare}") if len(bare.split()) <= 3 else None
    return Dated(month_only.iso[:7], month_only.calendar) if month_only else None


def _letters_up_to(text: str, enough: int) -> int:
    """Letters in the text, counted up to `enough` (a page-long line is not walked to its end)."""
    return sum(1 for _ in itertools.islice(_LETTER.finditer(text), enough))


def _title_candidate(item: Item) -> bool:
    text = item.text
    if item.words > TITLE_MAX_WORDS or _letters_up_to(text, TITLE_MIN_LETTERS) < TITLE_MIN_LETTERS:
        return False
    if item.role or _rx("not_title").match(text) or _rx("invocations").match(text) or _anywhere("document_kind").search(text):
        return False
    return not item.institution and _iso(item) is None


def _iso(item: Item) -> str | None:
    """`cover_date` of the item's text."""
    return item.dated.iso if item.dated else None


def read_cover(lines: list[Line], body_size: float, taken: set[str] = frozenset()) -> Cover:
    """What the first page's lines say about the document; `body_size` is the body text's font size.

    `taken`: lines the plain-text rules read as a masthead or byline; on a page that is no cover
    they are not the title (a newspaper's name is set larger than its headline)."""
    cover = Cover()
    grouped = items(lines)
    _people(grouped, cover)
    for item in grouped:
        if item.words > SHORT_LINE_WORDS:
            continue
        if cover.institution is None and item.institution:
            cover.institution = item.text
        if cover.published is None:
            dated = item.dated
            if dated:
                cover.published, cover.published_raw, cover.calendar = dated.iso, item.text, dated.calendar
    labelled = _labelled_title(grouped)
    candidates = [i for i in grouped if i.title_candidate and not _is_name(i, cover)]
    best = labelled or max(candidates, key=lambda i: i.size, default=None)
    masthead = {" ".join(t.split()) for t in taken}
    if best and not labelled and not cover.found and masthead & {best.text, *best.lines}:
        # the text rules read the largest line as a masthead: a newspaper's name over its headline
        rest = [i for i in candidates if not masthead & {i.text, *i.lines} and i.size >= TITLE_SIZE_RATIO * body_size]
        best = max(rest, key=lambda i: i.size, default=None) or best
    if best and (labelled or best.size >= TITLE_SIZE_RATIO * body_size):
        cover.title, cover.title_lines = best.text, best.lines
    return cover


def _labelled_title(grouped: list[Item]) -> Item | None:
    """'عنوان: …' on one line, or the label alone with the title on the next item."""
    label = _rx("title_labels", labelled=True)
    for i, item in enumerate(grouped):
        m = label.match(item.text)
        if not m or (m.end() < len(item.text) and not item.text[: m.end()].rstrip().endswith((":", "："))):
            continue
        rest = item.text[m.end():].strip()
        if rest:
            return Item(rest, item.size, item.lines)
        if i + 1 < len(grouped) and grouped[i + 1].title_candidate:
            return grouped[i + 1]
    return None


def _people(grouped: list[Item], cover: Cover) -> None:
    """Labelled names: on the label's line, or on the items under a label that stands alone."""
    pending: str | None = None
    for item in grouped:
        if item.words > SHORT_LINE_WORDS:
            pending = None
            continue
        found = item.role
        if found:
            role, rest = found
            pending = None if rest else role
            _add(cover, role, clean_names(rest))
        elif pending:
            names = clean_names(item.text) if item.words <= NAME_LINE_WORDS else []
            if not names or item.institution or _iso(item):
                pending = None
                continue
            _add(cover, pending, names)


def _add(cover: Cover, role: str, names: list[str]) -> None:
    for name in names:
        entry = {"name": name, "role": role}
        if entry not in cover.contributors:
            cover.contributors.append(entry)


def _is_name(item: Item, cover: Cover) -> bool:
    return any(c["name"] in item.text and len(item.text) <= len(c["name"]) + 20 for c in cover.contributors)
