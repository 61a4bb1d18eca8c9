"""Post dates on small synthetic threads: markup stamps (datetime, title, epoch attributes), ages resolved
against the page's own moment or kept as written, and which of a post's dates is the post's."""
from datetime import datetime, timedelta

import pytest

from extractors.html import extract_html
from normalizers.relative_dates import age, resolve

WRITERS = ["anna", "ben", "cleo", "dev"]


def page(dates: list[str], *, head: str = "", extra: list[str] | None = None) -> str:
    """A thread the structural detector reads: one box per post, a profile link, a date, a message."""
    posts = []
    for i, date in enumerate(dates):
        name = WRITERS[i % len(WRITERS)]
        before = extra[i] if extra else ""
        posts.append(f'<div class="entry"><div class="head"><a href="/members/{name}.{i + 1}/">{name}</a>{before}'
                     f'<span class="when">{date}</span></div>'
                     f'<div class="msg">Message number {i + 1} about garden ponds, filters and pumps.</div></div>')
    return (f"<html><head><title>Ponds</title>{head}</head><body><h1>Ponds</h1>"
            f"<div class=\"list\">{''.join(posts)}</div></body></html>")


def posts(html: str):
    draft = extract_html(html.encode(), uri="https://forum.example/t/1")
    assert draft.kind == "forum_thread"
    return draft.posts


def test_time_datetime_attribute_is_the_date_and_the_text_stays_as_printed():
    ps = posts(page([f'<time datetime="2021-03-0{d}T10:00:00+01:00">{d} Mar 2021</time>' for d in (1, 2, 3)]))
    assert [p.posted for p in ps] == ["2021-03-01T10:00:00+01:00", "2021-03-02T10:00:00+01:00", "2021-03-03T10:00:00+01:00"]
    assert [p.posted_raw for p in ps] == ["1 Mar 2021", "2 Mar 2021", "3 Mar 2021"]
    assert {p.date_precision for p in ps} == {"time"}


def test_epoch_attributes_in_seconds_and_milliseconds():
    stamps = ['<span data-time="1600000000">Sep 13</span>', '<span data-timestamp="1600086400000">Sep 14</span>',
              '<span data-time="1600172800">Sep 15</span>']
    ps = posts(page(stamps))
    assert [p.posted for p in ps] == ["2020-09-13T12:26:40Z", "2020-09-14T12:26:40Z", "2020-09-15T12:26:40Z"]


def test_title_attribute_holding_the_full_date_behind_an_age():
    ps = posts(page([f'<abbr title="2022-06-0{d} 08:15">{5 - d} days ago</abbr>' for d in (1, 2, 3)]))
    assert [p.posted for p in ps] == ["2022-06-01T08:15:00", "2022-06-02T08:15:00", "2022-06-03T08:15:00"]
    assert [p.posted_raw for p in ps] == ["4 days ago", "3 days ago", "2 days ago"]


def test_ages_resolved_against_a_post_that_prints_its_date_in_markup_too():
    dates = ['<time datetime="2020-05-10T12:00:00">10 days ago</time>', "3 days ago", "Yesterday, 18:30", "5 hours ago"]
    ps = posts(page(dates))
    assert [p.posted for p in ps] == ["2020-05-10T12:00:00", "2020-05-17", "2020-05-19T18:30", "2020-05-20T07:00"]
    assert [p.date_precision for p in ps] == ["time", "relative", "relative", "relative"]


def test_ages_resolved_against_the_pages_modification_date():
    head = '<meta property="article:modified_time" content="2019-11-30T09:00:00">'
    ps = posts(page(["vor 2 Tagen", "vor 1 Tag", "vor 3 Stunden"], head=head))
    assert [p.posted for p in ps] == ["2019-11-28", "2019-11-29", "2019-11-30T06:00"]
    assert {p.date_precision for p in ps} == {"relative"}


def test_ages_without_a_page_date_are_kept_as_written():
    ps = posts(page(["2 weeks ago", "il y a 3 jours", "hace una hora"]))
    assert [(p.posted, p.posted_raw, p.date_precision) for p in ps] == [
        (None, "2 weeks ago", "as_written"), (None, "il y a 3 jours", "as_written"), (None, "hace una hora", "as_written")]


def test_unlabelled_join_date_before_the_post_date_is_not_the_post_date():
    """Join dates of different writers do not run in page order; the posts' own dates do."""
    joins = ["<em>2015-02-11</em>", "<em>2009-07-30</em>", "<em>2017-01-05</em>", "<em>2011-12-24</em>"]
    ps = posts(page(["2021-04-01 10:00", "2021-04-01 11:30", "2021-04-02 08:00", "2021-04-03 09:45"], extra=joins))
    assert [p.posted_raw for p in ps] == ["2021-04-01 10:00", "2021-04-01 11:30", "2021-04-02 08:00", "2021-04-03 09:45"]


def test_labelled_join_date_in_german_is_the_members_not_the_posts():
    joins = ["<p>Anmeldungsdatum:<br>21. Januar 2013</p>"] * 3
    ps = posts(page(["20. April 2020 11:17", "20. April 2020 11:20", "20. April 2020 11:25"], extra=joins))
    assert [p.posted for p in ps] == ["2020-04-20T11:17:00", "2020-04-20T11:20:00", "2020-04-20T11:25:00"]
    assert {p.author_joined for p in ps} == {"2013-01-21"}


def test_an_edit_note_after_the_date_is_not_the_post_date():
    ps = posts(page(["20.04.2020 11:17 (edited: 21.04.2020 12:17)", "20.04.2020 11:20", "20.04.2020 11:25"]))
    assert ps[0].posted_raw == "20.04.2020 11:17" and ps[0].posted == "2020-04-20T11:17:00"


def test_a_model_number_is_not_a_date():
    extra = ["<span>RTX 2080</span>"] * 3
    ps = posts(page(["Mar 1, 2021", "Mar 2, 2021", "Mar 3, 2021"], extra=extra))
    assert [p.posted_raw for p in ps] == ["Mar 1, 2021", "Mar 2, 2021", "Mar 3, 2021"]


@pytest.mark.parametrize("text, expected", [
    ("2 days ago", timedelta(days=2)), ("an hour ago", timedelta(hours=1)), ("vor 3 Wochen", timedelta(weeks=3)),
    ("il y a un an", timedelta(days=365)), ("hace 5 minutos", timedelta(minutes=5)), ("há 2 meses", timedelta(days=60)),
    ("3 дня назад", timedelta(days=3)), ("۳ روز پیش", timedelta(days=3)), ("منذ 4 ساعات", timedelta(hours=4)),
    ("2 gün önce", timedelta(days=2)), ("3d", timedelta(days=3)), ("just now", timedelta(0)), ("gestern", timedelta(days=1)),
])
def test_ages_in_many_languages(text, expected):
    assert age(text) == expected


@pytest.mark.parametrize("text", ["5 days", "Ich bin hier", "Windows 2000", "12 Beiträge", "April 1", ""])
def test_durations_sentences_and_dates_are_not_ages(text):
    assert age(text) is None


def test_resolve_keeps_the_clock_only_where_the_phrase_gives_one():
    now = datetime(2024, 1, 1, 0, 30)
    assert resolve("45 minutes ago", now) == "2023-12-31T23:45"
    assert resolve("2 weeks ago", now) == "2023-12-18"
    assert resolve("Today, 9:05 PM", now) == "2024-01-01T21:05"
    assert resolve("next week", now) is None


def test_absurd_ages_are_no_dates_and_never_crash():
    assert age("99999999999 years ago") is None and age("99999999999d") is None
    assert resolve("9999 years ago", datetime(2020, 1, 1)) is None  # before year 1
    ps = posts(page(['<time datetime="9999-12-30T00:00:00">5 days ago</time>', "99999999999 years ago", "2 days ago"]))
    assert ps[1].posted is None and ps[1].date_precision is None


MIXED_AGES = ["12 March 2021, 10:00", "2y", "5d", "yesterday", "vor 3 Tagen", "۳ روز پیش", "منذ يومين", "3 дня назад",
              "4h", "15 March 2021, 09:30"]


def test_posts_dated_only_by_an_age_are_kept_beside_posts_printing_full_dates():
    """A thread once kept 1 of 20 replies: those printing '2y' were taken for undated boxes."""
    ps = posts(page(MIXED_AGES))
    assert [p.posted_raw for p in ps] == MIXED_AGES
    assert [p.author for p in ps] == [WRITERS[i % len(WRITERS)] for i in range(len(MIXED_AGES))]
    assert all(p.text.startswith(f"Message number {i + 1} ") for i, p in enumerate(ps))


def test_a_compact_age_beside_the_full_date_in_its_title_keeps_both():
    ps = posts(page([f'<span title="August 1{d}, 2023 - 3:05pm">2y</span>' for d in (3, 4, 5)]))
    assert [p.posted_raw for p in ps] == ["2y", "2y", "2y"]
    assert [p.posted for p in ps] == ["2023-08-13T15:05:00", "2023-08-14T15:05:00", "2023-08-15T15:05:00"]


def test_compact_ages_with_persian_digits_are_ages():
    ps = posts(page(["۲d", "۵h", "۱w"]))
    assert [p.posted_raw for p in ps] == ["۲d", "۵h", "۱w"]
    assert {p.date_precision for p in ps} == {"as_written"}


def test_a_message_in_a_box_whose_class_hides_only_its_label_is_the_message():
    """'field--label-hidden' hides the field's label, not the field: the message is in it (a box classed 'hidden' is chrome)."""
    html = page(["1 Mar 2021", "2 Mar 2021", "3 Mar 2021"]).replace(
        '<div class="msg">', '<div class="msg"><div class="field field--label-hidden">').replace(
        "pumps.</div>", "pumps.</div></div>")
    html = html.replace('<div class="entry">', '<div class="entry"><div class="hidden">Report this post</div>')
    ps = posts(html)
    assert [p.text.split(" about")[0] for p in ps] == ["Message number 1", "Message number 2", "Message number 3"]
    assert not any("Report" in p.text for p in ps)


def test_post_ages_resolve_against_the_fetch_time_and_stay_as_printed_without_one():
    from extractors.pipeline import extract_document
    html = page(["2y", "5d", "vor 3 Tagen", "۳ روز پیش"]).encode()
    fetched = extract_document(html, "https://forum.example/t/1", fetched_at="2024-03-14T12:00:00Z")["posts"]
    assert [(p["posted_raw"], p["posted"], p["date_precision"]) for p in fetched] == [
        ("2y", "2022-03-15", "relative"), ("5d", "2024-03-09", "relative"),
        ("vor 3 Tagen", "2024-03-11", "relative"), ("۳ روز پیش", "2024-03-11", "relative")]
    unknown = extract_document(html, "https://forum.example/t/1")["posts"]
    assert [(p["posted_raw"], p["posted"]) for p in unknown] == [("2y", None), ("5d", None), ("vor 3 Tagen", None), ("۳ روز پیش", None)]


def test_a_post_printing_its_date_in_a_form_no_reader_knows_is_kept_with_it_as_printed():
    """Six posts dated, two printing '3 mo' and '2 yr' at the same place: both stay, their dates as printed."""
    dates = ["1 Mar 2021", "2 Mar 2021", "3 mo", "4 Mar 2021", "5 Mar 2021", "2 yr", "7 Mar 2021", "8 Mar 2021"]
    ps = posts(page(dates))
    assert [p.posted_raw for p in ps] == dates
    assert [p.posted is None for p in ps] == [d in ("3 mo", "2 yr") for d in dates]
