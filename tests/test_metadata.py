"""Metadata lines: bylines, credits, standfirsts, date lines, datelines, mastheads, signatures."""
from __future__ import annotations

import pytest

from normalizers.metadata import (
    Credit,
    date_in_line,
    domain,
    is_name,
    is_outlet,
    is_place,
    is_signature,
    masthead_name,
    parse_byline,
    parse_credit,
    parse_dateline,
    standfirst,
)


@pytest.mark.parametrize(
    "line, authors",
    [
        ("By John P. Ruehl", ["John P. Ruehl"]),
        ("Author: Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and Ahmad Shah Massoud", ["Jane Doe", "Ahmad Shah Massoud"]),
        ("Von Anna Schmidt", ["Anna Schmidt"]),
        ("Autorin: Lena Vogel", ["Lena Vogel"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("Авторы: Иван Петров и Мария Смирнова", ["Иван Петров", "Мария Смирнова"]),
        ("نویسنده: محمد رضایی", ["محمد رضایی"]),
        ("بقلم: أحمد علي", ["أحمد علي"]),
        ("تحریر: عمران خان", ["عمران خان"]),
        ("Yazar: Ayşe Yılmaz", ["Ayşe Yılmaz"]),
        ("Par Marie Dupont", ["Marie Dupont"]),
        ("Por Juan Pérez", ["Juan Pérez"]),
    ],
)
def test_bylines(line: str, authors: list[str]) -> None:
    assert parse_byline(line).authors == authors


def test_byline_with_a_date_gives_both() -> None:
    byline = parse_byline("Chris Davies - Nov 19, 2019, 10:31 pm CST")
    assert byline.authors == ["Chris Davies"] and byline.date_raw.startswith("Nov 19, 2019")
    assert parse_byline("By Jane Doe | 2018-09-16").date_raw == "2018-09-16"


@pytest.mark.parametrize(
    "line",
    ["By the way, this is a sentence.", "By 2030 the plan should be complete", "Police Reports", "Home - World", "Author Bio: He writes about Asia."],
)
def test_prose_and_menus_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "line, credit",
    [
        ("Source : The Wall Street Journal", Credit("The Wall Street Journal")),
        ("Source: Globetrotter", Credit("Globetrotter")),
        ("Quelle: Deutsche Welle", Credit("Deutsche Welle")),
        ("Источник: РИА Новости", Credit("РИА Новости")),
        ("منبع: بی‌بی‌سی فارسی", Credit("بی‌بی‌سی فارسی")),
        ("المصدر: الجزيرة", Credit("الجزيرة")),
        ("Fuente: El País", Credit("El País")),
        ("RT, 08 August 2016", Credit("RT", "08 August 2016")),
        ("Reuters, 12 May 2023", Credit("Reuters", "12 May 2023")),
        ("This article first appeared in The Diplomat.", Credit("The Diplomat")),
        ("This article was originally published on Asia Times.", Credit("Asia Times")),
        ("Dieser Artikel erschien zuerst bei Zeit Online.", Credit("Zeit Online")),
        ("Статья впервые опубликована в Коммерсантъ.", Credit("Коммерсантъ")),
    ],
)
def test_credit_lines(line: str, credit: Credit) -> None:
    assert parse_credit(line) == credit


@pytest.mark.parametrize("line", ["John Smith, 08 August 2016", "The talks resumed on 12 May 2023, officials said.", "Sources close to the talks declined to comment on the report and its timing."])
def test_people_and_prose_are_not_credits(line: str) -> None:
    assert parse_credit(line) is None


def test_outlets() -> None:
    assert is_outlet("AFP") and is_outlet("Tasnim") and is_outlet("Afghanistan Times") and is_outlet("Center for Eurasian Studies")
    assert not is_outlet("John Smith")


@pytest.mark.parametrize(
    "line, text",
    [
        ("Teaser: The Taliban's ability to lead Afghanistan remains questionable.", "The Taliban's ability to lead Afghanistan remains questionable."),
        ("Zusammenfassung: Die Taliban kämpfen weiter.", "Die Taliban kämpfen weiter."),
        ("Аннотация: Талибы продолжают борьбу.", "Талибы продолжают борьбу."),
        ("خلاصه: طالبان به جنگ ادامه می‌دهند.", "طالبان به جنگ ادامه می‌دهند."),
        ("Résumé : Les talibans poursuivent le combat.", "Les talibans poursuivent le combat."),
    ],
)
def test_standfirst_labels(line: str, text: str) -> None:
    assert standfirst(line) == text


def test_plain_lines_have_no_standfirst() -> None:
    assert standfirst("Teasers are short.") is None


@pytest.mark.parametrize(
    "line, raw",
    [
        ("12.05.2023", "12.05.2023"),
        ("- 09.08.2016", "09.08.2016"),
        ("Published: 12 May 2023", "12 May 2023"),
        ("Published Monday, November 18, 2019 8:22AM EST", "Monday, November 18, 2019 8:22AM EST"),
        ("Veröffentlicht am 15. März 2021", "15. März 2021"),
        ("Опубликовано: 12 мая 2023", "12 мая 2023"),
        ("تاریخ انتشار: ۱۲.۰۵.۲۰۲۳", "۱۲.۰۵.۲۰۲۳"),
    ],
)
def test_date_lines(line: str, raw: str) -> None:
    assert date_in_line(line) == raw


@pytest.mark.parametrize("line", ["Home", "2019 NFL Playoff Picture", "The Taliban took Kabul on 15 August 2021 after a long offensive across the country."])
def test_non_date_lines(line: str) -> None:
    assert date_in_line(line) is None


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Asadabad (Afghanistan) : Islamic State and the Taliban have forged a truce.", ("Asadabad (Afghanistan)", None)),
        ("KABUL, Afghanistan (Reuters) - Taliban fighters attacked a checkpoint.", ("KABUL, Afghanistan", "Reuters")),
        ("WASHINGTON — The Pentagon said on Monday that troops would stay.", ("WASHINGTON", None)),
        ("BERLIN -- The European Space Agency says hibernation could help.", ("BERLIN", None)),
        ("МОСКВА, 12 мая. /ТАСС/. Переговоры продолжатся в понедельник.", ("МОСКВА, 12 мая", "ТАСС")),
        ("کابل (پژواک): مقام‌ها می‌گویند که گفتگوها ادامه دارد.", ("کابل", "پژواک")),
        ("کابل (افغانستان): مقام‌ها می‌گویند که گفتگوها ادامه دارد.", ("کابل (افغانستان)", None)),
    ],
)
def test_datelines(paragraph: str, expected: tuple) -> None:
    assert parse_dateline(paragraph) == expected


@pytest.mark.parametrize("paragraph", ["Islamic State: a short history of the group.", "Until several months ago, Islamic State fought bloody battles.", "US officials said the talks failed."])
def test_ordinary_leads_have_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_masthead_names() -> None:
    assert masthead_name(["AVRASYA", "iNCELEMELERI", "MERKEZI", "CENTER FOR", "EURASIAN STUDIES"]) == "Center for Eurasian Studies"
    assert masthead_name(["INSTITUTE OF", "WORLD AFFAIRS", "Home"]) == "Institute of World Affairs"
    assert masthead_name(["AA-AA", "www.afgazad.com", "EXPLORE"]) is None


def test_domains_from_url_lines() -> None:
    assert domain("www.afgazad.com") == "afgazad.com"
    assert domain("https://www.example.org/news/") == "example.org"
    assert domain("afgazad@gmail.com") is None
    assert domain("Visit our site for more") is None


def test_names() -> None:
    assert is_name("John P. Ruehl") and is_name("Ludwig van Beethoven") and is_name("محمد رضایی")
    assert not is_name("the way things are") and not is_name("Room 101") and not is_name("It rained.")


def test_signatures() -> None:
    assert is_signature("Brittani Banks", "Production Editor and Outreach Coordinator/brittani@ind.media")
    assert is_signature("Anna Schmidt", "Redakteurin")
    assert is_signature("Иван Петров", "редактор отдела политики")
    assert not is_signature("Read more", "Home")
    assert not is_signature("Brittani Banks", "went to the market on Sunday with friends and family")


@pytest.mark.parametrize("agency", ["Xinhua", "Anadolu Agency", "Pajhwok", "Zorbanews", "ТАСС", "IRNA"])
def test_credit_line_source_is_read_by_form_not_by_name(agency: str) -> None:
    assert parse_credit(f"{agency}, 08 August 2016") == Credit(agency, "08 August 2016")


@pytest.mark.parametrize(
    "line, credit",
    [
        ("Originally published by The Conversation.", Credit("The Conversation")),
        ("Originally published in Foreign Policy on 3 May 2021", Credit("Foreign Policy", "3 May 2021")),
        ("Republished from The Conversation under a Creative Commons license.", Credit("The Conversation")),
        ("Courtesy of Deutsche Welle", Credit("Deutsche Welle")),
        ("Source: Center on Budget and Policy Priorities", Credit("Center on Budget and Policy Priorities")),
        ("به نقل از خبرگزاری پژواک", Credit("خبرگزاری پژواک")),
    ],
)
def test_credit_phrases_need_no_colon(line: str, credit: Credit) -> None:
    assert parse_credit(line) == credit


@pytest.mark.parametrize("line", ["Monday, 08 August 2016", "Source code is on GitHub and anyone may read it and send fixes today."])
def test_date_lines_and_prose_after_a_label_word_are_not_credits(line: str) -> None:
    assert parse_credit(line) is None


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("KABUL (Pajhwok) - Officials said the talks would resume.", ("KABUL", "Pajhwok")),
        ("ANKARA (Zorbanews) - Officials said the talks would resume.", ("ANKARA", "Zorbanews")),
        ("BEIJING, Aug. 8 (Xinhua) -- Officials said the talks would resume.", ("BEIJING, Aug. 8", "Xinhua")),
        ("Jalalabad (Afghanistan) : Officials said the talks would resume.", ("Jalalabad (Afghanistan)", None)),
    ],
)
def test_dateline_parenthesis_is_an_agency_unless_a_country(paragraph: str, expected: tuple) -> None:
    assert parse_dateline(paragraph) == expected


def test_places_come_from_a_gazetteer_in_many_languages() -> None:
    assert is_place("Afghanistan") and is_place("Allemagne") and is_place("Германия") and not is_place("Reuters")


@pytest.mark.parametrize("line, names", [
    ("Von Christian Hollmann, dpa", ["Christian Hollmann"]),  # the agency after the comma is no person
    ("By Jane Roe and John Doe, Reuters", ["Jane Roe", "John Doe"]),
    ("Av Kari Nordmann, NTB", ["Kari Nordmann"]),  # Norwegian/Swedish 'av', Danish 'af'
    ("Af Mette Larsen", ["Mette Larsen"]),
    ("By Maria, Katerina and Ana", ["Maria", "Katerina", "Ana"]),  # one-word names with no full name before: people
])
def test_a_byline_names_people_not_the_agency_after_them(line, names):
    assert parse_byline(line).authors == names
