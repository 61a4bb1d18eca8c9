"""Tables on a PDF page: one line per row, cells in reading order, separated by CELL_SEPARATOR.

Word, LibreOffice and LaTeX write each cell as its own text block, so a row's cells share a
baseline but nothing else; read block by block they come out column after column, and a
right-to-left reading of the row's glyphs reorders numbers across cells. A table is found by
shape: consecutive rows (three, or two of three cells or more) of the same number of separate
cells, each under the one above, short ones (prose set in two columns has long lines). Its cells are read one by one, right to left on a right-to-left page.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pdf_layout imports this module; the types are only for reading
    from extractors.pdf_layout import Line

CELL_SEPARATOR = " | "
MIN_ROWS = 3  # two rows of two cells are as often a cover's or a letterhead's two columns...
MIN_ROWS_WIDE, WIDE_ROW = 2, 3  # ...while two rows of three cells or more are a table (or its part on a page)
MAX_CELL_WORDS = 4.0  # mean words per cell: more is two columns of prose, not a table
CELL_GAP_EM = 0.8  # white space between two cells of a row, in em


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by the row they sit on, top to bottom, each row left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.y0 + ln.y1) / 2):
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _cells(row: list[Line]) -> bool:
    """Two or more pieces of text with clear space between them."""
    return len(row) >= 2 and all(b.x0 - a.x1 >= CELL_GAP_EM * min(a.size, b.size) for a, b in zip(row, row[1:]))


def _aligned(above: list[Line], row: list[Line]) -> bool:
    """Same number of cells, each under the one above it: the columns of one table."""
    return len(above) == len(row) and all(min(a.x1, b.x1) > max(a.x0, b.x0) for a, b in zip(above, row))


def _is_table(rows: list[list[Line]]) -> bool:
    cells = [ln for row in rows for ln in row]
    if not rows or len(rows) < (MIN_ROWS if len(rows[0]) < WIDE_ROW else MIN_ROWS_WIDE):
        return False
    return sum(len(c.text.split()) for c in cells) / len(cells) <= MAX_CELL_WORDS


def table_rows(lines: list[Line], rtl_page: bool) -> tuple[list[Line], list[Line]]:
    """(row lines that replace the table cells, the page lines they replace); both empty without a table.

    A page line may hold several cells already (`Line.cells`: one text block, one baseline)."""
    parent = {}
    pieces = []
    for line in lines:
        for piece in line.cells or [line]:
            parent[id(piece)] = line
            pieces.append(piece)
    found: list[Line] = []
    used: dict[int, Line] = {}
    run: list[list[Line]] = []
    for row in _rows(pieces) + [[]]:
        if row and _cells(row) and (not run or _aligned(run[-1], row)):
            run.append(row)
            continue
        if _is_table(run):
            for cells in run:
                found.append(_row_line(cells, rtl_page))
                used.update((id(parent[id(c)]), parent[id(c)]) for c in cells)
        run = []
    return found, list(used.values())


def _row_line(cells: list[Line], rtl_page: bool) -> Line:
    ordered = sorted(cells, key=lambda ln: -ln.x1) if rtl_page else cells
    text = CELL_SEPARATOR.join(" ".join(c.text.split()) for c in ordered)
    return replace(
        cells[0], text=text, x0=min(c.x0 for c in cells), x1=max(c.x1 for c in cells),
        y0=min(c.y0 for c in cells), y1=max(c.y1 for c in cells), size=max(c.size for c in cells),
        rtl=rtl_page, table_row=True, column_start=False, cells=None,
    )
