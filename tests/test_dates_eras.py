"""Years of another era (normalizers/era_dates.py) read as Common Era years, and only where the era is meant."""
from __future__ import annotations

import pytest

from extractors.html_dates import dates_in_line
from normalizers.dates import parse_date
from normalizers.era_dates import common_era_years


@pytest.mark.parametrize(("printed", "locale", "iso"), [
    ("14 มีนาคม 2567", None, "2024-03-14"),  # Thai script: a year 2400-2699 is Buddhist Era
    ("14 มีนาคม พ.ศ. 2567", None, "2024-03-14"),
    ("14 มี.ค. 67", None, "2024-03-14"),  # the short month and the short year
    ("14/03/2567", "th-TH", "2024-03-14"),  # no Thai letter: the page's language decides
    ("2567-03-14", "th", "2024-03-14"),
    ("令和6年3月14日", None, "2024-03-14"),
    ("令和元年5月1日", None, "2019-05-01"),  # 元年: the era's first year
    ("昭和64年1月7日", None, "1989-01-07"),
    ("民國113年3月14日", None, "2024-03-14"),
])
def test_era_years_are_read_as_common_era_years(printed, locale, iso):
    assert parse_date(printed, locale=locale) == iso


@pytest.mark.parametrize(("printed", "locale"), [
    ("14/03/2567", "en"),  # no era named, no Thai letter, an English page: not a year of ours
    ("14/03/2567", None),
])
def test_a_bare_era_year_elsewhere_is_no_date(printed, locale):
    assert parse_date(printed, locale=locale) is None


def test_common_era_years_on_a_thai_page_stay():
    assert parse_date("14 มีนาคม 2024") == "2024-03-14"
    assert common_era_years("2024-03-14T10:30:00+07:00", "th") == "2024-03-14T10:30:00+07:00"


def test_a_mark_before_a_number_too_small_to_be_a_year_keeps_the_number():
    assert common_era_years("พ.ศ. 67").endswith(" 67")  # 67 BE would be 476 BC: no year of ours


def test_a_price_on_a_thai_page_is_no_date():
    assert parse_date("ราคา 2500 บาท", locale="th") is None


@pytest.mark.parametrize(("line", "iso", "span"), [
    ("โดย ทีมข่าว | 14 มี.ค. 67 10:30 น. | อ่าน 1,234 ครั้ง", "2024-03-14T10:30:00", "14 มี.ค. 67 10:30 น."),
    ("公開日：令和6年3月14日 更新日：令和6年3月15日", "2024-03-14", "令和6年3月14日"),
    ("發布時間：民國113年3月14日 10:30 記者 王小明", "2024-03-14T10:30:00", "民國113年3月14日 10:30"),
])
def test_an_era_date_is_found_inside_a_longer_line_and_kept_as_printed(line, iso, span):
    assert dates_in_line(line)[0][:2] == (iso, span)


def test_a_thai_page_reads_a_numeric_buddhist_era_date_in_a_line():
    assert dates_in_line("วันที่ 14/03/2567", True, "th")[0][0] == "2024-03-14"
    assert dates_in_line("Date: 14/03/2567", True, "en") == []
