"""Page types from structure, and what they route: small synthetic pages of each type, the listing path,
the forum gate, the record field; and the field on a handful of real WCXB validation pages (not the score)."""
import gzip
import json
import math
from pathlib import Path

import lxml.html
import pytest

from extractors import html as html_extractor
from extractors.html import extract_html
from extractors.page_type import PAGE_TYPES, classify, evidence
from output.draft import Draft
from output.record import build_record

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
PROSE = ("The committee met on Tuesday to weigh the proposal, which had been debated for months, and its members, "
         "after a long discussion of costs, timing and the views of residents, agreed to revisit it in spring. ")


def page(body: str, head: str = "", title: str = "A page") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def jsonld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


NAV = "<nav><ul>" + "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(6)) + "</ul></nav>"
FOOTER = "<footer><p>© Example</p><a href='/about'>About</a> <a href='/contact'>Contact</a></footer>"

ARTICLE = page(
    NAV + "<article><h1>Council delays the vote</h1><p class='byline'>By Ann Lee</p><time datetime='2024-03-02'>2 March</time>"
    + "".join(f"<p>{PROSE * 2}</p>" for _ in range(6)) + "</article>" + FOOTER,
    head=jsonld({"@type": "NewsArticle", "headline": "Council delays the vote", "datePublished": "2024-03-02",
                 "author": {"@type": "Person", "name": "Ann Lee"}}) + '<meta property="og:type" content="article">')

STORIES = [f"Storm {i} closes the coastal road for the whole weekend" for i in range(8)]
LISTING = page(
    NAV + "<main><h1>Weather news</h1><div class='toast'>Link has been copied to clipboard</div>"
    + "".join(f'<div class="story-card"><h3><a href="/news/weather/{i}">{t}</a></h3><p>Summary of story {i}, short.</p>'
              f'<span class="date">2 March</span></div>' for i, t in enumerate(STORIES))
    + "<ul class='pagination'><li><a href='?page=2'>2</a></li><li><a href='?page=3'>3</a></li></ul></main>" + FOOTER,
    head='<meta property="og:type" content="website">')

PRODUCTS = [f"Trail Runner {i} shoe" for i in range(10)]
COLLECTION = page(
    NAV + "<main><h1>Running shoes</h1><div class='filters'><select><option>Sort by</option></select></div>"
    "<div class='filtering-and-pagination'><ul class='product-grid'>"  # a wrapper's class name does not make the grid chrome
    + "".join(f'<li class="product-card"><a href="/products/p{i}"><img src="p{i}.jpg" alt=""><h3>{t}</h3></a>'
              f'<span class="price">$1{i}9.00</span><button class="add-to-cart">Add to cart</button></li>' for i, t in enumerate(PRODUCTS))
    + "</ul></div></main>" + FOOTER,
    head='<meta property="og:type" content="product.group">')

PRODUCT = page(
    NAV + "<main class='product-detail'><div class='product-gallery'><img src='a.jpg'><img src='b.jpg'></div>"
    "<h1>Trail Runner 3 shoe</h1><span class='price' itemprop='price'>$139.00</span><form action='/cart/add'>"
    "<select name='size'><option>42</option></select><input type='number' name='quantity' value='1'>"
    "<button class='add-to-cart'>Add to cart</button></form><div class='product-description'><p>A light shoe for long trails, "
    "with a grippy sole.</p></div><div class='reviews'><p>4.5 stars</p></div></main>" + FOOTER,
    head=jsonld({"@type": "Product", "name": "Trail Runner 3", "offers": {"@type": "Offer", "price": "139.00"}})
    + '<meta property="og:type" content="product">')

DOCS = page(
    "<div class='sphinxsidebar'><div class='toctree-wrapper'><ul>" + "".join(f'<li><a href="#s{i}">Section {i}</a></li>' for i in range(8))
    + "</ul></div></div><div class='document'><div class='body'><h1>itertools — iterator building blocks</h1>"
    + "".join(f"<h2 id='s{i}'>Function {i}<a class='headerlink' href='#s{i}'>¶</a></h2><p>Make an iterator that returns elements "
              f"from the iterable, as described in the table of recipes below and in the notes.</p>"
              f"<div class='highlight'><pre><code>for x in chain('ab', 'cd'):\n    print(x)</code></pre></div>" for i in range(6))
    + "</div></div>")

SERVICE = page(
    NAV + "<section class='hero'><h1>Plumbing repairs, same day</h1><a class='btn btn-primary cta' href='/book'>Book now</a>"
    "<a href='tel:+15551234567'>Call (555) 123-4567</a></section><section class='features'>"
    + "".join(f"<div class='feature'><h3>Service {i}</h3><p>Fast and friendly.</p></div>" for i in range(4))
    + "</section><section class='testimonials'><blockquote>Great work!</blockquote><blockquote>On time.</blockquote></section>"
    "<section class='pricing'><div class='plan'><h3>Basic</h3><p>$99</p></div><div class='plan'><h3>Pro</h3><p>$199</p></div></section>"
    "<form class='contact-form'><input type='text' name='name'><input type='email' name='email'><textarea></textarea>"
    "<button>Request a quote</button></form>" + FOOTER,
    head=jsonld({"@type": "Plumber", "name": "Pipe Pros"}) + jsonld({"@type": "Service", "name": "Plumbing repairs"}))

THREAD = page(
    "<div class='thread-view'><h1>Boot fails after update</h1>"
    + "".join(f"<div class='post-row' id='post{i}'><div class='user-info'><a href='/members/u{i % 3}' class='username'>user{i % 3}</a>"
              f"<span class='joined'>Joined 2019</span></div><div class='post-body'><time datetime='2024-01-0{i + 1}'>Jan {i + 1}</time>"
              f"<div class='bbcode'>Reply {i}: try booting the old kernel from the menu and check the journal.</div></div></div>"
              for i in range(5))
    + "</div>",
    head=jsonld({"@type": "DiscussionForumPosting", "headline": "Boot fails after update", "author": {"name": "user0"}}))


@pytest.mark.parametrize("html, url, expected", [
    (ARTICLE, "https://news.example/2024/03/02/council-delays-the-vote-on-the-new-bridge", "article"),
    (LISTING, "https://news.example/news/weather/", "listing"),
    (COLLECTION, "https://shop.example/collections/running-shoes", "collection"),
    (PRODUCT, "https://shop.example/products/trail-runner-3", "product"),
    (DOCS, "https://docs.example.org/3/library/itertools.html", "documentation"),
    (SERVICE, "https://pipepros.example/services/plumbing-repairs", "service"),
    (THREAD, "https://forum.example/threads/boot-fails-after-update.123/", "forum_thread"),
])
def test_each_type_from_its_structure(html, url, expected):
    assert classify(lxml.html.fromstring(html), url) == expected


def test_front_page_listing_items_is_a_homepage():
    assert classify(lxml.html.fromstring(LISTING), "https://news.example/") == "homepage"


def test_page_without_text_is_other():
    assert classify(lxml.html.fromstring(page("<div><a href='/'>Home</a></div>")), "https://x.example/a") == "other"


def test_unknown_address_adds_no_url_evidence():
    """A local file has no web address: the URL's evidence is left out, not read from the file path."""
    root = lxml.html.fromstring(ARTICLE)
    assert not any(k.startswith(("url_", "seg_", "last_")) for k in evidence(root, "/data/pages/x.html"))
    assert classify(root, "/data/pages/x.html") == "article"


def test_prose_in_one_body_or_one_paragraph_per_section():
    """An article's paragraphs share one container; a landing page puts one beside a picture in each section block."""
    paragraphs = [PROSE.replace("committee", f"team {i}") for i in range(6)]
    one_body = page("<main><h1>Help</h1><div class='text'>" + "".join(f"<h2>Part {i}</h2><p>{p}</p>" for i, p in enumerate(paragraphs))
                    + "</div></main>")
    sections = page("<main><h1>Help</h1>" + "".join(f"<div class='block'><div><h2>Part {i}</h2><p>{p}</p></div><img src='{i}.jpg'></div>"
                                                     for i, p in enumerate(paragraphs)) + "</main>")
    body, split = (evidence(lxml.html.fromstring(html), "https://x.example/help") for html in (one_body, sections))
    assert (body["prose_concentration"], body["body_paragraphs"]) == (1.0, pytest.approx(math.log1p(6)))
    assert (split["prose_concentration"], split["body_paragraphs"]) == (pytest.approx(1 / 6), pytest.approx(math.log1p(1)))
    assert "prose_concentration" not in evidence(lxml.html.fromstring(page("<p>Short.</p>")), "https://x.example/a")


def test_listing_text_is_its_items_in_order_not_a_widget_line():
    draft = extract_html(LISTING.encode(), uri="https://news.example/news/weather/")
    assert draft.page_type == "listing" and draft.kind == "article"
    text = draft.text()
    assert "Link has been copied to clipboard" not in text
    positions = [text.index(t) for t in STORIES]
    assert positions == sorted(positions)
    assert "Summary of story 3, short." in draft.paragraphs


def test_list_page_without_items_does_not_promote_a_widget_line():
    menu = "<ul class='menu'>" + "".join(f"<li><a href='/topic/{i}'>Weather topic number {i}</a></li>" for i in range(12)) + "</ul>"
    html = page(NAV + menu + "<main><h1>Latest</h1><div class='toast'><p>Link has been copied to clipboard</p></div></main>" + FOOTER,
                head='<meta name="description" content="The latest weather stories from the coast and the hills.">')
    draft = extract_html(html.encode(), uri="https://news.example/")
    assert draft.page_type == "homepage"
    assert draft.text() == "The latest weather stories from the coast and the hills."
    assert ("Link has been copied to clipboard", "widget_line") in {(s.text, s.reason) for s in draft.stripped}


def test_collection_text_keeps_each_card_with_its_price():
    draft = extract_html(COLLECTION.encode(), uri="https://shop.example/collections/running-shoes")
    assert draft.page_type == "collection"
    assert [p for p in draft.paragraphs if p.startswith("Trail Runner")] == PRODUCTS
    assert draft.text().count("$1") == len(PRODUCTS)


def test_article_keeps_the_article_path():
    draft = extract_html(ARTICLE.encode(), uri="https://news.example/2024/03/02/council-delays-the-vote-on-the-new-bridge")
    assert draft.page_type == "article" and sum(p.startswith("The committee met") for p in draft.paragraphs) == 6


def test_thread_still_gets_the_forum_treatment():
    draft = extract_html(THREAD.encode(), uri="https://forum.example/threads/boot-fails-after-update.123/")
    assert draft.kind == "forum_thread" and draft.page_type == "forum_thread" and len(draft.posts) == 5


def test_forum_detector_only_sees_possible_threads(monkeypatch):
    """A page typed as a collection, far from a thread, never reaches the forum detector (its cards are not posts)."""
    asked = []
    monkeypatch.setattr(html_extractor, "find_thread", lambda root, **kw: asked.append(root))
    extract_html(COLLECTION.encode(), uri="https://shop.example/collections/running-shoes")
    assert asked == []
    extract_html(THREAD.encode(), uri="https://forum.example/threads/boot-fails-after-update.123/")
    assert len(asked) == 1


def _record(draft: Draft) -> dict:
    source = {"uri": "u", "fetched_at": "2024-01-01T00:00:00Z", "format": "html", "bytes": 1, "sha256": "0" * 64, "encoding": None}
    language = {"language": "en", "language_confidence": 1.0, "languages": [{"lang": "en", "share": 1.0}]}
    return build_record(draft, source=source, language=language, run_id=None, detector="test")


def test_record_carries_page_type_and_null_without_html():
    draft = extract_html(LISTING.encode(), uri="https://news.example/news/weather/")
    assert _record(draft)["page_type"] == "listing"
    assert _record(Draft(kind="document", paragraphs=["A PDF's text."]))["page_type"] is None


WCXB = EVAL / "wcxb-dev"


@pytest.mark.skipif(not (WCXB / "ground-truth").exists(), reason="../shared/eval is absent")
def test_wcxb_validation_pages_get_a_valid_page_type():
    from benchmarks.splits import ids

    for fid in sorted(ids("wcxb-dev", "validation"))[:8]:
        gold = json.loads((WCXB / "ground-truth" / f"{fid}.json").read_text())
        draft = extract_html(gzip.open(WCXB / "html" / f"{fid}.html.gz").read(), uri=gold.get("url", ""))
        record = _record(draft)
        assert record["page_type"] in PAGE_TYPES
        assert record["text"].strip()
