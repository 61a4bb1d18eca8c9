"""Line-level boilerplate: pattern reasons in many languages, line grading and main-text selection."""
from __future__ import annotations

import pytest

from normalizers.boilerplate import (
    best_region,
    classify_line,
    grade_line,
    main_content,
    reasons,
    stopword_density,
    word_count,
)


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Please let us know if you're having issues with commenting.",
        "Schreibe einen Kommentar",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
        "Оставить комментарий",
        "Ваш адрес email не будет опубликован. Обязательные поля помечены *",
        "دیدگاهتان را بنویسید",
        "نشانی ایمیل شما منتشر نخواهد شد. بخش‌های موردنیاز علامت‌گذاری شده‌اند *",
        "اترك تعليقاً",
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
        "جواب دیں",
        "آپ کا ای میل ایڈریس شائع نہیں کیا جائے گا۔ ضروری خانوں کو * سے نشان زد کیا گیا ہے",
        "Bir yanıt yazın",
        "E-posta hesabınız yayımlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir",
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        "Deja una respuesta",
        "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *",
        "12 Comments",
    ],
)
def test_comment_form_footers_in_many_languages(line: str) -> None:
    assert classify_line(line) == "comment_footer"


@pytest.mark.parametrize(
    "line, reason",
    [
        ("© 2019 Hearst Communications, Inc.", "copyright"),
        ("Все права защищены.", "copyright"),
        ("تمامی حقوق این سایت محفوظ است.", "copyright"),
        ("جميع الحقوق محفوظة لموقع الخبر", "copyright"),
        ("This website uses cookies to improve your experience.", "cookie_notice"),
        ("Share on Facebook", "share_bar"),
        ("Facebook | Twitter | Email", "share_bar"),
        ("Поделиться", "share_bar"),
        ("Subscribe now", "login_prompt"),
        ("Sign up for our daily newsletter", "login_prompt"),
        ("Home › World › Asia", "navigation"),
        ("Skip to main content", "navigation"),
        ("Читайте также: Талибы объявили перемирие", "related_links"),
        ("You may also like", "related_links"),
        ("Mehr zum Thema", "related_links"),
        ("Advertisement", "advert"),
        ("www.afgazad.com", "url"),
        ("https://example.org/news/2023/05/12/story", "url"),
        ("afgazad@gmail.com", "email"),
        ("[Article Body:]", "label"),
        ("Author Bio: This article was produced by Globetrotter.", "author_bio"),
        ("Об авторе: Иван Петров — журналист.", "author_bio"),
        ("درباره نویسنده: محمد رضایی روزنامه‌نگار است.", "author_bio"),
        ("Taliban fighters in Kabul on Sunday. WAKIL KOHSAR/AFP/GETTY IMAGES", "caption"),
        ("Photo: Damian Dovarganes, AP", "caption"),
        ("In this Dec. 12, 2006, file photo, an astronaut works outside the station.", "caption"),
        ("Foto: Michael Kappeler/dpa", "caption"),
        ('<div class="ie-flag">', "markup"),
        ("e hearst/ads/full_banner_B728.tpl", "markup"),
        ("10:31 pm CST", "timestamp"),
        ("5 min read", "timestamp"),
        ("•", "symbols"),
    ],
)
def test_chrome_lines_get_their_reason(line: str, reason: str) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The Taliban want foreign forces to leave Afghanistan and Shariah law to be established.",
        "Share prices fell sharply on Monday after the central bank raised interest rates.",
        "Der Beitrag erschien in einer Sonderausgabe, die Kommentare der Leser enthielt.",
        "Талибы заявили, что не позволят боевикам закрепиться в стране.",
        "طالبان گفتند که به داعش اجازه نمی‌دهند در افغانستان جای پا پیدا کند.",
        "",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert classify_line(line) is None


def test_reasons_come_from_the_data_files() -> None:
    assert {"comment_footer", "share_bar", "copyright", "caption", "author_bio", "label"} <= set(reasons())


def test_function_word_density_separates_prose_from_menus() -> None:
    assert stopword_density("The agency said on Monday that its researchers examined how it would work.") > 0.3
    assert stopword_density("Tech Cars Gaming Entertainment Science Reviews") == 0.0
    assert stopword_density("Талибы заявили, что они не позволят боевикам закрепиться в стране.") > 0.2
    assert stopword_density("") == 0.0


def test_cjk_characters_count_as_half_words() -> None:
    assert word_count("東京で会議が開かれた") == pytest.approx(5.0)
    assert word_count("Two plain words") == 3


def test_grades() -> None:
    assert grade_line("Home").kind == "bad"
    assert grade_line("Police Reports").kind == "short"
    assert grade_line("Snooze cruise: Study sees future for hibernating astronauts").kind in ("near", "short")
    prose = grade_line("While slowing down metabolic rate is not possible yet, the team says that it is a goal.")
    assert prose.kind == "good" and prose.sentence is False


def test_best_region_is_maximum_sum_run() -> None:
    assert best_region([-1, 5, -2, 4, -9, 3]) == (1, 4, 7.0)
    assert best_region([-1, -2]) == (0, 0, 0.0)


MENU = ["Home", "World", "Politics", "Business", "Tech", "Sports", "Opinion", "Video", "Subscribe now"]
RELATED = [
    "Hotel honours bartender's dying wish by using his toes in cocktail",
    "Hockey Canada announces changes to age-division names",
    "Smudge, a salad-hating cat from Ottawa, becomes a viral meme",
]
BODY = [
    "The European Space Agency says putting astronauts into a state of suspended animation could make it easier to reach other planets.",
    "The agency said on Monday that its researchers examined how hibernation would affect the design of a crewed mission to Mars.",
    "Challenges include designing the spacecraft to operate largely on its own while the crew is asleep for months at a time.",
]


def test_main_content_keeps_the_article_and_drops_menus_and_related_lists() -> None:
    lines = MENU + ["Related"] + RELATED + ["Advertisement"] + BODY + ["Share on Facebook", "You may also like"] + RELATED + ["© 2019 CTV News"]
    verdict = main_content(lines)
    kept = [line for line, v in zip(lines, verdict) if v is None]
    assert kept == BODY
    assert verdict[0] == "navigation" and verdict[-1] == "copyright"


def test_main_content_keeps_a_subheading_between_paragraphs() -> None:
    lines = MENU + BODY[:2] + ["Why Mars matters"] + BODY[2:] + MENU
    kept = [line for line, v in zip(lines, main_content(lines)) if v is None]
    assert kept == BODY[:2] + ["Why Mars matters"] + BODY[2:]


def test_main_content_works_on_persian_and_russian_text() -> None:
    fa = [
        "طالبان و داعش بیش از یک سال در شرق افغانستان با هم جنگیدند و اکنون آتش‌بس محلی برقرار کرده‌اند.",
        "مقام‌های محلی می‌گویند که این آتش‌بس به هر دو گروه فرصت داده است تا نیروهای خود را بازسازی کنند.",
    ]
    ru = [
        "Талибы и боевики «Исламского государства» более года воевали друг с другом на востоке страны.",
        "По словам местных чиновников, теперь между ними действует негласное перемирие, и это очень опасно.",
    ]
    for body in (fa, ru):
        lines = ["صفحه اصلی", "Главная", "Поиск", "ورود"] + body + ["دیدگاهتان را بنویسید", "Оставить комментарий"]
        kept = [line for line, v in zip(lines, main_content(lines)) if v is None]
        assert kept == body


def _alternation_answer(line: str) -> str | None:
    """What `_classified` answered before its `.*`-led patterns were guarded: one alternation a reason."""
    import re

    from normalizers import boilerplate

    for reason, pats in boilerplate._sources().items():
        if re.compile("|".join(f"(?:{p})" for p in pats), re.I).fullmatch(line):
            return reason
    return None


_PHRASES = ["All Rights Reserved.", "ALLE RECHTE VORBEHALTEN", "this site uses cookies", 'data-id="1"', "Tüm hakları saklıdır",
            "all rights reſerved", "\u212aeep: all rights reserved", "جميع الحقوق محفوظة", "İn this photo", "tous droits réservés"]


@pytest.mark.parametrize("phrase", _PHRASES)
@pytest.mark.parametrize("before", ["", "© 2020 ", "A long line of prose that runs on " * 8])
@pytest.mark.parametrize("after", ["", ".", " and more", "\nnext"])
def test_guarded_patterns_answer_as_the_alternation(before, phrase, after):
    from normalizers.boilerplate import _classified

    line = before + phrase + after
    assert _classified(line) == _alternation_answer(line)


def test_guarded_patterns_answer_as_the_alternation_on_any_text():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    from normalizers.boilerplate import _classified

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from(_PHRASES) | st.text(max_size=40), max_size=6).map(" ".join))
    def check(line):
        assert _classified(line) == _alternation_answer(line)

    check()


def test_tokens_and_word_count_answer_as_the_word_by_word_split_on_any_text():
    """tokens skips the per-word CJK split on lines without CJK; word_count its CJK count: same answers."""
    hypothesis = pytest.importorskip("hypothesis")
    import re

    from hypothesis import strategies as st

    from normalizers.boilerplate import _CJK, _WORD, tokens

    def split_each_word(line):
        out = []
        for word in _WORD.findall(line.lower()):
            out.extend(_CJK.findall(word) if _CJK.search(word) else [word])
        return out

    letters = st.sampled_from("aZ İK\u212aſ中文字日本한국어ひら-'’\u200c 1.,") | st.characters()

    @hypothesis.settings(max_examples=500, deadline=None)
    @hypothesis.given(st.text(letters, max_size=60))
    def check(line):
        want = split_each_word(line)
        assert tokens(line) == want
        assert word_count(line) == len(want) - sum(1 for t in want if re.fullmatch(_CJK, t)) / 2

    check()
