"""Bytes to text and mojibake repair, on real sentences from the shared eval data."""
from __future__ import annotations

import codecs
import doctest
import json
from pathlib import Path

import pytest
from ftfy.fixes import uncurl_quotes
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import encoding
from normalizers.encoding import (
    canonical_charset,
    decode_bytes,
    html_declared_charset,
    looks_misdecoded,
    repair_cp1256,
    repair_mojibake,
)
from output.errors import UndecodableText

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"  # shared/ sits beside the checkout
LANGID = EVAL / "langid"
FTFY_CASES = EVAL / "encoding" / "ftfy-test-cases"
needs_eval = pytest.mark.skipif(not LANGID.is_dir(), reason="shared eval data not mounted")

PERSIAN = "می‌خواهم این کتاب را بخوانم، پدرم گفت چرا؟"
URDU = "پاکستان کا دارالحکومت اسلام آباد ہے۔"
ARABIC = "اللغة العربية جميلة جدا، وهي لغة القرآن."
RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю."
GERMAN = "Größere Übungen für Äpfel und Öl – „natürlich“ schön."


def lines(path: Path, limit: int | None = None) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines()[:limit] if line.strip()]


def test_doctests():
    assert doctest.testmod(encoding).failed == 0


# ---------------------------------------------------------------- decode_bytes


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
@pytest.mark.parametrize("text", [PERSIAN, RUSSIAN, "plain ascii"])
def test_bom_decides_and_is_removed(bom, codec, name, text):
    decoded = decode_bytes(bom + text.encode(codec), declared="windows-1252")
    assert (decoded.text, decoded.encoding) == (text, name)
    assert decoded.fixes[0] == "bom_removed"


@pytest.mark.parametrize("label", ["latin-1", "ISO-8859-1", "windows-1252", "cp1256", "koi8-r"])
@pytest.mark.parametrize("text", [PERSIAN, URDU, GERMAN, RUSSIAN])
def test_utf8_wins_over_a_wrong_label(label, text):
    decoded = decode_bytes(text.encode("utf-8"), declared=label)
    assert (decoded.text, decoded.encoding) == (text, "utf-8")
    assert decoded.fixes == [f"declared_charset_ignored:{canonical_charset(label)}"]


def test_ascii_under_any_label_has_nothing_to_report():
    assert decode_bytes(b"Hello, world", declared="latin-1") == encoding.Decoded("Hello, world", "utf-8", [])


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        (ARABIC, "windows-1256", "windows-1256"),
        ("بازي پدر گفت: چرا؟", "windows-1256", "windows-1256"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (RUSSIAN, "cp1251", "windows-1251"),
        ("Türkçe öğrenmek güzel, şüphesiz", "iso-8859-9", "windows-1254"),  # browsers read the superset
    ],
)
def test_declared_charset_is_used_when_it_reads_as_text(text, label, name):
    decoded = decode_bytes(text.encode(label), declared=label)
    assert (decoded.text, decoded.encoding, decoded.fixes) == (text, name, [])


def test_latin1_label_reads_curly_quotes_like_a_browser():
    decoded = decode_bytes("„Grüße“ – sagte er".encode("cp1252"), declared="iso-8859-1")
    assert (decoded.text, decoded.encoding) == ("„Grüße“ – sagte er", "windows-1252")


def test_implausible_label_is_overruled_by_detection():
    data = (ARABIC + " " + ARABIC).encode("cp1256")
    assert looks_misdecoded(data.decode("cp1252"))
    decoded = decode_bytes(data, declared="windows-1252")
    assert decoded.text == ARABIC + " " + ARABIC
    assert decoded.fixes == ["charset_detected:windows-1256", "declared_charset_ignored:windows-1252"]


def test_detection_skips_candidates_that_do_not_read_as_language():
    # chardet's top pick for these bytes is Greek (windows-1253): "Grφίe cafι"
    decoded = decode_bytes(("Größe café " * 20).encode("cp1252"))
    assert (decoded.text, decoded.fixes) == ("Größe café " * 20, ["charset_detected:windows-1252"])


def test_unknown_label_is_reported_and_detection_takes_over():
    decoded = decode_bytes(RUSSIAN.encode("cp1251"), declared="x-no-such-charset")
    assert decoded.text == RUSSIAN
    assert "declared_charset_unknown:x-no-such-charset" in decoded.fixes


@needs_eval
@pytest.mark.parametrize(
    ("lang", "page"),
    [("fa", "windows-1256"), ("ar", "windows-1256"), ("ur", "windows-1256"), ("ru", "windows-1251"),
     ("ru", "koi8-r"), ("de", "windows-1252"), ("fr", "windows-1252"), ("tr", "windows-1254")],
)
def test_detection_on_short_legacy_sentences(lang, page):
    best_fit = str.maketrans({"\u06cc": "\u064a", "\u06d4": "."})  # what Windows writes for ی and ۔
    samples = [s.translate(best_fit).encode(page, errors="replace") for s in lines(LANGID / "lingua/sentences" / f"{lang}.txt", 150)]
    samples = [s for s in samples if not s.isascii()]
    right = sum(decode_bytes(s).text == s.decode(page) for s in samples)
    assert right >= 0.95 * len(samples)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["Hello, world. This is UTF-16.", PERSIAN, ARABIC + " 2024"])
def test_utf16_without_bom_is_found_by_its_nul_bytes(codec, text):
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.fixes) == (text, codec, ["utf16_no_bom"])


def test_stray_bytes_in_utf8_become_replacement_characters():
    data = (PERSIAN * 3).encode("utf-8") + b"\xff caf\xe9 " + GERMAN.encode("utf-8")
    decoded = decode_bytes(data, declared="windows-1252")
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 2 and decoded.text.startswith(PERSIAN)
    assert "undecodable_bytes_replaced" in decoded.fixes


def test_mostly_undecodable_bytes_raise_a_named_error():
    with pytest.raises(UndecodableText, match="could not be decoded"):
        decode_bytes(bytes(range(256)) * 4)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([None, "utf-8", "latin-1", "windows-1256", "koi8-r", "bogus", "utf-16"]))
def test_decode_bytes_never_raises_anything_else(data, declared):
    try:
        decoded = decode_bytes(data, declared)
    except UndecodableText:
        return
    assert isinstance(decoded.text, str) and canonical_charset(decoded.encoding)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00\ufeff")))
def test_any_utf8_text_round_trips(text):
    assert decode_bytes(text.encode("utf-8"), declared="iso-8859-1").text == text


# ---------------------------------------------------------------- charset labels


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (b'<html><head><meta charset="windows-1256"></head>', "windows-1256"),
        (b"<META CHARSET=UTF-8>", "utf-8"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R" />', "koi8-r"),
        (b"<?xml version='1.0' encoding='ISO-8859-9'?><rss/>", "iso-8859-9"),
        (b'<meta charset="utf-16le">', "utf-8"),
        (b"<html><body>no declaration</body></html>", None),
        (b" " * 5000 + b'<meta charset="koi8-r">', None),
    ],
)
def test_html_declared_charset(html, expected):
    assert html_declared_charset(html) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [("UTF8", "utf-8"), ("cp1251", "windows-1251"), ("iso_8859_6", "iso-8859-6"), ("EUC-KR", "euc-kr"),
     ("'shift_jis'", "shift_jis"), ("rot13", None), ("", None), (None, None)],
)
def test_canonical_charset(label, expected):
    assert canonical_charset(label) == expected


# ---------------------------------------------------------------- mojibake


def as_cp1256(text: str) -> str:
    return text.encode("utf-8").decode("cp1256")


def ftfy_cases():
    for path in sorted(FTFY_CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(reason="ftfy known failure", strict=False)] if case["expect"] == "fail" else []
            yield pytest.param(case, id=f"{path.stem}:{case['label'][:60]}", marks=marks)


@needs_eval
@pytest.mark.parametrize("case", list(ftfy_cases()) if FTFY_CASES.is_dir() else [])
def test_ftfy_cases(case):
    # Our config keeps curly quotes; ftfy's expectations straightened them, so compare straightened.
    fixed = repair_mojibake(case["original"])[0]
    expected = {case.get("fixed-encoding", case["fixed"]), case["fixed"]}
    assert uncurl_quotes(fixed) in {uncurl_quotes(e) for e in expected}


@pytest.mark.parametrize("text", [PERSIAN, URDU, ARABIC, "سلام دنیا", "کشور ۱۴۰۲ «ایران»"])
def test_cp1256_mojibake_is_repaired(text):
    assert repair_mojibake(as_cp1256(text)) == (text, ["mojibake:windows-1256"])


def test_cp1256_mojibake_inside_a_clean_line():
    line = f"{PERSIAN} | {as_cp1256(URDU)} | Windows {as_cp1256('بازی')}!"
    assert repair_cp1256(line) == (f"{PERSIAN} | {URDU} | Windows بازی!", True)


def test_cp1256_mojibake_with_lost_soft_hyphens_and_c1_bytes():
    stripped = as_cp1256("حافظ حکیم صبح").replace("\u00ad", "")
    assert repair_mojibake(stripped)[0] == "حافظ حکیم صبح"
    via_c1 = "".join(chr(b) if b == 0x81 else bytes([b]).decode("cp1256") for b in "پدر و پسر".encode("utf-8"))
    assert repair_mojibake(via_c1)[0] == "پدر و پسر"


def test_double_cp1256_mojibake_takes_two_passes():
    assert repair_mojibake(as_cp1256(as_cp1256(PERSIAN)))[0] == PERSIAN


@pytest.mark.parametrize(
    ("damaged", "text"),
    [
        (RUSSIAN.encode("utf-8").decode("cp1252", errors="replace"), None),
        (GERMAN.encode("utf-8").decode("cp1252"), GERMAN),
        (GERMAN.encode("utf-8").decode("latin-1"), GERMAN),
        (GERMAN.encode("utf-8").decode("mac-roman"), GERMAN),
        ("Ð¡ÑŠÐµÑˆÑŒ Ð¶Ðµ ÐµÑ‰Ñ‘ Ñ\u008dÑ‚Ð¸Ñ…", "Съешь же ещё этих"),
    ],
)
def test_western_mojibake_goes_through_ftfy(damaged, text):
    fixed, fixes = repair_mojibake(damaged)
    if text is not None:
        assert fixed == text
    assert any(f.startswith("mojibake:") for f in fixes)


@needs_eval
def test_cp1256_repair_rate_on_damaged_real_lines():
    clean = [line for lang in ("fa", "ar", "ur") for line in lines(LANGID / "lingua/sentences" / f"{lang}.txt", 300)]
    clean += [line for lang in ("fa", "prs", "ur", "ps") for line in lines(LANGID / "udhr" / f"{lang}.txt")]
    repaired = sum(repair_mojibake(as_cp1256(line))[0] == line for line in clean)
    assert repaired >= 0.99 * len(clean)


@needs_eval
def test_no_false_positives_on_clean_lines_in_any_language():
    paths = sorted((LANGID / "lingua/sentences").glob("*.txt")) + sorted((LANGID / "udhr").glob("*.txt"))
    touched = [line for path in paths for line in lines(path) if repair_cp1256(line)[1]]
    assert touched == []


@needs_eval
@pytest.mark.parametrize("lang", ["fa", "ar", "ur"])
def test_repair_mojibake_leaves_clean_arabic_script_alone(lang):
    for line in lines(LANGID / "lingua/sentences" / f"{lang}.txt"):
        assert repair_mojibake(line) == (line, [])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_repair_mojibake_never_raises_and_is_idempotent(text):
    once, _ = repair_mojibake(text)
    assert repair_mojibake(once)[0] == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ابپتثجچحخدرزسشصطظعغفقکگلمنوهی ‌،؟.")))
def test_cp1256_damage_is_undone_for_any_arabic_script_text(text):
    damaged = as_cp1256(text)
    fixed, _ = repair_mojibake(damaged)
    assert repair_mojibake(fixed)[0] == fixed
    # ت غ ف show as "طھ" "ط؛" "ظپ", which look like correct Arabic: two other letters are needed as evidence
    if sum(ch.isalpha() and ch not in "تغف" for ch in text) >= 2 and text == text.strip():
        assert fixed == text
