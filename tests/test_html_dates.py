"""Which stated date is a page's publication date: the rules of extractors/html_dates.py, one small
synthetic page each (the source order itself is tested in tests/test_html_article_metadata.py)."""
import json

import pytest

from extractors.html import parse
from extractors.html_dates import dates_in_line, elements_near, publication_days
from extractors.html_metadata import fill_metadata
from output.draft import Draft

BODY = "<p>" + "The council approved the new budget after a long debate about schools and roads. " * 3 + "</p>"


def published(head: str = "", body: str = "", uri: str = "", lang: str = "") -> str | None:
    draft = Draft(kind="article", extractor="html")
    html = f'<html lang="{lang}">' if lang else "<html>"
    fill_metadata(parse(f"{html}<head>{head}</head><body><h1>Budget passed</h1>{body}{BODY}</body></html>"), draft, uri)
    return draft.published


def ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_an_earlier_printed_date_beats_a_later_stamp():
    """A page is not shown as published before it was: the later stamp is a re-publication or migration."""
    stamp = ld({"@type": "Article", "datePublished": "2025-06-24"})
    assert published(stamp, "<p>August 25, 2024</p>") == "2024-08-25"


def test_a_later_printed_date_beats_an_unprinted_jsonld_stamp():
    """A guide reworked under its old URL keeps its first draft's datePublished; the reader is shown the new day."""
    stamp = ld({"@type": "Article", "datePublished": "2024-03-10T09:00:00+01:00"})
    assert published(stamp, "<p>June 2, 2025</p>") == "2025-06-02"
    assert published(stamp, "<p>Posted on 2 June 2025</p>") == "2025-06-02"


def test_a_later_printed_date_does_not_beat_a_printed_jsonld_stamp_a_revision_or_a_meta_stamp():
    stamp = ld({"@type": "Article", "datePublished": "2024-03-10T09:00:00+01:00"})
    assert published(stamp, "<p>Published March 10, 2024</p><p>June 2, 2025</p>") == "2024-03-10T09:00:00+01:00"
    far = "<p>" + "A long lead paragraph about the roads. " * 40 + "</p><p>Filed March 10, 2024</p>"  # the stamp's day, printed
    assert published(stamp, f"<p>Updated June 2, 2025</p>{far}") == "2024-03-10T09:00:00+01:00"
    meta = '<meta property="article:published_time" content="2024-03-10T09:00:00+01:00">'
    assert published(meta, "<p>Updated June 2, 2025</p>") == "2024-03-10T09:00:00+01:00"
    assert published(meta, "<p>June 2, 2025</p>") == "2024-03-10T09:00:00+01:00"


def test_a_date_printed_once_far_from_the_headline_dates_a_page_with_nothing_else():
    """'Posted on …' under the body, after a long lead: the page's one printed first publication."""
    far = "<p>" + "A long lead paragraph about the roads. " * 40 + "</p>"
    assert published(body=f"{far}<div><span>Posted on April 13, 2023</span></div>") == "2023-04-13"
    assert published(body=f"{far}<div><span>April 13, 2023</span></div><p>Offer ends May 2, 2023</p>") is None
    assert published(body=f"{far}<ul><li>April 13, 2023</li></ul><a href='/x'>May 2, 2023</a>") is None


def test_a_time_element_in_utc_gives_way_to_the_printed_local_day():
    """04:13 UTC on the 24th is the evening of the 23rd where the page is written, and it prints the 23rd."""
    body = '<time datetime="2026-02-24T04:13:00Z"></time><p>February 23, 2026</p>'
    assert published(body=body) == "2026-02-23"


def test_a_local_stamp_keeps_its_day_late_in_the_evening():
    stamp = ld({"@type": "Article", "datePublished": "2024-03-10T23:30:00-05:00"})
    assert published(stamp, "<p>March 10, 2024</p>") == "2024-03-10T23:30:00-05:00"


def test_a_modified_stamp_alone_counts_only_when_the_page_prints_that_day():
    modified = ld({"@type": "Article", "headline": "Budget passed", "dateModified": "2024-07-05T14:20:08+00:00"})
    assert published(modified) is None
    assert published(modified, "<p>Last updated: July 5, 2024</p>") == "2024-07-05T14:20:08+00:00"


def test_a_printed_revision_alone_is_the_date():
    assert published(body="<p>Updated on Dec. 09, 2025</p>") == "2025-12-09"


def test_each_date_on_a_line_takes_the_label_just_before_it():
    line = "Mental HealthDECEMBER 22, 2022Updated: JANUARY 02, 2026"
    assert [(iso, updated) for iso, _, updated in dates_in_line(line)] == [("2022-12-22", False), ("2026-01-02", True)]
    assert published(body=f"<p>{line}</p>") == "2022-12-22"
    assert dates_in_line("Updated 3 Jan 2026 · Published 1 Jan 2026")[1][2] is False


def test_a_label_run_into_a_name_still_counts():
    """'By Amanda FurrerUpdated:' — two elements' texts joined without a space."""
    assert dates_in_line("By Amanda FurrerUpdated: Dec 19, 2025 1:06 PM EST") == [
        ("2025-12-19T13:06:00-05:00", "Dec 19, 2025 1:06 PM EST", True)]


def test_year_first_dotted_date_and_zone_names():
    assert published(body="<p>Essay - Published: 2025.12.17 | programming</p>") == "2025-12-17"
    assert published(body="<p>Nov 25, 2025 11:30 pm PST</p>") == "2025-11-25T23:30:00-08:00"  # not the 26th in UTC


def test_walk_around_the_headline_reads_only_what_is_near():
    far = "".join(f"<p>Paragraph {i} " + "x" * 80 + "</p>" for i in range(200))
    root = parse(f"<html><body>{far}<div><span>By Ann</span><h1>Title</h1><p>March 1, 2024</p></div>{far}</body></html>")
    near = elements_near(root, root.find(".//h1"))
    at = near.index(root.find(".//h1"))
    assert [el.tag for el in near[at - 2:at + 2]] == ["div", "span", "h1", "p"] and near[at + 1].text == "March 1, 2024"
    assert len(near) < 20  # of 403 elements: about 300 printed characters before, 700 after


def test_a_time_element_of_another_story_is_not_the_pages_date():
    aside = '<aside><time datetime="2023-01-05">Jan 5</time></aside>'
    assert published(body=aside) is None
    draft = Draft(kind="article", extractor="html")
    page = ('<html><body><ul><li><time datetime="2023-01-05">Jan 5</time></li></ul><article><h1>Budget passed</h1>'
            f'<time datetime="2024-03-10">March 10</time>{BODY}</article></body></html>')
    fill_metadata(parse(page), draft)
    assert draft.published == "2024-03-10"


def test_deeply_nested_markup_before_the_headline():
    """The walk back from the headline holds no recursion: libxml2 keeps pages ~2,000 elements deep."""
    nested = "<div>" * 1500 + "<p>x</p>" + "</div>" * 1500
    root = parse(f"<html><body>{nested}<h1>Budget passed</h1><p>March 1, 2024</p></body></html>")
    assert len(elements_near(root, root.find(".//h1"))) > 1500


def test_a_numeric_date_is_read_in_the_order_of_the_pages_language():
    """05/03/2025 is 5 March in a British page, May 3 in an American one, and unread where 'en' alone says nothing."""
    line = "<p>By Ann Lee | 05/03/2025</p>"
    assert published(body=line, lang="en-GB") == "2025-03-05"
    assert published(body=line, lang="fr") == "2025-03-05"
    assert published(body=line, lang="en-US") == "2025-05-03"
    assert published(body=line, lang="en") is None
    assert published(body=line) is None


def test_the_pages_other_dates_decide_before_its_language():
    """A page that prints 13/04/2025 by the headline writes day first, whatever its language tag."""
    body = "<p>05/03/2025</p><p>Comments closed 13/04/2025</p>"
    assert published(body=body, lang="en") == "2025-03-05"
    assert published(body=body, lang="en-US") == "2025-03-05"
    assert published(body="<p>05/03/2025</p><p>Updated April 13</p>", lang="en-GB") == "2025-05-03"  # 'April 13': month first


def test_an_inferred_order_overrides_no_stamp():
    """A guessed order names a date where nothing else does, never one that replaces the page's stamp."""
    stamp = ld({"@type": "Article", "datePublished": "2025-06-01"})
    assert published(stamp, "<p>05/03/2025</p>", lang="en-GB") == "2025-06-01"
    assert published(stamp, "<p>5 March 2025</p>", lang="en-GB") == "2025-03-05"  # a written date is no guess


LIST = "<ul><li>Floods in Sindh — March 2, 2025</li><li>New budget — February 27, 2025</li><li>Roads — February 20, 2025</li></ul>"


def test_a_list_of_dates_by_the_headline_dates_nothing():
    """Three stories on three days under the headline: a listing, whose page has no date of its own."""
    assert published(body=LIST) is None
    assert published(body="<p>Published March 2, 2025</p><p>Updated March 9, 2025</p>") == "2025-03-02"  # two days: one date line


def test_a_list_of_dates_does_not_move_the_stamp():
    """An earlier date printed by the headline beats a later stamp, unless it is one item of a list."""
    stamp = ld({"@type": "Article", "datePublished": "2025-06-24"})
    assert published(stamp, LIST) == "2025-06-24"
    assert published(stamp, "<p>February 20, 2025</p>") == "2025-02-20"


@pytest.mark.parametrize("line, want", [
    ("March 5, 2025 10:00 GMT+2", "2025-03-05T10:00:00+02:00"),  # not 10:00 GMT
    ("March 5, 2025 at 10:00 (UTC+05:30)", "2025-03-05T10:00:00+05:30"),
    ("Wed, 05 Mar 2025 23:10:00 -0500", "2025-03-05T23:10:00-05:00"),  # not the 6th in UTC
    ("05 Mar 2025 10:00:00 +0000", "2025-03-05T10:00:00Z"),
    ("March 5, 2025 10:00-12:00", "2025-03-05T10:00:00"),  # a range of hours, no offset
])
def test_a_printed_zone_offset_is_kept(line, want):
    assert dates_in_line(f"Posted {line} | News")[0][0] == want


def test_publication_days_are_the_dates_a_reader_takes_for_the_pages():
    """The check on a peer's answer: printed as a first publication, not in another story's link, list item or aside."""
    page = parse("<html><body><h1>Budget passed</h1>" + BODY * 3 + "<p>Posted on April 13, 2023</p><p>Last updated May 2, 2024</p>"
                 "<ul><li>Roads — June 1, 2022</li></ul><a href='/x'>July 9, 2021</a><aside>Aug 3, 2020</aside>"
                 "<footer><p>March 3, 2019</p></footer>" + "<div>" * 1500 + "Filed 4 May 2018" + "</div>" * 1500 + "</body></html>")
    assert sorted(str(day) for day in publication_days(page)) == ["2018-05-04", "2023-04-13"]


@pytest.mark.parametrize("line, lang", [
    ("This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.", ""),
    ("First published September 26, 2019", ""),
    ("Dieser Artikel wurde ursprünglich veröffentlicht am 26. September 2019.", "de"),
    ("Article publié initialement le 26 septembre 2019", "fr"),
])
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_a_page_saying_when_it_was_first_published_is_dated_so(line, lang, where):
    """The page's own word on which of its dates is the first beats the date line by the headline."""
    note = f"<p>{line}</p>"
    body = (note if where == "top" else "") + "<p>30 Sep 2022, 11:07am</p>" + BODY * 3 + (note if where == "bottom" else "")
    assert (published(body=body, lang=lang) or "")[:10] == "2019-09-26"


@pytest.mark.parametrize("elsewhere", [
    "<ul><li><a href='/x'>First published September 26, 2019</a></li></ul>",  # another page's, in a list
    "<p>This article was originally published by The Conversation on September 26, 2019.</p>",  # the source's date
    "<blockquote><p>Originally Posted by dave on 09-26-2019 10:30</p><p>Agreed.</p></blockquote>",  # a quoted post's
])
def test_an_original_date_of_another_text_is_not_the_pages(elsewhere):
    assert published(body=f"<p>30 Sep 2022</p>{elsewhere}")[:10] == "2022-09-30"


COMMENTS = ('<div id="comments" class="comments-area"><ol class="comment-list"><li><div class="comment-meta">Sam · '
            '<time datetime="2011-01-05T10:00:00+00:00">January 5, 2011 at 10:00 am</time></div><p>Great post!</p></li></ol>'
            '<div class="wp-block-comment-date">January 6, 2011</div></div>')


def test_a_comments_date_is_a_readers_not_the_pages():
    """A short post's comments sit within reach of the headline: their dates date replies."""
    assert published(body=f"<p>Posted March 10, 2024</p>{COMMENTS}") == "2024-03-10"
    assert published(body=f'<time datetime="2024-03-10T09:00:00+01:00"></time>{COMMENTS}') == "2024-03-10T09:00:00+01:00"
    assert published(body=COMMENTS) is None
    stamp = '<meta property="article:published_time" content="2024-03-10T09:00:00+01:00">'
    assert published(stamp, COMMENTS) == "2024-03-10T09:00:00+01:00"  # an earlier comment date does not move the stamp


@pytest.mark.parametrize("section", ['<div class="related-posts">{}</div>', '<section class="more-stories">{}</section>',
                                     '<div class="read-next">{}</div>', '<nav-box class="post-nav">{}</nav-box>'])
def test_a_related_storys_teaser_date_is_its_own(section):
    """A 'related posts' card by a short article's headline: its date is the other story's."""
    teaser = section.format('<div class="card"><h3>Roads reopen</h3><span class="date">January 5, 2011</span>'
                            '<time datetime="2011-01-05"></time></div>')
    assert published(body=f"{teaser}<p>Posted March 10, 2024</p>") == "2024-03-10"
    assert published(body=teaser) is None


def test_a_comment_class_on_the_page_or_the_story_itself_hides_nothing():
    """<body class="has-comments">, <article class="no-comments">: the whole page or the story, not a comment section."""
    draft = Draft(kind="article", extractor="html")
    fill_metadata(parse('<html><body class="single has-comments"><article class="post comments-open"><h1>Budget passed</h1>'
                        f'<time datetime="2024-03-10">March 10, 2024</time>{BODY}</article></body></html>'), draft)
    assert draft.published == "2024-03-10"


def test_a_comment_right_by_the_headline_is_not_read_in_its_wrappers_text():
    """The headline's small wrapper holds the comment block too: its whole text is not a date line."""
    draft = Draft(kind="article", extractor="html")
    fill_metadata(parse(f'<html><head>{ld({"@type": "Article", "datePublished": "2024-03-10"})}</head><body>'
                        f'<div class="head"><h1>Budget passed</h1>{COMMENTS}</div>{BODY}</body></html>'), draft)
    assert draft.published == "2024-03-10"


@pytest.mark.parametrize("line, want", [
    ("10. 3. 2024", "2024-03-10"), ("Publikováno 10. 3. 2024 v 14:05", "2024-03-10"),  # cs, sk, hr: a space after each dot
    ("2024. 03. 10.", "2024-03-10"), ("Közzétéve: 2024. 03. 10. 14:05", "2024-03-10"),  # hu: year first
])
def test_dotted_dates_with_spaces(line, want):
    assert dates_in_line(line)[0][0][:10] == want
    assert published(body=f"<p>{line}</p>")[:10] == want


def test_numbers_with_spaces_after_dots_and_a_short_year_are_no_date():
    """'1. 2. 24' is a list's numbering more often than a date; the spaced form wants a four-digit year."""
    assert dates_in_line("1. 2. 24") == []


@pytest.mark.parametrize("line", ["<p>Last Updated: December 6, 2024</p>", "<p><b>Last Updated:</b> December 6, 2024</p>",
                                  '<time datetime="2024-12-06"><strong>Last Updated:</strong> December 6, 2024</time>',
                                  '<div><span class="label">Updated on</span><span class="value">December 6, 2024</span></div>'])
def test_a_revision_label_in_its_own_element_still_labels_the_date(line):
    """However the markup splits label and date, the date is a revision: the stamp's first publication, printed far
    below, stands."""
    stamp = ld({"@type": "Article", "datePublished": "2023-10-02T14:21:11+00:00"})
    far = "<p>" + "A long lead paragraph about the roads. " * 40 + "</p><p>Filed October 2, 2023</p>"
    assert published(stamp, line + far) == "2023-10-02T14:21:11+00:00"


def test_a_published_label_is_not_turned_into_a_revision_by_a_same_day_update():
    """Only unlabelled readings of a revised value become revisions: a printed first publication still
    beats the earlier JSON-LD stamp (a revision would leave the stamp standing)."""
    stamp = ld({"@type": "Article", "datePublished": "2023-10-02"})
    assert published(stamp, "<p>Published Dec 6, 2024</p><p><b>Updated</b> Dec 6, 2024</p>") == "2024-12-06"


@pytest.mark.parametrize("marks, revision", [('class="updated rich-snippet-hidden"', True), ('itemprop="dateModified"', True),
                                             ('class="post-last-updated"', True), ('class="entry-date published updated"', False),
                                             ('class="posted-on"', False)])
def test_a_class_naming_a_revision_marks_the_date_it_holds(marks, revision):
    """hAtom's 'updated' class, schema.org's dateModified: a revision; WordPress's 'published updated' is the unrevised post's date.
    The stamp's day is printed far below, so a revision leaves it standing (a hidden one gives way to the printed revision)."""
    stamp = ld({"@type": "Article", "datePublished": "2023-10-02"})
    far = "<p>" + "A long lead paragraph about the roads. " * 40 + "</p><p>Filed October 2, 2023</p>"
    got = published(stamp, f"<span {marks}>December 6, 2024</span>{far}")
    assert got == ("2023-10-02" if revision else "2024-12-06")
    assert published(body=f'<time {marks} datetime="2024-12-06">Dec 6</time><p>Posted March 1, 2024</p>')[:10] == (
        "2024-03-01" if revision else "2024-12-06")


def _product_page(head: str = "", printed: str = "") -> bytes:
    offer = {"@context": "https://schema.org", "@type": "Product", "name": "Trail 25 Pack",
             "offers": {"@type": "Offer", "price": "89.00", "priceCurrency": "USD"}}
    return ("<html><head><title>Trail 25 Pack | Example Outfitters</title>" + ld(offer) + head + "</head><body>"
            f'<h1>Trail 25 Pack</h1><p class="release">{printed}</p><p class="price">$89.00</p>'
            '<button class="add-to-cart">Add to cart</button>' + BODY + "</body></html>").encode()


def _page_of_items(head: str = "") -> bytes:
    """A category page whose first card, right under the headline, prints its story's date."""
    cards = "".join(f'<article class="post-card"><h2><a href="/2024/05/story-{i}/">Council story number {i} about the budget vote</a>'
                    f'</h2><p>May {i}, 2024</p><p>The council approved the new budget after a long debate about schools.</p></article>'
                    for i in (7, 7, 7))
    return f"<html><head><title>Politics | News Example</title>{head}</head><body><h1>Politics</h1><main>{cards}</main></body></html>".encode()


@pytest.mark.parametrize("printed", ["Released 21 Aug, 2012", "First listed on July 26, 2021", "Sale ends 03/31/2026", "October 16, 2018"])
def test_a_date_printed_on_a_product_page_is_not_the_pages(printed):
    """A release, a listing or an offer date: the page is dated only by what it declares."""
    from extractors.html import extract_html

    page = extract_html(_product_page(printed=printed), uri="https://shop.example/products/trail-25-pack")
    assert (page.page_type, page.published) == ("product", None)
    declared = '<meta property="article:published_time" content="2024-02-01T09:00:00+01:00">'
    page = extract_html(_product_page(declared, printed), uri="https://shop.example/products/trail-25-pack")
    assert (page.page_type, page.published) == ("product", "2024-02-01T09:00:00+01:00")


def test_a_listing_is_not_dated_by_its_first_items_date_line():
    from extractors.html import extract_html

    page = extract_html(_page_of_items(), uri="https://news.example/category/politics/")
    assert (page.page_type, page.published) == ("listing", None)
    page = extract_html(_page_of_items('<meta property="article:published_time" content="2024-05-09">'),
                        uri="https://news.example/category/politics/")
    assert (page.page_type, page.published) == ("listing", "2024-05-09")


_REWORKED = ld({"@type": "Article", "headline": "Budget passed", "datePublished": "2019-08-14T13:00:00Z", "dateModified": "2025-09-17T09:00:00Z"})


def test_a_hidden_json_ld_stamp_gives_way_to_the_revision_the_headline_prints():
    """The reader is given 'Updated Sep 17, 2025' and never the 2019 stamp: the printed day dates the page."""
    assert published(_REWORKED, "<p>Updated: Sep 17, 2025</p>")[:10] == "2025-09-17"


def test_a_json_ld_stamp_the_page_prints_stays_against_a_printed_revision():
    far = "<p>" + "A long lead paragraph about the roads. " * 40 + "</p>"
    body = f"<p>Updated: Sep 17, 2025</p>{far}<div><span>First filed 14 Aug 2019</span></div>"
    assert published(_REWORKED, body)[:10] == "2019-08-14"


def test_a_hidden_meta_stamp_stays_against_a_printed_revision():
    head = '<meta property="article:published_time" content="2019-08-14T13:00:00Z">'
    assert published(head, "<p>Updated: Sep 17, 2025</p>")[:10] == "2019-08-14"


def test_a_page_stating_only_a_meta_modified_time_is_dated_by_no_revision():
    """A CMS's standing page (article:modified_time without article:published_time) prints when it was last revised:
    its publication is older and unstated. A JSON-LD dateModified the page prints still dates it."""
    meta = '<meta property="article:modified_time" content="2026-01-12T16:29:48+00:00">'
    assert published(meta, "<p>Updated January 12, 2026</p>") is None
    assert published(meta) is None
    modified = ld({"@type": "Article", "headline": "Budget passed", "dateModified": "2026-01-12T16:29:48+00:00"})
    assert published(modified, "<p>Updated January 12, 2026</p>")[:10] == "2026-01-12"
    assert published(body="<p>Updated January 12, 2026</p>") == "2026-01-12"


_PAGE_RECORD = {"@context": "https://schema.org", "@graph": [
    {"@type": "WebPage", "name": "Trail 25 Pack", "datePublished": "2023-06-01T10:00:00+00:00", "dateModified": "2024-02-01T10:00:00+00:00"}]}


def test_a_product_page_is_not_dated_by_its_page_record():
    """The WebPage object a CMS writes for every page says when the page was made, not a publication of a product."""
    from extractors.html import extract_html

    page = extract_html(_product_page(ld(_PAGE_RECORD)), uri="https://shop.example/products/trail-25-pack")
    assert (page.page_type, page.published) == ("product", None)


def test_an_article_is_still_dated_by_its_page_record():
    assert published(ld(_PAGE_RECORD)) == "2023-06-01T10:00:00+00:00"


@pytest.mark.parametrize(("kinds", "record"), [("WebPage", True), (["WebPage", "FAQPage"], True), ("https://schema.org/ItemPage", True),
                                               (["WebPage", "Article"], False), ("BlogPosting", False), (None, False)])
def test_a_page_record_is_a_webpage_of_any_kind_and_nothing_else(kinds, record):
    from extractors.html_dates import page_record

    assert page_record({"@type": kinds}) is record


_SERVICE_PAGE = ("<html><head><title>Plumbing repairs | Pipe Pros</title>{head}</head><body><nav><a href='/'>Home</a></nav>"
                 "<section class='hero'><h1>Plumbing repairs, same day</h1><p>Offer ends March 31, 2026</p>"
                 "<a class='btn btn-primary cta' href='/book'>Book now</a><a href='tel:+15551234567'>Call (555) 123-4567</a></section>"
                 "<section class='features'>" + "".join(f"<div class='feature'><h3>Service {i}</h3><p>Fast and friendly.</p></div>" for i in range(4))
                 + "</section><section class='pricing'><div class='plan'><h3>Basic</h3><p>$99</p></div><div class='plan'><h3>Pro</h3>"
                 "<p>$199</p></div></section><form class='contact-form'><input type='text' name='name'><button>Request a quote</button></form>"
                 "<footer><a href='/privacy'>Privacy</a></footer></body></html>")


def test_a_service_page_is_dated_only_by_what_it_declares():
    """An offer's end printed by the headline is no publication; a declared published time is."""
    from extractors.html import extract_html

    head = ld({"@type": "Service", "name": "Plumbing repairs"}) + ld(_PAGE_RECORD)
    page = extract_html(_SERVICE_PAGE.format(head=head).encode(), uri="https://pipepros.example/services/plumbing-repairs")
    assert (page.page_type, page.published) == ("service", None)
    declared = head + '<meta property="article:published_time" content="2024-02-01T09:00:00+01:00">'
    page = extract_html(_SERVICE_PAGE.format(head=declared).encode(), uri="https://pipepros.example/services/plumbing-repairs")
    assert (page.page_type, page.published) == ("service", "2024-02-01T09:00:00+01:00")


@pytest.mark.parametrize("revision", ["<p>Last updated: May 2, 2024</p>", "<p><b>Last updated:</b> May 2, 2024</p>",
                                      "<p>This page was last modified on <time>May 2, 2024</time> by the editors.</p>"])
def test_a_revision_far_from_the_headline_is_read_as_one_however_it_is_marked_up(revision):
    """Far below the body, 'Posted on' and a revision: the page's one first publication dates it, whether the
    revision's label shares the date's text node or not."""
    far = "<p>" + "A long lead paragraph about the roads. " * 40 + "</p>"
    assert published(body=f"{far}<div><span>Posted on April 13, 2023</span></div>{revision}") == "2023-04-13"


def _log_page(lines: int, at: dict[int, str]) -> str:
    """A page whose one <p> holds `lines` <br>-separated lines, each with a number; `at` puts a line at a place."""
    rows = [at.get(i, f"Reading {i} of the meter was taken by hand") for i in range(lines)]
    return "<p>" + "<br>".join(rows) + "</p>"


def test_a_huge_page_is_read_for_dates_from_both_ends_only():
    """A 500,000-line log in one <p> is not read whole for a date: the first and last _LINES_READ lines are."""
    from extractors.html_dates import _LINES_READ, printed_lines

    total = 3 * _LINES_READ
    lines = printed_lines(parse(f"<html><body>{_log_page(total, {})}</body></html>"))
    assert len(lines) == 2 * _LINES_READ
    assert lines[0].startswith("Reading 0 ") and lines[_LINES_READ].startswith(f"Reading {2 * _LINES_READ} ")
    assert lines[-1].startswith(f"Reading {total - 1} ")


def test_a_huge_page_keeps_its_date_line_at_either_end_and_ignores_its_middle():
    from extractors.html_dates import _LINES_READ

    total = 3 * _LINES_READ
    for where, found in ((total - 1, "2023-04-13"), (3, "2023-04-13"), (total // 2, None)):
        body = _log_page(total, {where: "Posted on April 13, 2023"})
        assert published(body=body) == found, where
