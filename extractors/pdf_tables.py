"""Tables on a PDF page: one line per row, cells in reading order, separated by CELL_SEPARATOR.

Word, LibreOffice and LaTeX write a table's cells as their own text blocks or as pieces of one
line far apart, so a row's cells share a baseline and little else: read as lines they run into
each other, and a right-to-left reading of a row's glyphs moves numbers across cells. A table is
found by shape: consecutive rows (three, or two of three cells or more) of the same number of
separate cells, each under the one above, short ones (prose set in two columns has long lines).
Its cells are read one by one, right to left on a right-to-left page.
"""
from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from extractors import pdf_stext

if TYPE_CHECKING:  # pdf_layout imports this module; the type is only for reading
    from extractors.pdf_layout import Line

Piece = tuple[str, float, float]  # a glyph or a span: (text, x0, x1)
CELL_SEPARATOR = " | "
MIN_ROWS = 3  # two rows of two cells are as often a cover's or a letterhead's two columns...
MIN_ROWS_WIDE, WIDE_ROW = 2, 3  # ...while two rows of three cells or more are a table (or its part on a page)
MAX_CELL_WORDS = 4.0  # mean words per cell: more is two columns of prose, not a table
CELL_GAP_EM = 0.8  # white space between two cells of a row, in em


class _Cell:
    __slots__ = ("line", "x0", "x1", "pieces")

    def __init__(self, line: Line, x0: float, x1: float, pieces: list[Piece]):
        self.line, self.x0, self.x1, self.pieces = line, x0, x1, pieces


def _groups(line: Line) -> list[tuple[float, float, list[Piece]]] | None:
    """`cell_groups` of a line's pieces (None: written in one run, nothing far apart); packed glyphs
    (`Line.pieces`) are read by `_stext.cells` as they are."""
    pieces = line.pieces or [(line.text, line.x0, line.x1)]
    return (pdf_stext.COMPILED.cells if pdf_stext.COMPILED else cell_groups)(pieces, CELL_GAP_EM * line.size)


def _cells(line: Line, groups: list[tuple[float, float, list[Piece]]] | None) -> list[_Cell]:
    """The pieces of a line that stand apart by a cell's gap (the whole line when none do)."""
    if groups is None:
        pieces = pdf_stext.COMPILED.unpacked(line.pieces) if isinstance(line.pieces, bytes) else line.pieces
        return [_Cell(line, line.x0, line.x1, pieces or [(line.text, line.x0, line.x1)])]
    return [_Cell(line, x0, x1, group) for x0, x1, group in groups]


def cell_groups(pieces: list[Piece], gap: float) -> list[tuple[float, float, list[Piece]]] | None:
    """(x0, x1, pieces) of each run of pieces apart from the next by `gap` or more, None when the line
    is one cell. `_stext.cells` is the same, compiled (this runs for every line of every page).

    >>> cell_groups([("a", 0, 5), (" ", 5, 8), ("b", 20, 25)], 9.6)
    [(0, 5, [('a', 0, 5)]), (20, 25, [('b', 20, 25)])]
    >>> cell_groups([("a", 0, 5), ("b", 6, 9)], 9.6) is None
    True
    """
    if not far_apart(pieces, gap):
        return None
    inked = sorted((p for p in pieces if not p[0].isspace()), key=lambda p: p[1])
    groups: list[list[Piece]] = []
    right = 0.0
    for piece in inked:
        if groups and piece[1] - right < gap:
            groups[-1].append(piece)
            right = max(right, piece[2])
        else:
            groups.append([piece])
            right = piece[2]
    if len(groups) < 2:
        return None
    order = {id(p): i for i, p in enumerate(pieces)}  # a ligature's letters in the order written
    return [(g[0][1], max(p[2] for p in g), sorted(g, key=lambda p: order[id(p)])) for g in groups]


def far_apart(pieces: list[Piece], gap: float) -> bool:
    """Two inked pieces next to each other in the stream with a cell's gap between them (either way round).

    >>> far_apart([("a", 0, 5), (" ", 5, 8), ("b", 20, 25)], 9.6), far_apart([("a", 0, 5), ("b", 6, 9)], 9.6)
    (True, False)
    """
    inked = [p for p in pieces if not p[0].isspace()]
    if len(inked) < 2:
        return False
    lefts = [p[1] for p in inked]
    rights = [p[2] for p in inked]
    # max() over map() runs in C
    return max(map(operator.sub, lefts[1:], rights)) >= gap or max(map(operator.sub, lefts, rights[1:])) >= gap


def _rows(cells: list[_Cell]) -> list[list[_Cell]]:
    """Cells grouped by the row they sit on, top to bottom, each row left to right."""
    rows: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda c: (c.line.y0 + c.line.y1) / 2):
        if rows and _same_row(rows[-1][0].line, cell.line):
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [sorted(row, key=lambda c: c.x0) for row in rows]


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _apart(row: list[_Cell]) -> bool:
    """Two or more pieces of text with clear space between them."""
    return len(row) >= 2 and all(b.x0 - a.x1 >= CELL_GAP_EM * min(a.line.size, b.line.size) for a, b in zip(row, row[1:]))


def _aligned(above: list[_Cell], row: list[_Cell]) -> bool:
    """Same number of cells, each under the one above it: the columns of one table."""
    return len(above) == len(row) and all(min(a.x1, b.x1) > max(a.x0, b.x0) for a, b in zip(above, row))


def table_rows(lines: list[Line], rtl_page: bool, text_of: Callable[[list[Piece], float], tuple[str, bool]]) -> tuple[list[Line], list[Line]]:
    """(row lines that replace the table's cells, the page lines they replace); both empty without a table.

    `text_of` reads a cell's pieces as text (the layout's own reading: right to left where needed)."""
    per_line = [_groups(line) for line in lines]  # cells made only where a table may be
    split = sum(groups is not None for groups in per_line)  # a line's groups are two or more, or None
    if split < MIN_ROWS_WIDE and split + _overlaps(lines, MIN_ROWS_WIDE - split) < MIN_ROWS_WIDE:
        return [], []  # at most one row can hold two cells (a running header beside its page number): no table
    cells = [cell for line, groups in zip(lines, per_line) for cell in _cells(line, groups)]
    found: list[Line] = []
    used: dict[int, Line] = {}
    run: list[list[_Cell]] = []
    for row in _rows(cells) + [[]]:
        if row and _apart(row) and (not run or _aligned(run[-1], row)):
            run.append(row)
            continue
        if len(run) >= (MIN_ROWS if len(run[0]) < WIDE_ROW else MIN_ROWS_WIDE) if run else False:
            texts = [[" ".join(text_of(c.pieces, c.line.size)[0].split()) for c in cells] for cells in run]
            if sum(len(t.split()) for row_texts in texts for t in row_texts) <= MAX_CELL_WORDS * sum(map(len, texts)):
                for cells, row_texts in zip(run, texts):
                    found.append(_row_line(cells, row_texts, rtl_page))
                    used.update((id(c.line), c.line) for c in cells)
        run = [row] if row and _apart(row) else []
    return found, list(used.values())


def _overlaps(lines: list[Line], enough: int) -> int:
    """Lines that could share a row with a line above them (`_same_row`), counted up to `enough`.
    A row of two cells is a line of separate pieces or lines on one row: each such row counts one
    at least, so fewer than two of both means no two rows with two cells, no table. (Mere overlap
    is no test: tightly set lines overlap their neighbours by their ascenders and descenders.)"""
    found, above = 0, []
    for line in sorted(lines, key=lambda ln: ln.y0):
        above = [a for a in above if a.y1 > line.y0]
        if any(_same_row(a, line) for a in above):
            found += 1
            if found >= enough:
                break
        above.append(line)
    return found


def _row_line(cells: list[_Cell], texts: list[str], rtl_page: bool) -> Line:
    ordered = [t for _, t in sorted(zip(cells, texts), key=lambda ct: -ct[0].x1)] if rtl_page else texts
    lines = [c.line for c in cells]
    return replace(
        lines[0], text=CELL_SEPARATOR.join(ordered), x0=min(c.x0 for c in cells), x1=max(c.x1 for c in cells),
        y0=min(ln.y0 for ln in lines), y1=max(ln.y1 for ln in lines), size=max(ln.size for ln in lines),
        rtl=rtl_page, table_row=True, column_start=False, pieces=None,
    )
