"""Relative dates ('2 days ago', 'vor 3 Tagen', 'Yesterday, 10:30', a day without its year) resolved against a reference moment.

Why: forums print a post's age instead of its date, and an age means nothing once the page is
stored. It becomes a date only against the moment the page was rendered; without one the phrase
is kept as written. Words per language are normalizers/data/forum_relative.json.

>>> from datetime import datetime
>>> now = datetime(2020, 5, 20, 12, 0)
>>> resolve("2 days ago", now), resolve("vor 3 Stunden", now), resolve("Yesterday, 10:30 PM", now)
('2020-05-18', '2020-05-20T09:00', '2020-05-19T22:30')
>>> age("il y a un mois"), age("5 days"), age("3d")
(datetime.timedelta(days=30), None, datetime.timedelta(days=3))
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from functools import cache
from normalizers import vocab
from normalizers.calendars import DIGITS
from normalizers.dates import fetch_moment
from normalizers.yearless_dates import resolve_yearless

_UNIT = {"second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1),
         "day": timedelta(days=1), "week": timedelta(weeks=1), "month": timedelta(days=30), "year": timedelta(days=365)}
_FINE = {"second", "minute", "hour"}  # an age in these keeps the clock time; coarser ones only the day
_CLOCK = re.compile(r"(?<!\d)(\d{1,2})[:.](\d{2})(?!\d)\s*([ap])?\.?m?\.?", re.I)
_DAY_WORDS = 2  # 'Yesterday at 10:30' names a day; 'Ich bin hier' (German 'here', French 'yesterday') is a sentence
_MAX_COUNT = 10_000  # units: no post is older than 10,000 days, weeks or years; larger counts are noise or attacks
_MAX_CHARS = 60  # a relative date is a short phrase; longer text is a sentence that mentions one


def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@cache
def _vocab() -> dict:
    data = vocab.load("forum_relative")
    numbers = {w: n for by_lang in data["numbers"].values() for w, n in by_lang.items()}
    stems = {stem: unit for unit, words in data["units"].items() for stem in words}
    return {
        "numbers": numbers,
        "stems": stems,
        "count": re.compile(rf"(?<!\w)(\d+|{_alternation(numbers)})\s*({_alternation(stems)})\w*", re.I),
        "unit": re.compile(rf"(?<!\w)({_alternation(stems)})(\w*)", re.I),  # 'منذ ساعة': a unit alone is one of it
        "dual": tuple(data["dual_endings"]),
        "ago": re.compile(rf"(?<!\w)(?:{_alternation(data['ago'])})(?!\w)", re.I),
        "days": [(int(k), re.compile(rf"(?<!\w)(?:{_alternation(v)})(?!\w)", re.I)) for k, v in data["days"].items()],
        "now": re.compile(rf"(?<!\w)(?:{_alternation(data['now'])})(?!\w)", re.I),
        "compact": re.compile(rf"^\s*(\d+)\s?([{''.join(data['compact'])}])\s*$", re.I),
        "compact_units": data["compact"],
    }


@cache
def phrase_pattern() -> str:
    """Regex source of one age as forums print it, built from the reader's own words: a count and a unit
    with 'ago' on either side ('2 years ago', 'vor 3 Tagen', 'منذ يومين' needs no count), a compact age
    ('3d'), a day's name ('yesterday') or 'just now'. A plain-text reader finds ages with it, so every
    language the reader knows is found, and a line's age is what resolve() reads.

    >>> rx = re.compile(rf"(?:{phrase_pattern()})$", re.I)
    >>> [bool(rx.search(s)) for s in ("bob 17 hours ago", "Ann vor etwa 3 Tagen", "x · 3d", "Yesterday", "Windows 10")]
    [True, True, True, True, False]
    """
    data = vocab.load("forum_relative")
    numbers = _alternation(w for by_lang in data["numbers"].values() for w in by_lang)
    units = _alternation(w for words in data["units"].values() for w in words)
    hedge = rf"(?:(?:{_alternation(data['hedges'])})\s+)?"
    count = rf"{hedge}(?:(?:\d+|{numbers})\s?)?(?:{units})\w*"  # 'час назад', 'منذ ساعة': one unit, no count
    ago = _alternation(data["ago"])
    days = _alternation(w for words in data["days"].values() for w in words)
    return (rf"(?<!\w)(?:(?:{ago})\s+{count}|{count}\s+(?:{ago})|\d+\s?[{''.join(data['compact'])}]"
            rf"|{days}|{_alternation(data['now'])})(?!\w)")


def age(text: str | None) -> timedelta | None:
    """How long before the page's moment the phrase puts the post, or None when it is not a relative date."""
    found = _parse(text)
    return found[0] if found else None


def _parse(text: str | None) -> tuple[timedelta, str, tuple | None] | None:
    """(age, unit, clock time or None)."""
    if not text or len(text) > _MAX_CHARS:
        return None
    v = _vocab()
    text = text.translate(DIGITS).lower()
    if v["now"].search(text):
        return timedelta(0), "second", None
    m = v["compact"].match(text)
    if m:
        unit = v["compact_units"][m.group(2).lower()]
        return _span(int(m.group(1)), unit)
    m = v["count"].search(text)
    if m and v["ago"].search(text):
        count = int(m.group(1)) if m.group(1).isdigit() else v["numbers"][m.group(1).lower()]
        return _span(count, v["stems"][m.group(2).lower()])
    m = v["unit"].search(text) if not m and v["ago"].search(text) else None
    if m:
        return _span(2 if m.group(0).endswith(v["dual"]) else 1, v["stems"][m.group(1).lower()])
    for days, rx in v["days"]:
        if rx.search(text) and len(_CLOCK.sub("", text).split()) <= _DAY_WORDS:
            return timedelta(days=-days), "day", _clock(text)
    return None


def _span(count: int, unit: str) -> tuple[timedelta, str, None] | None:
    """count units as a timedelta; an absurd count ('99999999999 years ago') is no age."""
    return (count * _UNIT[unit], unit, None) if count <= _MAX_COUNT else None


def _clock(text: str) -> tuple[int, int] | None:
    m = _CLOCK.search(text)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if m.group(3):
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def resolve(text: str | None, reference: datetime) -> str | None:
    """ISO date (with the clock time when the phrase is in hours or less, or names one) of a relative
    phrase read against `reference`, the moment the page was rendered; None when it is no such phrase."""
    found = _parse(text)
    if not found:
        return None
    delta, unit, clock = found
    try:
        when = reference - delta
    except OverflowError:  # an age reaching before year 1
        return None
    if clock:
        return when.replace(hour=clock[0], minute=clock[1]).strftime("%Y-%m-%dT%H:%M")
    return when.strftime("%Y-%m-%dT%H:%M") if unit in _FINE else when.strftime("%Y-%m-%d")


def dated_age(text: str | None) -> bool:
    """Whether `text` is an age a page prints as its own date: a count with 'ago' ('2 hours ago', 'منذ ساعتين')
    or a day's name with a clock time ('Yesterday at 10:30'). A compact age ('4m', '3d'), a bare day name
    ('today') or 'just now' is a forum's, a counter's or a widget's ('Open today') outside a thread.

    >>> [dated_age(t) for t in ("2 hours ago", "Вчера в 10:30", "4M", "today", "just now")]
    [True, True, False, False, False]
    """
    found = _parse(text)
    if not found:
        return False
    v, folded = _vocab(), text.translate(DIGITS).lower()
    if v["compact"].match(folded) or v["now"].search(folded):
        return False
    return bool(v["ago"].search(folded)) or found[2] is not None


def resolve_at(text: str | None, moment: str | None) -> str | None:
    """`resolve` against an ISO moment ('2024-03-14T12:00:00Z', when the page was fetched). An age in hours or
    less keeps the moment's offset (it is an instant); a clock time the phrase prints ('Yesterday at 10:30') is
    the page's own, in a zone the moment does not tell, so it gets none.

    >>> resolve_at("2 hours ago", "2024-03-14T12:00:00Z"), resolve_at("vor 3 Tagen", "2024-03-14T01:00:00+01:00")
    ('2024-03-14T10:00Z', '2024-03-11')
    >>> resolve_at("Yesterday at 10:30", "2024-03-14T12:00:00Z"), resolve_at("2 hours ago", None)
    ('2024-03-13T10:30', None)

    A day printed without its year ('14 марта, 10:30') is read the same way (normalizers/yearless_dates.py).
    """
    found = _parse(text)
    if not found:
        return resolve_yearless(text, moment)
    reference = fetch_moment(moment)
    iso = resolve(text, reference) if reference else None
    if iso is None or len(iso) == 10 or found[2] or reference.utcoffset() is None:
        return iso
    offset = reference.strftime("%z")
    return f"{iso}{'Z' if offset == '+0000' else f'{offset[:3]}:{offset[3:]}'}"


_PRECISION = {4: "year", 7: "month", 10: "day"}  # by the length of the ISO string; longer ones hold a time


def date_posts(posts: list, page_modified: str | None) -> None:
    """Ages ('3 weeks ago') of a thread's posts to dates against the page's own moment, and
    `date_precision` on every dated post (HTML and plain-text threads alike)."""
    reference = _page_moment(posts, page_modified)
    for post in posts:
        if post.posted:
            post.date_precision = _PRECISION.get(len(post.posted), "time")
        elif age(post.posted_raw) is not None:
            post.posted = resolve(post.posted_raw, reference) if reference else None
            post.date_precision = "relative" if post.posted else "as_written"


def _page_moment(posts: list, page_modified: str | None) -> datetime | None:
    """When the page was rendered: a post printing both its age and its date in markup tells (the finest
    age is the closest), else the page's own modification date; None when the page does not say."""
    told = [(a, _moment(p.posted)) for p in posts if p.posted and (a := age(p.posted_raw)) is not None]
    told = [(a, when) for a, when in told if when]
    if told:
        a, when = min(told, key=lambda t: t[0])
        try:
            return when + a
        except OverflowError:  # a markup date near year 9999 plus an age
            return None
    return _moment(page_modified)


def _moment(iso: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(iso).replace(tzinfo=None) if iso else None
    except ValueError:
        return None
