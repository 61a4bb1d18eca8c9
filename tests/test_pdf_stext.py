"""The compiled reader (extractors/_stext.c) gives what the Python reading gives: the same rows,
glyphs and spans as pymupdf's `rawdict` / `dict`, the same right-to-left text, the same records."""
from __future__ import annotations

import copy
import logging
import random
import struct
import sys
from pathlib import Path

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pdf_fixtures as F
from extractors import pdf_glyphs, pdf_layout, pdf_stext
from extractors.pdf import extract_pdf
from extractors.pdf_glyphs import FontGlyphs, GlyphRepair
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
            plain = [row[7:9] for *_box, rows in pdf_stext.COMPILED.rows(address, True, True) for row in rows]
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


def packed(glyphs: list) -> bytes:
    """Glyphs as `rows(..., packed=True)` keeps them: `_stext.c`'s G after G (struct "@Idd")."""
    return b"".join(struct.pack("@Idd", ord(ch), x0, x1) for ch, x0, x1 in glyphs)


def test_packed_rows_are_the_rows():
    """`rows(..., packed=True)`: a row read in C (its reading not None) keeps its glyphs packed and
    nothing else changes: unpacked, every row of every page here (and every repaired row, with the
    fonts' answers and with none) is the row of `rows()`; `cells` splits the packed glyphs as it
    splits the tuples."""
    compiled, kept = pdf_stext.COMPILED, 0
    pages = [(page, {}) for path in PDFS for page in pymupdf.open(path)]
    pages += [(page, repair.page(page, fonts)) for page, repair, fonts in repair_pages()]
    for page, recovered in pages:
        textpage = page.get_textpage(flags=pdf_layout.FLAGS)
        address = pdf_stext.address(textpage)
        want = compiled.rows(address, True, False, copy.deepcopy(recovered) or None)
        got = compiled.rows(address, True, False, copy.deepcopy(recovered) or None, True)
        assert [box for *box, _ in got] == [box for *box, _ in want]
        for (*_, rows), (*_, wanted) in zip(got, want):
            assert len(rows) == len(wanted)
            for row, row_wanted in zip(rows, wanted):
                assert isinstance(row[7], bytes) == (row_wanted[9] is not None)
                assert (*row[:7], compiled.unpacked(row[7]), *row[8:]) == row_wanted
                if isinstance(row[7], bytes):
                    kept += 1
                    assert row[7] == packed(row_wanted[7])
                    for gap in (0.8 * row[4], 3.0):
                        assert compiled.cells(row[7], gap) == compiled.cells(row_wanted[7], gap)
    assert kept > 300


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
    one_char = [g for g in glyphs if len(g[0]) == 1]  # what a packed row holds: one character a glyph
    assert pdf_stext.COMPILED.cells(packed(one_char), size) == pdf_tables.cell_groups(one_char, size)
    assert pdf_stext.COMPILED.unpacked(packed(one_char)) == one_char
    assert pdf_stext.COMPILED.unpacked(one_char) is one_char


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


def repair_pages() -> list[tuple[pymupdf.Page, GlyphRepair, set[str]]]:
    """(page, its document's GlyphRepair, fonts holding unresolved glyphs) of every page here that has such glyphs."""
    found = []
    for path in PDFS:
        doc = pymupdf.open(path)
        repair = GlyphRepair(doc)
        for page in doc:
            textpage = page.get_textpage(flags=pdf_layout.FLAGS)  # held: the compiled reader reads its memory
            fonts = pdf_stext.COMPILED.unresolved_fonts(pdf_stext.address(textpage))
            if fonts:
                found.append((page, repair, fonts))
    return found


def keyed(found: dict) -> list:
    """A recovered dict with its keys spelled out (repr tells -0.0 from 0.0; == would not)."""
    return [(repr(key), texts) for key, texts in found.items()]


def test_trace_texts_are_pythons():
    """`_stext.trace_texts` and `pdf_glyphs.trace_texts` give the same origins and texts on every
    page holding unresolved glyphs (the fixtures' fonts answer through cmap, names and GSUB)."""
    pages = repair_pages()
    assert len(pages) >= 5
    answered = 0
    for page, repair, fonts in pages:
        maps = repair._maps(page)

        def candidates(name: str) -> list[FontGlyphs]:
            return [repair._font(xref) for xref in pdf_glyphs._candidates(maps, name)]

        trace = page.get_texttrace()
        python = pdf_glyphs.trace_texts(trace, candidates)
        assert keyed(pdf_stext.COMPILED.trace_texts(trace, candidates)) == keyed(python)
        answered += sum(bool(t) for texts in python.values() for t in texts)
        for font in repair.fonts.values():  # what the compiled lookup reads first is what `get` gives
            assert all(text is None or text == font.get(gid) for gid, text in enumerate(font.texts))
    assert answered > 100


class MadeUpFont:
    """A FontGlyphs stand-in: `texts` holds some answers, `get` the rest (as GSUB would add them)."""

    def __init__(self, texts: list[str | None], more: dict[int, str]):
        self.texts, self.more = texts, more

    def get(self, gid: int) -> str | None:
        if 0 <= gid < len(self.texts) and self.texts[gid] is not None:
            return self.texts[gid]
        return self.more.get(gid)


CODES = st.one_of(st.sampled_from([-1, 0, 9, 0x1F, 0x41, 0x7F, 0x628, 0xD800, 0xE000, 0xF8FF, 0xFFFD, 0xF0000, 0x10FFFD, 0x110000]),
                  st.integers(-5, 0x110005))
ORIGINS = st.one_of(st.floats(-1e4, 1e4, allow_nan=False), st.integers(-10000, 10000).map(lambda k: k / 100 + 0.05),
                    st.integers(-100000, 100000).map(lambda k: k * 0.05), st.sampled_from([0.0, -0.0, -0.04, 0.05, 0.15, 0.25, 2.675, 1e12]))
PIECES = st.one_of(st.none(), st.text(alphabet="بپلاa\u064e\ufffd", max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["F1", "F2", "F3"]), st.lists(st.tuples(CODES, st.integers(-2, 12), st.tuples(ORIGINS, ORIGINS)), max_size=12)), max_size=4),
       st.lists(PIECES, max_size=10), st.dictionaries(st.integers(-2, 12), st.text(alphabet="بلا", min_size=1, max_size=2)))
def test_trace_texts_on_any_trace(spans, texts, more):
    """Any codes (controls, private use, out of Unicode), glyph ids in and out of a font, fonts that
    answer from `texts` or only from `get`, origins on and near rounding ties: the same dict."""
    fonts = {"F1": [MadeUpFont(texts, more)], "F2": [MadeUpFont([None] * 4, {}), MadeUpFont(texts[::-1], more)], "F3": []}
    trace = [{"font": font, "chars": [(code, gid, origin, (0, 0, 1, 1)) for code, gid, origin in chars]} for font, chars in spans]
    assert keyed(pdf_stext.COMPILED.trace_texts(trace, fonts.__getitem__)) == keyed(pdf_glyphs.trace_texts(trace, fonts.__getitem__))


def python_repaired_rows(address: int, recovered: dict) -> list:
    """The rows `rows(..., recovered)` should give: the glyphs as written repaired by `pdf_layout._glyphs`."""
    return [[(*row[:7], pdf_layout._glyphs(row[7], row[8], recovered)) for row in rows]
            for *_box, rows in pdf_stext.COMPILED.rows(address, True, True)]


def compiled_repaired_rows(address: int, recovered: dict) -> list:
    return [[tuple(row[:8]) for row in rows] for *_box, rows in pdf_stext.COMPILED.rows(address, True, False, recovered)]


def test_repaired_rows_are_pythons():
    """On every page holding unresolved glyphs, rows repaired in C equal `_glyphs` over the rows as
    written: with what the fonts recovered, with nothing recovered, and with made-up texts at every
    origin (ligatures, empty answers, fewer texts than glyphs), each consumed in the same order."""
    rng = random.Random(14)
    for page, repair, fonts in repair_pages():
        textpage = page.get_textpage(flags=pdf_layout.FLAGS)
        address = pdf_stext.address(textpage)
        recovered = repair.page(page, fonts)
        made_up = {key: [rng.choice(["", "ب", "لا", "ﻼ", "a"]) for _ in range(rng.randint(0, 2))] for key in recovered}
        for found in (recovered, {}, made_up):
            want = python_repaired_rows(address, copy.deepcopy(found))
            assert compiled_repaired_rows(address, copy.deepcopy(found)) == want, page.number


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("بلاa\ufffd\ue000\x01 \u064e"), st.floats(0, 40), st.floats(0, 3),
                          st.sampled_from([0.0, 0.05, 0.15, 0.25, 10.35])), max_size=20),
       st.lists(st.text(alphabet="بلاa", max_size=3), max_size=6))
def test_repaired_glyphs_on_any_line(glyphs, texts):
    """`_glyphs`' C twin on made-up lines (riders, ActualText-like zero widths, unresolved glyphs at
    shared origins), through `_stext.repair_line`."""
    written = [(ch, x, x + width) for ch, x, width, _origin in glyphs]
    origins = [(struct.unpack("f", struct.pack("f", origin))[0], 700.0) for *_glyph, origin in glyphs]  # MuPDF's are floats
    recovered = {pdf_glyphs.origin_key(o): list(texts) for o in origins[::2]}
    want = pdf_layout._glyphs(written, origins, copy.deepcopy(recovered))
    assert pdf_stext.COMPILED.repair_line(written, origins, copy.deepcopy(recovered)) == want


def python_reading(glyphs: list, size: float) -> tuple[str, bool, list[str]] | None:
    """`_Reader.text` of a glyph-level line with the fixes it names, None where it holds no right-to-left text."""
    if not rtl.has_rtl("".join(g[0] for g in glyphs)):
        return None
    reader = pdf_layout._Reader(True, False, None, set())
    text, right_to_left = reader.text(list(glyphs), size)
    return text, right_to_left, sorted(reader.fixes)


def test_row_readings_are_pythons():
    """The reading the compiled reader gives with every glyph-level row (text, direction, fixes) is
    `_Reader.text`'s, on every row of the PDFs here and on made-up right-to-left lines."""
    read = 0
    for path in PDFS:
        with pymupdf.open(path) as doc:
            for page in doc:
                textpage = page.get_textpage(flags=pdf_layout.FLAGS)
                for *_box, rows in pdf_stext.COMPILED.rows(pdf_stext.address(textpage), True):
                    for row in rows:
                        reading = row[9]
                        assert (reading and (reading[0], reading[1], sorted(reading[2]))) == python_reading(row[7], row[4]) or (
                            reading is None and python_reading(row[7], row[4]) is None), row[7]
                        read += reading is not None
    assert read > 300
    for glyphs, size in made_up_lines(3000):
        reading = pdf_stext.COMPILED.line_reading(list(glyphs), size)
        assert (reading and (reading[0], reading[1], sorted(reading[2]))) == python_reading(glyphs, size) or (
            reading is None and python_reading(glyphs, size) is None), glyphs


def test_compiled_page_reads_lines_by_the_twin():
    """On a page the compiled reader read, `_Reader.text` (a table cell's reading) gives what the
    Python reading gives, text, direction and fixes, right-to-left or not."""
    for glyphs, size in glyph_lines() + made_up_lines(2000):
        python, compiled = pdf_layout._Reader(True, False, None, set()), pdf_layout._Reader(True, False, None, set())
        compiled.compiled = True
        assert compiled.text(list(glyphs), size) == python.text(list(glyphs), size), glyphs
        assert compiled.fixes == python.fixes, glyphs


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(GLYPH_CHARS, st.floats(-50, 600), st.floats(0, 12)), max_size=25), st.floats(1, 40))
def test_row_reading_on_any_glyphs(raw, size):
    """Any glyphs (brackets, forms, marks, Latin, digits, overlaps): the compiled reading is `_Reader.text`'s."""
    glyphs = [(ch, x, x + width) for ch, x, width in raw]
    reading = pdf_stext.COMPILED.line_reading(glyphs, size)
    want = python_reading(glyphs, size)
    assert (reading[0], reading[1], sorted(reading[2])) == want if reading is not None else want is None


def test_listed_textpage_and_trace_are_the_pages():
    """A TextPage made from the page's display list (`pdf_layout._listed_textpage`) is the one
    `get_textpage` makes (rawdict, plain text and the compiled rows), and the texttrace replayed
    from that list is `get_texttrace()`, on every page here."""
    for path in PDFS:
        for page in pymupdf.open(path):
            direct = page.get_textpage(flags=pdf_layout.FLAGS)
            listed, display_list = pdf_layout._listed_textpage(page)
            assert listed.extractRAWDICT() == direct.extractRAWDICT(), (path.name, page.number)
            assert listed.extractText() == direct.extractText()
            for raw in (False, True):
                assert pdf_stext.COMPILED.rows(pdf_stext.address(listed), raw, False) == pdf_stext.COMPILED.rows(pdf_stext.address(direct), raw, False)
            assert pdf_glyphs.texttrace(page, display_list) == page.get_texttrace(), (path.name, page.number)


def test_expected_trace_reads_the_same_page():
    """`read_page` with `expect_trace` (TextPage and texttrace from one display list) gives the page it
    gives without, on every page here and on rotated ones (read straight from the page)."""
    traced = 0
    for path in PDFS:
        doc = pymupdf.open(path)
        for rotation in (0, 90):
            repair = GlyphRepair(doc)
            for page in doc:
                page.set_rotation(rotation)
                want = pdf_layout.read_page(page, repair)
                assert pdf_layout.read_page(page, repair, expect_trace=True) == want, (path.name, page.number, rotation)
                traced += want.traced
    assert traced >= 4
