"""Dates in many forms, and day/month order settled by the document's own evidence."""
from __future__ import annotations

import re

import pytest

from normalizers.dates import (
    infer_day_first,
    jalali_to_gregorian,
    language_day_first,
    numeric_order_evidence,
    order_evidence,
    parse_date,
    written_order_evidence,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("12.05.2023", "2023-05-12"),
        ("09.08.2016", "2016-08-09"),
        ("۱۲.۰۵.۲۰۲۳", "2023-05-12"),
        ("2023-05-12", "2023-05-12"),
        ("2019-11-18T08:22:00Z", "2019-11-18T08:22:00Z"),
        ("25/12/2023", "2023-12-25"),
        ("12/25/2023", "2023-12-25"),
        ("08 August 2016", "2016-08-08"),
        ("Sep 26, 2018", "2018-09-26"),
        ("Monday, November 18, 2019 8:22AM EST", "2019-11-18T08:22:00-05:00"),
        ("12 мая 2023", "2023-05-12"),
        ("15. März 2021", "2021-03-15"),
        ("3 mars 2020", "2020-03-03"),
    ],
)
def test_parse_date(raw: str, expected: str) -> None:
    assert parse_date(raw) == expected


def test_ambiguous_numeric_dates_need_evidence() -> None:
    assert parse_date("05/12/2023") is None
    assert parse_date("05/12/2023", day_first=True) == "2023-12-05"
    assert parse_date("05/12/2023", day_first=False) == "2023-05-12"


@pytest.mark.parametrize("raw", [None, "", "Home", "2019 NFL Playoff Picture", "© 2019 Hearst Communications", "31.02.2023", "12.05.1402", "x" * 100])
def test_non_dates(raw) -> None:
    assert parse_date(raw) is None


def test_numeric_evidence() -> None:
    assert numeric_order_evidence("25/12/2023") is True
    assert numeric_order_evidence("12/25/2023") is False
    assert numeric_order_evidence("12.05.2023") is True  # dots: the European and Persian habit
    assert numeric_order_evidence("05/12/2023") is None


def test_written_evidence() -> None:
    assert written_order_evidence("RT, 08 August 2016") is True
    assert written_order_evidence("12 мая 2023") is True
    assert written_order_evidence("August 8, 2016") is False
    assert written_order_evidence("Room 12 was empty") is None
    assert order_evidence("25/12/2023") is True


def test_document_evidence_decides_order() -> None:
    assert infer_day_first(["05/12/2023", "25/11/2023"]) is True
    assert infer_day_first(["05/12/2023", "11/25/2023"]) is False
    assert infer_day_first(["05/12/2023", "08 August 2016"]) is True
    assert infer_day_first(["05/12/2023"]) is None
    assert infer_day_first(["05/12/2023"], default=False) is False


@pytest.mark.parametrize("tag, day_first", [
    ("en-US", False), ("en-us", False), ("es_US", False), ("en-PH", False),
    ("en-GB", True), ("en-AU", True), ("fr", True), ("de-DE", True), ("fa-IR", True), ("ps", True), ("pt-BR", True),
    ("sr-Latn-RS", True),  # a script subtag between language and region
    ("en", None), ("en-CA", None),  # too broad: US and British habits alike
    (None, None), ("", None), ("English", None), ("x", None),  # no tag, or none that names a language
])
def test_language_decides_order_only_where_it_tells(tag, day_first) -> None:
    assert language_day_first(tag) is day_first


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("۱۴۰۲/۰۵/۱۲", "2023-08-03"),
        ("1402-05-12", "2023-08-03"),
        ("۱۲ اردیبهشت ۱۴۰۲", "2023-05-02"),
        ("منتشر شده: ۲۲ بهمن ۱۳۵۷", "1979-02-11"),
        ("1400/01/01", "2021-03-21"),
        ("۳۰ اسفند ۱۴۰۳", "2025-03-20"),
    ],
)
def test_jalali_dates_become_gregorian(raw: str, expected: str) -> None:
    assert parse_date(raw) == expected


def test_jalali_leap_cycle_against_known_new_years() -> None:
    """1 Farvardin (Nowruz) falls on 20 or 21 March."""
    known = {1395: "2016-03-20", 1398: "2019-03-21", 1399: "2020-03-20", 1403: "2024-03-20", 1404: "2025-03-21"}
    assert {year: jalali_to_gregorian(year, 1, 1) for year in known} == known


def test_impossible_jalali_dates() -> None:
    assert parse_date("1402/13/01") is None
    assert jalali_to_gregorian(1402, 7, 31) is None


@pytest.mark.parametrize("raw, day_first, want", [
    ("Mon, 18 Nov 2019 16:07:38 -0600", None, "2019-11-18T16:07:38-06:00"),  # RFC 2822 keeps its zone
    ("Mon, 18 Nov 2019 16:07:38 GMT", None, "2019-11-18T16:07:38Z"),
    ("November 18, 2019 8:22AM EST", None, "2019-11-18T08:22:00-05:00"),
    ("14.05.2021, 18:22", None, "2021-05-14T18:22:00"),  # a time after a numeric date is kept
    ("3/4/21 10:05 PM", True, "2021-04-03T22:05:00"),
    ("Tue 16-Jun-20", None, "2020-06-16"),  # two-digit years beside a month name
    ("Sat, Jun 18 '05", None, "2005-06-18"),
])
def test_zones_times_and_short_years(raw, day_first, want):
    assert parse_date(raw, day_first=day_first) == want


# ---------------------------------------------------------------- the region's calendars (issue 15)

import json  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import jdatetime  # noqa: E402
from hijridate import Gregorian  # noqa: E402

from normalizers import calendars  # noqa: E402
from normalizers.dates import parse_dated  # noqa: E402

DATA = Path(calendars.__file__).with_name("data")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _spellings(calendar: str):
    months = calendars.month_table(calendar)
    return [(language, number, name) for language, names in months.items()
            for number, spellings in enumerate(names, 1) for name in spellings]


def _back(calendar: str, iso: str) -> tuple[int, int, int]:
    """The library's own conversion from Gregorian back to `calendar`."""
    g = date.fromisoformat(iso[:10])
    if calendar == "solar_hijri":
        j = jdatetime.date.fromgregorian(date=g)
        return j.year, j.month, j.day
    if calendar == "hijri":
        h = Gregorian(g.year, g.month, g.day).to_hijri()
        return h.year, h.month, h.day
    return g.year, g.month, g.day


@pytest.mark.parametrize("language, month, name", _spellings("solar_hijri"))
def test_every_solar_hijri_month_name_both_ways(language, month, name):
    raw = f"{15} {name} {1402}".translate(PERSIAN_DIGITS)
    dated = parse_dated(raw)
    assert dated.calendar == "solar_hijri"
    assert dated.iso == jdatetime.date(1402, month, 15).togregorian().isoformat()
    assert _back("solar_hijri", dated.iso) == (1402, month, 15)


@pytest.mark.parametrize("language, month, name", _spellings("hijri"))
def test_every_hijri_month_name_both_ways(language, month, name):
    raw = f"{14} {name} {1445} هـ".translate(ARABIC_DIGITS)
    dated = parse_dated(raw)
    assert dated.calendar == "hijri"
    assert _back("hijri", dated.iso) == (1445, month, 14)


@pytest.mark.parametrize("language, month, name", _spellings("gregorian"))
def test_every_arabic_script_gregorian_month_name(language, month, name):
    dated = parse_dated(f"28 {name} 2013")
    assert dated == ("2013-%02d-28" % month, "gregorian")


@pytest.mark.parametrize("raw, iso, calendar", [
    ("۱۴۰۲/۰۵/۱۲", "2023-08-03", "solar_hijri"),  # year 13xx/14xx first: Solar Hijri
    ("١٤٠٢-٠٥-١٢", "2023-08-03", "solar_hijri"),  # Arabic-Indic digits
    ("1445/09/14 هـ", "2024-03-24", "hijri"),  # an era word names the lunar calendar
    ("14/09/1445هـ", "2024-03-24", "hijri"),
    ("۱۲/۰۵/۱۴۰۲ ه.ش", "2023-08-03", "solar_hijri"),
    ("١٤ رمضان ١٤٤٥ هـ", "2024-03-24", "hijri"),
    ("28 آب/أغسطس 2013", "2013-08-28", "gregorian"),  # Levantine and Egyptian names paired
    ("الأحد 5 تشرين الأول/أكتوبر 2023", "2023-10-05", "gregorian"),
    ("تشرين الأول/أكتوبر 5، 2023", "2023-10-05", "gregorian"),
    ("دوشنبه ۲۸ حوت ۱۴۰۲ - ساعت ۱۰:۳۰", "2024-03-18T10:30:00", "solar_hijri"),  # visible date line with time
    ("۱۲ اردیبهشت‌ماه ۱۴۰۲ ساعت ۱۰:۳۰ ب.ظ", "2023-05-02T22:30:00", "solar_hijri"),
    ("د ۱۴۰۲ کال د وري ۱۲مه", "2023-04-01", "solar_hijri"),  # Pashto: year, then month, then day
    ("۱۲ غبرګولی ۱۴۰۲", "2023-06-02", "solar_hijri"),
    ("۱۲ غبرگولی ۱۴۰۲", "2023-06-02", "solar_hijri"),  # Persian keyboard gāf
    ("بدھ 12 اپریل 2023", "2023-04-12", "gregorian"),  # Urdu
    ("12 مئی 2023", "2023-05-12", "gregorian"),
    ("12 مايو 2023 الساعة 10:30 م", "2023-05-12T22:30:00", "gregorian"),
    ("Hamal 12, 1402", "2023-04-01", "solar_hijri"),
    ("1 Ramadan 1445 AH", "2024-03-11", "hijri"),
    ("نشر شده: ۱۲ حمل ۱۴۰۲", "2023-04-01", "solar_hijri"),
])
def test_regional_dates(raw, iso, calendar):
    assert parse_dated(raw) == (iso, calendar)
    assert parse_date(raw) == iso


@pytest.mark.parametrize("raw", [
    "۳۰ اسفند ۱۴۰۲",  # 1402 is a common year: no 30 Esfand
    "۳۰ شوال ۱۴۴۵",  # Shawwal 1445 has 29 days (Umm al-Qura)
    "12.05.1402",  # day-first with a Hijri-range year needs an era word
    "انتخابات پارلمانی روز ۲۸ حوت ۱۴۰۲ در سراسر کشور برگزار خواهد شد",  # prose that mentions a date
    "در تاریخ ۱۴۰۲/۰۵/۱۲ جلسه شورای وزیران در کابل برگزار شد",
    "میزان ۱۲ درصد",  # a month word with a number but no year
    "28 آب/أغسطس 1402",  # a Gregorian month with a Hijri-range year
])
def test_regional_non_dates(raw):
    assert parse_dated(raw) is None


def test_conversion_uses_the_libraries_on_leap_days():
    assert calendars.to_gregorian("solar_hijri", 1403, 12, 30) == jdatetime.date(1403, 12, 30).togregorian().isoformat()
    assert calendars.to_gregorian("solar_hijri", 1402, 12, 30) is None
    assert calendars.to_gregorian("hijri", 1600, 1, 1) is None  # outside Umm al-Qura's tables


def test_month_names_are_order_evidence():
    assert written_order_evidence("12 حمل 1402") is True
    assert written_order_evidence("۱۲ حمل ۱۴۰۲") is True


def test_local_times_keep_their_day_and_offset():
    """A local timestamp is never moved to UTC: the day printed is the day recorded."""
    assert parse_date("2024-03-18T23:30:00+04:30") == "2024-03-18T23:30:00+04:30"
    assert parse_date("Mon, 18 Mar 2024 23:30:00 +0430") == "2024-03-18T23:30:00+04:30"
    assert parse_date("March 18, 2024 11:30 PM") == "2024-03-18T23:30:00"
    assert parse_date("18.03.2024 23:30 +04:30") == "2024-03-18T23:30:00+04:30"
    assert parse_date("18.03.2024 23:30 GMT+4:30") == "2024-03-18T23:30:00+04:30"
    assert parse_date("۱۴۰۲/۰۵/۱۲ ۲۳:۳۰ +۰۴:۳۰") == "2023-08-03T23:30:00+04:30"


# Written dates read without dateparser (normalizers.dates._day_month_year) must read exactly as dateparser does.
from normalizers import dates  # noqa: E402

_SHAPES = ("{d} {w} {y}", "{d}. {w} {y}", "{d} {w}, {y}", "{w} {d}, {y}", "{w} {d} {y}", "{w}. {d}, {y}",
           "{d}{o} {w} {y}", "{w} {d}{o}, {y}", "{d}\xa0{w}\xa0{y}", "{d} {w}. {y}")
_ORDINAL = {1: "st", 2: "nd", 3: "rd", 13: "th", 31: "st"}


def _written_dates(spellings):
    """Every shape of every spelling, casing, day and year taking turns (each combination is met, in ~1 min)."""
    days = ((3, 2020), (13, 1999), (31, 2021), (1, 2000), (2, 2024))
    for i, word in enumerate(spellings):
        for j, shape in enumerate(_SHAPES):
            d, y = days[(i + j) % len(days)]
            w = (word, word.title(), word.upper())[(i + 2 * j) % 3]
            yield shape.format(d=d, w=w, y=y, o=_ORDINAL[d])


def _differences(texts):
    """(text, day_first, ours, dateparser's) wherever our reader gives a date dateparser would not."""
    for text in texts:
        languages = dates._languages_for(text)
        ours = dates._day_month_year(text, languages)
        if ours is None:
            continue  # dateparser reads it, as before
        for day_first in (True, False):
            theirs = dates._dateparser.__wrapped__(text, day_first, languages)
            if ours != theirs:
                yield text, day_first, ours, theirs


def test_month_names_file_is_dateparsers_locale_data():
    """data/month_names.json copies dateparser's month names: a dateparser upgrade that changes them fails here."""
    from dateparser.languages.loader import default_loader

    months = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
    copied = calendars.vocab.load("month_names")["months"]
    assert list(copied) == [lang for _, langs in dates._SCRIPT_LANGUAGES for lang in langs]
    for locale in default_loader.get_locales(languages=sorted(copied), allow_conflicting_locales=True):
        theirs = [{n.casefold().rstrip(".") for n in locale.info.get(month, [])} for month in months]
        assert [set(names) for names in copied[locale.shortname]] == theirs, locale.shortname


def test_written_dates_read_as_dateparser_reads_them():
    sample = ["5 May 2020", "May 5th, 2020", "5. Mai 2020", "Sept. 5, 2018", "3 mars 2020", "12 мая 2023",
              "15. März 2021", "1 stycznia 2020", "5 Mayıs 2020", "Mar 3 2020", "31 February 2020"]
    assert [dates._day_month_year(t, dates._languages_for(t)) for t in sample[:4]] == [
        "2020-05-05", "2020-05-05", "2020-05-05", "2018-09-05"]
    assert dates._day_month_year("31 February 2020", ("en",)) is None  # impossible: left to dateparser
    assert dates._day_month_year("5th mai 2020", ("fr",)) is None  # English ordinals only in English
    assert list(_differences(sample)) == []


@pytest.mark.slow
@pytest.mark.parametrize("language", [lang for _, langs in dates._SCRIPT_LANGUAGES for lang in langs])
def test_every_month_name_reads_as_dateparser_reads_it(language):
    # casefold() ends a Greek word with σ where text prints ς ('απρίλιος'): the names are tried as printed
    spellings = {re.sub(r"σ\b", "ς", name) for names in calendars.vocab.load("month_names")["months"][language] for name in names}
    assert [d for d in _differences(_written_dates(sorted(spellings))) if not _dateparser_misreads(language, *d)] == []


def _dateparser_misreads(language: str, text: str, day_first: bool, ours: str, theirs: str) -> bool:
    """dateparser reads a month name as another month than its own locale data gives it (Thai 'มีค', March, as
    January), on the same day and year, where ours reads the month the data gives."""
    months = calendars.vocab.load("month_names")["months"][language]
    named = {number for number, names in enumerate(months, 1) for name in names if name in text.casefold()}
    return (ours[:4], ours[8:]) == (theirs[:4], theirs[8:]) and named == {int(ours[5:7])} != {int(theirs[5:7])}


def test_weekday_names_file_is_dateparsers_locale_data():
    """data/date_weekdays.json copies dateparser's weekday names, like month_names.json its month names."""
    from dateparser.languages.loader import default_loader

    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    copied = calendars.vocab.load("date_weekdays")["weekdays"]
    assert list(copied) == list(calendars.vocab.load("month_names")["months"])
    for locale in default_loader.get_locales(languages=sorted(copied), allow_conflicting_locales=True):
        theirs = [sorted({n.casefold().rstrip(".") for n in locale.info.get(day, [])}) for day in days]
        assert copied[locale.shortname] == theirs, locale.shortname


@pytest.mark.parametrize("raw, want", [
    ("Friday, November 14, 2025", "2025-11-14"),
    ("Tue 16 Jun 2020", "2020-06-16"),
    ("Mar 27, 2024", "2024-03-27"),  # 'mar' is also Tuesday in Spanish: the date reading comes first
    ("August 14, 2025 at 9:00 am", "2025-08-14T09:00:00"),
    ("Nov 25, 2025 11:30 pm PST", "2025-11-25T23:30:00-08:00"),
    ("5. Mai 2020 um 10:00", "2020-05-05T10:00:00"),
    ("30 Sep 2022, 11:07am", "2022-09-30T11:07:00"),
    ("Dec 19, 2025, 01:00:00 AM IST", "2025-12-19T01:00:00"),  # a zone of several names: the local time, no offset
    ("2025.12.17", "2025-12-17"),
    ("2025/03/04 10:05", "2025-03-04T10:05:00"),
])
def test_common_date_lines_are_read_without_dateparser(raw, want):
    assert dates._gregorian(raw, None, None) == want
    assert dates._day_month_year(raw, dates._languages_for(raw)) in (want, None)  # the written ones by our own reader


def test_weekday_and_clock_shapes_read_as_dateparser_reads_them():
    sample = ["Friday, November 14, 2025", "Tue 16 Jun 2020", "Mar 27, 2024", "Sonntag, 5. Mai 2020",
              "August 14, 2025 at 9:05 pm", "March 18, 2024 11:30 PM"]
    assert list(_differences(sample)) == []


def test_an_ordinary_page_never_imports_dateparser():
    """Its ~0.2 s import is paid only for a date shape our own patterns do not know."""
    import subprocess
    import sys

    code = ("import sys; from normalizers.dates import parse_date; "
            "[parse_date(t) for t in ('Friday, November 14, 2025 9:05 pm EST', '2025.12.17', '12.05.2023', "
            "'Updated 3 Jan 2026 and more words here', '2025, for travel through May 31, 2026')]; "
            "print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


def test_lines_that_are_no_single_date_are_not_handed_to_dateparser():
    assert dates._one_date_at_most("11. November 2019 um 10:54 Uhr")
    assert not dates._one_date_at_most("2025, for travel through May 31, 2026.")
    assert not dates._one_date_at_most("Senior Writer | July 2, 2025")


def test_our_own_patterns_alone_when_the_caller_has_a_cheaper_next_try():
    assert parse_date("Thu., January 08, 2026, 2:00 p.m. - 3:00 p.m. ET", dateparser=False) is None
    assert parse_date("Friday, November 14, 2025", dateparser=False) == "2025-11-14"


def test_the_letter_class_holds_every_combining_mark_of_the_indic_and_thai_blocks():
    """calendars.MARKS lists the vowel signs and viramas of Devanagari, Bengali and Thai (and the Latin combining
    accents): a month name written with them ('मार्च', 'মার্চ', 'มีนาคม') is one word."""
    import unicodedata

    marks = re.compile(f"[{calendars.MARKS}]")
    for low, high in ((0x0300, 0x036F), (0x0900, 0x097F), (0x0980, 0x09FF), (0x0E00, 0x0E7F)):
        for code in range(low, high + 1):
            assert bool(marks.match(chr(code))) == (unicodedata.category(chr(code)) in ("Mn", "Mc")), hex(code)
    assert calendars.words("१४ मार्च २०२४ ১৪ মার্চ มีนาคม".translate(calendars.DIGITS)) == ("14", "मार्च", "2024", "14", "মার্চ", "มีนาคม")


@pytest.mark.parametrize("raw, want", [
    ("१४ मार्च २०२४", "2024-03-14"), ("১৪ ফেব্রুয়ারি ২০২৪", "2024-02-14"), ("๑๔ มีนาคม ๒๐๒๔", "2024-03-14"),
    ("２０２４年３月１４日", "2024-03-14"), ("१४.०३.२०२४", "2024-03-14"),
])
def test_every_scripts_decimal_digits_are_read(raw, want):
    assert parse_date(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("۱۲ حمل ۱۴۰۳ ساعت ۱۰", "2024-03-31T10:00:00"),
    ("۱۲ حمل ۱۴۰۳ ساعت ۳ بعدازظهر", "2024-03-31T15:00:00"),
    ("14 مارس 2024 الساعة 10 مساء", "2024-03-14T22:00:00"),
    ("۱۲ حمل ۱۴۰۳ - ۱۰ نفر", "2024-03-31"),  # a number without the hour's word is no clock time ('10 people')
])
def test_an_hour_alone_is_a_clock_time_after_its_word(raw, want):
    assert parse_date(raw) == want
