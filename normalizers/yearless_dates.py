"""Dates printed without a year ('14 марта, 10:30', '14 mars à 10h30', 'March 14 at 10:30', '۲۵ حوت ساعت ۱۰'),
read against the moment a page was fetched.

Why: news sites print this year's dates without the year by the headline. Such a day is the latest one not
after the fetch plus a day (a page in a zone ahead of the fetcher's); without a fetch time no year is guessed,
so two runs of one page give the same record. The month names are the calendars' (data/calendar_*.json) and
dateparser's (data/month_names.json); a word that names different months in different languages names none.

>>> resolve_yearless("14 марта, 10:30", "2024-03-14T12:00:00Z"), resolve_yearless("March 15", "2024-03-14T12:00:00Z")
('2024-03-14T10:30', '2024-03-15')
>>> resolve_yearless("Dec 30 at 9:15 PM", "2024-01-02T08:00:00Z"), resolve_yearless("۲۵ حوت ساعت ۱۰", "2024-03-16T08:00:00Z")
('2023-12-30T21:15', '2024-03-15T10:00')
>>> resolve_yearless("14 марта", None), resolve_yearless("14 марта 2024", "2024-03-14T12:00:00Z")
(None, None)
"""
from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from typing import NamedTuple

from normalizers import calendars, vocab
from normalizers.dates import fetch_moment, month_numbers, parse_dated

_AHEAD = timedelta(days=1)  # a page in a zone ahead of the fetcher's prints tomorrow's day
_YEAR_DIGITS = re.compile(r"\d{3,}")  # a year, or a number no day-and-month line holds
_HOUR_MINUTE = re.compile(r"(?<!\d)(\d{1,2})[:h.](\d{2})(?!\d)")  # 10:30, 10h30 (fr, pt), 10.30


class DayMonth(NamedTuple):
    calendar: str
    month: int
    day: int
    clock: tuple[int, int] | None  # (hour, minute) the page prints after the day, in its own zone
    words: int  # words of the text that are neither the date, its clock nor a connector


@functools.cache
def _connectors() -> frozenset[str]:
    """Words between a date and its clock time ('at', 'à', 'в', 'ساعت'), folded; punctuation ones are no words."""
    return frozenset(" ".join(calendars.words(w)) for w in vocab.load("date_lines")["clock_connectors"] if calendars.words(w))


def _months(token: str, language: str | None) -> set[tuple[str, int]]:
    """(calendar, month) a one-word month name names: the Arabic-script calendars' names in any language
    (data/calendar_*.json), dateparser's in `language` only (a Czech 'led' or 'pro', a Hungarian 'x' would
    read 'LED 3', 'AirPods Pro 3', '3X' on English pages), in any when it is None."""
    found = {(m.calendar, m.number) for m in calendars.vocabulary().months.get((token,), ())}
    numbers = month_numbers().get(token, {})
    return found | {("gregorian", n) for lang, n in numbers.items() if language in (None, lang)}


def day_month(text: str, language: str | None = None) -> DayMonth | None:
    """The day and month of a year-less date line ('Thursday, March 14 at 10:30 PM'), or None: a line with
    a year or another number, or whose month word is ambiguous, is none. `language` (a language tag) decides
    which month names of dateparser's are read; None reads every language's.

    >>> day_month("14 mars à 10h30", "fr-FR")
    DayMonth(calendar='gregorian', month=3, day=14, clock=(10, 30), words=0)
    >>> day_month("14 mars à 10h30", "en"), day_month("AirPods Pro 3", "en")
    (None, None)
    """
    text = text.translate(calendars.DIGITS)
    if _YEAR_DIGITS.search(text):
        return None
    language = language.replace("_", "-").split("-")[0].lower() if language else None
    tokens = calendars.words(text.replace(".", " "))
    numbers = [i for i, t in enumerate(tokens) if t.isdigit()]
    for i, token in enumerate(tokens):
        months = _months(token, language) if not token.isdigit() else set()
        if len(months) != 1:
            continue
        day_at = next((k for k in (i - 1, i + 1) if 0 <= k < len(tokens) and tokens[k].isdigit()), None)
        if day_at is None or not 1 <= int(tokens[day_at]) <= 31 or (day_at + 1 < len(tokens) and tokens[day_at + 1] == ":"):
            continue
        rest = [k for k in numbers if k != day_at]
        clock = _clock(text, tokens, rest, max(i, day_at))
        if rest and clock is None:
            return None  # another number: a count, a score, a second date
        (calendar, month), = months
        used = {i, day_at, *rest, *(k + 1 for k in rest if k + 1 < len(tokens) and tokens[k + 1] == ":")}
        other = [t for k, t in enumerate(tokens) if k not in used and t != ":" and t not in _connectors()
                 and t not in calendars.vocabulary().known and t not in ("st", "nd", "rd", "th", "er", "am", "pm", "h")]
        return DayMonth(calendar, month, int(tokens[day_at]), clock, len(other))
    return None


def _clock(text: str, tokens: tuple[str, ...], rest: list[int], after: int) -> tuple[int, int] | None:
    """(hour, minute) of the clock time after the date: '10:30', '10h30', or an hour alone after a connector
    ('ساعت ۱۰'); 'pm' and the calendars' afternoon words add 12 hours."""
    if not rest or rest[0] <= after:
        return None
    m = _HOUR_MINUTE.search(text)
    if m and len(rest) == 2:
        hour, minute = int(m[1]), int(m[2])
    elif len(rest) == 1 and " ".join(tokens[rest[0] - 1:rest[0]]) in _connectors():
        hour, minute = int(tokens[rest[0]]), 0
    else:
        return None
    after_clock = tokens[rest[-1] + 1:rest[-1] + 3]
    if hour < 12 and (calendars.meridiem(after_clock[:1]) == "pm" or calendars.meridiem(after_clock) == "pm"):
        hour += 12
    return (hour, minute) if hour < 24 and minute < 60 else None


def _year_of(calendar: str, day: date) -> int:
    """The year `day` falls in, in `calendar`."""
    if calendar == "solar_hijri":
        import jdatetime

        return jdatetime.date.fromgregorian(date=day).year
    if calendar == "hijri":
        from hijridate import Gregorian

        return Gregorian(day.year, day.month, day.day).to_hijri().year
    return day.year


def resolve_yearless(text: str | None, moment: str | None, language: str | None = None) -> str | None:
    """ISO date (with the printed clock time, no zone: it is the page's own) of a year-less date line read
    against an ISO moment (when the page was fetched): the latest such day not after the moment's day plus
    `_AHEAD`; None without a moment or when `text` is no such line (`day_month`, in `language`)."""
    found = day_month(text, language) if text and moment else None
    fetched = fetch_moment(moment) if found else None
    if fetched is None:
        return None
    latest = fetched.date() + _AHEAD
    year = _year_of(found.calendar, latest)
    days = [calendars.to_gregorian(found.calendar, y, found.month, found.day) for y in (year, year - 1)]
    iso = next((d for d in days if d and date.fromisoformat(d) <= latest), None)
    if iso and found.clock:
        return f"{iso}T{found.clock[0]:02d}:{found.clock[1]:02d}"
    return iso


def printed_calendar(text: str | None) -> str:
    """The calendar a printed date line is written in, a year-less one included ('۲۵ حوت ساعت ۱۰' Solar
    Hijri); Gregorian for an age or anything else.

    >>> printed_calendar("۱۲ فروردین ۱۴۰۳"), printed_calendar("۲۵ حوت ساعت ۱۰"), printed_calendar("2 hours ago")
    ('solar_hijri', 'solar_hijri', 'gregorian')
    """
    dated = parse_dated(text)
    if dated:
        return dated.calendar
    found = day_month(text) if text else None
    return found.calendar if found else "gregorian"
