"""Publication dates as pages of other languages and calendars print them: docingest beside htmldate.

usage: python -m benchmarks.regional_dates

wcxb-dev's dated pages are nearly all English and Gregorian; pages of the region print Solar Hijri and Hijri
dates, Arabic and Persian digits, month names of many languages, numeric dates whose day/month order the
page's locale decides, clock times with zones, and ages ('2 hours ago') instead of dates. One small synthetic
page per format (`CASES`), the date in a byline, a <time>, a <meta>, JSON-LD or the URL, read by both tools
through their ordinary entry points (docingest: `extract_document` with the fetch time; htmldate: `find_date`
with original_date, as benchmarks/metadata.py calls it). Counted per family: the day right (the ISO date,
Gregorian), and for docingest the whole value (clock time and printed offset kept) and the calendar named
(`published_calendar`). htmldate is given no fetch time (it takes none), so ages are out of its reach.
tests/test_html_dates_regional.py checks every case against docingest's exact value.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.pipeline import extract_document  # noqa: E402

FETCHED = "2024-03-14T12:00:00Z"  # when the pages were fetched: what an age is read against
URI = "https://example.org/news/budget"
_BODY = "<p>" + "The council approved the new budget after a long debate about schools and roads. " * 3 + "</p>"


class Case(NamedTuple):
    family: str
    lang: str  # <html lang>
    where: str  # byline | time | meta | jsonld | url
    printed: str
    iso: str  # the published value expected, Gregorian; the day is its first ten characters
    calendar: str = "gregorian"  # the calendar the printed value is written in


def _cases(family: str, where: str, rows: list[tuple[str, str, str]], calendar: str = "gregorian") -> list[Case]:
    return [Case(family, lang, where, printed, iso, calendar) for lang, printed, iso in rows]


CASES = [
    *_cases("Solar Hijri", "byline", [
        ("fa", "۱۲ فروردین ۱۴۰۳", "2024-03-31"),
        ("fa", "تاریخ انتشار: ۱۲ فروردین ۱۴۰۳ - ۱۰:۳۰", "2024-03-31T10:30:00"),
        ("fa", "دوشنبه ۱۲ فروردین ۱۴۰۳ ساعت ۱۰:۳۰ ق.ظ", "2024-03-31T10:30:00"),
        ("fa", "۱۴۰۳/۰۱/۱۲", "2024-03-31"),
        ("fa", "انتشار: ۱۴۰۳/۰۱/۱۲ ۱۰:۳۰", "2024-03-31T10:30:00"),
        ("fa", "کد خبر: ۱۲۳۴۵۶ | ۱۲ فروردین ۱۴۰۳", "2024-03-31"),
        ("fa", "۱۲ فروردین ۱۴۰۳ - ۳۱ مارس ۲۰۲۴", "2024-03-31"),
        ("fa", "انتشار: ۱۲ فروردین ۱۴۰۳ - بروزرسانی: ۱۳ فروردین ۱۴۰۳", "2024-03-31"),
        ("fa-AF", "۱۲ حمل ۱۴۰۳", "2024-03-31"),
        ("ps", "د ۱۴۰۳ کال د وري ۱۲مه", "2024-03-31"),
    ], "solar_hijri"),
    *_cases("Solar Hijri, Afghan", "byline", [  # Dari (the zodiac months) and Pashto month names, era marks, Kabul's clock
        ("fa-AF", "دوشنبه ۱۲ حمل ۱۴۰۳ هـ ش", "2024-03-31"),
        ("fa-AF", "۱۲ حمل ۱۴۰۳ ه‍.ش", "2024-03-31"),  # a zero-width joiner after the he
        ("fa-AF", "۲۵ حوت ۱۴۰۲", "2024-03-15"),
        ("fa-AF", "۱۲ میزان ۱۴۰۳", "2024-10-03"),
        ("fa-AF", "۱۲ حمل ۱۴۰۳ ساعت ۱۰", "2024-03-31T10:00:00"),  # an hour alone after 'ساعت'
        ("fa-AF", "۱۲ حمل ۱۴۰۳ ساعت ۱۰:۳۰ به وقت کابل", "2024-03-31T10:30:00+04:30"),
        ("ps", "۱۲ غبرگولی ۱۴۰۳", "2024-06-01"),  # گ where the data writes ګ
        ("ps", "۱۲ چنگاښ ۱۴۰۳", "2024-07-02"),
        ("ps", "۱۲ کب ۱۴۰۲", "2024-03-02"),
        ("ps", "د ۱۴۰۳ کال د وري ۱۲مه، ساعت ۱۰:۳۰", "2024-03-31T10:30:00"),
    ], "solar_hijri"),
    *_cases("Solar Hijri", "meta", [("fa", "1403-01-12T10:30:00+03:30", "2024-03-31T10:30:00+03:30"), ("fa", "۱۴۰۳-۰۱-۱۲", "2024-03-31")], "solar_hijri"),
    *_cases("Solar Hijri", "jsonld", [("fa", "1403-01-12T10:30:00+03:30", "2024-03-31T10:30:00+03:30")], "solar_hijri"),
    *_cases("Solar Hijri", "time", [("fa", "1403-01-12T10:30:00+03:30", "2024-03-31T10:30:00+03:30")], "solar_hijri"),
    *_cases("Solar Hijri", "url", [("fa", "https://news.example/fa/news/1402/12/25/3053012/title", "2024-03-15")], "solar_hijri"),
    *_cases("Hijri", "byline", [
        ("ar", "١٤ رمضان ١٤٤٥ هـ", "2024-03-24"),
        ("ar", "الأحد 14 رمضان 1445 هـ", "2024-03-24"),
        ("ar", "1445/09/14 هـ", "2024-03-24"),  # year first: the era word after the date makes it lunar
        ("ar", "14/09/1445هـ", "2024-03-24"),
        ("ar", "1445/09/14", "2024-03-24"),  # no era word: Solar Hijri 1445 is decades ahead, so lunar
        ("ar", "السبت 1 ذو الحجة 1445 هـ", "2024-06-07"),
        ("ur", "4 رمضان المبارک 1445ھ", "2024-03-14"),
    ], "hijri"),
    *_cases("Hijri", "meta", [("ar", "1445-09-14", "2024-03-24")], "hijri"),
    *_cases("Arabic-script Gregorian", "byline", [
        ("ar", "١٤ مارس ٢٠٢٤", "2024-03-14"),
        ("ar", "14 آذار/مارس 2024", "2024-03-14"),
        ("ar", "14 آذار 2024", "2024-03-14"),
        ("ar", "14 مارس 2024م", "2024-03-14"),
        ("ar", "١٤/٠٣/٢٠٢٤", "2024-03-14"),
        ("ar", "نشر في: 14/03/2024", "2024-03-14"),
        ("ar", "تاريخ النشر: الخميس 14 مارس 2024 - 10:30 م", "2024-03-14T22:30:00"),  # م after a clock: evening
        ("ar", "آخر تحديث: 15 مارس 2024 - نشر في: 14 مارس 2024", "2024-03-14"),  # the first publication, not the update
        ("ar", "14 مارس 2024 | 4 رمضان 1445 هـ", "2024-03-14"),
        ("ur", "جمعرات 14 مارچ 2024", "2024-03-14"),
        ("ur", "۱۴ مارچ ۲۰۲۴", "2024-03-14"),
        ("ur", "14 مارچ، 2024", "2024-03-14"),
        ("ur", "14 مارچ 2024ء", "2024-03-14"),
        ("ur", "جمعرات 14 مارچ 2024ء 10:30 بجے", "2024-03-14T10:30:00"),  # the era word before the clock
    ]),
    *_cases("Month names", "byline", [
        ("de", "Donnerstag, 14. März 2024", "2024-03-14"),
        ("de", "14. Mär. 2024", "2024-03-14"),
        ("de", "Veröffentlicht am 14.03.2024 um 10:30 Uhr", "2024-03-14T10:30:00"),
        ("de", "Aktualisiert: 15.03.2024, 10:30 Uhr | Erstellt: 14.03.2024, 09:00 Uhr", "2024-03-14T09:00:00"),
        ("de-AT", "14. Jänner 2024", "2024-01-14"),
        ("fr", "jeudi 14 mars 2024", "2024-03-14"),
        ("fr", "14 févr. 2024", "2024-02-14"),
        ("fr", "Publié le 1er mars 2024 à 10h30", "2024-03-01T10:30:00"),  # the ordinal '1er' and the clock '10h30'
        ("fr", "Publié le 13/03/2024 à 08h00, mis à jour le 14/03/2024 à 10h30", "2024-03-13T08:00:00"),
        ("es", "14 de marzo de 2024", "2024-03-14"),
        ("es", "14 de marzo del 2024", "2024-03-14"),
        ("es", "1º de marzo de 2024", "2024-03-01"),
        ("es", "jueves, 14 de marzo de 2024, 10:30", "2024-03-14T10:30:00"),
        ("pt", "1º de março de 2024", "2024-03-01"),
        ("pt", "14/03/2024 às 10h30", "2024-03-14T10:30:00"),
        ("it", "1° marzo 2024", "2024-03-01"),
        ("it", "14 marzo 2024 ore 10:30", "2024-03-14T10:30:00"),
        ("ru", "14 марта 2024 г.", "2024-03-14"),
        ("ru", "Опубликовано: 14 марта 2024 года", "2024-03-14"),
        ("ru", "14.03.2024 в 10:30", "2024-03-14T10:30:00"),
        ("ru", "Обновлено 15.03.2024 | Опубликовано 14.03.2024", "2024-03-14"),
        ("uk", "14 березня 2024", "2024-03-14"),
        ("tr", "14 Mart 2024 Perşembe", "2024-03-14"),
        ("tr", "14.03.2024 - 10:30", "2024-03-14T10:30:00"),
        ("tr", "14 Ağustos 2024", "2024-08-14"),
        ("tr", "Giriş: 14.03.2024 10:30 Güncelleme: 15.03.2024 11:00", "2024-03-14T10:30:00"),
        ("el", "Πέμπτη 14 Μαρτίου 2024, 10:30", "2024-03-14T10:30:00"),
        ("el", "14 ΜΑΡΤΊΟΥ 2024", "2024-03-14"),
        ("he", "יום חמישי, 14 במרץ 2024", "2024-03-14"),
        ("pl", "14 marca 2024 10:30", "2024-03-14T10:30:00"),
        ("id", "Kamis, 14 Maret 2024 10:30 WIB", "2024-03-14T10:30:00+07:00"),
        ("ja", "2024年3月14日 10:30", "2024-03-14T10:30:00"),
        ("ko", "2024년 3월 14일", "2024-03-14"),
    ]),
    *_cases("Indic, Thai and full-width digits", "byline", [
        ("hi", "१४ मार्च २०२४", "2024-03-14"),
        ("hi", "गुरुवार, 14 मार्च 2024, 10:30 AM IST", "2024-03-14T10:30:00"),
        ("hi", "१४/०३/२०२४", "2024-03-14"),
        ("mr", "१४ मार्च २०२४", "2024-03-14"),
        ("ne", "१४ मार्च २०२४", "2024-03-14"),
        ("bn", "বৃহস্পতিবার, ১৪ মার্চ ২০২৪", "2024-03-14"),
        ("bn", "১৪ ফেব্রুয়ারি ২০২৪", "2024-02-14"),
        ("th", "๑๔ มีนาคม ๒๐๒๔", "2024-03-14"),
        ("th", "14 มีนาคม 2024 10:30 น.", "2024-03-14T10:30:00"),
        ("ja", "２０２４年３月１４日", "2024-03-14"),
    ]),
    *_cases("Era years: Buddhist, Japan, ROC", "byline", [  # counted from another era: 2567 BE, Reiwa 6 and ROC 113 are 2024
        ("th", "14 มีนาคม 2567", "2024-03-14"),
        ("th", "๑๔ มีนาคม ๒๕๖๗", "2024-03-14"),
        ("th", "14 มี.ค. 2567", "2024-03-14"),  # the short month name printed with dots
        ("th", "14 มี.ค. 67 10:30 น.", "2024-03-14T10:30:00"),  # the short year
        ("th", "วันพฤหัสบดีที่ 14 มีนาคม พ.ศ. 2567 เวลา 10:30 น.", "2024-03-14T10:30:00"),
        ("th", "โดย ทีมข่าว | 14 มี.ค. 67 | อ่าน 1,234 ครั้ง", "2024-03-14"),
        ("th", "14/03/2567", "2024-03-14"),  # a bare year read in the page's language
        ("lo", "14/03/2567", "2024-03-14"),  # Lao counts years so too
        ("en", "14 มีนาคม 2567", "2024-03-14"),  # the script decides where the page declares another language
        ("ja", "令和6年3月14日", "2024-03-14"),
        ("ja", "公開日：令和6年3月14日 10:30", "2024-03-14T10:30:00"),
        ("ja", "令和元年5月1日", "2019-05-01"),
        ("ja", "平成31年4月30日", "2019-04-30"),
        ("zh-TW", "民國113年3月14日", "2024-03-14"),
        ("zh-TW", "發布時間：中華民國113年3月14日 10:30", "2024-03-14T10:30:00"),
    ]),
    *_cases("Era years: Buddhist, Japan, ROC", "meta", [("th", "2567-03-14", "2024-03-14")]),
    *_cases("Numeric, the locale's order", "byline", [
        ("en-US", "3/4/2024", "2024-03-04"),
        ("en-US", "3/4/24", "2024-03-04"),
        ("en-GB", "3/4/2024", "2024-04-03"),
        ("de", "3/4/2024", "2024-04-03"),
        ("es", "3/4/2024", "2024-04-03"),
        ("fr", "3/4/2024", "2024-04-03"),
        ("en", "12.03.2024", "2024-03-12"),  # a dot is the day-first convention whatever the language
        ("de", "14.3.2024", "2024-03-14"),
        ("ru", "14.03.24", "2024-03-14"),
    ]),
    *_cases("Numeric, the locale's order", "meta", [("en-US", "3/4/2024", "2024-03-04"), ("fr", "3/4/2024", "2024-04-03")]),
    *_cases("Numeric, the locale's order", "jsonld", [("en-US", "3/4/2024 10:30 AM", "2024-03-04T10:30:00")]),
    *_cases("Zones kept", "byline", [
        ("en-US", "Published 3/4/2024 10:30 PM EST", "2024-03-04T22:30:00-05:00"),
        ("es", "Actualizado 14/03/2024 10:30 CET", "2024-03-14T10:30:00+01:00"),
        ("en", "March 14, 2024 11:30 PM GMT+4:30", "2024-03-14T23:30:00+04:30"),
        ("de", "Veröffentlicht: 14. März 2024, 10:30 Uhr MEZ", "2024-03-14T10:30:00+01:00"),  # 'Uhr' between clock and zone
        ("ru", "Четверг, 14 марта 2024, 10:30 МСК", "2024-03-14T10:30:00+03:00"),
        ("tr", "14.03.2024 10:30 TSİ", "2024-03-14T10:30:00+03:00"),
        ("en", "Posted: 2024-03-14 @ 10:30 PM EST", "2024-03-14T22:30:00-05:00"),
        ("ar", "الخميس 14 مارس 2024 - 10:30 م (بتوقيت مكة المكرمة)", "2024-03-14T22:30:00+03:00"),  # a zone named by its place
        ("ar", "نشر في: 14/3/2024 10:30 (بتوقيت مكة المكرمة)", "2024-03-14T10:30:00+03:00"),
        ("ar", "14 مارس 2024 10:30 بتوقيت غرينتش", "2024-03-14T10:30:00Z"),
    ]),
    *_cases("Zones kept", "meta", [("en", "2024-03-14T23:30:00-05:00", "2024-03-14T23:30:00-05:00"), ("ar", "2024-03-14T10:30:00+03:00", "2024-03-14T10:30:00+03:00")]),
    *_cases("Zones kept", "meta", [("en", "20240314T103000+0330", "2024-03-14T10:30:00+03:30"), ("de", "20240314", "2024-03-14")]),  # ISO basic
    *_cases("Zones kept", "jsonld", [("en", "2024-03-15T02:30:00+05:30", "2024-03-15T02:30:00+05:30")]),
    *_cases("Zones kept", "time", [("en", "2024-03-14T23:30:00-05:00", "2024-03-14T23:30:00-05:00")]),
    *_cases("Ages, against the fetch time", "byline", [
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
        ("fa", "دیروز ساعت ۱۰:۳۰", "2024-03-13T10:30"),
        ("ur", "2 گھنٹے پہلے", "2024-03-14T10:00Z"),
    ]),
    *_cases("Year-less, against the fetch time", "byline", [  # the latest such day not after the fetch + 1 day
        ("ru", "14 марта, 10:30", "2024-03-14T10:30"),
        ("fr", "14 mars à 10h30", "2024-03-14T10:30"),
        ("en", "March 14 at 10:30", "2024-03-14T10:30"),
        ("en", "Published: Dec 30 at 9:15 PM", "2023-12-30T21:15"),  # a day after the fetch's is last year's
        ("de", "14. März, 10:30 Uhr", "2024-03-14T10:30"),
        ("ar", "14 مارس، 10:30 م", "2024-03-14T22:30"),
    ]),
    *_cases("Year-less, against the fetch time", "byline", [
        ("fa-AF", "۲۳ حوت ساعت ۱۰", "2024-03-13T10:00"),
        ("fa", "۲۳ اسفند، ساعت ۱۰:۳۰", "2024-03-13T10:30"),
    ], "solar_hijri"),
]


def page(case: Case) -> str:
    """The synthetic page of one case: a headline, the date where the case puts it, a paragraph."""
    head = byline = ""
    if case.where == "byline":
        byline = f'<div class="meta"><span>{case.printed}</span></div>'
    elif case.where == "time":
        byline = f'<time datetime="{case.printed}">{case.printed[:10]}</time>'
    elif case.where == "meta":
        head = f'<meta property="article:published_time" content="{case.printed}">'
    elif case.where == "jsonld":
        head = f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "headline": "Budget passed", "datePublished": case.printed})}</script>'
    return (f'<html lang="{case.lang}"><head><title>Budget passed</title>{head}</head><body><article>'
            f'<h1>Budget passed</h1>{byline}{_BODY}</article></body></html>')


def uri(case: Case) -> str:
    return case.printed if case.where == "url" else URI


def docingest(case: Case) -> tuple[str | None, str | None]:
    """(published, published_calendar) of the record."""
    record = extract_document(page(case).encode(), uri(case), fetched_at=FETCHED)
    return record["published"], record["published_calendar"]


def htmldate_tool(case: Case) -> str | None:
    from htmldate import find_date

    return find_date(page(case), url=uri(case), original_date=True)


def main() -> None:
    import logging

    logging.disable(logging.WARNING)  # htmldate logs every page it finds no date on
    families: dict[str, list[int]] = {}
    for case in CASES:
        ours, calendar = docingest(case)
        theirs = htmldate_tool(case)
        counts = families.setdefault(case.family, [0, 0, 0, 0, 0])
        for i, hit in enumerate((True, (ours or "")[:10] == case.iso[:10], ours == case.iso, calendar == case.calendar,
                                 (theirs or "")[:10] == case.iso[:10])):
            counts[i] += hit
    print(f"{'family':32} {'pages':>5} {'docingest day':>14} {'exact value':>12} {'calendar':>9} {'htmldate day':>13}")
    total = [0] * 5
    for family, counts in families.items():
        total = [t + c for t, c in zip(total, counts)]
        print(f"{family:32} {counts[0]:5d} {counts[1]:14d} {counts[2]:12d} {counts[3]:9d} {counts[4]:13d}")
    print(f"{'all':32} {total[0]:5d} {total[1]:14d} {total[2]:12d} {total[3]:9d} {total[4]:13d}")


if __name__ == "__main__":
    main()
