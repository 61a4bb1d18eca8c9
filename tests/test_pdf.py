"""PDF extraction end to end: generated PDFs with known answers, real PDFs, hard PDFs."""
from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import pymupdf
import pytest

import pdf_fixtures as F
from extractors import pdf_layout
from extractors.pdf import extract_pdf, has_images
from extractors.pdf_glyphs import page_fonts
from extractors.pipeline import extract_document
from normalizers.rtl import fold_presentation_forms
from output.errors import CorruptInput, DecompressionBomb, EncryptedPDF

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "pdf"
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
FURNITURE = {"running_header", "running_footer", "page_number", "watermark", "crop_marks"}
needs_font = pytest.mark.skipif(not F.have_font(), reason=f"{F.NASKH} missing: run scripts/ci-system-deps.sh")


def real(name: str) -> bytes:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path.read_bytes()


@pytest.fixture(scope="module")
def report_bytes() -> bytes:
    if not F.have_font():
        pytest.skip(f"{F.NASKH} missing: run scripts/ci-system-deps.sh")
    return F.report_pdf()


@pytest.fixture(scope="module")
def report(report_bytes) -> dict:
    return extract_document(report_bytes, "report.pdf")


# --- the seed-003 article as a PDF ------------------------------------------------------------

def test_metadata_from_first_page(report):
    assert report["title"] == F.TITLE  # largest font; the Info title "Microsoft Word - doc1.docx" is junk
    assert report["authors"] == [F.AUTHOR]
    assert report["published"] == "2023-05-12" and report["published_raw"] == F.DATE_RAW
    assert report["language"] == "en"


def test_masthead_stripped_and_tagged(report):
    stripped = {s["text"]: s for s in report["stripped"]}
    for line in F.MASTHEAD_FA + [F.MASTHEAD_FA_SECTION]:
        assert stripped[line]["lang"] == "fa", line
    for line in F.MASTHEAD_FA + F.MASTHEAD_LATIN + [F.MASTHEAD_FA_SECTION]:
        assert line in stripped and line not in report["text"]


def test_running_header_footer_and_page_numbers(report):
    reasons = [(s["reason"], s["text"]) for s in report["stripped"]]
    assert ("running_header", F.HEADER) in reasons
    assert {t for r, t in reasons if r == "page_number"} == {f"Page {n}" for n in range(1, 5)}
    assert F.HEADER not in report["text"] and not re.search(r"Page \d", report["text"])


def test_body_intact_across_pages_columns_and_hyphens(report):
    before = pymupdf.open(stream=F.report_pdf(), filetype="pdf")[0].get_text()
    assert "Afg-\nhanistan" in before  # what the raw text layer says
    paragraphs = report["text"].split("\n\n")
    for expected in F.BODY + F.COLUMNS:
        assert expected in paragraphs
    assert "Pashtun-centric" in report["text"]  # a real hyphen, written so mid-line elsewhere
    assert {"dehyphenated", "paragraphs_joined_across_pages"} <= set(report["fixes"])


def test_persian_paragraph_in_logical_order(report_bytes, report):
    page = pymupdf.open(stream=report_bytes, filetype="pdf")[-1]
    assert PRESENTATION_FORMS.search(page.get_text())  # before: presentation forms
    persian = [p for p in report["text"].split("\n\n") if "طالبان" in p]
    assert persian == [F.PERSIAN]  # one paragraph, letters, ZWNJ, guillemets and brackets right
    assert not PRESENTATION_FORMS.search(report["text"])
    assert {"rtl_reordered", "brackets_unmirrored", "zwnj_from_glyph_gaps"} <= set(report["fixes"])


def test_sort_true_reverses_persian_words(report_bytes):
    page = pymupdf.open(stream=report_bytes, filetype="pdf")[-1]
    assert "طالبان در سال" not in fold_presentation_forms(page.get_text(sort=True))  # before: words reversed
    assert F.PERSIAN in extract_pdf(report_bytes).paragraphs


@needs_font
def test_declared_title_wins_when_it_is_real():
    draft = extract_pdf(F.report_pdf(title_in_info="Afghanistan report"), uri="x")
    assert draft.title == "Afghanistan report"


# --- furniture ---------------------------------------------------------------------------------

def test_watermark_crop_marks_and_page_numbers():
    draft = extract_pdf(F.furniture_pdf(), uri="f.pdf")
    reasons = {(s.reason, s.text.split()[0]) for s in draft.stripped}
    assert ("watermark", "CONFIDENTIAL") in reasons
    assert ("crop_marks", "report_final.indd") in reasons
    assert {("page_number", str(n)) for n in (1, 2, 3)} <= reasons
    assert len(draft.paragraphs) == 3 and all(p.startswith("Section") for p in draft.paragraphs)


# --- hard PDFs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [lambda: F.long_pdf(6), F.furniture_pdf], ids=["english", "furniture"])
def test_span_reading_gives_the_glyph_reading_of_left_to_right_pages(monkeypatch, make):
    """Pages without Arabic script or broken glyphs are read from `dict` spans (the fast path);
    read glyph by glyph (`rawdict`) they must give the very same record."""
    data = make()
    fast = vars(extract_pdf(data, uri="a.pdf"))
    decided, needs_glyphs = [], pdf_layout.needs_glyphs
    monkeypatch.setattr(pdf_layout, "needs_glyphs", lambda *args: decided.append(needs_glyphs(*args)) or True)
    slow = vars(extract_pdf(data, uri="a.pdf"))
    assert decided and not any(decided)  # every page was a fast-path page, read glyph by glyph here
    assert slow == fast and fast["paragraphs"]


def test_encrypted_is_quarantined():
    with pytest.raises(EncryptedPDF) as err:
        extract_document(F.encrypted_pdf(), "locked.pdf")
    assert err.value.reason == "encrypted"


def test_encrypted_with_empty_user_password_opens():
    assert extract_pdf(F.encrypted_pdf(""), uri="x").paragraphs == ["Quarterly figures for the board."]


def test_garbage_is_corrupt():
    with pytest.raises(CorruptInput):
        extract_document(b"%PDF-1.7\n" + bytes(range(256)) * 20, "bad.pdf")


def test_truncated_is_repaired_or_quarantined(report_bytes):
    for cut in (len(report_bytes) // 2, 3000, 400):
        try:
            record = extract_document(report_bytes[:cut], "cut.pdf")
        except CorruptInput:
            continue
        assert "pdf_repaired" in record["fixes"]


def test_content_stream_bomb_is_quarantined(monkeypatch):
    import extractors.pdf as pdf_module

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "cover")
    doc.update_stream(page.get_contents()[0], b"q Q " * 2_000_000)  # 8 MB of nothing, deflated to a few KB
    monkeypatch.setattr(pdf_module, "CONTENT_CAP", 2**20)
    with pytest.raises(DecompressionBomb) as err:
        extract_document(doc.tobytes(deflate=True), "bomb.pdf")
    assert err.value.reason == "decompression_bomb"


def test_bomb_among_several_content_streams_is_quarantined(monkeypatch):
    """A page's /Contents may be an array: the bomb hides in its second stream."""
    import extractors.pdf as pdf_module

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "cover")
    page.insert_text((72, 100), "more")
    assert len(page.get_contents()) == 2
    doc.update_stream(page.get_contents()[1], b"q Q " * 2_000_000)
    monkeypatch.setattr(pdf_module, "CONTENT_CAP", 2**20)
    with pytest.raises(DecompressionBomb) as err:
        extract_document(doc.tobytes(deflate=True), "bomb.pdf")
    assert err.value.reason == "decompression_bomb"


def test_scanned_pdf_is_a_record_with_a_warning():
    record = extract_document(F.scanned_pdf(), "scan.pdf")
    assert record["text"] == "" and record["warnings"] == ["no_text_layer"]


def test_fonts_without_tounicode_are_read_from_the_font_program(report_bytes):
    broken = F.without_tounicode(report_bytes)
    assert "طالبان" not in fold_presentation_forms(pymupdf.open(stream=broken)[-1].get_text())  # before: glyph ids
    draft = extract_pdf(broken, uri="x")
    assert "glyphs_from_font_program" in draft.fixes and draft.pdf["unrecovered_glyphs"] == 0
    text = "\n".join(draft.paragraphs)
    assert "\ufffd" not in text and F.BODY[0] in draft.paragraphs
    letters = re.compile(r"[\s\u200c]")
    assert letters.sub("", F.PERSIAN) in letters.sub("", text)  # every letter, in order


def test_page_fonts_walk_the_resources_as_pymupdf_does(report_bytes):
    """pdf_glyphs.page_fonts re-walks what doc.get_page_fonts walks (cheaper): same fonts, same
    order, a placed page's fonts (a form XObject's resources) included."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 50), "top", fontname="helv")
    page.show_pdf_page(page.rect, pymupdf.open(stream=report_bytes), 0)
    page.insert_text((50, 80), "after", fontname="cour")
    placed = [(e[0], e[3]) for e in doc.get_page_fonts(0)]
    assert len(placed) > 2 and placed == page_fonts(page)
    report = pymupdf.open(stream=report_bytes)
    assert all([(e[0], e[3]) for e in report.get_page_fonts(p.number)] == page_fonts(p) for p in report)


def test_image_check_walks_the_resources_as_pymupdf_does():
    """pdf.has_images answers bool(page.get_images()): a picture on the page, one inside a placed
    page (a form XObject's resources), none, and every page of every PDF here."""
    scan = pymupdf.open(stream=F.scanned_pdf())
    text = pymupdf.open()
    text.new_page().insert_text((50, 50), "no picture", fontname="helv")
    doc = pymupdf.open()
    doc.insert_pdf(text)
    doc.new_page().show_pdf_page(pymupdf.Rect(0, 0, 300, 400), scan, 0)  # the picture one form down
    doc.new_page().show_pdf_page(pymupdf.Rect(0, 0, 300, 400), text, 0)  # a form without one
    pages = list(doc) + list(scan)
    pages += [page for path in sorted((Path(__file__).parent / "fixtures" / "pdf").glob("*.pdf")) + sorted(REAL.glob("*.pdf"))
              for page in pymupdf.open(path)]
    assert [has_images(page) for page in pages] == [bool(page.get_images(full=False)) for page in pages]
    assert [has_images(page) for page in doc] == [False, True, False] and has_images(scan[0])


# --- real PDFs ---------------------------------------------------------------------------------

def test_xelatex_persian():
    draft = extract_pdf(real("persian-latex-assignment.pdf"), uri="x", ocr=False)  # OCR of its unmapped glyphs: test_pdf_persian
    text = "\n".join(draft.paragraphs)
    assert "نمونه\u200cی تئوری (فرمول، اثبات، فهرست\u200cها)" in text  # ZWNJ, spaces, brackets
    assert "مثلا graph search" in text  # lam-alef in order (MuPDF's own expansion gives "مثال")
    assert re.search(r"O\(n\)( \| | )مرتبه", text) and "«تئوری»" in text  # a Latin run with its brackets (table cells apart); guillemets
    assert not PRESENTATION_FORMS.search(text)
    assert "unmapped_glyphs" in draft.warnings  # XB Niloofar glyphs with no Unicode: said, not hidden
    assert any(s.reason == "page_number" for s in draft.stripped)  # page numbers gone...
    assert {s.reason for s in draft.stripped} <= FURNITURE  # ...and nothing but furniture: the body stays whole


def test_weasyprint_actualtext():
    draft = extract_pdf(real("habibi-arabic.pdf"), uri="x")
    assert draft.title == "habibi"
    assert draft.paragraphs[0].startswith("حَبيبي habibi")
    assert "\ufffd" not in draft.paragraphs[0]  # the unmapped glyphs under the ActualText add nothing


# --- size --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_500_pages_stream_in_bounded_memory():
    data = F.long_pdf(520)
    tracemalloc.start()
    draft = extract_pdf(data, uri="long.pdf")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert sum(s.reason == "page_number" for s in draft.stripped) == 520
    assert not any("Page " in p for p in draft.paragraphs)
    text_bytes = sum(len(p.encode()) for p in draft.paragraphs)
    assert peak < 12 * text_bytes + 64 * 2**20  # lines of the text, not pages of pymupdf objects


def test_persian_yeh_kaf_replacement_is_the_table_translation():
    """`_to_persian` replaces letter by letter; the same text as str.translate with the table."""
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    from extractors.pdf import _to_persian
    from normalizers.unicode import ARABIC_TO_PERSIAN

    table = str.maketrans(ARABIC_TO_PERSIAN)

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.text(st.sampled_from("يىكیکپ a\u0651") | st.characters(), max_size=40))
    def check(text):
        assert _to_persian(text) == text.translate(table)

    check()


@pytest.mark.parametrize("media, crop, trim", [
    ("[0 0 612 792]", None, None),
    ("[0 0 612 792]", None, "[0 0 612 792]"),  # a producer's trim box that is the media box
    ("[0 0 612 792]", "[10 10 600 780]", "[0 0 612 792]"),
    ("[0 0 612 792]", None, "[36 48 576 744]"),
    ("[20 -30 632 762]", "[25 -20 620 750]", "[40 -10 600 700]"),  # a media box off the origin
    ("[0 0 612 792]", None, "[576 744 36 48]"),  # corners given the other way round
])
def test_trim_is_pymupdfs(media, crop, trim):
    """`_trim` reads the TrimBox entry itself: what `page.trimbox` (else `page.cropbox`) gives."""
    doc = pymupdf.open()
    page = doc.new_page()
    doc.xref_set_key(page.xref, "MediaBox", media)
    for key, value in (("CropBox", crop), ("TrimBox", trim)):
        if value:
            doc.xref_set_key(page.xref, key, value)
    page = doc[0]
    want = page.trimbox if trim else page.cropbox
    assert pdf_layout._trim(page) == tuple(page.cropbox if want == page.mediabox else want)
