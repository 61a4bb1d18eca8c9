"""One PDF page to its text lines in reading order, with positions, sizes and the column they sit in.

pymupdf's `dict` output is enough for left-to-right text and fast; a page with Arabic-script text
is read again from the same TextPage as `rawdict` (glyph positions), and each of its lines is
rebuilt by `normalizers.rtl`. Where the compiled reader is built (`pdf_stext`), it gives the same
rows and glyphs straight from MuPDF's TextPage, and the per-glyph loops of the right-to-left
readings run compiled; the Python reading stays as the reference and for OCR'd pages, broken fonts
and Windows-1256 text. Lines are put in reading order by blocks: blocks that cross the
middle of the text area run top to bottom, and between two of them side-by-side blocks are read as
columns (left first, or right first on a right-to-left page).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import itertools
import operator
import re
import unicodedata
import weakref

import pymupdf
from pymupdf import mupdf

from extractors import pdf_stext
from extractors.pdf_glyphs import UNMAPPED, UNRESOLVED, GlyphRepair, from_windows_1256, origin_key, windows_1256_text
from extractors.pdf_tables import table_rows
from normalizers.rtl import ZWNJ, has_rtl, logical_line

# Ligatures kept as drawn: MuPDF's own expansion also splits Arabic presentation forms, before
# any reordering, so "ﻼ" comes out as "ال" (مثلا -> مثال); we fold them after reordering, and the
# Latin ones (ﬁ) here. Whitespace as plain spaces, images skipped (they cost time and carry no
# text), and unmapped glyphs as U+FFFD instead of their glyph ids ("random letters").
FLAGS = pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_PRESERVE_LIGATURES
LATIN_LIGATURES = re.compile("[\ufb00-\ufb06]")
SAME_ROW = 0.3  # two pymupdf lines whose baselines differ by less than this (in em) are one row
BOLD_FLAG = 16
# Lines that can only be right-to-left letters, marks, ZWNJ, spaces and sentence punctuation: no
# digits, Latin, brackets, presentation forms or U+06D5 (XePersian's heh), which need normalizers.rtl.
SIMPLE_RTL = re.compile("[\u0621-\u064a\u064b-\u065f\u066e-\u06d3\u06d6-\u06ed\u06fa-\u06ff\u200c .,،؛:!؟]+")
TOUCH, WORD_GAP = 0.05, 0.15  # em: normalizers.rtl's letters-touch and word-space gaps
ALEFS = "اآأإٱ"  # the letters lam joins into the one mandatory Arabic-script ligature
EDGE = 0.01  # points: narrower than this a glyph has no width (it rides on a neighbour)
_first, _second, _third = (operator.itemgetter(i) for i in range(3))  # a glyph's or span's text, x0, x1: mapped in C over a line
_char = operator.itemgetter("c")  # of a rawdict character


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
    table_row: bool = False  # a table's row, its cells joined by pdf_tables.CELL_SEPARATOR
    # its glyphs or spans (text, x0, x1), for pdf_tables; a right-to-left row the compiled reader read keeps
    # its glyphs packed (bytes: `_stext.unpacked` makes the tuples where a table may be)
    pieces: list[tuple[str, float, float]] | bytes | None = None


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
    glyph_level: bool = False  # read from `rawdict`: the next page of the document likely is too
    traced: bool = False  # its unresolved glyphs looked up in its fonts (a texttrace): the next page's likely are too


@dataclass
class _Block:
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[Line]


def read_page(page: pymupdf.Page, repair: GlyphRepair | None = None, textpage: pymupdf.TextPage | None = None,
              patch: list[tuple[str, float, float, float, float]] | None = None, expect_glyphs: bool = False,
              expect_trace: bool = False) -> Page:
    """Lines of one page in reading order (the pymupdf page can be dropped afterwards).

    `repair` recovers glyphs the ToUnicode map leaves out (`pdf_glyphs`); `textpage` is an OCR
    result to read instead of the page's own text layer; `patch`, OCR'd words (`ocr_words`) for
    the words that still hold an unmapped glyph. `expect_glyphs` (the previous page needed
    `rawdict`) decides from the page's plain text instead of its `dict`, which would be thrown
    away: one TextPage, one extraction of it in the common case either way. (Deciding from a
    `rawdict` read first was tried: a left-to-right page after a right-to-left one then pays for
    a `rawdict` thrown away, 18% slower on a document with a Persian page in three.)
    `expect_trace` (the previous page's glyphs were looked up in its fonts, `Page.traced`) makes
    the TextPage from a display list that the texttrace then replays (`pdf_glyphs.texttrace`)."""
    rect = page.rect
    out = Page(page.number, rect.width, rect.height, _trim(page))
    ocr = textpage is not None
    display_list = None
    if not ocr and expect_trace and repair is not None and page.rotation == 0:
        textpage, display_list = _listed_textpage(page)
    textpage = textpage or page.get_textpage(flags=FLAGS)
    compiled = None if ocr or patch else pdf_stext.address(textpage)
    text = pdf_stext.COMPILED.page_text(compiled) if compiled else None
    blocks = None
    if text is None:
        compiled = None
        blocks = None if expect_glyphs else textpage.extractDICT()["blocks"]
        text = textpage.extractText() if blocks is None else "".join(s["text"] for b in blocks for ln in b["lines"] for s in ln["spans"])
    unresolved_glyphs = UNRESOLVED.search(text) is not None
    legacy = not has_rtl(text) and windows_1256_text(text)
    raw = needs_glyphs(text, repair is not None and unresolved_glyphs, legacy)
    out.glyph_level = raw
    repairing = repair is not None and unresolved_glyphs
    fonts = pdf_stext.COMPILED.unresolved_fonts(compiled) if compiled and repairing else set()
    if fonts is None:  # a font name only pymupdf spells right
        compiled = None
    if not compiled and raw:
        blocks = textpage.extractRAWDICT()["blocks"]
        fonts = _unresolved_fonts(blocks) if repairing else set()
    elif not compiled and blocks is None:
        blocks = textpage.extractDICT()["blocks"]
    recovered = repair.page(page, fonts, display_list) if repairing else {}
    out.traced = bool(recovered)
    if any(t for texts in recovered.values() for t in texts):
        out.fixes.add("glyphs_from_font_program")
    if compiled:  # unresolved glyphs repaired in C (`_glyphs`, consuming `recovered`); Windows-1256 ones come as written, with their origins, for Python
        compiled_blocks = pdf_stext.COMPILED.rows(compiled, raw, legacy, recovered if unresolved_glyphs and not legacy else None, True)
    if legacy:
        out.fixes.add("windows_1256_font")
    reader = _Reader(raw, ocr, recovered if unresolved_glyphs else None, out.fixes, legacy)
    reader.patch, reader.compiled = patch, bool(compiled)
    if compiled:
        found = _found((box, map(reader.compiled_line, rows)) for *box, rows in compiled_blocks)
    else:
        found = _found((b["bbox"], map(reader.line, _rows(b["lines"]))) for b in blocks)
    rtl_chars = sum(len(ln.text) for bl in found for ln in bl.lines if ln.rtl)
    page_text = "".join([ln.text for bl in found for ln in bl.lines])  # UNMAPPED is one character: no count spans two lines
    out.glyphs, out.unmapped = len(page_text), page_text.count(UNMAPPED)
    rtl_page = rtl_chars * 2 > out.glyphs
    found = _tables(found, rtl_page, out.fixes, reader)
    out.lines = [ln for bl in _reading_order(found, rtl_page) for ln in bl.lines]
    for ln in out.lines:
        ln.pieces = None  # only table detection needs them
    return out


def _listed_textpage(page: pymupdf.Page) -> tuple[pymupdf.TextPage, pymupdf.DisplayList]:
    """The page's TextPage made from its display list, and the list: MuPDF interprets the page
    once for the TextPage and the texttrace. What `page.get_textpage` gives (the same device fed
    the same calls; tests/test_pdf_stext.py compares the two on every page), and a page that needs
    no trace pays 0-20% more for its TextPage, so the list is made only where a trace is expected."""
    display_list = page.get_displaylist()
    textpage = pymupdf.TextPage(display_list.get_textpage(flags=FLAGS))
    textpage.parent = weakref.proxy(page)
    return textpage, display_list


def _found(blocks) -> list[_Block]:
    """(bbox, Lines) of each block to the blocks that hold text."""
    found = []
    for box, lines in blocks:
        lines = [ln for ln in lines if ln.text.strip()]
        if lines:
            found.append(_Block(*box, lines))
    return found


def needs_glyphs(text: str, repairable: bool, legacy: bool) -> bool:
    """The page is read glyph by glyph (`rawdict`), decided from its plain text: Arabic-script
    lines are put in logical order from glyph positions, glyphs a font program may recover are
    placed by their origin (`repairable`), a Windows-1256 font is decoded glyph by glyph
    (`legacy`). Any other page is read from `dict` spans: the same lines, with less than half of
    MuPDF's work and none of ours per glyph (tests/test_pdf.py reads pages both ways).

    >>> needs_glyphs("Annual report", False, False), needs_glyphs("گزارش سالانه", False, False)
    (False, True)
    """
    return has_rtl(text) or repairable or legacy


def _unresolved_fonts(blocks: list[dict]) -> set[str]:
    """Names of the fonts whose spans (of a `rawdict`) hold a glyph without a character."""
    return {s["font"] for b in blocks for ln in b["lines"] for s in ln["spans"] if UNRESOLVED.search("".join(map(_char, s["chars"])))}


def _trim(page: pymupdf.Page) -> tuple[float, float, float, float]:
    """The trim box, else the crop box (also where a producer set the trim box to the media box).

    Each of pymupdf's box properties costs as much as reading a short line of text: the TrimBox
    entry is looked up first, and the media box only when there is one; the entry found is turned
    into `page.trimbox` here (its formula: the media box read once, not three times)."""
    entry = mupdf.pdf_dict_get(pymupdf._as_pdf_page(page).obj(), mupdf.PDF_ENUM_NAME_TrimBox)
    if not mupdf.pdf_is_array(entry):
        return tuple(page.cropbox)
    box, media = mupdf.pdf_to_rect(entry), page.mediabox
    trim = page.cropbox if mupdf.fz_is_infinite_rect(box) else pymupdf.Rect(box.x0, media.y1 - box.y1, box.x1, media.y1 - box.y0)
    return tuple(page.cropbox if trim == media else trim)


def _tables(blocks: list[_Block], rtl_page: bool, fixes: set[str], reader: _Reader) -> list[_Block]:
    """Table cells out of their blocks, into one block of row lines (`pdf_tables`)."""
    rows, used = table_rows([ln for b in blocks for ln in b.lines if ln.upright], rtl_page, reader.text)
    if not rows:
        return blocks
    fixes.add("table_rows")
    taken = {id(ln) for ln in used}
    kept = []
    for b in blocks:
        lines = [ln for ln in b.lines if id(ln) not in taken]
        if lines:
            kept.append(_Block(min(ln.x0 for ln in lines), min(ln.y0 for ln in lines), max(ln.x1 for ln in lines), max(ln.y1 for ln in lines), lines))
    table = _Block(min(r.x0 for r in rows), min(r.y0 for r in rows), max(r.x1 for r in rows), max(r.y1 for r in rows), rows)
    return kept + [table]


class _Reader:
    """Turns pymupdf rows into Lines: glyph by glyph (`rawdict`) on pages with Arabic script or
    unresolved glyphs, span by span (`dict`) elsewhere."""

    def __init__(self, raw: bool, ocr: bool, recovered: dict[tuple[float, float], list[str]] | None, fixes: set[str], legacy: bool = False):
        self.raw, self.ocr, self.recovered, self.fixes, self.legacy = raw, ocr, recovered, fixes, legacy
        self.patch: list[tuple[str, float, float, float, float]] | None = None
        self.compiled = False  # the page's rows came from the compiled reader: its glyphs are one character each

    def line(self, row: list[dict]) -> Line:
        spans = row[0]["spans"] if len(row) == 1 else [s for ln in row for s in ln["spans"]]
        main = spans[0] if len(spans) == 1 else max(spans, key=lambda s: len(s.get("text") or s.get("chars", ())))
        size = main["size"]
        box = row[0]["bbox"] if len(row) == 1 else (
            min(ln["bbox"][0] for ln in row), min(ln["bbox"][1] for ln in row),
            max(ln["bbox"][2] for ln in row), max(ln["bbox"][3] for ln in row))
        dx, dy = row[0]["dir"]
        bold, upright = bool(main["flags"] & BOLD_FLAG), abs(dy) < 0.05 and dx > 0
        if self.raw:
            chars = spans[0]["chars"] if len(spans) == 1 else [c for s in spans for c in s["chars"]]
            written = [(c["c"], c["bbox"][0], c["bbox"][2]) for c in chars]
            glyphs = self.glyphs(written, [c["origin"] for c in chars] if self.recovered is not None else ())
            if self.ocr and has_rtl("".join(map(_first, glyphs))):
                glyphs = [g for ln in row for g in _tesseract_words(ln)]
            if self.patch and any(g[0] == UNMAPPED for g in glyphs):
                glyphs = _patched(glyphs, box[1], box[3], self.patch)
                self.fixes.add("words_from_ocr")
            text, rtl = self.text(glyphs, size)
            return Line(text, *box, size, bold, rtl, upright, pieces=glyphs)
        pieces = [(s["text"], s["bbox"][0], s["bbox"][2]) for s in spans]
        text, _ = self.text(pieces, size)
        return Line(text, *box, size, bold, False, upright, pieces=pieces)

    def glyphs(self, written: list[tuple[str, float, float]], origins: list[tuple[float, float]]) -> list[tuple[str, float, float]]:
        """A line's glyphs as written (char, x0, x1) to the glyphs it is read from: Windows-1256
        letters decoded, unresolved glyphs recovered (`origins`: where each glyph was drawn, for
        the font program's answers), lam-alef riders put after their lam."""
        if self.legacy:
            written = [(from_windows_1256(ch), x0, x1) for ch, x0, x1 in written]
        if self.recovered is not None:
            return _glyphs(written, origins, self.recovered)
        return _riders_after_base(written)

    def compiled_line(self, row: tuple) -> Line:
        """A row as the compiled reader gives it (`pdf_stext`): what `line` makes of the same row
        (never an OCR'd one). Glyph-level rows end with their glyphs' origins (Windows-1256 ones,
        decoded here, else None) and their reading (text, rtl, fixes) where the reader made it
        (right-to-left rows; the twin of `text`), else None."""
        x0, y0, x1, y1, size, bold, upright, pieces, *rest = row
        origins, reading = rest or (None, None)
        if origins is not None:
            pieces = self.glyphs(pieces, origins)
        if reading is None:  # as written (decoded here), or a row the reader found no right-to-left letter in
            text, rtl = self.text(pieces, size) if origins is not None else self.left_to_right(pieces)
        else:
            text, rtl, fired = reading
            self.fixes.update(fired)
        return Line(text, x0, y0, x1, y1, size, bold, rtl, upright, pieces=pieces)

    def text(self, pieces: list[tuple[str, float, float]], size: float) -> tuple[str, bool]:
        """The logical text of the glyphs (or spans) of one visual line, and whether it runs right to left.
        On a page the compiled reader read, a right-to-left line (a table's cell) is read by its twin,
        `_stext.line_reading` (tests/test_pdf_stext.py), at a fifth of the cost."""
        if self.raw and self.compiled:
            reading = pdf_stext.COMPILED.line_reading(pieces, size)
            if reading is not None:
                text, rtl, fired = reading
                self.fixes.update(fired)
                return text, rtl
        text = "".join(map(_first, pieces))
        if self.raw and has_rtl(text):
            simple = written_in_order(pieces, text, size)
            if simple is not None:
                self.fixes.add("rtl_reordered")
                return simple, True
            text, fired = logical_line(pieces, size, pdf_stext.COMPILED)
            self.fixes.update(fired)
            return text, has_rtl(text)
        return self.left_to_right(pieces, text)

    def left_to_right(self, pieces: list[tuple[str, float, float]], text: str | None = None) -> tuple[str, bool]:
        """`text` of a line without right-to-left letters: pieces left to right, Latin ligatures expanded."""
        if len(pieces) > 1:
            text = "".join(p[0] for p in sorted(pieces, key=lambda p: p[1]))
        elif text is None:
            text = "".join(map(_first, pieces))
        if LATIN_LIGATURES.search(text):
            text = LATIN_LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
            self.fixes.add("ligatures_expanded")
        return text, False


def written_in_order(glyphs: list[tuple[str, float, float]], text: str, size: float) -> str | None:
    """The text of a right-to-left line whose producer wrote each run in logical order, spaces and
    all (LibreOffice, Word): runs of glyphs going right to left, put right to left, each word apart
    by a space glyph, no digit, Latin letter, bracket or contextual form among them. None when the
    line needs `logical_line`; where both apply they give the same text, this one without the cost.

    >>> written_in_order([(" ", 3, 6), ("ب", 0, 3), ("س", 20, 26), ("ل", 15, 20), ("ا", 12, 15), ("م", 6, 12)], "", 12)
    'سلام ب'
    """
    text = text or "".join(map(_first, glyphs))
    if not SIMPLE_RTL.fullmatch(text):
        return None
    if pdf_stext.COMPILED is not None:
        return pdf_stext.COMPILED.written_in_order(glyphs, size)
    return runs_in_order(glyphs, size)


def runs_in_order(glyphs: list[tuple[str, float, float]], size: float) -> str | None:
    """`written_in_order` after its text test, in Python (the reference of `_stext.written_in_order`)."""
    touch, word_gap = TOUCH * size, WORD_GAP * size
    runs: list[list[tuple[str, float, float]]] = []
    for glyph in glyphs:
        ch, x0, x1 = glyph
        if x1 - x0 < EDGE or ch == ZWNJ:
            if not (unicodedata.combining(ch) or ch == ZWNJ) or not runs:
                return None  # a rider: ActualText or a ligature's second letter
            runs[-1].append((ch, x0, x0))  # a mark or ZWNJ belongs where the stream put it
        elif runs and x1 <= runs[-1][-1][1] + touch and (runs[-1][-1][2] - runs[-1][-1][1] >= EDGE or len(runs[-1]) > 1):
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    runs.sort(key=lambda run: -run[0][2])
    previous = None
    for glyph in (g for run in runs for g in run if g[2] - g[1] >= EDGE):
        ch, x0, x1 = glyph
        if ch == " " and x1 - x0 < touch:
            return None  # a space with no advance: a ZWNJ drawn as one
        if previous is not None:
            gap = previous[1] - x1
            if gap < -touch or (gap > word_gap and " " not in (ch, previous[0])):
                return None  # overlapping runs, or a word space the PDF did not write
        previous = glyph
    return " ".join("".join(g[0] for run in runs for g in run).split())


def _glyphs(written: list[tuple[str, float, float]], origins: list[tuple[float, float]],
            recovered: dict[tuple[float, float], list[str]]) -> list[tuple[str, float, float]]:
    """(char, x0, x1) of a line; a glyph the font program told us about takes its text, and a
    ligature's further letters ride on it at zero width (as ActualText does). Only the unresolved
    glyphs are visited one by one (a glyph is one code point: text index = glyph index)."""
    text = "".join(map(_first, written))
    if not UNRESOLVED.search(text):  # most lines of such a page: nothing to look up
        return _riders_after_base(written, text)
    actual_text = _has_actual_text(written)
    if not recovered and not actual_text:  # the page's fonts told nothing: every unresolved glyph is U+FFFD
        text = UNRESOLVED.sub(UNMAPPED, text)
        return _riders_after_base([(ch, g[1], g[2]) for ch, g in zip(text, written)], text)
    out: list[tuple[str, float, float]] = []
    start = 0
    for found in UNRESOLVED.finditer(text):
        i = found.start()
        out += written[start:i]
        start = i + 1
        if actual_text:
            continue  # MuPDF gives both an ActualText string and the unmapped glyphs it stands for
        texts = recovered.get(origin_key(origins[i]))
        _, x0, x1 = written[i]
        piece = (texts.pop(0) if texts else "") or UNMAPPED
        out.append((piece[0], x0, x1))
        if len(piece) > 1:  # a ligature: its further letters ride at the glyph's end
            out.extend((rest, x1, x1) for rest in piece[1:])
    out += written[start:]
    return _riders_after_base(out)


def _has_actual_text(glyphs: list[tuple[str, float, float]]) -> bool:
    """A line carrying an ActualText string: letters after the first arrive at one spot, zero width.
    The zero-width glyphs are found over whole lists; only they are looked at one by one."""
    widths = map(operator.sub, map(_third, glyphs[1:]), map(_second, glyphs[1:]))
    narrow = itertools.compress(range(1, len(glyphs)), map(operator.gt, itertools.repeat(EDGE), widths))
    return any(glyphs[i - 1][0].isalpha() and glyphs[i][0].isalpha() and not unicodedata.combining(glyphs[i][0]) for i in narrow)


def _riders_after_base(glyphs: list[tuple[str, float, float]], text: str | None = None) -> list[tuple[str, float, float]]:
    """The lam-alef glyph mapped to two letters ("لا", as LibreOffice writes it) comes out of MuPDF
    as a zero-width alef at the glyph's right edge, then the lam; put the lam first, so the alef
    rides on it as on an ActualText glyph ("لا", not "ال"). Only the glyphs before a lam are
    looked at (`text`: the glyphs' characters joined, one each)."""
    text = "".join(map(_first, glyphs)) if text is None else text
    if "ل" not in text:
        return glyphs
    out = list(glyphs)
    for lam in re.finditer("ل", text):
        i = lam.start() - 1
        if i < 0:
            continue
        rider, base = out[i], out[i + 1]
        if rider[0] in ALEFS and rider[2] - rider[1] < EDGE and abs(base[2] - rider[1]) < EDGE:
            out[i], out[i + 1] = (base[0], base[1], base[2]), (rider[0], base[2], base[2])
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


def _tesseract_words(line: dict) -> list[tuple[str, float, float]]:
    """An OCR'd right-to-left line as one glyph per word, its letters riding at zero width."""
    return [g for text, left, right, _top, _bottom in _ocr_words(line) for g in _word_glyphs(text, left, right)]


def _word_glyphs(text: str, left: float, right: float) -> list[tuple[str, float, float]]:
    """A word as one glyph spanning its box, its further letters riding on it at zero width."""
    return [(text[0], left, right)] + [(ch, right, right) for ch in text[1:]]


def _ocr_words(line: dict) -> list[tuple[str, float, float, float, float]]:
    """(text, x0, x1, y0, y1) of each word of an OCR'd line.

    Tesseract gives each word's letters in logical order, and MuPDF hands them on as they came or
    reversed; the letter boxes are too rough to re-sort ("از" comes out "زا"), so within a word the
    stream order stands (turned round when the line's letters run left to right), and only words
    are placed by position."""
    chars = [c for s in line["spans"] for c in s["chars"]]
    letters = [c for c in chars if has_rtl(c["c"])]
    backwards = sum(b["bbox"][0] > a["bbox"][0] for a, b in zip(letters, letters[1:])) * 2 > len(letters) - 1
    words: list[list[dict]] = [[]]
    for c in chars:
        if c["c"].isspace():
            words.append([])
        else:
            words[-1].append(c)
    out = []
    for word in filter(None, words):
        text = "".join(c["c"] for c in word)
        out.append((text[::-1] if backwards else text, min(c["bbox"][0] for c in word), max(c["bbox"][2] for c in word),
                    min(c["bbox"][1] for c in word), max(c["bbox"][3] for c in word)))
    return out


def ocr_words(textpage: pymupdf.TextPage) -> list[tuple[str, float, float, float, float]]:
    """Every word Tesseract read on a page, with its box: what patches unmapped glyphs (`patch=`)."""
    return [w for b in textpage.extractRAWDICT()["blocks"] for ln in b.get("lines", ()) for w in _ocr_words(ln)]


def _replaceable(ch: str) -> bool:
    """A glyph an OCR'd Arabic-script word may stand in for: unmapped, of that script, a mark, ZWNJ
    or punctuation; not a Latin letter or a European digit."""
    return ch == UNMAPPED or has_rtl(ch) or unicodedata.category(ch)[0] in "MPZ" or unicodedata.category(ch) == "Cf"


def _over_arabic_only(word: tuple[str, float, float, float, float], glyphs: list[tuple[str, float, float]]) -> bool:
    """The OCR'd word's box covers Arabic-script (or unmapped) glyphs only: replacing them loses nothing else."""
    inside = (g[0] for g in glyphs if word[1] <= (g[1] + g[2]) / 2 <= word[2])
    return all(_replaceable(ch) or ch.isspace() for ch in inside)


def _patched(glyphs: list[tuple[str, float, float]], top: float, bottom: float,
             words: list[tuple[str, float, float, float, float]]) -> list[tuple[str, float, float]]:
    """Arabic-script words holding an unmapped glyph replaced by the OCR'd word drawn at the same
    place (an unmapped glyph between Latin ones is left: OCR in an Arabic model only errs there)."""
    middle = (top + bottom) / 2
    here = [w for w in words if w[3] <= middle <= w[4] and all(map(_replaceable, w[0]))]  # Arabic-script words only
    covering = []
    ordered = sorted((g for g in glyphs if not g[0].isspace()), key=lambda g: g[1])
    for i, (ch, x0, x1) in enumerate(ordered):
        if ch == UNMAPPED and any(has_rtl(n[0]) for n in ordered[max(0, i - 1) : i + 2] if n[0] != UNMAPPED):
            centre = (x0 + x1) / 2
            word = next((w for w in here if w[1] <= centre <= w[2]), None)
            if word and word not in covering and _over_arabic_only(word, glyphs):
                covering.append(word)
    if not covering:
        return glyphs
    kept = [g for g in glyphs if not (_replaceable(g[0]) and any(w[1] <= (g[1] + g[2]) / 2 <= w[2] for w in covering))]
    return kept + [g for w in covering for g in _word_glyphs(w[0], w[1], w[2])]


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
    straight = {id(b) for b in upright}
    return ordered + [b for b in blocks if id(b) not in straight]


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
