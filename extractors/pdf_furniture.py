"""Page furniture: what is printed on a page but is not the document's text.

Running headers and footers are lines near the top or bottom edge that come back on other pages
at the same height, once digits are masked (so "Page 3" and "Page 4" are the same line). Page
numbers, printer's slugs and crop marks outside the trim box, and rotated watermarks are
recognised on a single page. Each removed line keeps its reason, for `Draft.stripped`.
"""
from __future__ import annotations

import re
from collections import Counter

from extractors.pdf_layout import Line, Page
from normalizers.pagination import OF, PAGE

EDGE_BAND = 0.12  # share of the page height, top and bottom, where running lines live
Y_BUCKET = 12.0  # points: a running line may move a little between pages
MIN_REPEATS = 3  # pages a line must recur on, digits masked (all pages, for shorter documents)
EXACT_REPEATS = 2  # ...or word for word: LaTeX leaves the running header off chapter pages
BARE_NUMBER_CHARS = 12  # "- 1234 -" and its spaces
NUMBERED_PAGES = 2  # pages whose end lines count up with the page index: those are page numbers

# Whole-line patterns, matched case-insensitively on a line in the top or bottom band.
PAGE_NUMBER = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?",
        r"(?-i:[ivxlc]{1,6})",  # front matter numbers are lower-case; "Civil" is not one
        rf"(?:{PAGE})\s*\d{{1,4}}(?:\s*(?:{OF})\s*\d{{1,4}})?",  # 'Page 3', 'Seite 3 von 10', 'صفحه ۳ از ۱۰'
        rf"\d{{1,4}}\s*(?:{OF})\s*\d{{1,4}}",  # '3 of 10', '3/10'
    )
)
# Printer's slugs: InDesign/Quark file names with page and time, printed outside the trim box.
SLUG = re.compile(r"\.(indd|qxd|qxp|pdf)\b.*\d", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def _mask(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def is_page_number(text: str) -> bool:
    """A line that only numbers the page.

    >>> is_page_number("Page 3 of 10"), is_page_number("صفحه ۱۲"), is_page_number("2014 was hard")
    (True, True, False)
    """
    text = text.strip()
    return any(p.fullmatch(text) for p in PAGE_NUMBER)


def _edge(line: Line, page: Page) -> str | None:
    if line.y1 <= page.height * EDGE_BAND:
        return "top"
    if line.y0 >= page.height * (1 - EDGE_BAND):
        return "bottom"
    return None


def _outside_trim(line: Line, page: Page) -> bool:
    x0, y0, x1, y1 = page.trim
    return line.x1 <= x0 or line.x0 >= x1 or line.y1 <= y0 or line.y0 >= y1


def _bare_number(line: Line) -> int | None:
    """The value of a line that is only a number ("12", "۱۲", "- 12 -"), else None."""
    digits = re.fullmatch(r"[-–—(\[]?\s*(\d{1,4})\s*[-–—)\]]?", line.text.strip())
    return int(digits.group(1)) if digits else None


def _ends(page: Page) -> list[Line]:
    """The top and bottom line of a page."""
    if not page.lines:
        return []
    return [min(page.lines, key=lambda ln: ln.y0), max(page.lines, key=lambda ln: ln.y1)]


def _exact(line: Line) -> tuple[str, int]:
    return " ".join(line.text.split()), round((line.y0 + line.y1) / 2 / Y_BUCKET)


def _key(line: Line) -> tuple[str, int]:
    return _mask(line.text), round((line.y0 + line.y1) / 2 / Y_BUCKET)


class Furniture:
    """Collects edge lines over all pages, then says which line of a page is furniture and why.

    Only the few edge lines of each page are kept, so a long document costs little memory."""

    def __init__(self) -> None:
        self.pages = 0
        self.seen: Counter[tuple[str, int]] = Counter()
        self.exact: Counter[tuple[str, int]] = Counter()
        self.offsets: Counter[int] = Counter()  # printed number - page index, of bare numbers at a page's top or foot

    def observe(self, page: Page) -> None:
        self.pages += 1
        self.seen.update({_key(ln) for ln in page.lines if _edge(ln, page)})
        self.exact.update({_exact(ln) for ln in page.lines if _edge(ln, page)})
        self.offsets.update({n - page.number for n in map(_bare_number, _ends(page)) if n is not None})

    def _numbered(self, line: Line, page: Page) -> bool:
        """A bare number that is the page's first or last line and counts up with the pages
        (printed where the margins put it, maybe outside the edge band)."""
        number = _bare_number(line) if len(line.text) <= BARE_NUMBER_CHARS else None
        return number is not None and self.offsets[number - page.number] >= NUMBERED_PAGES and line in _ends(page)

    def reason(self, line: Line, page: Page) -> str | None:
        """Why `line` is furniture ("running_header", "page_number", ...), or None for text."""
        if not line.upright:
            return "watermark"
        if _outside_trim(line, page) or SLUG.search(line.text):
            return "crop_marks"
        edge = _edge(line, page)
        if edge is None:
            return "page_number" if self._numbered(line, page) else None
        if is_page_number(line.text):
            return "page_number"
        if self.pages > 1 and (self.seen[_key(line)] >= min(MIN_REPEATS, self.pages) or self.exact[_exact(line)] >= EXACT_REPEATS):
            return "running_header" if edge == "top" else "running_footer"
        return None
