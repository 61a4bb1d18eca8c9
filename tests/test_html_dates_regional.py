"""Dates as pages of other languages and calendars print them: Solar Hijri and Hijri dates, Arabic and Persian
digits, month names of many languages, numeric dates whose day/month order the page's language decides, clock
times and offsets kept. One small synthetic page per format, the date in a byline, a <time>, a <meta> or JSON-LD."""
import json

import pytest

from extractors.html import parse
from extractors.html_metadata import fill_metadata
from normalizers.dates import parse_dated
from output.draft import Draft

BODY = "<p>" + "The council approved the new budget after a long debate about schools and roads. " * 3 + "</p>"


def dated(lang: str, head: str = "", byline: str = "", uri: str = "https://example.org/news/budget") -> tuple[str | None, str | None]:
    """(published, calendar of the printed value) as the pipeline records them."""
    draft = Draft(kind="article", extractor="html")
    html = f'<html lang="{lang}"><head><title>Budget</title>{head}</head><body><article><h1>Budget passed</h1>{byline}{BODY}</article></body></html>'
    fill_metadata(parse(html), draft, uri)
    found = parse_dated(draft.published_raw) if draft.published_raw else None
    return draft.published, found.calendar if found else None


def in_byline(value: str) -> str:
    return f'<div class="meta"><span>{value}</span></div>'


@pytest.mark.parametrize("lang, printed, iso, calendar", [
    ("fa", "۱۲ فروردین ۱۴۰۳", "2024-03-31", "solar_hijri"),
    ("fa", "تاریخ انتشار: ۱۲ فروردین ۱۴۰۳ - ۱۰:۳۰", "2024-03-31T10:30:00", "solar_hijri"),
    ("fa", "دوشنبه ۱۲ فروردین ۱۴۰۳ ساعت ۱۰:۳۰ ق.ظ", "2024-03-31T10:30:00", "solar_hijri"),
    ("fa", "۱۴۰۳/۰۱/۱۲", "2024-03-31", "solar_hijri"),
    ("fa", "۱۲ فروردین ۱۴۰۳ - ۳۱ مارس ۲۰۲۴", "2024-03-31", "solar_hijri"),
    ("fa-AF", "۱۲ حمل ۱۴۰۳", "2024-03-31", "solar_hijri"),
    ("ps", "د ۱۴۰۳ کال د وري ۱۲مه", "2024-03-31", "solar_hijri"),
    ("ar", "١٤ رمضان ١٤٤٥ هـ", "2024-03-24", "hijri"),
    ("ar", "1445/09/14 هـ", "2024-03-24", "hijri"),  # year first: the era word after the date makes it lunar
    ("ar", "14/09/1445هـ", "2024-03-24", "hijri"),
    ("ar", "١٤ مارس ٢٠٢٤", "2024-03-14", "gregorian"),
    ("ar", "14 آذار/مارس 2024", "2024-03-14", "gregorian"),
    ("ar", "14 مارس 2024م", "2024-03-14", "gregorian"),
    ("ar", "١٤/٠٣/٢٠٢٤", "2024-03-14", "gregorian"),
    ("ar", "تاريخ النشر: الخميس 14 مارس 2024 - 10:30 م", "2024-03-14T22:30:00", "gregorian"),  # م after a clock: evening
    ("ur", "جمعرات 14 مارچ 2024", "2024-03-14", "gregorian"),
    ("ur", "۱۴ مارچ ۲۰۲۴", "2024-03-14", "gregorian"),
    ("ur", "14 مارچ 2024ء", "2024-03-14", "gregorian"),
    ("ur", "جمعرات 14 مارچ 2024ء 10:30 بجے", "2024-03-14T10:30:00", "gregorian"),  # the era word before the clock
    ("ur", "4 رمضان المبارک 1445ھ", "2024-03-14", "hijri"),
    ("ar", "آخر تحديث: 15 مارس 2024 - نشر في: 14 مارس 2024", "2024-03-14", "gregorian"),  # the first publication, not the update
])
def test_arabic_script_calendars_and_digits(lang, printed, iso, calendar):
    assert dated(lang, byline=in_byline(printed)) == (iso, calendar)


@pytest.mark.parametrize("lang, printed, iso", [
    ("de", "Donnerstag, 14. März 2024", "2024-03-14"),
    ("de", "14. Mär. 2024", "2024-03-14"),
    ("de", "Veröffentlicht am 14.03.2024 um 10:30 Uhr", "2024-03-14T10:30:00"),
    ("de-AT", "14. Jänner 2024", "2024-01-14"),
    ("fr", "jeudi 14 mars 2024", "2024-03-14"),
    ("fr", "14 févr. 2024", "2024-02-14"),
    ("fr", "Publié le 1er mars 2024 à 10h30", "2024-03-01T10:30:00"),  # the ordinal '1er' and the clock '10h30'
    ("fr", "Publié le 14/03/2024 à 10h30", "2024-03-14T10:30:00"),
    ("es", "14 de marzo de 2024", "2024-03-14"),
    ("es", "1º de marzo de 2024", "2024-03-01"),
    ("es", "jueves, 14 de marzo de 2024, 10:30", "2024-03-14T10:30:00"),
    ("pt", "1º de março de 2024", "2024-03-01"),
    ("pt", "14/03/2024 às 10h30", "2024-03-14T10:30:00"),
    ("it", "1° marzo 2024", "2024-03-01"),
    ("it", "14 marzo 2024 ore 10:30", "2024-03-14T10:30:00"),
    ("ru", "14 марта 2024 г.", "2024-03-14"),
    ("ru", "Опубликовано: 14 марта 2024 года", "2024-03-14"),
    ("ru", "14.03.2024 10:30", "2024-03-14T10:30:00"),
    ("uk", "14 березня 2024", "2024-03-14"),
    ("tr", "14 Mart 2024 Perşembe", "2024-03-14"),
    ("tr", "14.03.2024 - 10:30", "2024-03-14T10:30:00"),
    ("tr", "14 Ağustos 2024", "2024-08-14"),
    ("el", "Πέμπτη 14 Μαρτίου 2024, 10:30", "2024-03-14T10:30:00"),
    ("el", "14 ΜΑΡΤΊΟΥ 2024", "2024-03-14"),
    ("he", "יום חמישי, 14 במרץ 2024", "2024-03-14"),
])
def test_month_names_ordinals_and_clocks_of_other_languages(lang, printed, iso):
    assert dated(lang, byline=in_byline(printed)) == (iso, "gregorian")


@pytest.mark.parametrize("lang, printed, iso", [
    ("en-US", "3/4/2024", "2024-03-04"),
    ("en-US", "3/4/24", "2024-03-04"),
    ("en-GB", "3/4/2024", "2024-04-03"),
    ("de", "3/4/2024", "2024-04-03"),
    ("es", "3/4/2024", "2024-04-03"),
    ("en", "12.03.2024", "2024-03-12"),  # a dot is the day-first convention whatever the language
])
def test_the_pages_language_decides_an_undecided_numeric_date(lang, printed, iso):
    assert dated(lang, byline=in_byline(printed))[0] == iso


def test_an_undecided_numeric_date_on_a_page_of_undecided_language_is_not_guessed():
    assert dated("en", byline=in_byline("3/4/2024"))[0] is None


@pytest.mark.parametrize("lang, printed, iso", [
    ("en-US", "Published 3/4/2024 10:30 PM EST", "2024-03-04T22:30:00-05:00"),
    ("es", "Actualizado 14/03/2024 10:30 CET", "2024-03-14T10:30:00+01:00"),
    ("en", "March 14, 2024 11:30 PM GMT+4:30", "2024-03-14T23:30:00+04:30"),
    ("de", "Veröffentlicht: 14. März 2024, 10:30 Uhr MEZ", "2024-03-14T10:30:00+01:00"),  # 'Uhr' between clock and zone
    ("ru", "Четверг, 14 марта 2024, 10:30 МСК", "2024-03-14T10:30:00+03:00"),  # a Cyrillic zone name
    ("tr", "14.03.2024 10:30 TSİ", "2024-03-14T10:30:00+03:00"),
    ("en", "Posted: 2024-03-14 @ 10:30 PM EST", "2024-03-14T22:30:00-05:00"),  # an ISO day with its clock after a connector
])
def test_printed_zones_are_kept_not_converted(lang, printed, iso):
    assert dated(lang, byline=in_byline(printed))[0] == iso


@pytest.mark.parametrize("value", ["2024-03-14T23:30:00-05:00", "2024-03-15T02:30:00+05:30"])
def test_structured_offsets_are_kept_in_every_source(value):
    meta = f'<meta property="article:published_time" content="{value}">'
    jsonld = f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "datePublished": value})}</script>'
    assert dated("en", head=meta)[0] == value
    assert dated("en", head=jsonld)[0] == value
    assert dated("en", byline=f'<time datetime="{value}">x</time>')[0] == value


@pytest.mark.parametrize("where", ["meta", "time", "jsonld"])
def test_solar_hijri_in_structured_data(where):
    """Iranian CMSs put the Solar Hijri date in machine-readable places too, in either digits."""
    value = "1403-01-12T10:30:00+03:30"
    head = {"meta": f'<meta property="article:published_time" content="{value}">',
            "jsonld": f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "datePublished": value})}</script>'}
    byline = f'<time datetime="{value}">x</time>' if where == "time" else ""
    assert dated("fa", head=head.get(where, ""), byline=byline) == ("2024-03-31T10:30:00+03:30", "solar_hijri")
    assert dated("fa", head='<meta property="article:published_time" content="۱۴۰۳-۰۱-۱۲">') == ("2024-03-31", "solar_hijri")


def test_a_solar_hijri_date_in_the_url():
    """Iranian agencies put the Solar Hijri day in the path (/fa/news/1402/12/25/3053012/...)."""
    assert dated("fa", uri="https://news.example/fa/news/1402/12/25/3053012/title") == ("2024-03-15", "solar_hijri")
    assert dated("fa", uri="https://news.example/fa/news/1445/09/14/3053012/title") == (None, None)  # a lunar year: decades ahead


AGES = [
    ("en", "2 hours ago", "2024-03-14T10:00Z"),
    ("en", "Published 3 days ago", "2024-03-11"),
    ("en", "Yesterday at 10:30", "2024-03-13T10:30"),  # the page's own clock: no zone is known for it
    ("de", "vor 2 Stunden", "2024-03-14T10:00Z"),
    ("fr", "il y a 2 heures", "2024-03-14T10:00Z"),
    ("es", "hace 3 días", "2024-03-11"),
    ("ru", "3 дня назад", "2024-03-11"),
    ("ru", "Вчера в 10:30", "2024-03-13T10:30"),
    ("tr", "2 saat önce", "2024-03-14T10:00Z"),
    ("ar", "منذ ساعتين", "2024-03-14T10:00Z"),  # a dual without a count: two hours
    ("ar", "منذ ساعة", "2024-03-14T11:00Z"),
    ("fa", "۲ ساعت پیش", "2024-03-14T10:00Z"),
    ("ur", "2 گھنٹے پہلے", "2024-03-14T10:00Z"),
]


def age_page(lang: str, printed: str) -> bytes:
    return (f'<html lang="{lang}"><head><title>Budget</title></head><body><article><h1>Budget passed</h1>'
            f'<div class="meta"><span>{printed}</span></div>{BODY}</article></body></html>').encode()


@pytest.mark.parametrize("lang, printed, iso", AGES)
def test_a_printed_age_is_dated_against_the_fetch_time(lang, printed, iso):
    from extractors.pipeline import extract_document

    record = extract_document(age_page(lang, printed), "https://example.org/news/budget", fetched_at="2024-03-14T12:00:00Z")
    assert record["published"] == iso
    assert printed.endswith(record["published_raw"])


def test_an_age_without_a_fetch_time_is_kept_as_printed():
    """Resolving against the time of the run would make two runs of one file differ."""
    from extractors.pipeline import extract_document

    record = extract_document(age_page("en", "2 hours ago"), "https://example.org/news/budget")
    assert (record["published"], record["published_raw"]) == (None, "2 hours ago")


@pytest.mark.parametrize("printed", [
    "3 days ago, 1,200 readers",  # a counter beside the age
    "We met three days ago in the city hall and talked about the budget for a long time",  # prose
    "4M",  # a compact age is a forum's; by an article's headline it is a counter ('4M members')
    "Open today",  # a day's name without a clock time: a shop's hours, a widget
])
def test_an_age_in_prose_or_beside_other_numbers_is_no_date(printed):
    from extractors.pipeline import extract_document

    record = extract_document(age_page("en", printed), "https://example.org/news/budget", fetched_at="2024-03-14T12:00:00Z")
    assert record["published"] is None


def test_a_printed_date_wins_over_an_age_and_a_first_publication_age_over_a_revision_age():
    from extractors.pipeline import extract_document

    record = extract_document(age_page("en", "March 12, 2024 · 2 hours ago"), "https://example.org/x", fetched_at="2024-03-14T12:00:00Z")
    assert record["published"] == "2024-03-12"
    page = age_page("en", "Updated 1 hour ago</span><span>Posted 3 days ago")
    record = extract_document(page, "https://example.org/x", fetched_at="2024-03-14T12:00:00Z")
    assert record["published"] == "2024-03-11"


@pytest.mark.parametrize("locale_meta, iso", [
    ('<meta property="og:locale" content="en_US">', "2024-03-04"),
    ('<meta property="og:locale" content="fr_FR">', "2024-04-03"),
    ('<meta http-equiv="content-language" content="en-GB">', "2024-04-03"),
])
def test_a_page_without_lang_is_read_in_the_locale_its_metas_declare(locale_meta, iso):
    draft = Draft(kind="article", extractor="html")
    html = f'<html><head>{locale_meta}</head><body><article><h1>Budget passed</h1>{in_byline("3/4/2024")}{BODY}</article></body></html>'
    fill_metadata(parse(html), draft, "https://example.org/news/budget")
    assert draft.published == iso
