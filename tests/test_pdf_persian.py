"""Persian PDFs as real producers make them (tests/fixtures/pdf, made by scripts/make_pdf_fixtures.py):
XeLaTeX + XePersian thesis, LibreOffice report from a Word document, fonts whose ToUnicode map is
missing or points to the private-use area, and a scanned page. Each test shows what plain
`get_text()` gives beside what the record holds."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pymupdf
import pytest

from extractors import pdf_glyphs, pdf_ocr
from extractors.pdf import extract_pdf
from extractors.pdf_cover import clean_names, cover_date, role_of
from extractors.pipeline import Options, extract_document
from normalizers.dates import parse_date

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
CONTENT = json.loads((FIXTURES / "content.json").read_text(encoding="utf-8"))
THESIS, REPORT = CONTENT["thesis"], CONTENT["report"]
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
SAME_LETTER = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})  # ambiguous presentation forms decode either way
needs_tesseract = pytest.mark.skipif(not pdf_ocr.installed_languages(), reason="Tesseract missing: run scripts/ci-system-deps.sh")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def letters(text: str) -> Counter:
    text = unicodedata.normalize("NFKC", text).translate(SAME_LETTER)
    return Counter(c for c in text if ARABIC_LETTER.match(c))


def kept_share(before: str, after: str) -> float:
    """Share of the Arabic-script letters of `before` that `after` still has."""
    want, have = letters(before), letters(after)
    return sum(min(n, have[c]) for c, n in want.items()) / sum(want.values())


def raw_text(data: bytes) -> str:
    return "".join(page.get_text() for page in pymupdf.open(stream=data, filetype="pdf"))


def flat(text: str) -> str:
    return " ".join(text.translate(SAME_LETTER).split())


@pytest.fixture(scope="module")
def thesis() -> dict:
    return extract_document(fixture("thesis-xepersian.pdf"), "thesis.pdf")


@pytest.fixture(scope="module")
def report() -> dict:
    return extract_document(fixture("report-word.pdf"), "report.pdf")


# --- body kept ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["thesis-xepersian.pdf", "report-word.pdf"])
def test_body_letters_kept(name):
    data = fixture(name)
    record = extract_document(data, name)
    kept = kept_share(raw_text(data), f"{record['title']}\n{record['text']}")
    assert kept >= 0.97, kept  # what is missing is running headers: furniture
    assert not any(s["reason"] in ("outside_main", "short_line", "duplicate") for s in record["stripped"])


def test_thesis_body_in_reading_order(thesis):
    text = flat(thesis["text"])
    for paragraph in CONTENT["paragraphs"][2:6]:
        assert flat(paragraph) in text
    assert text.index(flat(CONTENT["paragraphs"][2])) < text.index(flat(CONTENT["paragraphs"][5]))
    assert flat(THESIS["pledge"]) in text  # a pledge is text, just not the title


def test_thesis_furniture(thesis):
    reasons = Counter(s["reason"] for s in thesis["stripped"])
    assert reasons["page_number"] >= 5 and reasons["running_header"] >= 2
    assert flat(THESIS["running_header"]) not in [flat(p) for p in thesis["text"].split("\n\n")]


def test_report_header_footer(report):
    stripped = {(s["reason"], flat(s["text"])) for s in report["stripped"]}
    assert ("running_header", flat(REPORT["header"])) in stripped
    assert {("page_number", "صفحه 1"), ("page_number", "صفحه 2")} <= stripped


def test_lam_alef_of_a_word_document(report):
    assert "ساالنه" in pymupdf.open(stream=fixture("report-word.pdf"))[0].get_text()  # before: split and reversed
    assert "گزارش سالانه" in " ".join(s["text"] for s in report["stripped"]) and "سیلاب" in report["text"]


# --- tables ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["thesis-xepersian.pdf", "report-word.pdf"])
def test_table_rows_in_logical_order(name):
    draft = extract_pdf(fixture(name))
    rows = [p for p in draft.paragraphs if " | " in p]
    assert rows == [" | ".join(row) for row in CONTENT["table"]]
    assert "table_rows" in draft.fixes


# --- cover page --------------------------------------------------------------------------------

def test_thesis_cover(thesis):
    assert flat(thesis["title"]) == flat(THESIS["title"])  # the largest text; not the basmala on page 2
    assert [flat(a) for a in thesis["authors"]] == [flat(THESIS["author"])]
    roles = {(flat(c["name"]), c["role"]) for c in thesis["contributors"]}
    assert roles == {(flat(THESIS["author"]), "author"), (flat(clean_names(THESIS["supervisor"])[0]), "supervisor")}
    assert flat(thesis["institution"]) == flat(THESIS["university"])
    assert thesis["published_raw"] == THESIS["date"]
    assert thesis["published"] == parse_date("15 " + THESIS["date"])[:7] == THESIS["date_iso"]
    assert thesis["published_calendar"] == "solar_hijri"


def test_report_cover(report):
    assert report["title"] == REPORT["title"]  # not "بسمه تعالی", not the Info title "Microsoft Word - report3.doc"
    assert pymupdf.open(stream=fixture("report-word.pdf")).metadata["title"] == REPORT["info_title"]
    assert report["authors"] == [REPORT["author"]]
    assert report["published"] == parse_date("۱۴۰۲/۰۵/۱۲") == REPORT["date_iso"]
    assert report["published_raw"] == REPORT["date_line"]


def test_invocation_is_body_not_masthead(report):
    # The report has no institution or supervisor, so the first page is read like an article's and
    # the text rules take the line above the title for a masthead; an invocation is the document's own.
    first_line = raw_text(fixture("report-word.pdf")).splitlines()[2]
    assert first_line == "بسمه تعالی"
    assert report["text"].split("\n\n")[0] == first_line
    assert first_line not in {s["text"] for s in report["stripped"]}
    assert report["title"] != first_line


def test_cover_labels():
    assert role_of("استاد راهنما: دکتر احمد رحیمی") == ("supervisor", "دکتر احمد رحیمی")
    assert role_of("استاد مشاور: دکتر سارا نوری") == ("advisor", "دکتر سارا نوری")
    assert role_of("نام دانشجو: مریم کریمی") == ("author", "مریم کریمی")
    assert role_of("Supervisor: Dr. Jane Roe") == ("supervisor", "Dr. Jane Roe")
    assert role_of("راهکارهای مدیریت آب") is None
    assert clean_names("Dr. Jane Roe and Prof. John Doe") == ["Jane Roe", "John Doe"]


def test_cover_dates_use_the_calendar_rules():
    assert cover_date("۱۴۰۲/۰۵/۱۲") == parse_date("۱۴۰۲/۰۵/۱۲") == "2023-08-03"
    assert cover_date("اسفند ۱۴۰۰") == parse_date("۱۵ اسفند ۱۴۰۰")[:7] == "2022-03"
    assert cover_date("۱۳۸۵ تا ۱۴۰۰ گردآوری و تحلیل شد و نتایج آن در این فصل آمده است") is None


# --- broken ToUnicode --------------------------------------------------------------------------

@pytest.mark.parametrize("name, paragraphs", [("persian-glyphnames.pdf", slice(0, 4)), ("persian-pua.pdf", slice(4, 8))])
def test_characters_from_the_font_program(name, paragraphs):
    data = fixture(name)
    assert not letters(raw_text(data).replace("\ufffd", ""))  # before: no Persian letter at all
    record = extract_document(data, name)
    source = "\n".join(CONTENT["paragraphs"][paragraphs])
    assert kept_share(source, record["text"]) >= 0.99
    assert "\ufffd" not in record["text"] and record["pdf"]["unrecovered_glyphs"] == 0
    assert "glyphs_from_font_program" in record["fixes"]
    assert any(word in record["text"] for word in ("سالانه", "فاضلاب", "سیلاب"))  # lam-alef from a GSUB ligature



def test_a_font_program_is_analysed_once_per_process(monkeypatch):
    """persian-pua embeds the same font program on each of its pages: one fontTools read serves
    both pages and the next document, whose record is the one read with nothing kept."""
    pdf_glyphs.analysed.cache_clear()
    pdf_glyphs._BY_STORED.clear()  # nothing known from earlier tests, by program or by stored bytes
    parsed = []
    analyse = pdf_glyphs.FontGlyphs.__init__
    monkeypatch.setattr(pdf_glyphs.FontGlyphs, "__init__", lambda self, program: parsed.append(program) or analyse(self, program))
    data = fixture("persian-pua.pdf")
    cold = extract_document(data, "pua.pdf")
    warm = extract_document(data, "pua.pdf")
    doc = pymupdf.open(stream=data)
    assert len({font[0] for page in doc for font in page.get_fonts()}) == 2 and len(parsed) == 1  # two font objects, one read
    assert (warm["text"], warm["pdf"], warm["fixes"]) == (cold["text"], cold["pdf"], cold["fixes"])
    assert "سالانه" in warm["text"] or "فاضلاب" in warm["text"] or "سیلاب" in warm["text"]  # GSUB answers from the kept analysis


def test_an_encrypted_documents_fonts_are_not_known_by_their_stored_bytes():
    """Raw font bytes stand for their program only where no document key decrypts them: an
    encrypted copy (empty user password) is read by inflating its fonts, to the same text."""
    data = fixture("persian-pua.pdf")
    encrypted = pymupdf.open(stream=data).tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="")
    doc = pymupdf.open(stream=data)
    opened = pymupdf.open(stream=encrypted)
    assert opened.authenticate("") and all(pdf_glyphs._stored_font_file(opened, xref) is None for xref in range(1, opened.xref_length()) if opened.xref_get_key(xref, "Type")[1] == "/Font")
    embedded = [font[0] for page in doc for font in page.get_fonts() if font[1] == "ttf"]
    assert embedded and all(pdf_glyphs._stored_font_file(doc, xref) for xref in embedded)
    assert extract_document(encrypted, "pua.pdf")["text"] == extract_document(data, "pua.pdf")["text"]

# --- OCR ---------------------------------------------------------------------------------------

@pytest.mark.ocr
@needs_tesseract
def test_scanned_page_is_ocrd_and_marked():
    data = fixture("scanned-thesis.pdf")
    assert pymupdf.open(stream=data)[1].get_text() == ""  # before: nothing
    record = extract_document(data, "scan.pdf")
    assert record["pdf"]["ocr_pages"] == [2] and record["pdf"]["needs_ocr"] == []
    assert record["pdf"]["ocr_languages"] == ["fas"]  # from the letters of page 1
    assert "ocr" in record["fixes"]
    ocr_words = set(flat(CONTENT["paragraphs"][5]).split())
    found = set(flat(record["text"]).split())
    assert len(ocr_words & found) >= 0.8 * len(ocr_words)
    assert flat(CONTENT["paragraphs"][2]) in flat(record["text"])  # page 1 from its text layer


@pytest.mark.ocr
@needs_tesseract
def test_unrecoverable_fonts_are_ocrd():
    data = fixture("report-no-tounicode.pdf")
    record = extract_document(data, "report.pdf")
    assert record["pdf"]["ocr_pages"] == [1, 2] and "garbled_text" in record["warnings"]
    assert "\ufffd" not in record["text"]
    words = set(flat(" ".join(CONTENT["paragraphs"][2:5])).split())
    assert len(words & set(flat(record["text"]).split())) >= 0.8 * len(words)


@pytest.mark.ocr
@needs_tesseract
def test_ocr_failure_on_one_page_keeps_the_rest(monkeypatch):
    def broken(page, languages, flags):
        raise RuntimeError("tesseract crashed")

    monkeypatch.setattr(pdf_ocr, "ocr_textpage", broken)
    draft = extract_pdf(fixture("scanned-thesis.pdf"))
    assert draft.pdf["needs_ocr"] == [2] and {"ocr_failed", "needs_ocr"} <= set(draft.warnings)
    assert flat(CONTENT["paragraphs"][2]) in flat("\n".join(draft.paragraphs))


def test_without_tesseract_a_warning_and_a_flag(monkeypatch, caplog):
    monkeypatch.setattr(pdf_ocr, "installed_languages", lambda: frozenset())
    record = extract_document(fixture("report-no-tounicode.pdf"), "report.pdf")
    assert record["pdf"]["needs_ocr"] == [1, 2] and record["pdf"]["ocr_pages"] == []
    assert {"needs_ocr", "ocr_unavailable"} <= set(record["warnings"])
    assert "\ufffd" not in record["text"]  # never junk; the flag says what is missing
    assert "Tesseract" in caplog.text


def test_ocr_can_be_turned_off():
    record = extract_document(fixture("scanned-thesis.pdf"), "scan.pdf", options=Options(ocr=False))
    assert record["pdf"]["needs_ocr"] == [2] and {"needs_ocr", "ocr_off"} <= set(record["warnings"])
    assert flat(CONTENT["paragraphs"][2]) in flat(record["text"])


def test_ocr_languages_from_the_text_layer():
    available = frozenset({"fas", "pus", "ara", "urd", "eng"})
    assert pdf_ocr.languages_for("د افغانستان په ښار کې ژوند کوي او ښځې هم", available) == ("pus",)
    assert pdf_ocr.languages_for("یہ ایک اچھی کتاب ہے اور میں نے اسے پڑھا ہے", available) == ("urd",)
    assert pdf_ocr.languages_for("هذه المدينة جميلة وكانت عاصمة الدولة", available) == ("ara",)
    assert pdf_ocr.languages_for("این گزارش درباره آب است and Python code", available) == ("fas", "eng")


def test_windows_1256_font_reads_as_persian():
    data = fixture("legacy-cp1256.pdf")
    assert "ÇíÑÇ" in raw_text(data) or "ÇåÑÇ" in raw_text(data)  # before: Latin letters
    record = extract_document(data, "legacy.pdf")
    assert kept_share(CONTENT["paragraphs"][8], f"{record['title']}\n{record['text']}") >= 0.97
    assert "windows_1256_font" in record["fixes"] and record["language"] == "fa"


def test_unmapped_glyphs_are_counted_not_hidden():
    draft = extract_pdf(fixture("thesis-unmapped.pdf"), ocr=False)
    unmapped = "\n".join(draft.paragraphs).count("\ufffd")
    assert unmapped > 100 and "unmapped_glyphs" in draft.warnings
    assert 0.02 < draft.pdf["unrecovered_glyphs"] < 0.1


@pytest.mark.ocr
@needs_tesseract
def test_words_with_unmapped_glyphs_taken_from_ocr():
    before = "\n".join(extract_pdf(fixture("thesis-unmapped.pdf"), ocr=False).paragraphs)
    draft = extract_pdf(fixture("thesis-unmapped.pdf"))
    after = "\n".join(draft.paragraphs)
    assert "words_from_ocr" in draft.fixes
    assert after.count("\ufffd") <= 0.2 * before.count("\ufffd")
    assert draft.pdf["unrecovered_glyphs"] < 0.01
    assert flat(CONTENT["paragraphs"][3])[:60] in flat(after)  # the words around them are the text layer's
