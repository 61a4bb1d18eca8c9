"""The plain-text extractor on articles written for these tests, in several languages and layouts."""
from __future__ import annotations

import re

import pytest

from extractors.text import extract_text, is_keyword_list, is_truncated, unwrap

EN_BODY = [
    "Officials said on Monday that the two groups had agreed to stop fighting each other in the eastern provinces.",
    "The agreement, which has not been made public, allows both sides to move fighters to other fronts, they said.",
    "Local elders told reporters that the truce had brought a few weeks of calm to villages that were caught in the crossfire.",
]


def doc(*parts: str) -> str:
    return "\n\n".join(parts)


def stripped(draft, reason: str) -> list[str]:
    return [s.text for s in draft.stripped if s.reason == reason]


def test_persian_masthead_byline_teaser_credit_and_signature() -> None:
    text = doc(
        "صدای آزادی – آزادی صدا",
        "SA-SA",
        "www.sadayeazadi.org",
        "editor@sadayeazadi.org",
        "English Section",
        "بخش انگلیسی",
        "By Sara Ahmadi",
        "03.04.2022",
        "Why the Truce in the East Will Not Hold",
        "Teaser: A local ceasefire has given both groups time to regroup, but it rests on fragile deals.",
        "Author Bio: Sara Ahmadi is a journalist based in Herat who covers security and politics.",
        "Source: Globetrotter",
        "[Article Body:]",
        *EN_BODY,
        "Maryam Karimi",
        "Managing Editor/maryam@sadayeazadi.org",
    )
    d = extract_text(text)
    assert d.kind == "article"
    assert d.title == "Why the Truce in the East Will Not Hold"
    assert d.subtitle.startswith("A local ceasefire has given both groups time")
    assert d.authors == ["Sara Ahmadi"]
    assert (d.published, d.published_raw) == ("2022-04-03", "03.04.2022")
    assert d.publisher == "sadayeazadi.org"
    assert d.original_source == "Globetrotter"
    assert d.paragraphs == EN_BODY
    assert "صدای آزادی – آزادی صدا" in stripped(d, "masthead") and "بخش انگلیسی" in stripped(d, "masthead")
    assert stripped(d, "author_bio") and stripped(d, "label") == ["[Article Body:]"]
    assert stripped(d, "signature") == ["Maryam Karimi", "Managing Editor/maryam@sadayeazadi.org"]


def test_doubled_title_unlabelled_standfirst_dateline_source_and_comment_footer() -> None:
    title = "Rival Insurgents Agree Informal Truce in the East"
    lead = "Jalalabad (Afghanistan) : " + EN_BODY[0]
    d = extract_text(
        doc(title, title, "Two armed groups turn their guns on government forces instead of on each other", lead, *EN_BODY[1:],
            "Source : The Kabul Times", "Leave a Reply", "Your email address will not be published. Required fields are marked *")
    )
    assert d.title == title
    assert d.subtitle == "Two armed groups turn their guns on government forces instead of on each other"
    assert d.dateline == "Jalalabad (Afghanistan)"
    assert d.paragraphs[0] == lead  # the dateline stays in the text
    assert d.original_source == "The Kabul Times"
    assert stripped(d, "duplicate") == [title]
    assert len(stripped(d, "comment_footer")) == 2
    assert "Leave a Reply" not in d.text() and "Source" not in d.text()


def test_truncated_caption_after_the_title() -> None:
    d = extract_text(
        doc("Truce or War? Mixed Signals From the Insurgents", "Armed fighters gather near the border with Pakistan in the district of Nangarh",
            *EN_BODY, "Fighting continued in Nangarhar province despite the truce, officials in the district said on Tuesday.")
    )
    assert d.title == "Truce or War? Mixed Signals From the Insurgents"
    assert d.subtitle is None
    assert d.captions == ["Armed fighters gather near the border with Pakistan in the district of Nangarh"]
    assert "Nangarh\n" not in d.text() and not d.text().startswith("Armed")


def test_credit_caption_and_keyword_caption() -> None:
    d = extract_text(
        doc("Talks Resume in Doha After Long Pause", "Taliban, officials, ISIS, mosque, Kabul",
            "Delegates arrive for the talks on Sunday. KARIM JAAFAR/AFP/GETTY IMAGES", *EN_BODY)
    )
    assert d.title == "Talks Resume in Doha After Long Pause"
    assert sorted(d.captions) == ["Delegates arrive for the talks on Sunday. KARIM JAAFAR/AFP/GETTY IMAGES", "Taliban, officials, ISIS, mosque, Kabul"]
    assert d.paragraphs == EN_BODY


def test_caps_masthead_credit_line_with_date_and_day_first_date() -> None:
    d = extract_text(
        doc("ORTA ASYA", "ARAŞTIRMALARI", "INSTITUTE FOR", "CENTRAL ASIAN STUDIES",
            "TALIBAN AND ISIS AGREE TRUCE TO FIGHT GOVERNMENT FORCES", "- 03.04.2017", "AFP, 02 April 2017", *EN_BODY)
    )
    assert d.title == "TALIBAN AND ISIS AGREE TRUCE TO FIGHT GOVERNMENT FORCES"
    assert d.publisher == "Institute for Central Asian Studies"
    assert (d.published, d.original_source, d.original_published) == ("2017-04-03", "AFP", "2017-04-02")
    assert set(stripped(d, "masthead")) == {"ORTA ASYA", "ARAŞTIRMALARI", "INSTITUTE FOR", "CENTRAL ASIAN STUDIES"}


def test_month_first_evidence_from_a_written_date() -> None:
    d = extract_text(doc("Markets Rally as Talks Resume", "Published: 05/12/2016", "Reuters, May 11, 2016", *EN_BODY))
    assert d.published == "2016-05-12" and d.original_published == "2016-05-11"


def test_german_article() -> None:
    body = [
        "Die Taliban und der Islamische Staat haben sich nach Angaben von Beamten auf eine örtliche Waffenruhe geeinigt.",
        "Beide Gruppen wollen sich nun auf den Kampf gegen die Regierungstruppen konzentrieren, hieß es am Montag.",
    ]
    d = extract_text(doc("Waffenruhe im Osten Afghanistans", "Von Anna Schmidt", "Veröffentlicht am 15. März 2021", *body,
                         "Quelle: Deutsche Welle", "Schreibe einen Kommentar",
                         "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert"))
    assert (d.title, d.authors, d.published) == ("Waffenruhe im Osten Afghanistans", ["Anna Schmidt"], "2021-03-15")
    assert d.original_source == "Deutsche Welle"
    assert d.paragraphs == body
    assert len(stripped(d, "comment_footer")) == 2


def test_russian_article_with_tass_dateline() -> None:
    body = [
        "МОСКВА, 12 мая. /ТАСС/. Талибы и боевики «Исламского государства» договорились о перемирии на востоке страны.",
        "Об этом сообщили местные чиновники, которые не исключают, что перемирие может быть нарушено в любой момент.",
    ]
    d = extract_text(doc("Талибы и ИГ заключили перемирие", "Автор: Иван Петров", "12 мая 2023", *body,
                         "Оставить комментарий", "Ваш адрес email не будет опубликован. Обязательные поля помечены *"))
    assert (d.title, d.authors, d.published) == ("Талибы и ИГ заключили перемирие", ["Иван Петров"], "2023-05-12")
    assert (d.dateline, d.original_source) == ("МОСКВА, 12 мая", "ТАСС")
    assert d.paragraphs == body and len(stripped(d, "comment_footer")) == 2


def test_persian_article() -> None:
    body = [
        "طالبان و داعش بیش از یک سال در شرق افغانستان با هم جنگیدند و اکنون آتش‌بس محلی برقرار کرده‌اند.",
        "مقام‌های محلی می‌گویند که این آتش‌بس به هر دو گروه فرصت داده است تا نیروهای خود را بازسازی کنند.",
    ]
    d = extract_text(doc("آتش‌بس طالبان و داعش در شرق افغانستان", "نویسنده: محمد رضایی", *body, "منبع: بی‌بی‌سی فارسی",
                         "دیدگاهتان را بنویسید", "نشانی ایمیل شما منتشر نخواهد شد. بخش‌های موردنیاز علامت‌گذاری شده‌اند *"))
    assert (d.title, d.authors, d.original_source) == ("آتش‌بس طالبان و داعش در شرق افغانستان", ["محمد رضایی"], "بی‌بی‌سی فارسی")
    assert d.paragraphs == body and len(stripped(d, "comment_footer")) == 2


def test_arabic_and_urdu_articles() -> None:
    ar = [
        "قال مسؤولون محليون إن حركة طالبان وتنظيم الدولة توصلا إلى هدنة غير معلنة في شرق البلاد.",
        "وأضاف المسؤولون أن الهدنة قد تنهار في أي وقت، لكنها سمحت للطرفين بإعادة تنظيم صفوفهما.",
    ]
    d = extract_text(doc("هدنة بين طالبان وتنظيم الدولة في الشرق", "بقلم: أحمد علي", *ar, "اترك تعليقاً",
                         "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"))
    assert (d.title, d.authors, d.paragraphs) == ("هدنة بين طالبان وتنظيم الدولة في الشرق", ["أحمد علي"], ar)
    ur = [
        "مقامی حکام کا کہنا ہے کہ طالبان اور داعش کے درمیان مشرقی صوبوں میں غیر اعلانیہ جنگ بندی ہو گئی ہے۔",
        "حکام کے مطابق یہ جنگ بندی کسی بھی وقت ختم ہو سکتی ہے، لیکن اس سے دونوں گروپوں کو وقت ملا ہے۔",
    ]
    d = extract_text(doc("طالبان اور داعش میں جنگ بندی کی خبریں", "تحریر: عمران خان", *ur, "جواب دیں",
                         "آپ کا ای میل ایڈریس شائع نہیں کیا جائے گا۔ ضروری خانوں کو * سے نشان زد کیا گیا ہے"))
    assert (d.title, d.authors, d.paragraphs) == ("طالبان اور داعش میں جنگ بندی کی خبریں", ["عمران خان"], ur)
    assert len(stripped(d, "comment_footer")) == 2


def test_first_appeared_credit_at_the_end() -> None:
    d = extract_text(doc("A Fragile Peace in the East", *EN_BODY, "This article first appeared in The Diplomat."))
    assert d.original_source == "The Diplomat" and d.paragraphs == EN_BODY
    assert stripped(d, "credit_line") == ["This article first appeared in The Diplomat."]


def test_copied_web_page_keeps_only_the_article() -> None:
    menu = ["Menu", "Home", "World", "Politics", "Business", "Sports", "Log In", "Subscribe now"]
    related = ["Most Popular", "Hunter captures strange howl in northern woods", "Family who bought mould-infested home to receive payout",
               "Cat meme takes over social media in a single weekend"]
    footer = ["About Us", "Contact Us", "Privacy Policy", "Terms of Use", "© 2019 Example News, Inc. All rights reserved."]
    text = doc(*menu, "Ceasefire Holds in the East for a Second Week", "Chris Davies - Nov 19, 2019, 10:31 pm CST",
               "Share on Facebook", *EN_BODY, "Facebook", "Twitter", *related, *footer)
    d = extract_text(text)
    assert d.paragraphs == EN_BODY
    assert d.title == "Ceasefire Holds in the East for a Second Week"
    assert d.authors == ["Chris Davies"] and d.published.startswith("2019-11-19")
    assert all(line not in d.text() for line in menu + related + footer)


def test_every_input_line_is_accounted_for() -> None:
    text = doc("Ceasefire Holds", "By Jane Doe", *EN_BODY, "Home", "Share", "Leave a Reply")
    d = extract_text(text)
    kept = {d.title, *d.paragraphs, *(s.text for s in d.stripped)}
    for line in text.split("\n\n"):
        assert line in kept or line in d.text()


def test_pdf_text_is_unwrapped_into_paragraphs() -> None:
    lines = [
        "Officials said on Monday that the two groups had agreed to stop",
        "fighting each other in the eastern provinces of the country.",
        "",
        "The agreement, which has not been made public, allows both sides to",
        "move fighters to other fronts, they said on condition of anonymity.",
    ]
    assert unwrap(lines) == [
        "Officials said on Monday that the two groups had agreed to stop fighting each other in the eastern provinces of the country.",
        "The agreement, which has not been made public, allows both sides to move fighters to other fronts, they said on condition of anonymity.",
    ]
    assert unwrap(["چو کشور نباشد تن من مباد بدین بوم و بر زنده یک تن مباد", "همه سر به سر تن به کشتن دهیم از آن به که کشور به دشمن دهیم"]) == [
        "چو کشور نباشد تن من مباد بدین بوم و بر زنده یک تن مباد",
        "همه سر به سر تن به کشتن دهیم از آن به که کشور به دشمن دهیم",
    ]


def test_truncation_and_keyword_list_helpers() -> None:
    vocab = sorted({"pakistan", "pakistani", "in", "stance"})
    assert is_truncated("supporters of Maulana Fazlullah in Pakista", vocab, {"pakista": 1})
    assert not is_truncated("Taliban Contradicts Itself on Islamic State Stance", vocab, {"stance": 1})
    assert not is_truncated("He lives in Pakista.", vocab, {"pakista": 1})
    assert is_keyword_list("Taliban, officials, ISIS, mosque")
    assert not is_keyword_list("Officials, who declined to be named, said the truce, signed in May, holds.")


def test_forum_threads_go_to_the_forum_extractor() -> None:
    lines = ["Thread", "", "Ann", "Member", "Joined: Mar 3, 2020", "Posts: 12", "Hi all.", "",
             "Bob", "Member", "Joined: May 1, 2019", "Posts: 1,234", "Ann said:", "Hi all.", "Click to expand...", "Hello."]
    d = extract_text("\n".join(lines))
    assert d.kind == "forum_thread" and len(d.posts) == 2


def test_news_page_with_dated_teasers_stays_an_article() -> None:
    teasers = ["Infants found with helmets made of skulls", "20 hours ago", "2", "Researchers uncover fossil of an early bird",
               "Nov 18, 2019", "0", "Telescope spies a stellar flare", "1 hour ago", "Climate impacts to cost trillions", "3 hours ago",
               "Manmade noise a major pollutant", "3 hours ago", "Endangered whales react to environmental changes", "15 hours ago",
               "New statistical model improves test score predictions", "14 hours ago", "Corals face a new danger in warming oceans", "14 hours ago", "Fossil bird found in Japan", "Oct 29, 2019",
               "First global geologic map of Saturn's largest moon completed", "Nov 18, 2019", "User comments"]
    d = extract_text(doc("Ceasefire Holds in the East for a Second Week", *EN_BODY, "Popular", *teasers))
    assert d.kind == "article" and d.paragraphs == EN_BODY


def test_text_without_prose_keeps_its_lines() -> None:
    d = extract_text("Shopping list\n\nMilk\n\nBread")
    assert d.kind == "article" and re.search("Milk", d.text() + " ".join(s.text for s in d.stripped))


# Regional text dumps print the date only as a visible line by the title or byline (issue 15).
AR_BODY = ["قالت وزارة الصحة في بيان رسمي إن حملة التطعيم الجديدة ستشمل جميع المحافظات خلال الأسابيع المقبلة، وإن الفرق الطبية جاهزة للعمل.",
           "وأضاف البيان أن اللقاحات وصلت إلى المخازن المركزية في العاصمة وسيتم توزيعها على المراكز الصحية بدءا من الأسبوع المقبل."]
PRS_BODY = ["شاروالی کابل می‌گوید که کار ترمیم سرک‌های فرعی در ناحیه‌های سوم، پنجم و هفتم شهر از امروز آغاز شده و تا پایان ماه ثور ادامه خواهد داشت.",
            "به گفته مسئولان این اداره، هزینه این پروژه حدود دو ملیون دالر است که از بودجه انکشافی پرداخت می‌شود."]
UR_BODY = ["وزارت صحت نے ایک بیان میں کہا ہے کہ نئی ویکسین مہم تمام صوبوں میں شروع کی جائے گی اور طبی ٹیمیں تیار ہیں۔",
           "بیان میں کہا گیا کہ ویکسین مرکزی گوداموں میں پہنچ چکی ہے اور اگلے ہفتے سے صحت مراکز میں تقسیم کی جائے گی۔"]


@pytest.mark.parametrize("head, body, published", [
    (["موقع الأخبار", "حملة تطعيم جديدة في جميع المحافظات", "الأحد 28 آب/أغسطس 2013 - 10:30"], AR_BODY, "2013-08-28T10:30:00"),
    (["الأحد 28 آب/أغسطس 2013", "حملة تطعيم جديدة في جميع المحافظات"], AR_BODY, "2013-08-28"),  # date above the title
    (["حملة تطعيم جديدة في جميع المحافظات", "١٤ رمضان ١٤٤٥ هـ"], AR_BODY, "2024-03-24"),
    (["آغاز کار ترمیم سرک‌های کابل پیش از فصل بارندگی", "دوشنبه ۲۸ حوت ۱۴۰۲ - ساعت ۱۰:۳۰"], PRS_BODY, "2024-03-18T10:30:00"),
    (["آغاز کار ترمیم سرک‌های کابل پیش از فصل بارندگی", "تاریخ نشر: ۱۴۰۲/۰۵/۱۲ - ۱۰:۲۰"], PRS_BODY, "2023-08-03T10:20:00"),
    (["نئی ویکسین مہم کا آغاز ہو گیا", "بدھ 12 اپریل 2023"], UR_BODY, "2023-04-12"),
])
def test_regional_date_line_by_the_title(head, body, published) -> None:
    d = extract_text(doc(*head, *body))
    assert d.published == published
    assert d.paragraphs == body
    assert d.title == next(line for line in head if "حملة" in line or "آغاز" in line or "مہم" in line)


def test_the_body_script_is_the_one_most_letters_are_in():
    from extractors.text import _script

    assert [_script(t) for t in ("گزارش سالانه of 2024", "Report: گزارش", "Отчёт 2024 год", "2024 ...")] == ["arabic", "latin", "cyrillic", None]


def test_teasers_cut_with_an_ellipsis_below_the_body_are_not_body_text() -> None:
    teasers = [
        "Officials in the north say the new road will open to traffic before the winter...",
        "Farmers in the valley are counting the cost of the late frost on this year's…",
        "The council has asked residents to comment on the plan for a new market in the...",
        "Teachers in three districts have not been paid for the last two months, and they...",
    ]
    draft = extract_text(doc("Why the Truce in the East Will Not Hold", *EN_BODY, "Related", *teasers))
    assert draft.paragraphs == EN_BODY
    assert set(teasers) <= {s.text for s in draft.stripped}


RELATED = [
    "Farmers count the cost of the late frost",
    "Growers in the valley say the cold snap in April destroyed most of this year's apricot blossom.",
    "Council backs plan for a new market hall",
    "The city council voted on Tuesday to build a covered market on the site of the old bus station.",
    "Teachers in three districts still unpaid",
    "Teachers in three rural districts say they have not been paid since the start of the school year.",
]


def test_a_list_of_teasers_closing_the_article_is_not_body_text() -> None:
    draft = extract_text(doc("Why the Truce in the East Will Not Hold", *EN_BODY, *RELATED))
    assert draft.paragraphs == EN_BODY
    assert set(RELATED) <= {s.text for s in draft.stripped}


def test_sections_of_several_paragraphs_under_subheadings_stay_body_text() -> None:
    sections = [
        "How the talks began",
        "The first meeting was arranged by elders from both valleys, who had grown tired of the fighting.",
        "They met in a school building that had been closed since the spring, with no officials present.",
        "What the deal allows",
        "Each side may keep its checkpoints, but neither may send new fighters into the villages it holds.",
        "Traders are to be allowed through with goods once a week, under the eyes of the village councils.",
        "Where it may fail",
        "The deal says nothing about the road to the border, which both groups want for the taxes it brings.",
        "Elders fear that the first quarrel over that road will end the truce within a few weeks.",
    ]
    draft = extract_text(doc("Why the Truce in the East Will Not Hold", *EN_BODY, *sections))
    assert draft.paragraphs == EN_BODY + sections
