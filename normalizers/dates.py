"""Dates in many forms to ISO 8601, with day/month order resolved by evidence, never by luck.

>>> parse_date("12.05.2023")
'2023-05-12'
>>> parse_date("Sep 26, 2018")
'2018-09-26'
>>> parse_date("05/12/2023", day_first=False)
'2023-05-12'
>>> parse_date("not a date") is None
True
>>> infer_day_first(["05/12/2023", "RT, 08 August 2016"])
True
>>> infer_day_first(["05/12/2023", "August 8, 2016"])
False
"""
from __future__ import annotations

import functools
import re
import unicodedata
from datetime import datetime
from typing import NamedTuple

from normalizers import calendars, vocab
from normalizers.era_dates import common_era_years

# A space may follow a dot: Czech, Slovak, Hungarian and Croatian write '10. 3. 2024' and '2024. 03. 10.' (a
# four-digit year then: '1. 2. 24' is more likely a list's numbers than a date).
_NUMERIC = re.compile(r"^\s*(\d{1,2})([./-])(?:(?<=\.) )?(\d{1,2})\2(?:(?<=\.) (?=\d{4}))?(\d{2}|\d{4})\b")
_YEAR_FIRST = re.compile(r"^\s*((?:19|20)\d\d)([./])(?:(?<=\.) )?(\d{1,2})\2(?:(?<=\.) )?(\d{1,2})(?!\d)")  # 2025.12.17, 2025/12/17: the ISO order
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_HAS_DIGIT = re.compile(r"\d")
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")  # dateparser needs a year here (REQUIRE_PARTS)
_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")  # a day of the month: without one there is no full date to find
# Year-first numeric dates in a Hijri-family calendar ('1402/05/12', '1445/09/14 هـ'); a year 13xx/14xx is
# never Gregorian in our range, so the era words of calendar_*.json (or Solar Hijri by default) decide.
_HIJRI_YEAR_FIRST = re.compile(r"(?<![\d/.-])(1[34]\d\d)([/.-])(\d{1,2})\2(\d{1,2})(?![\d/.-])")
_HIJRI_YEAR_LAST = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(1[34]\d\d)(?![\d/.-])")  # needs an era word
_HIJRI_YEAR = re.compile(r"(?<!\d)1[34]\d\d(?!\d)")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:hH](\d{2})(?::(\d{2}))?\s{0,3}([AaPp])?\.?[Mm]?\.?(?![\w:])")  # 10:30, 10h30 (fr, pt)
# '+04:30', 'GMT+4:30', and after UTC/GMT the hour alone ('GMT+2'), in brackets or not
_OFFSET = re.compile(r"\s{0,2}\(?(?:(?:UTC|GMT|Z)(?![+-]\d)|(?:UTC|GMT)?\s?([+-])(\d{1,2}):?(\d{2})|(?:UTC|GMT)([+-])(\d{1,2}))\)?(?![\d:])")
# A zone abbreviation after a clock time ('9:00 am EST'); data/date_lines.json gives the offsets of
# those that name one zone, others (IST) are read as a zone with no offset: the printed day is kept either way.
_ZONE_NAME = re.compile(r"\s{0,2}\(?([A-ZА-ЯİŞĞÜÖÇ]{2,5})\)?(?![^\W\d_])")  # Latin, Cyrillic (МСК), Turkish (TSİ) capitals
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])")
_APOSTROPHE_YEAR = re.compile(r"['’](\d{2})\b")  # "Jun 18 '05"
_DASHED_SHORT_YEAR = re.compile(r"\b(\d{1,2})-([^\W\d_]{3,})-(\d{2})\b")  # "16-Jun-20"
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|UT|Z)$")
_LETTERS = re.compile(rf"{calendars.LETTER}+\.?")  # a word, with the vowel signs of Indic and Thai ones
_CJK_DATE = re.compile(r"\d\s{0,2}[年월]")  # 2023年5月12日, 2023년 5월 12일
_OTHER_WORDS_MAX = 1  # words beside a date dateparser may still read as one ('Uhr', 'Updated on:'); two or more are prose
_MAX_DATE_WORDS = 10  # "Published Monday, November 18, 2019 8:22AM EST"; longer strings are prose
# Which dateparser locales to try, by the script a date is written in: trying all 200+ locales
# costs ~50 ms a call, a script's handful ~2 ms.
_SCRIPT_LANGUAGES = (
    (re.compile(r"[\u0400-\u04ff]"), ("ru", "uk", "be", "bg", "sr", "kk")),
    (re.compile(r"[\u0600-\u06ff]"), ("fa", "ar", "ur", "ps")),
    (re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"), ("ja", "zh", "ko")),
    (re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), ("el",)),
    (re.compile(r"[\u0590-\u05ff]"), ("he",)),
    (re.compile(r"[\u0900-\u097f]"), ("hi", "mr", "ne")),  # Devanagari
    (re.compile(r"[\u0980-\u09ff]"), ("bn",)),
    (re.compile(r"[\u0e00-\u0e7f]"), ("th",)),
    (re.compile(r"[A-Za-z\u00c0-\u024f]"), ("en", "de", "fr", "es", "pt", "it", "nl", "tr", "id", "pl", "ro", "sv", "da", "nb", "fi", "cs", "hu")),
)


def numeric_order_evidence(raw: str) -> bool | None:
    """What one numeric date says about order: True day-first, False month-first, None undecided.

    A part over 12 decides; a dot separator is the European/Persian day-first convention.
    """
    m = _NUMERIC.match(raw.translate(calendars.DIGITS))
    if not m:
        return None
    a, sep, b = int(m.group(1)), m.group(2), int(m.group(3))
    if a > 12 >= b:
        return True
    if b > 12 >= a:
        return False
    if sep == ".":
        return True
    return None


# Month words are short: bounded runs keep these linear on a 400,000-letter "word".
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}\.?\s{{1,3}}(?!\d)({calendars.LETTER}{{3,24}})(?!{calendars.LETTER})")
_MONTH_DAY = re.compile(rf"(?<![^\W\d_])({calendars.LETTER}{{3,24}})\.?\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s{{0,3}}[:.]\d)")


def written_order_evidence(raw: str) -> bool | None:
    """What a written-out date says about the writer's habit: '08 August 2016' day-first, 'August 8' month-first.

    Only a word that dateparser reads as a month counts, so '12 people' or 'Room 12' say nothing.
    """
    text = raw.translate(calendars.DIGITS)
    for pattern, verdict in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        for m in pattern.finditer(text):
            if _is_month(m.group(1)):
                return verdict
    return None


def _is_month(word: str) -> bool:
    word = word.casefold().rstrip(".")
    return word in month_numbers() or calendars.fold(word) in calendars.month_words()


@functools.cache
def month_numbers() -> dict[str, dict[str, int]]:
    """Every month name and abbreviation dateparser knows in the locales we try -> {locale: month number}.

    Read from data/month_names.json (a copy of dateparser's locale data, checked by tests/test_dates.py),
    so knowing a word is a month costs a dict lookup, not dateparser's import and locale loading. Each name is
    also kept in its NFC form: dateparser writes some Bengali ones with 'য়' (U+09DF), which NFC text decomposes."""
    names: dict[str, dict[str, int]] = {}
    for language, months in vocab.load("month_names")["months"].items():
        for number, spellings in enumerate(months, 1):
            for name in spellings:
                for form in {name, unicodedata.normalize("NFC", name)}:
                    names.setdefault(form, {})[language] = number
    return names


def order_evidence(raw: str) -> bool | None:
    """Day-first (True), month-first (False) or undecided (None), from a numeric or written-out date."""
    numeric = numeric_order_evidence(raw)
    return numeric if numeric is not None else written_order_evidence(raw)


def infer_day_first(raws: list[str], *, default: bool | None = None) -> bool | None:
    """Combine the evidence of every date seen in one document (numeric and written-out alike)."""
    votes = [v for v in (order_evidence(r) for r in raws) if v is not None]
    if votes:
        return sum(votes) * 2 >= len(votes)
    return default


_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?(?:-|$)")  # language, script, region


def language_day_first(language: str | None) -> bool | None:
    """The numeric date order a page's language writes (data/date_order.json): False month-first
    (US English), None undecided ('en' alone, or no tag), True day-first (every other language).
    The fallback of `infer_day_first` for a page whose own dates do not decide it.

    >>> language_day_first("en-US"), language_day_first("en_GB"), language_day_first("de"), language_day_first("en")
    (False, True, True, None)
    """
    m = _LANGUAGE_TAG.match((language or "").strip().lower().replace("_", "-"))
    if not m:
        return None
    order = vocab.load("date_order")
    tag = f"{m[1]}-{m[3]}" if m[3] else m[1]
    if tag in order["month_first"]:
        return False
    return None if tag in order["undecided"] else True


def fetch_moment(iso: str | None) -> datetime | None:
    """The moment an ISO string names (when a page was fetched: '2024-03-14T12:00:00Z'), or None when there is
    none or it is unreadable: what ages and year-less days are read against, one reading for both.

    >>> fetch_moment("2024-03-14T12:00:00Z"), fetch_moment("yesterday")
    (datetime.datetime(2024, 3, 14, 12, 0, tzinfo=datetime.timezone.utc), None)
    """
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")) if iso else None
    except ValueError:
        return None


class Dated(NamedTuple):
    iso: str  # ISO 8601 Gregorian date, with time when the source gives one
    calendar: str  # the calendar the source wrote it in: gregorian | solar_hijri | hijri


def parse_date(raw: str | None, *, day_first: bool | None = None, languages: list[str] | None = None,
               dateparser: bool = True, locale: str | None = None) -> str | None:
    """ISO 8601 date (with time when the source gives one), or None when `raw` is not a date.

    `dateparser=False` reads only the shapes our own patterns know (no ~0.2 s import): for a caller
    with a cheaper way to try next, such as the date spans of a printed line.

    `day_first` is the document's evidence (see `infer_day_first`); when it is None and the date
    itself does not decide, numeric dates with '/' or '-' are left unparsed rather than guessed.
    Solar Hijri and Hijri dates are converted to Gregorian (`parse_dated` also names the calendar), and
    years of another era to Common Era years (normalizers/era_dates.py: 'พ.ศ. 2567', '令和6年'; `locale`, the
    page's language, decides a bare one printed without the era's script, '14/03/2567' on a Thai page).

    >>> parse_date("۱۲ حمل ۱۴۰۲"), parse_date("١٤ رمضان ١٤٤٥ هـ"), parse_date("تشرين الأول/أكتوبر 5، 2023")
    ('2023-04-01', '2024-03-24', '2023-10-05')
    """
    dated = parse_dated(raw, day_first=day_first, languages=languages, dateparser=dateparser, locale=locale)
    return dated.iso if dated else None


def parse_dated(raw: str | None, *, day_first: bool | None = None, languages: list[str] | None = None,
                dateparser: bool = True, locale: str | None = None) -> Dated | None:
    """The date `raw` names and the calendar it is written in, or None (see `parse_date`).

    >>> parse_dated("۱۴۰۲/۰۵/۱۲")
    Dated(iso='2023-08-03', calendar='solar_hijri')
    """
    if not raw or len(raw) > 80 or not _HAS_DIGIT.search(raw.translate(calendars.DIGITS)):
        return None
    text = common_era_years(raw.translate(calendars.DIGITS).strip(), locale)  # a year of the Common Era, in the Gregorian calendar
    regional = _regional(text)
    if regional:
        return regional
    iso = _gregorian(text, day_first, languages, dateparser)
    return Dated(iso, "gregorian") if iso else None


def _gregorian(text: str, day_first: bool | None, languages: list[str] | None, dateparser: bool = True) -> str | None:
    m = _ISO.match(text)
    if m:  # a clock time printed after the date alone ('2024-03-14 @ 10:30', '2024-03-14 | 10:30')
        return _iso_match(m) if m.group(4) else _with_time(_iso_match(m), text[m.end():])
    m = _YEAR_FIRST.match(text)
    if m:
        return _with_time(_checked(int(m[1]), int(m[3]), int(m[4])), text[m.end():])
    m = _NUMERIC.match(text)
    if m:
        order = numeric_order_evidence(text)
        if order is None:
            order = day_first
        if order is None:
            return None
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        day, month = (a, b) if order else (b, a)
        date = _checked(_full_year(year), month, day)
        return _with_time(date, text[m.end():])
    if _RFC2822.match(text):  # e-mail and RSS dates: the standard library reads them exactly, zone included
        return _rfc2822(text)
    text = _ordinal_day().sub(r"\1", text)
    if not _YEAR.search(text):
        text = _DASHED_SHORT_YEAR.sub(lambda m: f"{m[1]} {m[2]} {_full_year(int(m[3]))}", text)
        text = _APOSTROPHE_YEAR.sub(lambda m: str(_full_year(int(m[1]))), text)
    if not _YEAR.search(text) or not _DAY.search(text) or len(text.split()) > _MAX_DATE_WORDS:
        return None
    if not (_CJK_DATE.search(text) or any(_is_month(w) for w in _LETTERS.findall(text))):
        return None  # numeric forms were handled above: without a month name dateparser has nothing to read
    languages = tuple(languages) if languages else _languages_for(text)
    return _day_month_year(text, languages) or (
        _dateparser(text, day_first, languages) if dateparser and _one_date_at_most(text) else None)


@functools.cache
def _ordinal_day() -> re.Pattern:
    """A day number with another language's ordinal mark ('1er', '1º', '1.º', '1°'; data/date_lines.json
    day_ordinals): the mark is dropped before a month word, which dateparser then reads ('1º de marzo'
    it does not). English 'st/nd/rd/th' stay: they tell an English date from another language's.

    >>> _ordinal_day().sub(r"\\1", "1er mars 2024, 1º de marzo de 2024, 1.º de maio, 21st May")
    '1 mars 2024, 1 de marzo de 2024, 1 de maio, 21st May'
    """
    marks = {m for language, ms in vocab.load("date_lines")["day_ordinals"].items() if language != "en" for m in ms}
    return re.compile(r"(?<!\d)(\d{1,2})(?:" + "|".join(sorted(map(re.escape, marks), key=len, reverse=True)) + r")(?=\s{1,3}[^\W\d_])", re.I)


def _one_date_at_most(text: str) -> bool:
    """Whether dateparser could read `text` as one date: one year at most, and at most one word that is
    neither a month nor a weekday ('Updated on: October 28, 2024', '11. November 2019 um 10:54 Uhr').
    A line with two years or with prose ('2025, for travel through May 31, 2026', 'Senior Writer | July 2,
    2025') is no single date, and not asking costs nothing: dateparser refuses every such line of the eval sets.

    >>> _one_date_at_most("Updated on: October 28, 2024"), _one_date_at_most("December 16, 2025 | Categories: Uncategorized")
    (True, False)
    """
    if len(set(_YEAR.findall(text))) > 1:
        return False
    other = [w for w in _LETTERS.findall(text) if len(w.rstrip(".")) >= 3 and not _is_month(w) and w.casefold().rstrip(".") not in weekday_words()]
    return len(other) <= _OTHER_WORDS_MAX


# A day, one month word and a year ('5 May 2020', 'May 5th, 2020', '5. Mai 2020', 'Sept. 5 2018'), with
# the weekday before it and the clock time after it that date lines carry ('Friday, November 14, 2025
# 9:00 am EST'): the commonest written date, read here exactly as dateparser reads it (tests/test_dates.py
# compares every month name of data/month_names.json in each shape), so most pages never import dateparser (~0.3 s).
_DAY_MONTH_YEAR = re.compile(
    rf"(?:(\d{{1,2}})(st|nd|rd|th|\.)?\s{{1,3}}({calendars.LETTER}{{3,24}})\.?|({calendars.LETTER}{{3,24}})\.?\s{{1,3}}(\d{{1,2}})(st|nd|rd|th)?)"
    r"(?:\s{0,3},\s{0,3}|\s{1,3})(\d{4})(?!\d)")
_LEADING_WORD = re.compile(rf"({calendars.LETTER}{{2,24}})\.?,?\s{{1,3}}")  # 'Friday, ', 'Tue ', 'Mo. '
_ENGLISH_ORDINAL = frozenset({"st", "nd", "rd", "th"})


def _day_month_year(text: str, languages: tuple[str, ...] | None) -> str | None:
    """ISO date of a '5 May 2020'-shaped `text` whose month word the first of `languages` knows, else None
    (dateparser then decides: other shapes, other words, impossible days).

    >>> _day_month_year("Friday, November 14, 2025 9:05 pm EST", ("en",))
    '2025-11-14T21:05:00-05:00'
    """
    lead = _LEADING_WORD.match(text)  # 'Mar' opens a date in English and is Tuesday in Spanish: the date first
    m = _DAY_MONTH_YEAR.match(text) or (lead and lead[1].casefold() in weekday_words() and _DAY_MONTH_YEAR.match(text, lead.end()))
    if not m or not languages:
        return None
    month = month_numbers().get((m[3] or m[4]).casefold(), {}).get(languages[0])
    if month is None or ((m[2] or m[6]) in _ENGLISH_ORDINAL and languages[0] != "en"):
        return None
    date = _checked(int(m[7]), month, int(m[1] or m[5]))
    rest = text[m.end():]
    if date is None or not rest.strip():
        return date
    timed = _clock_time(rest)
    return f"{date}T{timed[0]}" if timed and not rest[timed[1]:].strip() else None


@functools.cache
def weekday_words() -> frozenset[str]:
    """Every weekday name dateparser knows in the locales we try (data/date_weekdays.json, a checked copy), casefolded."""
    return frozenset(name for days in vocab.load("date_weekdays")["weekdays"].values() for names in days for name in names)


def _languages_for(text: str) -> tuple[str, ...] | None:
    """dateparser locales for `text`: those of its script that know one of its month words, in the
    script's order (a failed parse tries every locale given, ~15 ms for a script's 17, ~1 ms for 3)."""
    script_languages = _script_languages(text)
    if not script_languages:
        return None
    months = month_numbers()
    named = set().union(*(months.get(w.casefold().rstrip("."), ()) for w in _LETTERS.findall(text)))
    return tuple(lang for lang in script_languages if lang in named) or script_languages


@functools.lru_cache(maxsize=4096)
def _regional(text: str) -> Dated | None:
    """Solar Hijri, Hijri and Arabic-script Gregorian dates (digits already Western), read with
    the vocabularies in data/calendar_*.json; only text in Arabic script or with a year 13xx/14xx
    gets here, so Latin dates keep their fast path.
    """
    if not _ARABIC_SCRIPT.search(text) and not _HIJRI_YEAR.search(text):
        return None
    numeric = _hijri_numeric(text)
    if numeric:
        calendar, (year, month, day), end = numeric
        iso = calendars.to_gregorian(calendar, year, month, day)
        return Dated(_with_clock(iso, text[end:]), calendar) if iso else None
    written = calendars.written_date(text)
    if written is None:
        return None
    return Dated(_with_clock(written[0], text), written[1])


def _hijri_numeric(text: str) -> tuple[str, tuple[int, int, int], int] | None:
    """(calendar, (year, month, day), end) of '1402/05/12' (an era word's calendar, else `_unnamed_calendar`)
    or of '14/09/1445 هـ' (day first only with an era word: without one it may be a Gregorian typo)."""
    tokens = calendars.words(text)
    named = calendars.era(tokens)
    if named == "gregorian" or not calendars.date_line(tokens):
        return None
    m = _HIJRI_YEAR_FIRST.search(text)
    if m:
        return named or _unnamed_calendar(int(m[1])), (int(m[1]), int(m[3]), int(m[4])), m.end()
    m = _HIJRI_YEAR_LAST.search(text)
    if m and named:
        return named, (int(m[4]), int(m[3]), int(m[1])), m.end()
    return None


def _unnamed_calendar(year: int) -> str:
    """The calendar of a year-first date no era word names: Solar Hijri up to its coming year, Hijri beyond
    ('1445/09/14' is 2066 in Solar Hijri, 2024 in Hijri; a Hijri year as low as the Solar one is before 1990).

    >>> _unnamed_calendar(1403), _unnamed_calendar(1445)
    ('solar_hijri', 'hijri')
    """
    return "solar_hijri" if year <= calendars.solar_hijri_year() + 1 else "hijri"


def _with_clock(date: str, text: str) -> str:
    """A date written with a month name plus the clock time printed with it ('۱۰:۳۰ ب.ظ', '22:05')."""
    m = _CLOCK.search(text) or _hour_alone().search(calendars.fold(text))
    if m is None:
        return date
    hour, minute, second = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    text = calendars.fold(text) if m.re is not _CLOCK else text
    after = calendars.words(text[m.end():m.end() + 16])
    half = calendars.meridiem(after[:2]) or calendars.meridiem(after[:1])
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return date
    return f"{date}T{hour:02d}:{minute:02d}:{second:02d}{_offset(text[m.end():]) or _place_offset(text[m.end():])}"


@functools.cache
def _hour_alone() -> re.Pattern:
    """An hour printed without its minutes after its word ('ساعت ۱۰', 'الساعة 10'; date_lines.json hour_words), folded;
    groups as `_CLOCK`'s, the minutes and seconds empty."""
    words = "|".join(" ".join(calendars.words(w)) for w in vocab.load("date_lines")["hour_words"])
    return re.compile(rf"(?<!\w)(?:{words})\s{{0,3}}(\d{{1,2}})()()(?![\d:])")


@functools.cache
def _zone_place() -> re.Pattern:
    lines = vocab.load("date_lines")
    markers = "|".join(" ".join(calendars.words(w)) for w in lines["zone_markers"])
    places = "|".join(sorted((" ".join(calendars.words(w)) for w in lines["zone_places"]), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{markers}) ({places})(?!\w)")


def _place_offset(text: str) -> str:
    """The offset of a zone named by its place after a clock time ('بتوقيت مكة المكرمة' +03:00, 'به وقت کابل'
    +04:30; data/date_lines.json zone_places), compared folded, so any Arabic or Persian spelling matches.

    >>> _place_offset(" م (بتوقيت مكة المكرمة)"), _place_offset(" به وقت کابل"), _place_offset(" بتوقيت القاهرة")
    ('+03:00', '+04:30', '')
    """
    m = _zone_place().search(" ".join(calendars.words(text[:60])))
    if m is None:
        return ""
    offsets = {" ".join(calendars.words(place)): offset for place, offset in vocab.load("date_lines")["zone_places"].items()}
    return offsets[m[1]]


def jalali_to_gregorian(year: int, month: int, day: int) -> str | None:
    """A Solar Hijri day as an ISO Gregorian date (jdatetime's conversion), None if no such day.

    >>> jalali_to_gregorian(1403, 1, 1), jalali_to_gregorian(1399, 12, 30), jalali_to_gregorian(1402, 13, 1)
    ('2024-03-20', '2021-03-20', None)
    """
    return calendars.to_gregorian("solar_hijri", year, month, day)


def _script_languages(text: str) -> tuple[str, ...] | None:
    """dateparser locales for the script of `text` (None: let dateparser try them all)."""
    for script, languages in _SCRIPT_LANGUAGES:
        if script.search(text):
            return languages
    return None


def _full_year(year: int) -> int:
    """Two-digit years: 00-69 are this century, 70-99 the last (the POSIX convention)."""
    if year >= 100:
        return year
    return year + (2000 if year < 70 else 1900)


def _with_time(date: str | None, rest: str) -> str | None:
    """Append a clock time printed right after a numeric date ("14.05.2021, 18:22", "3/4/21 10:05 PM")."""
    timed = _clock_time(rest) if date else None
    return f"{date}T{timed[0]}" if timed else date


def _clock_time(rest: str) -> tuple[str, int] | None:
    """('HH:MM:SS' plus the printed offset, end) of the clock time opening `rest` (after a connector
    such as 'at' or '|'), or None when `rest` does not open with a valid one.

    >>> _clock_time(" at 9:05 pm PDT"), _clock_time(", 18:22 (IST)"), _clock_time(" 15 min read")
    (('21:05:00-07:00', 15), ('18:22:00', 13), None)
    """
    start = _connector().match(rest).end()
    m = _TIME.match(rest, start)
    if m is None:
        return None
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    if m[4] and m[4].lower() == "p" and hour < 12:
        hour += 12
    elif m[4] and m[4].lower() == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    word = _clock_word().match(rest, m.end())  # '10:30 Uhr MEZ'
    end = word.end() if word else m.end()
    zone = _OFFSET.match(rest, end) or _ZONE_NAME.match(rest, end)
    offset = _offset(rest[end:]) if zone and zone.re is _OFFSET else _zones().get(zone[1], "") if zone else _place_offset(rest[end:])
    return f"{hour:02d}:{minute:02d}:{second:02d}{offset}", zone.end() if zone else end


@functools.cache
def _connector() -> re.Pattern:
    """Spaces, commas and the word or sign between a date and its time ('at', 'um', '|'): always matches."""
    words = "|".join(vocab.load("date_lines")["clock_connectors"])
    return re.compile(r"[\s,]{0,3}(?:(?:" + words + r")(?![^\W\d_])[\s,]{0,3})?", re.I)


@functools.cache
def _clock_word() -> re.Pattern:
    """A word between a clock time and its zone (data/date_lines.json clock_words)."""
    return re.compile(r"\s{0,2}(?:" + "|".join(map(re.escape, vocab.load("date_lines")["clock_words"])) + r")\.?(?![^\W\d_])", re.I)


@functools.cache
def _zones() -> dict[str, str]:
    return vocab.load("date_lines")["zones"]


def _offset(rest: str) -> str:
    """The UTC offset printed after a local time ('+04:30', 'GMT+4:30'), kept as printed: the local
    day is what the page says, so it is never converted to UTC (which could move it)."""
    m = _OFFSET.match(rest)
    if m is None:
        return ""
    if m[4]:
        return f"{m[4]}{int(m[5]):02d}:00"
    return "Z" if m[1] is None else f"{m[1]}{int(m[2]):02d}:{m[3]}"


def _rfc2822(text: str) -> str | None:
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    return parsed.isoformat().replace("+00:00", "Z")


def _iso_match(m: re.Match) -> str | None:
    date = _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if date is None or m.group(4) is None:
        return date
    tz = m.group(7) or ""
    if tz and tz != "Z" and ":" not in tz:
        tz = tz[:3] + ":" + tz[3:]
    return f"{date}T{m.group(4)}:{m.group(5)}:{m.group(6) or '00'}{tz}"


def _checked(year: int, month: int, day: int) -> str | None:
    try:
        d = datetime(year, month, day)
    except ValueError:
        return None
    if not _MIN_YEAR <= d.year <= _MAX_YEAR:
        return None
    return d.strftime("%Y-%m-%d")


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, day_first: bool | None, languages: tuple[str, ...] | None) -> str | None:
    """Written-out dates ('08 August 2016', '12 мая 2023'): dateparser knows 200+ languages."""
    import dateparser

    settings = {
        "DATE_ORDER": "DMY" if day_first is not False else "MDY",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["absolute-time", "custom-formats"],
    }
    try:
        parsed = dateparser.parse(text, languages=list(languages) if languages else None, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a non-date is not an error
        return None
    if parsed is None or not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    if parsed.tzinfo is not None:  # the text named a zone: keep it, so the instant is right
        return parsed.isoformat(timespec="seconds").replace("+00:00", "Z")
    if parsed.hour or parsed.minute:
        return parsed.strftime("%Y-%m-%dT%H:%M:%S")
    return parsed.strftime("%Y-%m-%d")
