"""normalizers.rtl on glyph runs shaped like the ones real producers write (see shared/eval/pdf).

Each test shows the naive reading (before) beside ours (after)."""
from __future__ import annotations

import unicodedata

from normalizers.rtl import ZWNJ, fold_presentation_forms, logical_line


def glyphs(visual: str, width: float = 5.0, gap_after: dict[int, float] | None = None):
    """Glyphs laid left to right as a PDF draws them: `visual` is the on-page order."""
    out, x = [], 0.0
    for i, ch in enumerate(visual):
        out.append((ch, x, x + width))
        x += width + (gap_after or {}).get(i, 0.0)
    return out


def test_visual_order_becomes_logical():
    # "کتاب خوب" drawn right to left: on the page, left to right, the glyphs read "ﺏﻮﺧ ﺏﺎﺘﮐ".
    drawn = glyphs("ﺏﻮﺧ ﺏﺎﺘﮐ")
    before = fold_presentation_forms("".join(g[0] for g in drawn))
    assert before == "بوخ باتک"
    assert logical_line(drawn, 12)[0] == "کتاب خوب"


def test_presentation_forms_are_folded_after_reordering():
    # "سلام" with the lam-alef ligature: folding first splits it in left-to-right order.
    drawn = glyphs("ﻡﻼﺳ")
    naive = unicodedata.normalize("NFKC", "".join(g[0] for g in drawn))[::-1]
    assert naive == "سالم"
    text, fixes = logical_line(drawn, 12)
    assert text == "سلام" and "presentation_forms_folded" in fixes


def test_word_spaces_recovered_from_glyph_gaps():
    # XeLaTeX writes no space glyphs in Persian lines; the words are 0.25 em apart.
    drawn = glyphs("ﻞﯾﺎﻓﻦﯾﺍ", gap_after={3: 3.0})
    assert fold_presentation_forms("".join(g[0] for g in drawn))[::-1] == "اینفایل"
    text, fixes = logical_line(drawn, 12)
    assert text == "این فایل" and "spaces_from_glyph_gaps" in fixes


def test_gap_after_a_non_joining_letter_is_not_a_space():
    drawn = glyphs("ﻪﻧﺎﮔﺁﺎﻧ", gap_after={3: 1.5})  # 0.125 em after alef madda, inside "ناآگانه"
    assert logical_line(drawn, 12)[0] == "ناآگانه"


def test_zwnj_from_space_without_advance():
    # insert_htmlbox draws ZWNJ as a space glyph that overlaps its neighbour: no visible gap.
    drawn = [("ﻢ", 0, 6), ("ﻫ", 6, 12), ("ﺍ", 12, 15), ("ﻮ", 15, 20), ("ﺧ", 20, 26), (" ", 26, 29), ("ﯽ", 26, 34), ("ﻣ", 34, 40)]
    assert logical_line(drawn, 12)[0] == "می" + ZWNJ + "خواهم"


def test_zwnj_from_joining_forms():
    # Final yeh touching initial kheh: one word drawn unjoined, so a ZWNJ was there.
    drawn = glyphs("ﻢﻫﺍﻮﺧﯽﻣ")
    text, fixes = logical_line(drawn, 12)
    assert text == "می" + ZWNJ + "خواهم" and "zwnj_from_glyph_gaps" in fixes


def test_mirrored_brackets_and_numbers():
    # "سال (۱۳۸۰)": the opening bracket sits right of the number, drawn mirrored as ")".
    drawn = glyphs("(۱۳۸۰) ﻝﺎﺳ")
    before = fold_presentation_forms("".join(g[0] for g in drawn))[::-1]
    assert before == "سال )۰۸۳۱("
    text, fixes = logical_line(drawn, 12)
    assert text == "سال (۱۳۸۰)" and "brackets_unmirrored" in fixes


def test_latin_run_inside_persian_keeps_its_order():
    drawn = glyphs("O(n) ﯽﻄﺧ")
    assert logical_line(drawn, 12)[0] == "خطی O(n)"


def test_persian_word_inside_english_line():
    drawn = glyphs("the word ﺏﺎﺘﮐ means book")
    assert logical_line(drawn, 12)[0] == "the word کتاب means book"


def test_actualtext_arrives_whole():
    # WeasyPrint: the whole word at one spot (zero width), in logical order, then Latin glyphs.
    drawn = [("ح", 0, 8), ("َ", 8, 8), ("ب", 8, 8), ("ي", 8, 8), ("ب", 8, 8), ("ي", 8, 8), (" ", 8, 8), ("h", 8, 8)]
    drawn += [(c, 8 + 5 * i, 13 + 5 * i) for i, c in enumerate("abibi")]
    assert logical_line(drawn, 12)[0] == "حَبيبي habibi"


def test_unmapped_glyphs_stay_visible():
    text, _ = logical_line(glyphs("ﻊ\ufffdﻨﺼﻣ"), 12)
    assert text == "مصن\ufffdع"


def test_xepersian_heh_before_zwnj():
    # XePersian fonts map heh-before-ZWNJ to U+06D5 (a Kurdish letter): "نمونه‌ی".
    text, fixes = logical_line(glyphs("ﯼەﻧﻮﻤﻧ"), 12)
    assert text == "نمونه" + ZWNJ + "ی" and "xepersian_heh" in fixes


def test_sorani_keeps_ae():
    text, _ = logical_line(glyphs("ەﺭﯚﮔ"), 12)
    assert "ە" in text


def test_lines_written_in_order_read_the_same_without_reordering():
    # LibreOffice writes Persian runs in logical order with space glyphs: the cheap reading must agree.
    from pathlib import Path

    import pymupdf

    from extractors import pdf_layout

    pdf = Path(__file__).resolve().parent / "fixtures" / "pdf" / "report-word.pdf"
    agreed = 0
    for page in pymupdf.open(pdf):
        for block in page.get_textpage(flags=pdf_layout.FLAGS).extractRAWDICT()["blocks"]:
            for row in pdf_layout._rows(block["lines"]):
                drawn = [(c["c"], c["bbox"][0], c["bbox"][2]) for ln in row for s in ln["spans"] for c in s["chars"]]
                size = row[0]["spans"][0]["size"]
                cheap = pdf_layout.written_in_order(drawn, "", size)
                if cheap is not None:
                    assert cheap == logical_line(drawn, size)[0]
                    agreed += 1
    assert agreed >= 20


def test_stream_order_does_not_change_the_text():
    # XeLaTeX writes a line right to left (logical order), pymupdf's own drawing left to right, and
    # other producers in runs out of order: positions decide, so every order reads the same. Lines
    # drawn one way take a path over whole lists, the others the glyph-by-glyph one.
    drawn = glyphs("(ﻡﻼﺳ) ﻢﻫﺍﻮﺧﯽﻣﺏﺎﺘﮐ", gap_after={12: 3.0})
    text, fixes = logical_line(drawn, 12)
    assert text == "کتاب می" + ZWNJ + "خواهم (سلام)"
    assert {"spaces_from_glyph_gaps", "zwnj_from_glyph_gaps", "brackets_unmirrored"} <= set(fixes)
    assert logical_line(drawn[::-1], 12) == (text, fixes)  # right to left, as XeLaTeX writes it
    assert logical_line(drawn[6:] + drawn[:6], 12) == (text, fixes)  # two runs out of order
