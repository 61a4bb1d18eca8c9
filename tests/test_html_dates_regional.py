"""Dates as pages of other languages and calendars print them: Solar Hijri and Hijri dates, Arabic and Persian
digits, month names of many languages, numeric dates whose day/month order the page's locale decides, clock
times and offsets kept, ages read against the fetch time. Every format of benchmarks/regional_dates.py (one
synthetic page each) gives its exact value and calendar; the rules around them are tested one by one below."""
import pytest

from benchmarks.regional_dates import _BODY, CASES, FETCHED, URI, Case, docingest, page
from extractors.pipeline import Options, extract_document
from flows.process import process_source
from flows.sources import Source
from tests.warc_fixtures import capture


@pytest.mark.parametrize("case", CASES, ids=[f"{c.family}-{c.lang}-{c.where}-{i}" for i, c in enumerate(CASES)])
def test_every_regional_format_gives_its_day_time_offset_and_calendar(case):
    assert docingest(case) == (case.iso, case.calendar)


def record(lang: str, printed: str, fetched_at: str | None = FETCHED, head: str = "") -> dict:
    html = page(Case("", lang, "byline", printed, ""))
    return extract_document(html.replace("<head>", f"<head>{head}", 1).encode(), URI, fetched_at=fetched_at)


def test_an_undecided_numeric_date_on_a_page_of_undecided_language_is_not_guessed():
    assert record("en", "3/4/2024")["published"] is None


@pytest.mark.parametrize("locale_meta, iso", [
    ('<meta property="og:locale" content="en_US">', "2024-03-04"),
    ('<meta property="og:locale" content="fr_FR">', "2024-04-03"),
    ('<meta http-equiv="content-language" content="en-GB">', "2024-04-03"),
])
def test_a_page_without_lang_is_read_in_the_locale_its_metas_declare(locale_meta, iso):
    assert record("", "3/4/2024", head=locale_meta)["published"] == iso


def test_a_year_first_date_without_era_is_solar_hijri_up_to_the_coming_solar_year_and_hijri_beyond():
    """1445/09/14 in Solar Hijri would be 2066; Solar Hijri 1445 is not yet written, Hijri 1445 is 2024."""
    case = Case("", "ar", "url", "https://news.example/ar/news/1445/09/14/3053012/title", "")
    assert docingest(case) == ("2024-03-24", "hijri")
    assert docingest(case._replace(lang="fa", printed="https://news.example/fa/news/1403/01/12/3053012/title")) == ("2024-03-31", "solar_hijri")


def test_an_age_without_a_fetch_time_is_kept_as_printed():
    """Resolving against the time of the run would make two runs of one file differ."""
    found = record("en", "2 hours ago", fetched_at=None)
    assert (found["published"], found["published_raw"]) == (None, "2 hours ago")


@pytest.mark.parametrize("printed", [
    "3 days ago, 1,200 readers",  # a counter beside the age
    "We met three days ago in the city hall and talked about the budget for a long time",  # prose
    "4M",  # a compact age is a forum's; by an article's headline it is a counter ('4M members')
    "Open today",  # a day's name without a clock time: a shop's hours, a widget
])
def test_an_age_in_prose_or_beside_other_numbers_is_no_date(printed):
    assert record("en", printed)["published"] is None


def test_a_printed_date_wins_over_an_age_and_a_first_publication_age_over_a_revision_age():
    assert record("en", "March 12, 2024 · 2 hours ago")["published"] == "2024-03-12"
    assert record("en", "Updated 1 hour ago</span><span>Posted 3 days ago")["published"] == "2024-03-11"


def test_an_age_in_a_warc_capture_is_dated_against_the_capture(tmp_path):
    """A crawl's WARC-Date is when the page was fetched: `docingest run crawl.warc.gz` reads ages against it."""
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(capture(URI, page(Case("", "de", "byline", "vor 2 Stunden", "")).encode())))
    [outcome] = process_source(Source(str(path), str(path)), Options(workers=1))["outcomes"]
    assert outcome["record"]["published"] == "2024-03-06T10:00Z"  # warc_fixtures' WARC-Date is 2024-03-06T12:00:00Z


def test_eight_digits_are_a_date_in_structured_data_only():
    """'20240314' in a <meta> is ISO 8601's basic format; printed by the headline it is as often an article number."""
    assert record("en", "20240314")["published"] is None
    assert record("en", "Story", head='<meta name="pubdate" content="20240314">')["published"] == "2024-03-14"


# ---------------------------------------------------------------- a day printed without its year

def test_a_yearless_day_without_a_fetch_time_is_kept_as_printed():
    """No year is guessed from the time of the run: two runs of one file agree."""
    found = record("ru", "14 марта, 10:30", fetched_at=None)
    assert (found["published"], found["published_raw"]) == (None, "14 марта, 10:30")


@pytest.mark.parametrize("printed, fetched_at, iso", [
    ("March 15 at 00:30", "2024-03-14T23:00:00Z", "2024-03-15T00:30"),  # a zone ahead of the fetcher's: one day later is allowed
    ("March 16 at 10:30", "2024-03-14T12:00:00Z", "2023-03-16T10:30"),  # two days later: last year's
    ("Feb 29 at 10:00", "2025-03-01T12:00:00Z", "2024-02-29T10:00"),  # no 29 February in 2025
    ("Jan 2 at 8:00 AM", "2024-01-01T12:00:00Z", "2024-01-02T08:00"),
])
def test_a_yearless_day_is_the_latest_not_after_the_fetch_and_a_day(printed, fetched_at, iso):
    assert record("en", printed, fetched_at=fetched_at)["published"] == iso


@pytest.mark.parametrize("lang, printed", [
    ("en", "Ends Dec 26"),  # no clock: an offer's end, an event's day
    ("en", "March 14 at 10:30 · 3 comments"),  # another number: a counter
    ("en", "14 mars à 10h30"),  # a French month on an English page
    ("en", "AirPods Pro 3 at 10:30"),  # 'pro' is a Czech month abbreviation, not an English one
    ("en", "The meeting on March 14 at 10:30 was long and the council talked about roads"),  # prose
])
def test_a_yearless_day_that_is_no_date_line_dates_nothing(lang, printed):
    assert record(lang, printed)["published"] is None


def test_a_yearless_day_far_from_the_headline_dates_nothing():
    """Under the body a year-less day is an event's or an opening's, not the page's."""
    html = page(Case("", "en", "byline", "", "")).replace("</article>", _BODY * 3 + "<p>March 14 at 10:30</p></article>")
    assert extract_document(html.encode(), URI, fetched_at=FETCHED)["published"] is None


def test_a_printed_date_with_its_year_wins_over_a_yearless_one():
    assert record("en", "March 12 at 10:30 | Published March 10, 2024")["published"] == "2024-03-10"
