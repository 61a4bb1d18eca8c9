"""The compiled reader (extractors/_stext.c) gives what the Python reading gives: the same rows,
glyphs and spans as pymupdf's `rawdict` / `dict`, the same right-to-left text, the same records."""
from __future__ import annotations

import logging
import random
import sys
from pathlib import Path

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pdf_fixtures as F
from extractors import pdf_layout, pdf_stext
from extractors.pdf import extract_pdf
from normalizers import rtl

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf")) + sorted((ROOT.parent / "shared" / "eval" / "pdf").glob("*.pdf"))
NAMES = [p.name for p in PDFS] + ["generated english", "generated english+persian"]


def pdf_bytes(name: str) -> bytes:
    if name == "generated english":
        return F.long_pdf(4)
    if name == "generated english+persian":
        if not F.have_font():
            pytest.skip(f"{F.NASKH} missing: run scripts/ci-system-deps.sh")
        return F.long_pdf(6, persian_every=3)
    return next(p for p in PDFS if p.name == name).read_bytes()


@pytest.fixture(autouse=True)
def compiled():
    assert pdf_stext.COMPILED is not None, "extractors._stext is not built: pip install -e ."
    return pdf_stext.COMPILED


def python_blocks(textpage: pymupdf.TextPage, raw: bool) -> list:
    reader = pdf_layout._Reader(raw, False, None, set())
    blocks = (textpage.extractRAWDICT() if raw else textpage.extractDICT())["blocks"]
    return [(tuple(b["bbox"]), [reader.line(row) for row in pdf_layout._rows(b["lines"])]) for b in blocks]


def compiled_blocks(textpage: pymupdf.TextPage, raw: bool) -> list:
    reader = pdf_layout._Reader(raw, False, None, set())
    rows = pdf_stext.COMPILED.rows(pdf_stext.address(textpage), raw)
    return [(tuple(box), [reader.compiled_line(row) for row in rows]) for *box, rows in rows]


@pytest.mark.parametrize("name", NAMES)
def test_rows_are_pymupdfs(name):
    """Every page both ways (glyphs and spans): block boxes, row boxes, sizes, bold, glyphs, text."""
    with pymupdf.open(stream=pdf_bytes(name), filetype="pdf") as doc:
        for page in doc:
            textpage = page.get_textpage(flags=pdf_layout.FLAGS)
            spans = textpage.extractDICT()["blocks"]
            assert pdf_stext.COMPILED.page_text(pdf_stext.address(textpage)) == "".join(
                s["text"] for b in spans for ln in b["lines"] for s in ln["spans"])
            for raw in (False, True):
                assert compiled_blocks(textpage, raw) == python_blocks(textpage, raw), (page.number, raw)
            address, rawdict = pdf_stext.address(textpage), textpage.extractRAWDICT()["blocks"]
            assert pdf_stext.COMPILED.unresolved_fonts(address) == pdf_layout._unresolved_fonts(rawdict)
            plain = [row[7:] for *_box, rows in pdf_stext.COMPILED.rows(address, True, True) for row in rows]
            chars = [[c for ln in lines for s in ln["spans"] for c in s["chars"]]
                     for b in rawdict for lines in pdf_layout._rows(b["lines"])]
            assert plain == [([(c["c"], c["bbox"][0], c["bbox"][2]) for c in cs], [c["origin"] for c in cs]) for cs in chars]


def glyph_lines() -> list[tuple[list, float]]:
    """(glyphs, size) of every line of every PDF here, as the compiled reader gives them."""
    found = []
    for path in PDFS:
        with pymupdf.open(path) as doc:
            for page in doc:
                textpage = page.get_textpage(flags=pdf_layout.FLAGS)
                for *_box, rows in pdf_stext.COMPILED.rows(pdf_stext.address(textpage), True):
                    found += [(row[7], row[4]) for row in rows]
    return found


def made_up_lines(count: int) -> list[tuple[list, float]]:
    """Right-to-left lines with what trips the readings: marks, ZWNJ, zero-width riders, spaces
    with and without advance, digits, Latin, overlaps, both stream directions."""
    rng = random.Random(14)
    alphabet = "بسملاهینو" + "ﺑﺴﻤﻼﺏﺐﺒ" + " " * 3 + "\u200c\u064e" + "۱۲12ab()[]«»<" + "\u06d5"
    lines = []
    for _ in range(count):
        size = rng.choice((9.0, 11.0, 12.5))
        x, glyphs = 500.0, []
        for _ in range(rng.randint(1, 30)):
            ch = rng.choice(alphabet)
            width = rng.choice((0.0, 0.3, 2.0, 5.5)) if ch in " \u200c\u064e" else rng.uniform(2, 7)
            x -= width + rng.choice((0.0, 0.0, 0.2, 1.0, 3.0, -0.5))
            glyphs.append((ch, x, x + width))
        lines.append((glyphs[::-1] if rng.random() < 0.3 else glyphs, size))
    return lines


def test_right_to_left_loops_are_pythons():
    """The compiled loops of `written_in_order`, `rtl._one_way_parts` and `rtl._logical_parts` give
    what the Python ones give, on every line of the PDFs here and on made-up lines that hit every branch."""
    lines = glyph_lines() + made_up_lines(5000)
    for glyphs, size in lines:
        assert pdf_stext.COMPILED.written_in_order(list(glyphs), size) == pdf_layout.runs_in_order(list(glyphs), size), glyphs
        assert pdf_stext.COMPILED.one_way_parts(glyphs, size) == rtl._one_way_parts(glyphs, size), glyphs
        assert pdf_stext.COMPILED.logical_parts(glyphs, size) == rtl._logical_parts(glyphs, size), glyphs
    simple = sum(pdf_layout.runs_in_order(g, s) is not None for g, s in lines)
    one_way = sum(rtl._one_way_parts(g, s) is not None for g, s in lines)
    assert simple > 100 and one_way > 100  # both readings were exercised, not only their refusals


@pytest.mark.parametrize("name", NAMES)
def test_records_are_the_python_readings(monkeypatch, name):
    """extract_pdf with the compiled reader and without it: the same record."""
    data = pdf_bytes(name)
    compiled = vars(extract_pdf(data, uri="a.pdf", ocr=False))
    monkeypatch.setattr(pdf_stext, "COMPILED", None)
    python = vars(extract_pdf(data, uri="a.pdf", ocr=False))
    assert compiled == python


@pytest.mark.ocr
def test_ocr_records_are_the_python_readings(monkeypatch):
    """OCR'd pages are read in Python either way; the pages beside them are not."""
    if not pymupdf.get_tessdata():
        pytest.skip("Tesseract missing: run scripts/ci-system-deps.sh")
    data = pdf_bytes("scanned-thesis.pdf")
    compiled = vars(extract_pdf(data, uri="a.pdf"))
    monkeypatch.setattr(pdf_stext, "COMPILED", None)
    python = vars(extract_pdf(data, uri="a.pdf"))
    assert compiled == python and compiled["pdf"]["ocr_pages"]


def test_not_built_means_python_reading_and_one_warning(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "extractors._stext", None)  # import fails as if never built
    monkeypatch.delattr(sys.modules["extractors"], "_stext")
    with caplog.at_level(logging.WARNING, logger="extractors.pdf_stext"):
        assert pdf_stext._load() is None
    assert len(caplog.records) == 1 and "not built" in caplog.text


def test_other_mupdf_means_python_reading(monkeypatch, caplog):
    monkeypatch.setattr(pymupdf, "mupdf_version", "0.0.1")
    with caplog.at_level(logging.WARNING, logger="extractors.pdf_stext"):
        assert pdf_stext._load() is None
    assert "built for MuPDF" in caplog.text


def test_stale_build_means_python_reading(monkeypatch, caplog):
    monkeypatch.setattr(pdf_stext, "API", pdf_stext.API + 1)
    with caplog.at_level(logging.WARNING, logger="extractors.pdf_stext"):
        assert pdf_stext._load() is None
    assert "other sources" in caplog.text


def test_quad_corrections_on_means_python_reading(monkeypatch):
    """With pymupdf's glyph box corrections switched on, only pymupdf knows the boxes."""
    monkeypatch.setattr(pymupdf.TOOLS, "unset_quad_corrections", staticmethod(lambda on=None: False))
    with pymupdf.open(stream=F.long_pdf(1), filetype="pdf") as doc:
        assert pdf_stext.address(doc[0].get_textpage()) is None


def test_cells_are_pythons():
    """`_stext.cells` (the table search's split of every line) against `pdf_tables.cell_groups`."""
    from extractors import pdf_tables
    lines = glyph_lines() + made_up_lines(2000)
    lines += [([("word", 0.0, 20.0), ("  ", 20.0, 60.0), ("", 61.0, 61.0), ("cell", 70.0, 90.0)], 10.0)]
    found = 0
    for pieces, size in lines:
        for gap in (0.8 * size, 3.0):
            assert pdf_stext.COMPILED.cells(pieces, gap) == pdf_tables.cell_groups(pieces, gap), pieces
            found += pdf_tables.cell_groups(pieces, gap) is not None
    assert found > 100


GLYPH_CHARS = st.characters(blacklist_categories=("Cs",)) | st.sampled_from("بسملاهﺑﺴﻼ ()«»۱1a\u200c\u064e\u06d5")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(GLYPH_CHARS, st.floats(-50, 600), st.floats(0, 12)), max_size=25), st.floats(1, 40))
def test_compiled_loops_on_any_glyphs(raw, size):
    """Any characters (non-BMP, controls, marks) at any finite positions: the same answers, no crash."""
    glyphs = [(ch, x0, x0 + width) for ch, x0, width in raw]
    assert pdf_stext.COMPILED.written_in_order(list(glyphs), size) == pdf_layout.runs_in_order(list(glyphs), size)
    if glyphs:
        assert pdf_stext.COMPILED.one_way_parts(glyphs, size) == rtl._one_way_parts(glyphs, size)
    assert pdf_stext.COMPILED.logical_parts(glyphs, size) == rtl._logical_parts(glyphs, size)
    from extractors import pdf_tables
    assert pdf_stext.COMPILED.cells(glyphs, size) == pdf_tables.cell_groups(glyphs, size)


LINE_END_CHARS = st.characters(blacklist_categories=("Cs",)) | st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF) | st.sampled_from("\u06d5\u06d5بهی\u06c6\u06a4 \u200c")


@settings(max_examples=500, deadline=None)
@given(st.text(LINE_END_CHARS, max_size=30), st.sets(st.sampled_from(["rtl_reordered", "xepersian_heh", "spaces_from_glyph_gaps"])))
def test_finished_is_pythons(text, fixes):
    """A line's last step (XePersian's heh, presentation forms folded): the same text, the same
    fixes, the same set updated, for any text (every presentation form, Sorani, non-BMP)."""
    python_fixes, compiled_fixes = set(fixes), set(fixes)
    assert pdf_stext.COMPILED.finished(text, compiled_fixes) == rtl._finished(text, python_fixes)
    assert compiled_fixes == python_fixes


def test_finished_on_every_presentation_form():
    """Each presentation form alone, and after XePersian's heh: folded by the table rtl gives."""
    for code in range(0xFB50, 0xFF00):
        for text in (chr(code), "\u06d5" + chr(code) + "ب"):
            assert pdf_stext.COMPILED.finished(text, set()) == rtl._finished(text, set()), hex(code)
