"""The thread reader's lxml tree answers as BeautifulSoup and soupsieve did, on the markup that differs."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from extractors import html_forum_tree as tree

PAGE = """<!DOCTYPE html><html><head><title>T</title><style>p {}</style></head><body>
  <div class="post" id="p1">  <span class="name">Ana</span>
    <!-- a comment --><!---->
    <div class="msg">Hello <script>var x = 1;</script>there<br>again
      <pre>  kept
   as is  </pre>
      <ruby>漢<rt>kan</rt></ruby>
    </div>
    <a rel="Next" href="/2">Next page</a>
  </div>
  <div class="side"><div class="post" id="p2"><p class="msg">Reply</p></div></div>
</body></html>"""


@pytest.fixture()
def pages():
    return BeautifulSoup(PAGE, "lxml"), tree.parse_thread(PAGE)


def _by_id(root, ident):
    return root.xpath(f"//*[@id='{ident}']")[0]


@pytest.mark.parametrize("ident", ["p1", "p2"])
def test_text_as_bs4_reads_it(pages, ident):
    soup, root = pages
    assert tree.get_text(_by_id(root, ident), " ") == soup.find(id=ident).get_text(" ")
    assert list(tree.stripped_strings(_by_id(root, ident))) == list(soup.find(id=ident).stripped_strings)


def test_strings_with_comments_as_find_all_string(pages):
    soup, root = pages
    body = root.find("body")
    assert tree.strings(body, everything=True) == [str(s) for s in soup.body.find_all(string=True)]
    assert tree.own_strings(_by_id(root, "p1")) == [str(s) for s in soup.find(id="p1").find_all(string=True, recursive=False)]
    link = root.xpath("//a")[0]
    assert tree.previous_strings(link, 2) == [str(s) for s in soup.a.find_all_previous(string=True, limit=2)]


@pytest.mark.parametrize("css", [".side .msg", ".post > .msg", "a[rel=next]", "a:-soup-contains('Next')", "span.name:first-child"])
def test_selectors_match_as_soupsieve(pages, css):
    """Ancestors may lie above the element searched; rel compares case-insensitively."""
    soup, root = pages
    for ident in ("p1", "p2"):
        ours = [el.get("class") or el.tag for el in tree.selector(css)(_by_id(root, ident))]
        theirs = [" ".join(el.get("class", [])) or el.name for el in soup.find(id=ident).select(css)]
        assert ours == theirs


def test_cutting_keeps_the_text_around(pages):
    soup, root = pages
    msg = root.xpath("//div[@class='msg']")[0]
    tree.drop(msg.find("script"))
    tree.replace_with_text(msg.find("br"), "\n")
    soup.find("div", class_="msg").script.decompose()
    soup.find("div", class_="msg").br.replace_with("\n")
    assert tree.get_text(msg) == soup.find("div", class_="msg").get_text()
    tree.drop(msg)
    assert not tree.under(msg, root)


def test_unsupported_combinator_is_refused():
    with pytest.raises(ValueError):
        tree.selector("h2 + p")


@pytest.mark.parametrize("css", ["div.post > p.msg", "div.side .post", "[rel=next]", "a[href^='/']", "#p2", "div:not(.absent) .msg"])
def test_what_a_selector_needs_is_on_every_page_it_matches(pages, css):
    """needs() is a necessary condition: a page a selector matches carries its attribute names and class tokens."""
    root = pages[1]
    assert tree.selector(css)(root)
    names = {n for el in root.iter() if isinstance(el.tag, str) for n in el.attrib}
    tokens = {t.lower() for el in root.iter() if isinstance(el.tag, str) for t in (el.get("class") or "").split()}
    assert any(n <= names and c <= tokens for n, c in tree.needs(css))


def test_needs_lists_each_selectors_attribute_names_and_class_tokens():
    assert tree.needs("[itemtype*=Comment], li.comment") == ((frozenset({"itemtype"}), frozenset()),
                                                             (frozenset({"class"}), frozenset({"comment"})))
