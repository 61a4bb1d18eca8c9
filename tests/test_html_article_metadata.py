"""Article metadata (authors, publication date, title) as pages state it: JSON-LD, <meta>, <time>,
the URL, and what is printed by the headline. One small synthetic page per rule."""
import doctest
import json

import pytest

import extractors.html_authors
import extractors.html_dates
import extractors.html_metadata
from extractors.html import extract_html, parse
from extractors.html_metadata import fill_metadata
from output.draft import Draft

BODY = "<p>" + "The council approved the new budget after a long debate about schools and roads. " * 3 + "</p>"


@pytest.mark.parametrize("module", [extractors.html_metadata, extractors.html_dates, extractors.html_authors])
def test_doc_examples(module):
    assert doctest.testmod(module).failed == 0


def test_roles_and_agencies_after_names_are_not_authors():
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Budget passed",'
            ' "author": ["By JANE DOE and JOHN ROE, AP National Writer", "Rachel Poe, MS, RD"]}</script>'
            '<meta name="author" content="Associated Press"></head><body><article>' + BODY + "</article></body></html>")
    assert extract_html(html.encode()).authors == ["JANE DOE", "JOHN ROE", "Rachel Poe"]


def test_visible_byline_when_no_markup_names_the_author():
    html = ('<html><head><title>Budget passed</title></head><body><article>'
            '<div class="story-byline">By Lisa Moe | 20 Nov 2019</div>' + BODY + "</article></body></html>")
    assert extract_html(html.encode()).authors == ["Lisa Moe"]


@pytest.mark.parametrize("lang, line, name", [
    ("pl", "Autor: Jan Kowalski", "Jan Kowalski"), ("nl", "Geschreven door Anouk de Vries", "Anouk de Vries"),
    ("sv", "Författare: Karin Lund", "Karin Lund"), ("id", "Penulis: Andi Wijaya", "Andi Wijaya"),
    ("uk", "Автор: Олена Коваль", "Олена Коваль"), ("hu", "Írta: Kovács Anna", "Kovács Anna"),
    ("ja", "著者：山田太郎", "山田太郎"), ("zh", "记者：张伟", "张伟"), ("he", "מאת: דנה לוי", "דנה לוי"),
])
def test_byline_labels_of_many_languages(lang, line, name):
    html = (f'<html lang="{lang}"><head><title>Budget passed</title></head><body><article><h1>Budget passed</h1>'
            + BODY * 4 + f"<p>{line}</p>" + "</article></body></html>")  # far from the headline: the label alone marks it
    assert extract_html(html.encode()).authors == [name]


@pytest.mark.parametrize("line", ["Craig Mott Last updated on 17 December 2025", "Craig Mott | Published: 3 May 2024",
                                  "Craig Mott Aktualisiert am 3. Mai 2024"])
def test_a_dates_label_goes_with_the_date(line):
    html = ('<html><head><title>Budget passed</title></head><body><article><h1>Budget passed</h1>'
            f'<div class="post-author">{line}</div>' + BODY + "</article></body></html>")
    assert extract_html(html.encode()).authors == ["Craig Mott"]


def test_author_archive_link_is_a_byline():
    html = ('<html><head><title>Budget passed</title></head><body><article>'
            '<span>Posted by <a href="https://news.example/author/carl-noe/">Carl Noe</a></span>' + BODY + "</article></body></html>")
    assert extract_html(html.encode()).authors == ["Carl Noe"]


# ---------------------------------------------------------------- helpers: metadata of a small synthetic page


def meta(head: str = "", body: str = "", uri: str = "") -> Draft:
    draft = Draft(kind="article", extractor="html")
    fill_metadata(parse(f"<html><head>{head}</head><body>{body}{BODY}</body></html>"), draft, uri)
    return draft


def ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# ---------------------------------------------------------------- publication date

def test_jsonld_published_beats_modified_and_meta():
    d = meta(ld({"@type": "NewsArticle", "dateModified": "2024-05-01", "datePublished": "2024-03-10"})
             + '<meta property="article:published_time" content="2023-01-01">')
    assert (d.published, d.modified) == ("2024-03-10", "2024-05-01")


@pytest.mark.parametrize("obj", [
    {"@graph": [{"@type": "WebSite", "name": "X"}, {"@type": "Article", "datePublished": "2024-03-10T08:00:00+01:00"}]},
    [{"@type": "Organization", "name": "X"}, {"@type": "BlogPosting", "datePublished": "2024-03-10T08:00:00+01:00"}],
    {"@type": "WebPage", "mainEntity": {"@type": "Article", "datePublished": "2024-03-10T08:00:00+01:00"}},
])
def test_jsonld_graph_list_and_nested_objects(obj):
    assert meta(ld(obj)).published == "2024-03-10T08:00:00+01:00"


def test_page_local_day_and_offset_are_kept():
    d = meta(ld({"@type": "Article", "datePublished": "2024-03-10T23:30:00-05:00"}))
    assert d.published == "2024-03-10T23:30:00-05:00"  # not 2024-03-11 in UTC


@pytest.mark.parametrize("name", ["article:published_time", "og:published_time", "dc.date.issued", "parsely-pub-date", "sailthru.date", "datePublished"])
def test_meta_tag_names(name):
    attr = "itemprop" if name == "datePublished" else "property" if ":" in name else "name"
    assert meta(f'<meta {attr}="{name}" content="2024-03-10">').published == "2024-03-10"


def test_time_element_then_url_then_printed_line():
    assert meta(body='<time datetime="2024-03-10T10:00:00+02:00">Sunday</time>').published == "2024-03-10T10:00:00+02:00"
    assert meta(uri="https://news.example/2024/03/10/floods").published == "2024-03-10"
    assert meta(body="<h1>Floods in the valley</h1><p>By Jane Doe</p><p>Published 10 March 2024</p>").published == "2024-03-10"


def test_month_name_in_the_url_path():
    assert meta(uri="https://wine.example/blog/2023/october/03/wine-types").published == "2023-10-03"


def test_date_marked_element_far_from_the_headline():
    far = "<p>" + "Grapes ripen slowly in the hills. " * 40 + "</p>"
    assert meta(body=f'<h1>Wine types</h1>{far}<div class="post-date">Posted on April 13, 2023</div>').published == "2023-04-13"


def test_revision_line_loses_to_first_publication_line():
    d = meta(body="<h1>Floods</h1><p>Updated March 12, 2024</p><p>March 10, 2024</p>")
    assert d.published == "2024-03-10"


def test_regional_weekday_line_near_the_title():
    d = meta(body="<h1>سیلاب در ولایت ننگرهار</h1><p>پنجشنبه ۱۲ اردیبهشت ۱۴۰۲ ساعت ۱۰:۳۰</p>")
    assert d.published[:10] == "2023-05-02"


def test_utc_stamp_gives_way_to_the_printed_local_day():
    d = meta(ld({"@type": "Article", "datePublished": "2025-12-19T03:05:00Z"}), uri="https://blog.example/2025/12/18/post")
    assert d.published == "2025-12-18"


@pytest.mark.parametrize("body", ["<h1>Plans</h1><p>March 10, 2999</p>", "<h1>Old news</h1><p>March 10, 1990</p>"])
def test_implausible_printed_dates_are_refused(body):
    assert meta(body=body).published is None


def test_structured_data_may_state_an_old_date():
    assert meta(ld({"@type": "ScholarlyArticle", "datePublished": "1987-06-01"})).published == "1987-06-01"


# ---------------------------------------------------------------- authors

def test_jsonld_person_list_and_organisation_publisher():
    d = meta(ld({"@type": "Article", "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
                 "publisher": {"@type": "Organization", "name": "Daily Post"}}))
    assert d.authors == ["Jane Doe", "John Roe"]


def test_site_name_is_not_an_author_when_a_person_is_named():
    d = meta(ld({"@type": "Article", "author": {"@type": "Organization", "name": "Daily Post"}})
             + '<meta property="og:site_name" content="Daily Post">', body='<h1>Floods</h1><p class="byline">By Lisa Moe</p>')
    assert d.authors == ["Lisa Moe"]


def test_personal_site_owner_stays_the_author():
    d = meta('<meta name="author" content="Sam Bossley"><meta name="publisher" content="Sam Bossley">')
    assert d.authors == ["Sam Bossley"]


def test_citation_authors_family_name_first():
    d = meta('<meta name="citation_author" content="Roy, Aniruddha"><meta name="citation_author" content="Patel, Jyoti">')
    assert d.authors == ["Aniruddha Roy", "Jyoti Patel"]


def test_twitter_label_and_written_by_label():
    assert meta('<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Tyler Brown">').authors == ["Tyler Brown"]
    assert meta(body="<h1>Floods</h1><p>Written by</p><p>Edzel Tabing</p>").authors == ["Edzel Tabing"]


def test_byline_labels_dates_and_entities_are_stripped():
    assert meta(body='<h1>Go blog</h1><p class="author">Andrew Gerrand<br>4 August 2010</p>').authors == ["Andrew Gerrand"]
    assert meta(body="<h1>Coffee</h1><p>Text by Hunter Dukes</p>").authors == ["Hunter Dukes"]
    assert meta('<meta name="author" content="Maria &amp;amp; Katerina">').authors == ["Maria", "Katerina"]



def test_a_by_phrase_in_navigation_is_no_byline():
    assert meta(body='<nav><a href="/b">Shop by Brand</a></nav><h1>Budget passed</h1>').authors == []


@pytest.mark.parametrize("line, authors", [("By Price", []), ("By Category", []), ("By Jane Roe", ["Jane Roe"])])
def test_a_by_line_far_from_the_headline_names_someone_by_more_than_one_word(line, authors):
    far = "<p>" + "Our shop sells tables, chairs and lamps for every room of the house. " * 20 + "</p>"
    assert meta(body=f"<h1>Living room</h1>{far}<div><h3>{line}</h3></div>").authors == authors


def test_the_sites_own_name_credited_by_structured_data_beats_a_line_elsewhere():
    d = meta(ld({"@type": "BlogPosting", "author": {"@type": "Person", "name": "Swoogo"}}) + '<meta property="og:site_name" content="Swoogo">',
             body='<h1>Planning skills</h1>' + BODY * 4 + '<footer><p>By Event Type</p></footer>', uri="https://swoogo.events/blog/x")
    assert d.authors == ["Swoogo"]


def test_a_bare_label_then_the_name_in_the_next_box():
    body = '<h1>Weight loss</h1>' + BODY + '<section><h2>Article written by:</h2><div><img src="a.jpg"><p>Doris Mantilla</p></div></section>'
    assert meta(body=body).authors == ["Doris Mantilla"]


def test_a_name_run_into_its_label_or_job_title_by_markup():
    assert meta(body='<h1>Health plans</h1><div class="author"><span>Author</span><span>Jane Roe</span></div>').authors == ["Jane Roe"]
    assert meta(body='<h1>Go testing</h1><div class="author-box"><b>Preetam Jinka</b>Co-founder</div>').authors == ["Preetam Jinka"]



def test_a_forum_login_credited_by_structured_data_is_an_author():
    d = meta(ld({"@type": "DiscussionForumPosting", "headline": "Office 2024", "author": {"@type": "Person", "name": "paulb203"}}))
    assert d.authors == ["paulb203"]


def test_a_by_label_in_a_search_form_is_no_byline():
    body = BODY * 4 + '<form><label>By:</label><input name="u"><span>Search Advanced</span></form>'
    assert meta(body="<h1>Graphics cards</h1>" + body).authors == []



def test_authors_printed_together_not_a_related_storys_byline():
    body = ('<h1>Cloud inference</h1>' + BODY * 4 + '<div class="meta"><p><a rel="author" href="/a/vg">Victoria Gayton</a> and '
            '<a rel="author" href="/a/jr">Jo Roe</a></p></div>' + '<aside><ul><li><div><a rel="author" href="/a/md">Maria Deutscher</a>'
            '</div></li></ul></aside>')
    assert meta(body=body).authors == ["Victoria Gayton", "Jo Roe"]


@pytest.mark.parametrize("line, authors", [
    ("By <a href='/author/vg'>Victoria Gayton</a> and <a href='/author/jr'>Jo Roe</a>", ["Victoria Gayton", "Jo Roe"]),
    ("<span class='author'>Victoria Gayton</span>, <span class='author'>Jo Roe</span>", ["Victoria Gayton", "Jo Roe"]),
    ("By <a href='/author/vg'>Victoria Gayton</a>. Reviewed by <a href='/author/jr'>Jo Roe, DVM</a>", ["Victoria Gayton"]),
    ("<a class='author' href='/author/vg'>Victoria Gayton</a> <span class='author-title'>Gardener &amp; Astrologer</span>", ["Victoria Gayton"]),
])
def test_co_authors_marked_alike_by_the_headline(line, authors):
    """Every author-marked name a joiner sets off in the byline line by the headline, not the first alone; a reviewer's
    or a job title marked alike is none."""
    assert meta(body=f"<h1>Cloud inference</h1><p>{line}</p>").authors == authors



@pytest.mark.parametrize("line, authors", [("By Jane Roe and Jo Poe for The Times", ["Jane Roe", "Jo Poe"]),
                                           ("By JANE ROE FOR DAILYMAIL.COM", ["JANE ROE"]), ("By Jane Roe For Example News", ["Jane Roe"])])
def test_the_outlet_a_writer_wrote_for_is_no_name(line, authors):
    assert meta(body=f"<h1>Cloud inference</h1><p>{line}</p>").authors == authors


@pytest.mark.parametrize("line", ["By Jane Roe. Edited by Jo Poe", "Written by Jane Roe; Photos by Jo Poe",
                                  "By Jane Roe<br>Illustrations by Jo Poe", "By Jane Roe · Reviewed by: Jo Poe, MD"])
def test_the_next_credit_ends_the_byline(line):
    """An editor, a reviewer or a photographer credited after the writer in the same line is no author."""
    assert meta(body=f"<h1>Cloud inference</h1><p>{line}</p>").authors == ["Jane Roe"]


@pytest.mark.parametrize("line, authors", [("Posted on May 3, 2024 by Jane Roe", ["Jane Roe"]), ("May 3, 2024 · By Jane Roe", ["Jane Roe"]),
                                           ("Last updated on May 3, 2024 by Jane Roe", [])])
def test_a_byline_opening_with_its_date(line, authors):
    """The date a byline line opens with is read past; a revision's date credits the last editor, no author."""
    assert meta(body=f"<h1>Cloud inference</h1><p>{line}</p>").authors == authors


def test_an_organisations_name_with_and_stays_whole():
    assert meta('<meta name="author" content="Center for Drug Evaluation and Research">').authors == ["Center for Drug Evaluation and Research"]



def test_a_site_credited_by_its_domain_name_is_the_author_but_a_link_is_not():
    assert meta('<meta name="author" content="AccountingDepartment.com">', uri="https://www.accountingdepartment.com/x").authors == ["AccountingDepartment.com"]
    assert meta('<meta name="author" content="https://www.facebook.com/jdoe">').authors == []


def test_a_declared_author_the_page_never_prints_gives_way_to_the_byline_by_the_headline():
    head = ld({"@type": "Article", "author": {"@type": "Person", "name": "Colin Madison"}})
    printed_byline = '<h1>Hardened images</h1><p>By <a href="/contributors/cd">Christian Dupuis</a></p>' + BODY
    assert meta(head, body=printed_byline).authors == ["Christian Dupuis"]
    assert meta(head, body=printed_byline + "<footer><p>Web editor: Colin Madison</p></footer>").authors == ["Colin Madison"]
    assert meta(head, body='<h1>Hardened images</h1><p>By <a href="/blog">Blog</a></p>' + BODY).authors == ["Colin Madison"]


@pytest.mark.parametrize("value", ["undefined", "admin", "Webmaster", "Administrador"])
def test_an_author_field_nobody_filled_names_no_one(value):
    assert meta(f'<meta name="author" content="{value}">', body="<h1>Budget passed</h1>").authors == []
    assert meta(f'<meta name="author" content="{value}">', body="<h1>Budget passed</h1><p>By Jane Roe</p>").authors == ["Jane Roe"]


def test_another_languages_byline_word_opens_no_byline():
    line = "<h1>Home gym on a budget</h1><ul><li>Door Straps</li></ul>"
    assert extract_html(f"<html lang='en'><body>{line}{BODY}</body></html>".encode()).authors == []
    assert extract_html(f"<html lang='nl'><body>{line.replace('Straps', 'Jan de Vries')}{BODY}</body></html>".encode()).authors == ["Jan de Vries"]


def test_a_link_marks_an_author_only_by_a_whole_path_segment():
    nav = '<div><a href="/writers-guidelines">Writers Guidelines</a><a href="/detroit-resume-writers/">Midwest - Detroit</a></div>'
    assert meta(body=nav + "<h1>Electronic gadgets</h1>").authors == []
    assert meta(body='<h1>Electronic gadgets</h1><p><a href="/writers/jane-roe">Jane Roe</a></p>').authors == ["Jane Roe"]
    assert meta(body='<h1>Electronic gadgets</h1><p><a href="/blog?author=7">Jane Roe</a></p>').authors == ["Jane Roe"]


def test_a_byline_box_does_not_run_into_the_next_box():
    body = ('<h1>Legal challenges</h1><div class="by-share"><div><p>By: Paul Fenaroli</p></div>'
            '<div class="share"><p>Share</p><ul><li><a href="/fb">f</a></li></ul></div></div>')
    assert meta(body=body).authors == ["Paul Fenaroli"]
    assert meta(body='<h1>Legal challenges</h1><div><p>By <a href="/p/jr">Jane Roe</a></p></div>').authors == ["Jane Roe"]


def test_a_drawings_labels_are_no_byline():
    diagram = '<div><svg><text>ORDER</text><text>BY</text><path d="M0"/><text>LIMIT</text></svg></div>'
    assert meta(body="<h1>SELECT</h1>" + diagram).authors == []


def _card(name: str, photo: str) -> str:
    return (f'<div class="card"><img src="p.jpg" alt="{photo}"><h3>{name}</h3>'
            f"<p>{name} is the head of marketing and writes about podcasting gear.</p></div>")


def test_an_author_card_names_the_author_where_nothing_else_does():
    site = '<meta property="og:site_name" content="Buzzsprout">' + ld({"@type": "Article", "author": {"@type": "Organization", "name": "Buzzsprout"}})
    assert meta(site, body="<h1>Podcast gear</h1>" + BODY + _card("Alban Brooke", "Alban Brooke")).authors == ["Alban Brooke"]
    topic = '<div><h3>Renewable Energy</h3><p>Renewable Energy is energy from sources that are naturally replenished.</p></div>'
    assert meta(body="<h1>Podcast gear</h1>" + BODY + topic).authors == []
    assert meta(body="<h1>Podcast gear</h1>" + BODY + _card("Alban Brooke", "microphone")).authors == []


# ---------------------------------------------------------------- titles

def test_printed_headline_that_shares_words_with_the_declared_title():
    d = meta('<meta property="og:title" content="Floods in Sindh: thousands displaced | Dawn">',
             body="<h1>Floods in Sindh: thousands displaced as rivers rise</h1>")
    assert d.title == "Floods in Sindh: thousands displaced as rivers rise"


def test_declared_title_when_the_h1_is_a_logo():
    d = meta('<title>Advent of Code 2025 week 2 | RogerBW</title>', body="<h1>RogerBW's Blog</h1>")
    assert d.title == "Advent of Code 2025 week 2"


def test_title_entities_and_style_inside_the_headline():
    d = meta("<title>M&amp;amp;A Roundup</title>", body="<h1>M&amp;A <style>.x{color:red}</style>Roundup</h1>")
    assert d.title == "M&A Roundup"


def test_h1_repeating_the_titles_trailing_part_is_the_masthead():
    d = meta("<title>Plan and audience | Intro to Qubits</title>", body="<h1>Intro to Qubits</h1>")
    assert d.title == "Plan and audience"


@pytest.mark.parametrize("declared", ["<title>Quickstart — Flask Documentation (3.1.x)</title>",
                                      '<meta property="og:title" content="News | Student Support Accelerator">'])
def test_short_first_part_of_the_declared_title_is_no_site_name(declared):
    """A short first part is cut only when it names the site: here the <h1> prints it, the headline."""
    h1 = "Quickstart" if "Quickstart" in declared else "News"
    assert meta(declared, body=f"<h1>{h1}</h1>").title == h1


def test_h1_repeating_a_part_that_not_every_declared_title_ends_with_is_the_headline():
    d = meta('<meta property="og:title" content="Fiercely Strong Coffee | Dark Roast Coffee">'
             "<title>Fiercely Strong Coffee | Dark Roast Coffee – Death Wish Coffee</title>", body="<h1>Dark Roast Coffee</h1>")
    assert d.title == "Dark Roast Coffee"


@pytest.mark.parametrize("uri, title", [("https://www.dawn.com/news/1", "Floods in Sindh, thousands displaced"),
                                         ("https://other.example/news/1", "Dawn - Floods in Sindh, thousands displaced")])
def test_leading_part_cut_only_when_it_names_the_site(uri, title):
    assert meta("<title>Dawn - Floods in Sindh, thousands displaced</title>", uri=uri).title == title


@pytest.mark.parametrize("h1", ["Build and deploy on the AI Cloud.", "What are the wine types?"])
def test_an_h1_that_is_a_sentence_or_a_question_sharing_some_words_is_no_headline(h1):
    d = meta("<title>A guide to wine types and the AI Cloud | Example</title>", body=f"<h1>{h1}</h1>")
    assert d.title == "A guide to wine types and the AI Cloud"


def test_an_h1_question_held_by_the_declared_title_is_the_headline():
    d = meta("<title>What is a Mobile App? Definition and Types | Example</title>", body="<h1>What is a Mobile App?</h1>")
    assert d.title == "What is a Mobile App?"


def test_headline_read_in_printed_order():
    d = meta("<title>Trail 25 Pack | Shop</title>", body="<h1><a href='/b'><!--[-->REI Co-op <!--]--></a> Trail 25 Pack</h1>")
    assert d.title == "REI Co-op Trail 25 Pack"


@pytest.mark.parametrize("head, body, uri", [
    ("<title>Game Changer | Newegg.com</title>", "", "https://promotions.newegg.com/zotac/17/index.html"),
    ("<title>Vehicle rental news | WRAL</title>", "<h1>Vehicle rental news | WRAL</h1>", "https://www.wral.com/vehicle-rental/1/"),
    ("<title>Electrical Overview | Occupational Safety and Health Administration</title>",
     '<header><a href="/" title="Occupational Safety and Health Administration"><img alt="OSHA logo"></a></header>', "https://www.osha.gov/x"),
])
def test_the_sites_name_found_by_repetition_is_cut_from_the_title(head, body, uri):
    """The site's name as the domain writes it, as an <h1> printing the whole <title> repeats it, as the home link says it."""
    assert meta(head, body=body, uri=uri).title in ("Game Changer", "Vehicle rental news", "Electrical Overview")


@pytest.mark.parametrize("uri, title", [("https://lessons.example/2008/09/lean-startup.html", "The lean startup"),
                                         ("https://lessons.example/", "Lessons Learned")])
def test_an_h1_printing_only_the_link_home_is_the_masthead_except_at_home(uri, title):
    d = meta('<meta property="og:title" content="The lean startup"><title>Lessons Learned: The lean startup</title>', body='<h1><a href="https://lessons.example/">Lessons Learned</a></h1>', uri=uri)
    assert d.title == title


def test_an_h1_whose_encoding_lost_characters_gives_way_to_the_declared_copy():
    d = meta("<title>Event Planning: Beginner’s Guide</title>", body="<h1>Event Planning? Beginner? Guide</h1>")
    assert d.title == "Event Planning: Beginner’s Guide"


def test_a_declared_title_that_is_only_the_sites_name_gives_way_to_another():
    d = meta('<meta property="og:title" content="Bombas"><meta property="og:site_name" content="Bombas"><title>All Men’s Socks</title>',
             uri="https://shop.bombas.example/collections/mens-socks")
    assert d.title == "All Men’s Socks"


def test_a_one_word_home_link_is_no_site_name():
    """A one-word link home is as often a section's: a title's part repeating it is not cut as the site's name."""
    d = meta("<title>News | Student Support Accelerator</title>", body='<nav><a href="/">News</a></nav>', uri="https://ssa.example/news")
    assert d.title.startswith("News")


@pytest.mark.parametrize("unseen", ['<span class="visually-hidden">Story: </span>', '<span class="govuk-visually-hidden">Story: </span>',
                                    '<span hidden>Story: </span>', '<span style="display: none">Story: </span>'])
def test_text_no_one_sees_is_no_part_of_the_headline(unseen):
    d = meta("<title>Trail 25 Pack | Shop</title>", body=f"<h1>{unseen}Trail 25 Pack<svg><title>Copy link</title></svg></h1>")
    assert d.title == "Trail 25 Pack"


def test_a_display_toggle_class_is_printed_on_some_screen():
    d = meta("<title>Trail 25 Pack | Shop</title>", body='<h1>Trail 25 <span class="hidden md:inline">Pack</span></h1>')
    assert d.title == "Trail 25 Pack"


# ---------------------------------------------------------------- the benchmark on a few validation pages

@pytest.mark.slow
def test_metadata_benchmark_runs_on_validation_pages(shared_dir):
    from benchmarks import metadata as bench

    pages = bench.load("wcxb-dev", "validation", 3)
    results, speed = bench.run(pages, bench.docingest)
    assert len(results) == 3 and speed > 0
    for result in results:
        assert set(result) == {"date", "authors", "title"} and isinstance(result["authors"], list)
        assert result["date"] is None or result["date"][:4].isdigit()
    assert set(bench.score(pages, results)) >= {"date_acc", "date_prec", "author_f1", "title"}


BODY = ("<p>The municipality says repair work on the side roads of three districts started today and will last "
        "until the end of the month, officials said.</p><p>The project costs about two million dollars from the "
        "development budget, and more than three hundred workers are employed on it.</p>")


@pytest.mark.parametrize("byline, date", [
    ("By Jane Roe", "Monday, March 18, 2024 - 10:30"),
    ("نویسنده: فریده احمدی", "دوشنبه ۲۸ حوت ۱۴۰۲ - ۱۰:۳۰"),
])
def test_byline_and_date_lines_opening_the_body_move_to_stripped(byline, date):
    page = (f"<html><body><article><h1>Roads repaired</h1><div class='author'>{byline}</div>"
            f"<div class='date'>{date}</div>{BODY}</article></body></html>").encode()
    draft = extract_html(page)
    assert draft.paragraphs[0].startswith("The municipality")  # not opened (or joined) by the metadata lines
    assert [(s.text, s.reason) for s in draft.stripped if s.reason in ("byline", "date_line")] == [
        (byline, "byline"), (date, "date_line")]
    assert draft.authors and draft.published.startswith("2024-03-18")


def test_a_byline_naming_someone_else_stays_in_the_text():
    page = ("<html><head><meta name='author' content='Ali Karimi'></head><body><article><h1>Roads repaired</h1>"
            f"<p>By Jane Roe</p>{BODY}</article><footer>Page editor: Ali Karimi</footer></body></html>").encode()
    draft = extract_html(page)
    assert draft.authors == ["Ali Karimi"] and draft.paragraphs[0] == "By Jane Roe"


def _page_of_items(head: str = "") -> bytes:
    """A category page: three stories, each a headline, its own byline and a one-sentence summary."""
    summary = "<p>The council approved the new budget after a long debate about schools and roads in the city.</p>"
    cards = "".join(f'<article class="post-card"><h2><a href="https://news.example/2024/05/story-{i}/">Council story number {i}'
                    f' about the budget vote</a></h2><p class="byline">By {name}</p>{summary}</article>'
                    for i, name in enumerate(["Jane Doe", "John Roe", "Lisa Moe"], 1))
    return (f"<html><head><title>Politics | News Example</title>{head}</head><body><h1>Politics</h1>"
            f"<main>{cards}</main></body></html>").encode()


def test_an_items_bylines_are_not_the_listing_pages_authors():
    uri = "https://news.example/category/politics/"
    draft = Draft()
    fill_metadata(parse(_page_of_items().decode()), draft, uri)
    assert draft.authors == ["Jane Doe"]  # what the byline readers alone take: the first item's
    page = extract_html(_page_of_items(), uri=uri)
    assert (page.page_type, page.authors) == ("listing", [])


def test_a_listing_page_keeps_the_author_it_declares():
    page = extract_html(_page_of_items('<meta name="author" content="Dana Poe">'), uri="https://news.example/category/politics/")
    assert (page.page_type, page.authors) == ("listing", ["Dana Poe"])


def test_an_articles_printed_byline_is_kept():
    html = ('<html><head><title>Budget passed</title></head><body><article><h1>Budget passed</h1>'
            '<p class="byline">By Jane Doe</p>' + BODY + "</article></body></html>")
    page = extract_html(html.encode(), uri="https://news.example/2024/05/budget-passed/")
    assert (page.page_type, page.authors) == ("article", ["Jane Doe"])


def _product_page(head: str = "") -> bytes:
    offer = {"@context": "https://schema.org", "@type": "Product", "name": "Trail 25 Pack",
             "offers": {"@type": "Offer", "price": "89.00", "priceCurrency": "USD"}}
    return ("<html><head><title>Trail 25 Pack | Example Outfitters</title>" + ld(offer) + head + "</head><body>"
            '<h1>Trail 25 Pack</h1><p class="byline">By Summit Gear Co</p><p class="price">$89.00</p>'
            '<button class="add-to-cart">Add to cart</button>' + BODY + "</body></html>").encode()


def test_a_product_pages_printed_by_line_is_no_author():
    page = extract_html(_product_page(), uri="https://shop.example/products/trail-25-pack")
    assert (page.page_type, page.authors) == ("product", [])


def test_a_product_page_keeps_the_author_it_declares():
    page = extract_html(_product_page('<meta name="author" content="Dana Poe">'), uri="https://shop.example/products/trail-25-pack")
    assert (page.page_type, page.authors) == ("product", ["Dana Poe"])
