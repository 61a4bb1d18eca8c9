"""Dates in many forms, and day/month order settled by the document's own evidence."""
from __future__ import annotations

import pytest

from normalizers.dates import (
    infer_day_first,
    jalali_to_gregorian,
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
