"""A page of items read by the listing path (extractors/html_listing.py): here a page whose items are bare links."""
import pytest

from extractors.html import extract_html
from output.errors import NoContent

MENU = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news/'>News</a></li><li><a href='/about'>About</a></li></ul></nav>"


def _page(items: str) -> bytes:
    return (f"<html><head><title>Latest news</title></head><body>{MENU}<h1>Latest news</h1>{items}"
            "<footer><ul><li><a href='/privacy'>Privacy policy</a></li></ul></footer></body></html>").encode()


def test_a_page_of_bare_linked_headlines_keeps_them_as_its_text():
    """No cards (no classes), no prose: its list of headlines is what the page says, not 'no content'."""
    headlines = [f"Council approves the budget for river bridge number {i}" for i in range(12)]
    items = "<ul>" + "".join(f"<li><a href='/news/{i}'>{h}</a></li>" for i, h in enumerate(headlines)) + "</ul>"
    draft = extract_html(_page(items), uri="https://example.org/news/")
    assert draft.page_type in ("listing", "homepage", "collection") and draft.paragraphs == headlines
    assert any("linked headlines" in w for w in draft.warnings)


def test_a_page_of_short_links_is_still_no_content():
    """A list of menu-length links ('Home', 'Contact us') is navigation, not a page's text."""
    items = "<ul>" + "".join(f"<li><a href='/p/{i}'>Section {i}</a></li>" for i in range(12)) + "</ul>"
    with pytest.raises(NoContent):
        extract_html(_page(items), uri="https://example.org/news/")
