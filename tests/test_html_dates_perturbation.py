"""Perturbations of a page's publication date: change how and where the date is written, and the date
read must follow; move it where other pages' dates sit, and it must not be read.

Small synthetic pages for the grid of formats and positions, then wcxb-dev tune pages whose printed
date is rewritten in other formats (a rule keyed to one site's format fails there).
"""
from __future__ import annotations

import functools
import gzip
import json
import re
from datetime import date

import pytest

from benchmarks.splits import ids
from extractors.html import parse
from extractors.html_dates import ITEM_DATE_PAGES
from extractors.html_metadata import fill_metadata, items_page_date
from extractors.page_type import classify
from output.draft import Draft

DAY = "2024-03-10"
LEDE = "<p>" + "The river rose through the night and the valley's roads closed before dawn. " * 3 + "</p>"
FORMATS = [  # (printed, the page's language): each names 10 March 2024
    ("March 10, 2024", ""), ("10 March 2024", ""), ("Mar. 10, 2024", ""), ("10th March, 2024", ""),
    ("Sunday, March 10, 2024 6:30 PM EST", ""), ("2024-03-10", ""), ("2024/03/10", ""), ("10.03.2024", ""),
    ("10/03/2024", "en-GB"), ("03/10/2024", "en-US"), ("10/03/2024", "es"),
    ("10 mars 2024", "fr"), ("10. März 2024", "de"), ("10 de marzo de 2024", "es"), ("10 марта 2024", "ru"),
    ("2024年3月10日", "ja"), ("۲۰ اسفند ۱۴۰۲", "fa"), ("Mar 10, 2024 11:30 pm PST", ""),
]
POSITIONS = {  # where a date line stands around the headline
    "line after the headline": "<h1>Floods close the valley</h1><p>{}</p>" + LEDE,
    "kicker before the headline": "<span>Weather · {}</span><h1>Floods close the valley</h1>" + LEDE,
    "in the byline": '<h1>Floods close the valley</h1><div class="x1"><a href="/p/ann">Ann Lee</a> · {}</div>' + LEDE,
    "time element without datetime": "<h1>Floods close the valley</h1><time>{}</time>" + LEDE,
    "after the lede": "<h1>Floods close the valley</h1>" + LEDE + "<p><em>Published {}</em></p>",
}


def published(body: str, lang: str = "", head: str = "") -> str | None:
    draft = Draft(kind="article", extractor="html")
    html = f'<html lang="{lang}">' if lang else "<html>"
    fill_metadata(parse(f"{html}<head>{head}</head><body>{body}</body></html>"), draft)
    return draft.published


@pytest.mark.parametrize("position", sorted(POSITIONS))
@pytest.mark.parametrize("printed, lang", FORMATS)
def test_the_date_follows_its_format_and_position(printed, lang, position):
    assert (published(POSITIONS[position].format(printed), lang) or "")[:10] == DAY


@pytest.mark.parametrize("printed, lang", FORMATS)
def test_a_revision_label_follows_the_format(printed, lang):
    """'Published X · Updated Y' is dated X, whatever form X takes."""
    line = f"Published {printed} · Updated 2024-04-02"
    assert (published(POSITIONS["line after the headline"].format(line), lang) or "")[:10] == DAY


@pytest.mark.parametrize("label", ["<p>Updated {}</p>", "<p><b>Updated:</b> {}</p>", '<div><span>Last updated</span><span>{}</span></div>',
                                   '<p class="updated">{}</p>'])
@pytest.mark.parametrize("printed, lang", [(printed, lang) for printed, lang in FORMATS if "/" not in printed or printed.startswith("2")])
def test_a_revision_stays_a_revision_however_its_label_is_marked_up(label, printed, lang):
    """A printed revision of any form, its label in the same text, in its own element or in the class, leaves the stamp's
    day (which the page prints far below: a stamp printed nowhere gives way to the revision the headline prints)."""
    head = '<script type="application/ld+json">{"@type": "Article", "datePublished": "2023-01-05T08:00:00+01:00"}</script>'
    body = "<h1>Floods close the valley</h1>" + label.format(printed) + LEDE * 12 + "<p>Filed January 5, 2023</p>"
    assert (published(body, lang, head) or "")[:10] == "2023-01-05"


@pytest.mark.parametrize("elsewhere", [
    LEDE * 12 + "<p>The dam was last inspected on {} by the state's engineers.</p>",  # far below the headline: a date the story mentions
    "<ul><li>Roads reopen — {}</li><li>Rain ends — March 4, 2024</li><li>Dam holds — March 1, 2024</li></ul>",  # a list's
])
def test_a_date_where_other_pages_dates_sit_is_not_the_pages(elsewhere):
    body = "<h1>Floods close the valley</h1>" + LEDE + elsewhere.format("March 10, 2024")
    assert published(body) is None


@pytest.mark.parametrize("printed, lang", [(printed, lang) for printed, lang in FORMATS if "/" not in printed or printed.startswith("2")])
def test_a_date_line_under_the_body_dates_a_page_with_no_other(printed, lang):
    """A 'Posted on' line after the whole body is the page's date when the page prints no other."""
    body = "<h1>Floods close the valley</h1>" + LEDE * 12 + f"<footer-note><span>Posted on {printed}</span></footer-note>"
    assert (published(body, lang) or "")[:10] == DAY


@pytest.mark.parametrize("printed, lang", [(printed, lang) for printed, lang in FORMATS if "/" not in printed or printed.startswith("2")])
def test_a_later_printed_date_beats_an_unprinted_jsonld_stamp_in_any_format(printed, lang):
    """The first draft's datePublished gives way to the day the page shows, however the page writes it."""
    head = '<script type="application/ld+json">{"@type": "Article", "datePublished": "2023-01-05T08:00:00+01:00"}</script>'
    assert (published(POSITIONS["line after the headline"].format(printed), lang, head) or "")[:10] == DAY


@pytest.mark.parametrize("offset, stamp", [("-05:00", "2024-03-10T23:30:00-05:00"), ("+09:00", "2024-03-10T00:30:00+09:00"),
                                           ("Z", "2024-03-10T12:00:00Z")])
def test_a_stamp_keeps_its_own_zone_and_day(offset, stamp):
    """Late evening in New York and just after midnight in Tokyo are both the 10th there: never turned into UTC."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": stamp})
    got = published("<h1>Floods close the valley</h1>" + LEDE, head=f'<script type="application/ld+json">{ld}</script>')
    assert got == stamp and got.endswith(offset)


# ---------------------------------------------------------------- wcxb-dev tune pages, date rewritten

def _form(day: date, printed: str) -> str:
    return printed.format(month=day.strftime("%B"), mon=day.strftime("%b"), d=day.day, y=day.year, dd=f"{day.day:02d}", mm=f"{day.month:02d}")


REWRITES = ["{d} {month} {y}", "{mon}. {d}, {y}", "{y}-{mm}-{dd}", "{dd}.{mm}.{y}"]


def _printed_dated_pages(shared_dir, n: int = 6) -> list[tuple[str, str, str, str]]:
    """The first `n` tune pages (by id) whose date docingest reads right from a printed line written once in
    the HTML, with no structured or URL date: (url, html, printed, gold day)."""
    root, out = shared_dir / "eval" / "wcxb-dev", []
    for page_id in sorted(ids("wcxb-dev", "tune")):
        gold = json.loads((root / "ground-truth" / f"{page_id}.json").read_text())
        day = gold["ground_truth"].get("publish_date") or ""
        if len(day) < 10:
            continue
        html = gzip.open(root / "html" / f"{page_id}.html.gz").read().decode("utf-8", "replace")
        draft = Draft(kind="article", extractor="html")
        fill_metadata(parse(html), draft, gold["url"])
        raw = draft.published_raw or ""
        if (draft.published or "")[:10] == day[:10] and any(c.isalpha() for c in raw) and html.count(raw) == 1 and "datePublished" not in html:
            out.append((gold["url"], html, raw, day[:10]))
        if len(out) == n:
            break
    return out


def test_real_pages_follow_the_printed_format(shared_dir):
    pages = _printed_dated_pages(shared_dir)
    assert len(pages) >= 3
    for url, html, raw, day in pages:
        for rewrite in REWRITES:
            printed = _form(date.fromisoformat(day), rewrite)
            draft = Draft(kind="article", extractor="html")
            fill_metadata(parse(html.replace(raw, printed)), draft, url)
            assert (draft.published or "")[:10] == day, (url, printed, draft.published)


# ---------------------------------------------------------------- comments: a reader's date, however the section is named

COMMENT_SECTIONS = ['<div class="comments">{}</div>', '<ol class="comment-list">{}</ol>', '<div id="disqus_thread">{}</div>',
                    '<section class="replies">{}</section>', '<div class="wp-block-comment-template">{}</div>',
                    '<div class="x9"><div class="c-comment__meta">{}</div></div>']


@pytest.mark.parametrize("section", COMMENT_SECTIONS)
@pytest.mark.parametrize("printed, lang", [f for f in FORMATS if "/" not in f[0] or f[0].startswith("2")][:8])
def test_a_comment_under_a_short_post_does_not_date_it(section, printed, lang):
    """A reply's date, earlier than the post's (a comment copied over from an old version) or later, is not the page's."""
    for reply in ("<p>Sam · January 5, 2011 at 10:00 am</p>", '<time datetime="2024-03-12T10:00:00Z">Mar 12</time>'):
        body = f"<h1>Floods close the valley</h1><p>{printed}</p>" + LEDE + section.format(reply)
        assert (published(body, lang) or "")[:10] == DAY


def test_real_pages_keep_their_date_when_a_comment_follows_the_headline(shared_dir):
    """wcxb-dev tune pages dated right from a printed line: a comment section put just after the headline changes nothing."""
    comment = ('<div id="comments" class="comments-area"><div class="comment-body"><b>Sam</b> '
               '<time datetime="2011-01-05T10:00:00+00:00">January 5, 2011 at 10:00 am</time><p>Thanks!</p></div></div>')
    pages = _printed_dated_pages(shared_dir)
    for url, html, raw, day in pages:
        with_comment = html.replace("</h1>", "</h1>" + comment, 1)
        draft = Draft(kind="article", extractor="html")
        fill_metadata(parse(with_comment), draft, url)
        assert (draft.published or "")[:10] == day, (url, draft.published)


# ---------------------------------------------------------------- pages of items and products: a printed date is an item's

@functools.lru_cache(maxsize=1)
def _undated_item_pages(shared_dir, n: int = 4) -> list[tuple[str, str]]:
    """The first `n` tune pages (by id) of the kinds wcxb-dev calls listing or product that our typer puts in
    `ITEM_DATE_PAGES` and that get no date: (url, html)."""
    root, out = shared_dir / "eval" / "wcxb-dev", []
    for page_id in sorted(ids("wcxb-dev", "tune")):
        gold = json.loads((root / "ground-truth" / f"{page_id}.json").read_text())
        if gold.get("_internal", {}).get("page_type", {}).get("primary") not in ("listing", "product"):
            continue
        html = gzip.open(root / "html" / f"{page_id}.html.gz").read().decode("utf-8", "replace")
        if "</h1>" in html and _item_page_date(html, gold["url"]) == (True, None):
            out.append((gold["url"], html))
        if len(out) == n:
            break
    return out


def _item_page_date(html: str, url: str) -> tuple[bool, str | None]:
    """(typed as a page of items or a product, its date), as extract_html decides them."""
    page, draft = parse(html), Draft(kind="article", extractor="html")
    fill_metadata(page, draft, url)
    if classify(page, url) not in ITEM_DATE_PAGES:
        return False, draft.published
    items_page_date(page, draft, url)
    return True, draft.published


@pytest.mark.parametrize("printed", ["Posted on March 10, 2024", "10 March 2024", "Released 10 Mar, 2024"])
def test_real_item_pages_stay_undated_when_a_date_line_follows_the_headline(shared_dir, printed):
    """A date line put right under a listing's or a product's headline is an item's or a release's: still no date."""
    pages = _undated_item_pages(shared_dir)
    assert len(pages) >= 2
    for url, html in pages:
        assert _item_page_date(html.replace("</h1>", f"</h1><p>{printed}</p>", 1), url) == (True, None), url


# ---------------------------------------------------------------- what a page holds but never prints (<style> in every box)

_BOX = re.compile(r"(<(?:div|span|p|a|li|h[1-6]|section|article|header|time)\b)", re.I)
_STYLE = "<style>.x{width:2024px} /* 2019-01-01 */ .y:before{content:'March 3, 2018'}</style>"
_ICON = "<!-- built 2019-01-01 --><svg><title>March 3, 2018</title><text>2019-01-01</text></svg>"


def _styled_boxes(html: str, unprinted: str = _STYLE) -> str:
    """`unprinted` (a <style> with numbers and dates, as CSS-in-JS libraries print them) put before every box of the body."""
    start = html.lower().find("<body")
    return html[:start] + _BOX.sub(lambda m: unprinted + m[1], html[start:]) if start >= 0 else html


def _dated_tune_pages(shared_dir, n: int) -> list[tuple[str, str]]:
    """The first `n` tune pages (by id) whose gold names a date: (url, html)."""
    root, out = shared_dir / "eval" / "wcxb-dev", []
    for page_id in sorted(ids("wcxb-dev", "tune")):
        gold = json.loads((root / "ground-truth" / f"{page_id}.json").read_text())
        if gold["ground_truth"].get("publish_date"):
            out.append((gold["url"], gzip.open(root / "html" / f"{page_id}.html.gz").read().decode("utf-8", "replace")))
        if len(out) == n:
            break
    return out


def _page_date(html: str, url: str) -> str | None:
    draft = Draft(kind="article", extractor="html")
    fill_metadata(parse(html), draft, url)
    return draft.published


@pytest.mark.parametrize("unprinted", [_STYLE, _ICON])
def test_real_pages_keep_their_date_when_every_box_carries_unprinted_text(shared_dir, unprinted):
    """40 dated tune pages: the same date when a <style> holding years and dates (36 pages changed before text was
    read as printed), or a comment and an <svg> icon holding dates, stands before every box."""
    changed = [url for url, html in _dated_tune_pages(shared_dir, 40)
               if _page_date(_styled_boxes(html, unprinted), url) != _page_date(html, url)]
    assert changed == []


@pytest.mark.parametrize("hidden", [
    "<style>.x{width:2024px} /* 2019-01-01 */</style>", "<script>var d = '2019-01-01';</script>",
    "<noscript>January 1, 2019</noscript>", "<template><span>January 1, 2019</span></template>",
    "<svg><text>2019-01-01</text></svg>", "<!-- 2019-01-01 -->",
])
def test_unprinted_text_inside_a_date_line_is_not_read(hidden):
    """What sits inside a byline box but is never printed neither dates the page nor hides its printed date."""
    assert published(f"<h1>Floods close the valley</h1><div><span>Ann Lee</span>{hidden}<span>March 10, 2024</span></div>" + LEDE)[:10] == DAY
    assert published(f"<h1>Floods close the valley</h1><div><span>Ann Lee</span>{hidden}</div>" + LEDE) is None
    assert published(f"<h1>Floods close the valley</h1>" + LEDE * 2 + f"<p>Posted {hidden} on</p>") is None


@pytest.mark.parametrize("hidden", ["<style>.a{}</style>", "<!-- 2019 -->"])
def test_a_label_before_a_date_is_read_past_unprinted_text(hidden):
    """'Updated:' then a <style> then the date: still a revision, so the first publication printed after wins."""
    body = (f"<h1>Floods close the valley</h1><p><b>Updated:</b>{hidden}<span>March 12, 2024</span></p>"
            f"<p>Published March 10, 2024</p>" + LEDE)
    assert published(body)[:10] == DAY
