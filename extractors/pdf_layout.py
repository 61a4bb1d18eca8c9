"""One PDF page to its text lines in reading order, with positions, sizes and the column they sit in.

pymupdf's `dict` output is enough for left-to-right text and fast; a page with Arabic-script text
is read again from the same TextPage as `rawdict` (glyph positions), and each of its lines is
rebuilt by `normalizers.rtl`. Lines are put in reading order by blocks: blocks that cross the
middle of the text area run top to bottom, and between two of them side-by-side blocks are read as
columns (left first, or right first on a right-to-left page).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import re
import unicodedata

import pymupdf

from normalizers.rtl import has_rtl, logical_line

# Ligatures kept as drawn: MuPDF's own expansion also splits Arabic presentation forms, before
# any reordering, so "ﻼ" comes out as "ال" (مثلا -> مثال); we fold them after reordering, and the
# Latin ones (ﬁ) here. Whitespace as plain spaces, images skipped (they cost time and carry no
# text), and unmapped glyphs as U+FFFD instead of their glyph ids ("random letters").
FLAGS = pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_PRESERVE_LIGATURES
LATIN_LIGATURES = re.compile("[\ufb00-\ufb06]")
UNMAPPED = "\ufffd"
SAME_ROW = 0.3  # two pymupdf lines whose baselines differ by less than this (in em) are one row
BOLD_FLAG = 16


@dataclass(slots=True)
class Line:
    """A visual line of text (one row of one block)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool = False
    rtl: bool = False
    upright: bool = True
    frame: tuple[float, float] = (0.0, 0.0)  # left and right edge of the column it is set in
    column_start: bool = False  # first line of a column other than the page's first


@dataclass
class Page:
    number: int
    width: float
    height: float
    trim: tuple[float, float, float, float]
    lines: list[Line] = field(default_factory=list)
    fixes: set[str] = field(default_factory=set)
    glyphs: int = 0
    unmapped: int = 0


@dataclass
class _Block:
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[Line]


def read_page(page: pymupdf.Page) -> Page:
    """Lines of one page in reading order (the pymupdf page can be dropped afterwards)."""
    trim = page.trimbox if page.trimbox != page.mediabox else page.cropbox
    out = Page(page.number, page.rect.width, page.rect.height, tuple(trim))
    textpage = page.get_textpage(flags=FLAGS)
    blocks = textpage.extractDICT()["blocks"]
    raw = has_rtl("".join(s["text"] for b in blocks for ln in b["lines"] for s in ln["spans"]))
    if raw:
        blocks = textpage.extractRAWDICT()["blocks"]
    found = []
    for b in blocks:
        lines = [_line(row, raw, out.fixes) for row in _rows(b["lines"])]
        lines = [ln for ln in lines if ln.text.strip()]
        if lines:
            found.append(_Block(*b["bbox"], lines))
    rtl_chars = sum(len(ln.text) for bl in found for ln in bl.lines if ln.rtl)
    out.glyphs = sum(len(ln.text) for bl in found for ln in bl.lines)
    out.unmapped = sum(ln.text.count(UNMAPPED) for bl in found for ln in bl.lines)
    out.lines = [ln for bl in _reading_order(found, rtl_chars * 2 > out.glyphs) for ln in bl.lines]
    return out


def _rows(lines: list[dict]) -> list[list[dict]]:
    """pymupdf splits a mixed-direction row into several lines; put them back together."""
    rows: list[list[dict]] = []
    for ln in lines:
        if not ln["spans"]:
            continue
        base, size = ln["spans"][0]["origin"][1], ln["spans"][0]["size"]
        if rows:
            prev = rows[-1][-1]["spans"][0]
            if abs(prev["origin"][1] - base) < SAME_ROW * max(size, prev["size"]) and ln["dir"] == rows[-1][-1]["dir"]:
                rows[-1].append(ln)
                continue
        rows.append([ln])
    return rows


def _line(row: list[dict], raw: bool, fixes: set[str]) -> Line:
    spans = [s for ln in row for s in ln["spans"]]
    main = max(spans, key=lambda s: len(s.get("text") or s.get("chars", ())))
    size = main["size"]
    x0 = min(ln["bbox"][0] for ln in row)
    y0 = min(ln["bbox"][1] for ln in row)
    x1 = max(ln["bbox"][2] for ln in row)
    y1 = max(ln["bbox"][3] for ln in row)
    dx, dy = row[0]["dir"]
    if raw:
        glyphs = [(c["c"], c["bbox"][0], c["bbox"][2]) for s in spans for c in s["chars"]]
        text = "".join(g[0] for g in glyphs)
        if has_rtl(text):
            text, fired = logical_line(glyphs, size)
            fixes.update(fired)
            return Line(text, x0, y0, x1, y1, size, bool(main["flags"] & BOLD_FLAG), has_rtl(text), abs(dy) < 0.05 and dx > 0)
        text = "".join(g[0] for g in sorted(glyphs, key=lambda g: g[1]))
    else:
        text = "".join(s["text"] for s in sorted(spans, key=lambda s: s["bbox"][0]))
    if LATIN_LIGATURES.search(text):
        text = LATIN_LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
        fixes.add("ligatures_expanded")
    return Line(text, x0, y0, x1, y1, size, bool(main["flags"] & BOLD_FLAG), False, abs(dy) < 0.05 and dx > 0)


def _reading_order(blocks: list[_Block], rtl_page: bool) -> list[_Block]:
    """Full-width blocks top to bottom; between them, side-by-side blocks column by column."""
    upright = [b for b in blocks if all(ln.upright for ln in b.lines)]
    if not upright:
        return blocks
    left, right = min(b.x0 for b in upright), max(b.x1 for b in upright)
    mid, slack = (left + right) / 2, 0.02 * (right - left)
    ordered: list[_Block] = []
    section: list[_Block] = []
    for block in sorted(upright, key=lambda b: (b.y0, b.x0)):
        if block.x0 < mid - slack and block.x1 > mid + slack:
            ordered += _columns(section, mid, rtl_page, (left, right))
            section = []
            _frame(block, (left, right))
            ordered.append(block)
        else:
            section.append(block)
    ordered += _columns(section, mid, rtl_page, (left, right))
    return ordered + [b for b in blocks if b not in upright]


def _columns(section: list[_Block], mid: float, rtl_page: bool, page_frame: tuple[float, float]) -> list[_Block]:
    west = [b for b in section if (b.x0 + b.x1) / 2 < mid]
    east = [b for b in section if (b.x0 + b.x1) / 2 >= mid]
    side_by_side = any(w.y0 < e.y1 and e.y0 < w.y1 for w in west for e in east)
    if not side_by_side:
        for block in section:
            _frame(block, page_frame)
        return section
    first, second = (east, west) if rtl_page else (west, east)
    for column in (first, second):
        frame = (min(b.x0 for b in column), max(b.x1 for b in column))
        for block in column:
            _frame(block, frame)
    second[0].lines[0].column_start = True
    return first + second


def _frame(block: _Block, frame: tuple[float, float]) -> None:
    for ln in block.lines:
        ln.frame = frame
