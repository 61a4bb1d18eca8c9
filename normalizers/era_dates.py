"""Years counted from another era than the Common Era, rewritten as Common Era years before a date is read:
the Buddhist Era of Thailand and Laos ('14 มีนาคม 2567', 'พ.ศ. 2567': 2024), Japan's imperial eras ('令和6年3月14日',
'令和元年'), the Republic of China's ('民國113年3月14日').

Why: our patterns and dateparser read Common Era years only, and a Thai, Japanese or Taiwanese page often
prints no other. An era year is read where the era is named by its mark, or, for an era whose years are printed
bare (the Buddhist Era), where the date is written in the era's script or the page's language counts so: a
four-digit year in its range cannot be a Common Era year on the web, and a two-digit one after a month name is
its short form ('14 มี.ค. 67'). The Thai short month names are printed with dots ('มี.ค.') that the month
tables write without ('มีค'). Vocabulary: data/date_eras.json.

>>> common_era_years("14 มีนาคม 2567"), common_era_years("令和元年5月1日"), common_era_years("民國113年3月14日")
('14 มีนาคม 2024', '2019年5月1日', '2024年3月14日')
>>> common_era_years("14 มี.ค. 67 10:30 น."), common_era_years("14/03/2567", "th-TH"), common_era_years("14/03/2567", "en")
('14 มีค. 2024 10:30 น.', '14/03/2024', '14/03/2567')
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from normalizers import vocab

_COMMON_ERA = (1000, 2100)  # a rewritten year outside these is no era year ('พ.ศ. 67' is no year of ours)


class _Era(NamedTuple):
    marks: tuple[str, ...]
    year_one: int
    languages: frozenset[str]  # page languages whose bare years count from this era
    script: re.Pattern | None  # a letter of those languages
    bare: re.Pattern | None  # a four-digit year of this era printed without its mark
    short: re.Pattern | None  # day, month name and a two-digit year of this era ('14 มี.ค. 67')
    short_base: int
    dots: re.Pattern | None  # a dot inside a short month name of the script ('มี.ค.')


@functools.cache
def _eras() -> tuple[_Era, ...]:
    eras = []
    for era in vocab.load("date_eras")["eras"]:
        letters = era.get("script")
        low, high = era.get("bare_years", (0, -1))
        eras.append(_Era(
            tuple(era["marks"]), era["year_one"], frozenset(era.get("languages", ())),
            re.compile(f"[{letters}]") if letters else None,
            re.compile(rf"(?<!\d)({'|'.join(str(y) for y in range(low // 100, high // 100 + 1))})(\d\d)(?!\d)") if letters else None,
            re.compile(rf"((?<!\d)\d{{1,2}}\s{{0,3}}[{letters}.]{{2,24}}\s{{1,3}})(\d\d)(?![\d:.])") if letters else None,
            era.get("short_years", 0),
            re.compile(f"(?<=[{letters}])\\.(?=[{letters}])") if letters else None))
    return tuple(eras)


@functools.cache
def _marked() -> tuple[re.Pattern, dict[str, int]]:
    """A mark and the era year after it ('令和6', 'พ.ศ. 2567', '令和元'), and the year_one of each mark."""
    data = vocab.load("date_eras")
    year_one = {mark: era.year_one for era in _eras() for mark in era.marks}
    marks = "|".join(map(re.escape, sorted(year_one, key=len, reverse=True)))
    return re.compile(rf"(?:{marks})\s{{0,2}}(\d{{1,4}}|{'|'.join(data['first_year_words'])})(?!\d)"), year_one


def _mark_of(found: str) -> str:
    return next(mark for mark in sorted(_marked()[1], key=len, reverse=True) if found.startswith(mark))


def common_era_years(text: str, language: str | None = None) -> str:
    """`text` (Western digits) with each era year written as its Common Era year; `language` is the page's (a
    language tag), which decides a bare year printed without the era's script ('14/03/2567' on a Thai page)."""
    base = language.replace("_", "-").split("-")[0].lower() if language else None
    if text.isascii() and not any(base in era.languages for era in _eras()):
        return text
    marked, year_one = _marked()

    def from_mark(m: re.Match) -> str:
        n = 1 if not m[1].isdigit() else int(m[1])
        year = year_one[_mark_of(m[0])] + n - 1
        return str(year) if _COMMON_ERA[0] <= year <= _COMMON_ERA[1] else m[0]

    text = marked.sub(from_mark, text)
    for era in _eras():
        if era.bare is None or not (base in era.languages or era.script.search(text)):
            continue
        text = era.bare.sub(lambda m, e=era: str(int(m[0]) + e.year_one - 1), text)
        if era.script.search(text):
            text = era.dots.sub("", text)
            text = era.short.sub(lambda m, e=era: f"{m[1]}{e.short_base + int(m[2]) + e.year_one - 1}", text)
    return text


@functools.cache
def span_pattern() -> str:
    """Regex source of a date printed with an era year, for a caller finding dates inside longer lines (Western
    digits): a marked year with the CJK year, month and day signs ('令和6年3月14日', '民國113年3月14日'), or a day,
    a month name in an era's script and a year, the mark before it or not ('14 มี.ค. 67', '14 มีนาคม พ.ศ. 2567')."""
    data = vocab.load("date_eras")
    marks = "|".join(map(re.escape, sorted({m for era in data["eras"] for m in era["marks"]}, key=len, reverse=True)))
    letters = "".join(era["script"] for era in data["eras"] if era.get("script"))
    return (rf"(?:{marks})\s{{0,2}}(?:\d{{1,3}}|{'|'.join(data['first_year_words'])})\s?年\s?\d{{1,2}}\s?月\s?\d{{1,2}}\s?日?"
            rf"|\d{{1,2}}\s{{0,3}}[{letters}.]{{2,24}}\s{{1,3}}(?:(?:{marks})\s{{0,2}})?(?:\d{{4}}|\d\d)(?![\d:.])")
