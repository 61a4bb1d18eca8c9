"""Main-text recall on articles: one small synthetic page per rule, run through the article path alone
(parse, metadata, extract_article) so a page-type or forum verdict cannot hide what the rule does."""
from extractors.html import parse
from extractors.html_article import extract_article
from extractors.html_metadata import fill_metadata
from output.draft import Draft

PROSE = ("The council approved the new budget after a long debate on Tuesday evening, and schools, roads "
         "and parks all gain from the decision, officials said. ")


def article(html: str) -> Draft:
    root = parse(html)
    draft = Draft(kind="article", extractor="html")
    fill_metadata(root, draft, "https://news.example/a/1")
    extract_article(root, draft)
    return draft


def page(body: str, title: str = "Budget approved") -> str:
    return f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>{body}</body></html>"


def test_utility_classes_naming_descendants_do_not_make_a_body_a_caption():
    # Tailwind variants style the body's figcaptions and hide it on small screens; the body is no caption
    d = article(page(f'<article class="prose [&_figcaption]:mt-2 sm:hidden">' + f"<p>{PROSE}</p>" * 3 + "</article>"))
    assert d.text().count("council approved") == 3 and not d.captions


def test_a_button_left_open_does_not_take_the_article_with_it():
    # no </button>: the parser nests the rest of the page inside the control
    d = article(page(f'<header><button class="menu">Menu<div><main>' + f"<p>{PROSE}</p>" * 3 + "</main></div></header>"))
    assert d.text().count("council approved") == 3


def test_paragraphs_opening_with_a_linked_name_are_not_a_teaser_list():
    items = "".join(f'<p><strong><a href="/book/{i}">Book {i}</a></strong><br>{PROSE * 2}</p>' for i in range(4))
    side = "".join(f'<li><a href="/s/{i}">Another story number {i} on the site</a> short teaser</li>' for i in range(5))
    d = article(page(f"<div class='body'>{items}</div><div><ul>{side}</ul></div>"))
    assert d.text().count("council approved") == 8 and "Another story" not in d.text()
