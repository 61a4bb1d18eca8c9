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


def test_a_body_split_into_product_widgets_is_taken_whole():
    # the scorer's pick (the intro) holds a fraction of the page's paragraphs: the wrapper of all sections is the text
    widget = '<div class="c-product-widget"><h3>Best dishwasher</h3><div class="c-product-widget__content">' + f"<p>{PROSE * 2}</p>" * 2 + "</div></div>"
    d = article(page(f'<main><div class="body"><div class="intro"><p>{PROSE}</p><p>{PROSE}</p></div>{widget * 3}</div></main>'
                     '<footer><a href="/a">About</a> <a href="/c">Contact</a></footer>'))
    assert d.text().count("council approved") == 14 and "Best dishwasher" in d.text() and "Contact" not in d.text()


def test_paragraphs_each_in_a_builder_widget_are_text():
    # page builders wrap every block in a 'widget' container; a widget holding paragraphs is not a sidebar
    blocks = "".join(f'<div class="elementor-widget-container"><h2>Part {i}</h2><p>{PROSE * 3}</p></div>' for i in range(3))
    d = article(page(f'<div class="elementor">{blocks}</div><div class="sidebar"><p>{PROSE}</p></div>'))
    assert d.text().count("council approved") == 9 and "Part 2" in d.text()


def test_a_pick_holding_most_of_the_text_is_not_widened_to_teaser_excerpts():
    teasers = "".join(f'<li><article><h5><a href="/s/{i}">Another story {i}</a></h5><div class="excerpt">'
                      f"{PROSE}</div></article></li>" for i in range(3))
    body = "".join(f"<p>{PROSE} Budget line {i}.</p>" for i in range(6))
    d = article(page(f'<div id="page"><div class="article-body">{body}</div><div class="extra"><ul>{teasers}</ul></div></div>'))
    assert d.text().count("council approved") == 6 and "Another story" not in d.text()


def test_an_article_inside_a_popup_left_open_is_still_found():
    # an unclosed popup wrapper holds the whole page: the prose-richest block outside real chrome is the text
    d = article(page(f'<div class="popup-outer"><div class="next-post"><a href="/n">Next post: a story with a long title here</a></div>'
                     f'<div class="entry-text">' + f"<p>{PROSE}</p>" * 4 + "</div>"))
    assert d.text().count("council approved") == 4


def test_a_byline_link_inside_the_body_does_not_turn_the_rest_into_links():
    d = article(page(f'<div class="post"><p>By <a class="byline" href="/au/s">Steve</a></p>' + f"<p>{PROSE}</p>" * 3 + "</div>"))
    assert d.text().count("council approved") == 3


def test_sections_deeper_than_the_intro_join_it_through_their_common_wrapper():
    items = "".join(f'<div class="item"><div class="card"><h3>Pick {i}</h3><p>{PROSE * 2}</p></div></div>' for i in range(3))
    d = article(page(f'<main><div class="intro"><p>{PROSE}</p><p>{PROSE}</p></div><div class="picks">{items}</div></main>'))
    assert d.text().count("council approved") == 8 and "Pick 2" in d.text()


def test_a_declared_body_with_little_prose_gives_way_to_the_prose():
    d = article(page('<div class="col"><div class="entry-content"><p>Photos: the mayor, the council, the budget, the vote, '
                     'the crowd.</p></div></div><div class="wrap"><div class="txt">' + f"<p>{PROSE}</p>" * 5 + "</div></div>"))
    assert d.text().count("council approved") == 5


def test_a_heading_in_its_own_builder_widget_stays_inside_the_text():
    blocks = "".join(f'<div class="widget-heading"><h2>Question {i}?</h2></div><div class="text-block"><p>{PROSE * 2}</p></div>'
                     for i in range(3))
    d = article(page(f'<div class="entry-content">{blocks}</div><div class="widget-area"><h3>Quick links</h3></div>'))
    assert "Question 1?" in d.paragraphs and "Quick links" not in d.text()
