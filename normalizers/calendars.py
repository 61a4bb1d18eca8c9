"""The region's calendars: Solar Hijri, Hijri lunar and Gregorian month names as people write them.

Month names, era words and the words that may sit between day, month and year live in one JSON file
per calendar (data/calendar_*.json), so every extractor reads the same vocabulary. Conversions are
the libraries' (jdatetime for Solar Hijri, hijridate's Umm al-Qura tables for Hijri), never our own
arithmetic. Dates are read from tokens, not from one big pattern, so any word order works
('۱۲ حمل ۱۴۰۲', 'د ۱۴۰۲ کال د وري ۱۲مه', '28 آب/أغسطس 2013') and the cost stays linear.

>>> written_date("سه‌شنبه ۱۲ حمل ۱۴۰۲".translate(DIGITS))
('2023-04-01', 'solar_hijri')
>>> written_date("١٤ رمضان ١٤٤٥ هـ".translate(DIGITS))
('2024-03-24', 'hijri')
>>> written_date("28 آب/أغسطس 2013")
('2013-08-28', 'gregorian')
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from normalizers import vocab

CALENDARS = ("solar_hijri", "hijri", "gregorian")


class _Digits(dict):
    """A str.translate table taking every decimal digit (Unicode category Nd: Arabic-Indic, Persian, Devanagari,
    Bengali, Thai, full-width, ...) to its ASCII digit by its unicodedata value, and every other character to
    itself. Filled as characters are met: listing the 660 digits at import would scan 1.1 million code points (~0.2 s).

    >>> "۱۴ مارچ ٢٠٢٤, १४, ১৪, ๑๔, １４".translate(DIGITS)
    '14 مارچ 2024, 14, 14, 14, 14'
    """

    def __missing__(self, code: int) -> int | str:
        value = unicodedata.decimal(chr(code), None)
        self[code] = found = code if value is None else str(value)
        return found


DIGITS = _Digits()
# A letter of a word, with the combining vowel signs and viramas that Indic and Thai words are written with
# (Unicode Mn/Mc of those blocks, and the Latin combining accents): re's \w leaves them out, so 'मार्च'
# (March) would be read as three words. Checked against unicodedata by tests/test_dates.py.
MARKS = "\u0300-\u036f\u0900-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc\u09be-\u09c4" \
        "\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
LETTER = f"(?:[^\\W\\d_]|[{MARKS}])"
REACH = 2  # day and year sit at most this many words from the month name, fillers not counted
OTHER_WORDS = 4  # a date line may carry a label ('تاریخ نشر:') or a site name; a headline with a date is prose
# Letter variants that differ between Arabic, Persian, Dari, Pashto and Urdu typing (and keyboards):
# folded so one spelling in the vocabulary matches them all.
_FOLD = str.maketrans({
    "ي": "ی", "ى": "ی", "ې": "ی", "ۍ": "ی", "ك": "ک", "ګ": "گ", "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ۂ": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ـ": "", "\u200c": " ", "\u200d": "", "\u200e": "",
    "\u200f": "", **{chr(c): "" for c in range(0x064B, 0x0660)}, "\u0670": "",
})
_TOKEN = re.compile(rf"\d+|{LETTER}+|:")  # numbers, words and the colon of a clock time; no backtracking


@dataclass(frozen=True)
class Month:
    calendar: str
    number: int


@dataclass(frozen=True)
class Vocabulary:
    months: dict[tuple[str, ...], tuple[Month, ...]]  # folded words of a name -> the months it names
    longest: int  # words in the longest name
    years: dict[str, tuple[int, int]]
    era: dict[str, str]  # folded era word -> calendar
    fillers: frozenset[str]
    known: frozenset[str]  # every word a date line may hold: months, fillers, era, weekdays, am/pm
    pm: frozenset[str]
    am: frozenset[str]


def fold(text: str) -> str:
    """One spelling for letter variants, lower case: how vocabulary and text are compared."""
    return text.translate(_FOLD).casefold()


def words(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text)))


@functools.cache
def _file(calendar: str) -> dict:
    """One calendar's vocabulary, read once per process. The Gregorian one gets, for each of our Arabic-script
    languages (lang_id.json), dateparser's month and weekday names (month_names.json, date_weekdays.json)
    joined in: they are written down once, there, and calendar_gregorian.json holds only what dateparser
    lacks (see its '_months' and '_weekdays')."""
    data = vocab.load(f"calendar_{calendar}")
    if calendar != "gregorian":  # dateparser knows no Solar Hijri or Hijri month names
        return data
    borrowed = vocab.load("lang_id")["our_languages"]["Arab"]
    theirs, own = vocab.load("month_names")["months"], data["months"]
    others = data.get("months_borrowed_without_those_of", {})  # {language: the variety whose spellings it leaves}
    months = {language: names for language, names in own.items() if language not in borrowed}
    for language in borrowed:
        extra = own.get(language, [[]] * 12)
        left = own[others[language]] if language in others else [[]] * 12
        months[language] = [[*(name for name in base if words(name) not in {words(o) for o in others_names}), *more]
                            for base, others_names, more in zip(theirs[language], left, extra, strict=True)]
    weekday_languages = [*borrowed, *data["weekdays_also_from_dateparser"]]
    weekdays = vocab.load("date_weekdays")["weekdays"]
    borrowed_days = [name for language in weekday_languages for day in weekdays[language] for name in day]
    return {**data, "months": months, "weekdays": [*borrowed_days, *data["weekdays"]]}


def calendar_suffixes() -> list[str]:
    """The words that may follow a printed date and change its reading: era words ('هـ' Hijri, 'ه.ش' Solar Hijri,
    'م' Gregorian) and the am/pm words after a clock time ('م', 'ب.ظ'), as the data files spell them.

    >>> {"هـ", "ش", "ب ظ"} <= set(calendar_suffixes())
    True
    """
    out = []
    for calendar in CALENDARS:
        data = vocab.load(f"calendar_{calendar}")
        out += [*data["era"], *(w for half in data.get("time", {}).values() for w in half)]
    return out


def month_table(calendar: str) -> dict[str, list[list[str]]]:
    """{language: the spellings of month i+1 at index i} for `calendar`, dateparser's names included."""
    return _file(calendar)["months"]


@functools.cache
def vocabulary() -> Vocabulary:
    months: dict[tuple[str, ...], list[Month]] = {}
    years, era, fillers, known, pm, am = {}, {}, set(), set(), set(), set()
    for calendar in CALENDARS:
        data = _file(calendar)
        years[calendar] = tuple(data["years"])
        for names in data["months"].values():
            for number, spellings in enumerate(names, 1):
                for spelling in spellings:
                    found = months.setdefault(words(spelling), [])
                    if Month(calendar, number) not in found:
                        found.append(Month(calendar, number))
        for word in data["era"]:
            era.setdefault(" ".join(words(word)), calendar)
        fillers.update(" ".join(words(w)) for w in data["fillers"])
        fillers_and_days = [*data["fillers"], *data["era"], *data.get("weekdays", ())]
        known.update(t for w in fillers_and_days for t in words(w))
        pm.update(" ".join(words(w)) for w in data.get("time", {}).get("pm", ()))
        am.update(" ".join(words(w)) for w in data.get("time", {}).get("am", ()))
    known.update(t for name in months for t in name)
    known.update(t for w in pm | am for t in w.split())
    return Vocabulary(
        {k: tuple(v) for k, v in months.items()}, max(map(len, months)), years, era,
        frozenset(fillers), frozenset(known), frozenset(pm), frozenset(am),
    )


@functools.cache
def month_words() -> frozenset[str]:
    """Every single-word month name in the vocabulary, folded (for day/month order evidence)."""
    return frozenset(name[0] for name in vocabulary().months if len(name) == 1)


def month_names(calendar: str, language: str) -> list[str]:
    """Every spelling of the months of `calendar` as written in `language` (a key of its file's `months`)."""
    return [name for spellings in _file(calendar)["months"].get(language, ()) for name in spellings]


def to_gregorian(calendar: str, year: int, month: int, day: int) -> str | None:
    """ISO date of a day in `calendar`, or None when no such day exists or the year is out of range.

    >>> to_gregorian("solar_hijri", 1403, 12, 30), to_gregorian("solar_hijri", 1402, 12, 30)
    ('2025-03-20', None)
    >>> to_gregorian("hijri", 1445, 9, 1), to_gregorian("hijri", 1200, 1, 1)
    ('2024-03-11', None)
    """
    lo, hi = vocabulary().years[calendar]
    if not lo <= year <= hi:
        return None
    try:
        if calendar == "solar_hijri":
            import jdatetime

            return jdatetime.date(year, month, day).togregorian().isoformat()
        if calendar == "hijri":
            from hijridate import Hijri

            return Hijri(year, month, day).to_gregorian().isoformat()
        return date(year, month, day).isoformat()
    except (ValueError, OverflowError):  # 30 Esfand of a common year, 30 of a 29-day lunar month, ...
        return None


def solar_hijri_year() -> int:
    """This year in the Solar Hijri calendar (today's, by jdatetime)."""
    import jdatetime

    return jdatetime.date.today().year


def era(tokens: tuple[str, ...]) -> str | None:
    """The calendar an era word names ('ه.ش' Solar Hijri, 'هـ' Hijri, 'م' Gregorian); Solar wins ties."""
    vocab = vocabulary()
    named = {vocab.era[t] for t in tokens if t in vocab.era}
    named |= {vocab.era[f"{a} {b}"] for a, b in zip(tokens, tokens[1:]) if f"{a} {b}" in vocab.era}
    return next((c for c in CALENDARS if c in named), None)


def _month_at(tokens: tuple[str, ...], i: int) -> tuple[tuple[Month, ...], int] | None:
    vocab = vocabulary()
    for n in range(min(vocab.longest, len(tokens) - i), 0, -1):
        found = vocab.months.get(tokens[i:i + n])
        if found:
            return found, n
    return None


def _numbers(tokens: tuple[str, ...], indexes: range) -> list[str]:
    """The numbers among the first REACH words in `indexes`, fillers skipped, clock times left out."""
    fillers = vocabulary().fillers
    out, seen = [], 0
    for k in indexes:
        t = tokens[k]
        if t in fillers:
            continue
        seen += 1
        if seen > REACH:
            break
        if t.isdigit() and not _in_clock(tokens, k):
            out.append(t)
    return out


def _in_clock(tokens: tuple[str, ...], k: int) -> bool:
    """Whether tokens[k] is the hour or minute of '10:30' (a colon between two numbers)."""
    left = k >= 2 and tokens[k - 1] == ":" and tokens[k - 2].isdigit()
    right = k + 2 < len(tokens) and tokens[k + 1] == ":" and tokens[k + 2].isdigit()
    return left or right


def date_line(tokens: tuple[str, ...]) -> bool:
    """At most OTHER_WORDS words besides date words: prose that mentions a date is not a date."""
    known = vocabulary().known
    return sum(1 for t in tokens if t[0].isalpha() and t not in known) <= OTHER_WORDS


def written_date(text: str) -> tuple[str, str] | None:
    """(ISO date, calendar) of the first date written with a month name.

    `text` has Western digits. Paired names ('آب/أغسطس') must name the same month.
    """
    tokens = words(text)
    if not date_line(tokens):
        return None
    i = 0
    while i < len(tokens):
        found = _month_at(tokens, i)
        if found is None:
            i += 1
            continue
        months, n = found
        end = i + n
        while (pair := _month_at(tokens, end)) and {m.number for m in pair[0]} & {m.number for m in months}:
            end += pair[1]
        parsed = _date_around(tokens, i, end, months)
        if parsed:
            return parsed
        i = end
    return None


def _date_around(tokens: tuple[str, ...], start: int, end: int, months: tuple[Month, ...]) -> tuple[str, str] | None:
    """Day and year beside a month name: 'D M Y', 'M D Y' or 'Y M D' (the Pashto 'د ۱۴۰۲ کال د وري ۱۲مه')."""
    before = _numbers(tokens, range(start - 1, -1, -1))
    after = _numbers(tokens, range(end, len(tokens)))
    days = [t for t in before[:1] + after[:1] if len(t) <= 2]
    years = [t for t in after[:2] + before[:1] if len(t) == 4]
    for year in years:
        for day in days:
            for month in months:
                iso = to_gregorian(month.calendar, int(year), month.number, int(day))
                if iso:
                    return iso, month.calendar
    return None


def meridiem(tokens: tuple[str, ...]) -> str | None:
    """'pm' or 'am' for the words printed after a clock time ('م', 'ب.ظ', 'PM'), else None."""
    vocab = vocabulary()
    w = " ".join(tokens)
    return "pm" if w in vocab.pm else "am" if w in vocab.am else None
