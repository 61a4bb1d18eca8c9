"""Article metadata: who wrote it, as pages state it in JSON-LD, <meta> and visible bylines."""
import doctest

import extractors.html_metadata
from extractors.html import extract_html

BODY = "<p>" + "The council approved the new budget after a long debate about schools and roads. " * 3 + "</p>"


def test_doc_examples():
    assert doctest.testmod(extractors.html_metadata).failed == 0


def test_roles_and_agencies_after_names_are_not_authors():
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Budget passed",'
            ' "author": ["By JANE DOE and JOHN ROE, AP National Writer", "Rachel Poe, MS, RD"]}</script>'
            '<meta name="author" content="Associated Press"></head><body><article>' + BODY + "</article></body></html>")
    assert extract_html(html.encode()).authors == ["JANE DOE", "JOHN ROE", "Rachel Poe"]


def test_visible_byline_when_no_markup_names_the_author():
    html = ('<html><head><title>Budget passed</title></head><body><article>'
            '<div class="story-byline">By Lisa Moe | 20 Nov 2019</div>' + BODY + "</article></body></html>")
    assert extract_html(html.encode()).authors == ["Lisa Moe"]


def test_author_archive_link_is_a_byline():
    html = ('<html><head><title>Budget passed</title></head><body><article>'
            '<span>Posted by <a href="https://news.example/author/carl-noe/">Carl Noe</a></span>' + BODY + "</article></body></html>")
    assert extract_html(html.encode()).authors == ["Carl Noe"]
