"""Unicode clean-up steps and broken-paragraph joining, in Persian, Urdu, Arabic, Russian, German."""
from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import unicode as uni
from normalizers.unicode import join_broken_paragraphs, normalize

ZWNJ, ZWJ, LRM, RLM = "\u200c", "\u200d", "\u200e", "\u200f"


def test_doctests():
    assert doctest.testmod(uni).failed == 0


@pytest.mark.parametrize(
    ("text", "expected", "fix"),
    [
        # NFC
        ("Cafe\u0301 und Mu\u0308nchen", "Café und München", "unicode_nfc"),
        ("Чаи\u0306 и кофе", "Чай и кофе", "unicode_nfc"),
        # Arabic presentation forms, Lam-Alef first
        ("\ufefb", "لا", "arabic_presentation_forms"),
        ("\ufee3\ufeae\ufea3\ufe92\ufe8e", "مرحبا", "arabic_presentation_forms"),
        ("\ufbfc\ufb8f", "یک", "arabic_presentation_forms"),
        # odd spaces
        ("Preis:\u00a010\u202f€", "Preis: 10 €", "odd_spaces_unified"),
        ("سلام\u2009دنیا\u3000!", "سلام دنیا !", "odd_spaces_unified"),
        # invisible characters
        ("Regie\u00adrung", "Regierung", "invisible_chars_removed"),
        ("ка\u200bчество\ufeff", "качество", "invisible_chars_removed"),
        # joiners: stray ones go, Persian ones inside words stay
        (f"{ZWNJ}کتاب{ZWNJ} می{ZWNJ}خواهم", f"کتاب می{ZWNJ}خواهم", "stray_joiners_removed"),
        (f"Auf{ZWNJ}lage und {ZWJ}Test", "Auflage und Test", "stray_joiners_removed"),
        (f"نمی{ZWNJ} {ZWJ}دانم", f"نمی دانم", "stray_joiners_removed"),
        # direction marks where they change nothing
        (f"{RLM}سلام{RLM}دنیا", "سلامدنیا", "direction_marks_removed"),
        (f"{LRM}Hello{LRM}{LRM}", "Hello", "direction_marks_removed"),
        # markdown links and escapes
        ("Read [more](#) or [skip]() or [top](#top).", "Read more or skip or top.", "markdown_link_stubs_removed"),
        ("See [Wikipedia](https://de.wikipedia.org/wiki/Ada_(Sprache) \"Ada\") now", "See Wikipedia now", "markdown_links_unwrapped"),
        ("[اخبار ایران](http://example.ir/news)", "اخبار ایران", "markdown_links_unwrapped"),
        (r"costs \$5, my\_var, \*not bold\*, \#tag, \[1\]", "costs $5, my_var, *not bold*, #tag, [1]", "markdown_unescaped"),
        # control characters (not tabs/newlines)
        ("a\x00b\x07c\x1bd\x7f\x85e\x9f", "abcd\ne", "control_chars_removed"),
        # whitespace and line structure
        ("слово  \t слово", "слово слово", "spaces_collapsed"),
        ("Zeile  \nnoch eine\t\n", "Zeile\nnoch eine\n", "trailing_spaces_stripped"),
        ("a\r\nb\rc", "a\nb\nc", "line_breaks_unified"),
        ("فصل اول\n\n\n\n\nفصل دوم", "فصل اول\n\nفصل دوم", "blank_lines_collapsed"),
    ],
)
def test_each_fix(text, expected, fix):
    out, fixes = normalize(text)
    assert out == expected
    assert fix in fixes


@pytest.mark.parametrize(
    "text",
    [
        f"می{ZWNJ}خواهم این کتاب را بخوانم.",
        "پاکستان کا دارالحکومت اسلام آباد ہے۔",
        "اللغة العربية جميلة.",
        "Съешь же ещё этих мягких французских булок.",
        "Größere Übungen – „natürlich“ schön.\n\nZweiter Absatz.",
        "👨\u200d👩\u200d👧 family, ❤️\u200d🔥",
        "क्\u200dष and ক্\u200cষ",
        "![logo](#) stays an image",
        "tabs\tstay\tsingle",
        "",
    ],
)
def test_clean_text_is_untouched(text):
    assert normalize(text) == (text, [])


@pytest.mark.parametrize("override", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidi_overrides_are_kept_as_evidence(override):
    text = f"invoice{override}fdp.exe"
    assert normalize(text)[0] == text


def test_paragraph_structure_survives():
    text = "Erster Absatz.\r\n\r\n\r\nZweiter  Absatz.\u00a0\n\nسوم"
    assert normalize(text)[0] == "Erster Absatz.\n\nZweiter Absatz.\n\nسوم"


def test_fixes_are_named_once_and_only_when_they_fired():
    out, fixes = normalize("a  b  c")
    assert (out, fixes) == ("a b c", ["spaces_collapsed"])
    assert len(fixes) == len(set(fixes))


TRICKY = st.sampled_from(
    list("ab شکی\u0301\u0654\n\r\t[]()#!\\$_*-.?؟")
    + [ZWNJ, ZWJ, LRM, RLM, "\u00a0", "\u00ad", "\u200b", "\ufeff", "\ufefb", "\u202e", "\x00", "\x85", "\u2028", "](#)", "](http://x)", "  "]
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_normalize_is_idempotent_on_any_text(text):
    once, _ = normalize(text)
    assert normalize(once) == (once, [])


@settings(max_examples=200, deadline=None)
@given(st.lists(TRICKY, max_size=40).map("".join))
def test_normalize_is_idempotent_on_tricky_text(text):
    once, _ = normalize(text)
    assert normalize(once) == (once, [])


# ---------------------------------------------------------------- broken paragraphs

LONG_FA = "طالبان سال‌ها تلاش کردند تا حکومت خود را دوباره بر"
LONG_UR = "حکومت نے اعلان کیا کہ آئندہ سال سے تمام سرکاری اسکولوں میں"


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["The Taliban fought for years to re-establish their rule over", "the country, but they failed."],
         ["The Taliban fought for years to re-establish their rule over the country, but they failed."]),
        (["Правительство объявило, что со следующего года во всех", "школах будет бесплатное питание."],
         ["Правительство объявило, что со следующего года во всех школах будет бесплатное питание."]),
        (["Die Bundesregierung hat am Mittwoch beschlossen, dass die", "neuen Regeln ab Mai gelten."],
         ["Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln ab Mai gelten."]),
        ([LONG_FA, "کشور برقرار کنند اما موفق نشدند."], [LONG_FA + " کشور برقرار کنند اما موفق نشدند."]),
        ([LONG_UR, "مفت کھانا دیا جائے گا۔"], [LONG_UR + " مفت کھانا دیا جائے گا۔"]),
        (["The project was paid for entirely by the federal gov-", "ernment and its agencies."],
         ["The project was paid for entirely by the federal government and its agencies."]),
        (["Fighters loyal to the government and the U.S.-", "backed militia took the town."],
         ["Fighters loyal to the government and the U.S.-backed militia took the town."]),
        (["He was seen at a rally of the far-right and anti-", "EU parties in the south."],
         ["He was seen at a rally of the far-right and anti-EU parties in the south."]),
        (["It is a simple and, as everyone agrees, well-", "known fact.", "Everyone says it is well-known."],
         ["It is a simple and, as everyone agrees, well-known fact.", "Everyone says it is well-known."]),
        (["Die Regierung hat im vergangenen Jahr viele neue", "Gesetze", "verabschiedet und dabei"],
         ["Die Regierung hat im vergangenen Jahr viele neue", "Gesetze", "verabschiedet und dabei"]),
    ],
)
def test_broken_paragraphs_are_joined(paragraphs, expected):
    joined, changed = join_broken_paragraphs(paragraphs)
    assert joined == expected
    assert changed == (joined != paragraphs)


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Introduction", "the first part explains the method."],  # a heading
        ["- first item of a list that goes on and on without end", "- second item"],
        ["1. the first point we want to make in this long list", "and more"],
        ["This sentence ends as every sentence should end with a stop.", "then a lowercase start."],
        ["He asked whether it would ever be finished or not at all?", "no, it would not."],
        ["این جمله کامل است و با نقطه پایان می‌یابد و ادامه ندارد.", "جمله بعدی شروع می‌شود."],
        ["آیا این پرسش طولانی ما سرانجام پاسخی خواهد داشت یا نه؟", "پاسخ منفی است."],
        ["یہ جملہ مکمل ہے اور اس کے بعد کوئی اور بات نہیں۔", "اگلا جملہ یہاں ہے۔"],
        ["کوتاه", "ادامه متن"],  # too short to be a broken sentence
        ["They said the following about the decision and its results:", "it was wrong."],
        [LONG_FA, "- فهرست"],
        ["The result is shown in the table on the next page for all", "2024 figures"],
    ],
)
def test_intentional_breaks_are_kept(paragraphs):
    assert join_broken_paragraphs(paragraphs) == (paragraphs, False)


def test_several_breaks_in_a_row_join_into_one_paragraph():
    parts = ["In the year that followed, the new council tried again and again to", "persuade the", "ministry that the money was needed."]
    assert join_broken_paragraphs(parts) == ([" ".join(parts)], True)


def test_empty_and_blank_paragraphs_are_left_alone():
    assert join_broken_paragraphs([]) == ([], False)
    assert join_broken_paragraphs(["", "  ", "text"]) == (["", "  ", "text"], False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab Ab.-؟شک ")), max_size=80), max_size=6))
def test_joining_never_raises_and_is_stable(paragraphs):
    joined, _ = join_broken_paragraphs(paragraphs)
    assert join_broken_paragraphs(joined)[0] == joined


@pytest.mark.timeout(60)
def test_a_text_of_300000_broken_lines_joins_in_linear_time():
    """Each join grew one string and searched it whole for a line-end hyphen: n² (20,000 lines took 27 s)."""
    lines = ["in the hall of the council they spoke of the river"] + ["and of the bridge and the gov-", "ernment"] * 150_000
    joined, changed = join_broken_paragraphs(lines)
    assert changed and len(joined) == 1
    assert joined[0].endswith("and of the bridge and the government")


def test_a_run_of_hyphenated_pieces_is_no_word_past_its_longest():
    """'a-' glued to 'a-' thousands of times is read back only LONGEST_WORD characters: the hyphens go until
    the glued run is that long, and stay after it."""
    joined, _ = join_broken_paragraphs(["one two three four five six seven"] + ["a-"] * 2_000)
    run = joined[0].split()[-1]
    assert run.startswith("a" * (uni.LONGEST_WORD - 1) + "a-a-") and run.count("-") == 2_000 - (uni.LONGEST_WORD - 1)
