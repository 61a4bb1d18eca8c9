"""Main text of a listing, collection or home page: the items' titles and summaries, in page order.

Such a page has no single body: the article scorer would pick one block (often a stray widget line
such as "Link has been copied to clipboard") and drop the rest. Here the items are found as a grid of
cards — a class value repeated on blocks that each hold a link and a heading or picture and a short
text — outside navigation, header, footer and asides; the grid holding the most text wins, and grids
of the same shape elsewhere in the content join it (a page of sections). The article extractor still
runs for the page's own introduction; its paragraphs are kept when they are prose, not item lines.

>>> import lxml.html
>>> from output.draft import Draft
>>> cards = "".join(f'<div class="card"><h3><a href="/n/{i}">Story {i} headline</a></h3><p>Summary {i} of it.</p></div>'
...                 for i in range(5))
>>> root = lxml.html.fromstring(f"<html><body><nav><a href='/'>Home</a></nav><main>{cards}</main></body></html>")
>>> draft = Draft()
>>> extract_listing(root, draft)
True
>>> draft.paragraphs[:2]
['Story 0 headline', 'Summary 0 of it.']
"""
from __future__ import annotations

from collections import defaultdict

from lxml import etree

from extractors.html_article import clean_text, extract_article, removal_reason
from output.draft import Draft

_CARD_MIN = 3  # same-class blocks that make a grid (fewer is a row of links, not a list)
_CARD_TEXT = (15, 1500)  # characters a card holds: a title at least, a summary at most
_CARD_SHAPE = etree.XPath("boolean(.//a[@href]) and boolean(.//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//img|.//strong)")
_CLASSED = etree.XPath("//body/descendant::*[@class]")  # descendant::, not //: see html_dates.other_text_sections
_SAME_SHAPE = 0.25  # a grid joins the main one when its items hold at least this share of the main grid's text per item
_INTRO_MIN = 80  # characters: an article paragraph this long is the page's introduction, not an item line or widget
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
                     "header", "footer", "figure", "figcaption", "blockquote", "table", "tr", "br", "address", "span"})
_INLINE_BREAKS = frozenset({"span"})  # a card's price and title often sit in sibling spans: one line each
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
# A list of bare linked headlines (a news section, a site map: <li><a>headline</a></li>, no classes): this many
# items at least, the median one this long. A menu's entries ("Home", "About us", "Privacy policy") run shorter.
_HEADLINES_MIN, _HEADLINE_CHARS = 5, 30
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "form", "input", "iframe"})


def extract_listing(root, draft: Draft) -> bool:
    """Fill draft.paragraphs with the page's introduction and its items; False (draft untouched) when no grid."""
    items = list_items(root)
    if not items:
        return False
    lines = [line for card in items for line in _unique(card_lines(card))]
    if not lines:
        return False
    known = set(lines)
    article = Draft(title=draft.title)
    extract_article(root, article, whole_region=True)
    draft.paragraphs = [p for p in article.paragraphs if len(p) >= _INTRO_MIN and p not in known] + lines
    draft.captions.extend(article.captions)
    draft.stripped.extend(article.stripped)
    return True


def list_items(root) -> list:
    """The cards of the page's main grid (and grids of its shape), in page order; [] when there is none."""
    groups: dict[str, list] = defaultdict(list)
    for el in _CLASSED(root):
        groups[el.get("class")].append(el)
    grids = []
    for members in groups.values():
        if len(members) < _CARD_MIN:
            continue
        cards = _outermost([el for el in members if _is_card(el)])
        if len(cards) >= _CARD_MIN and not _in_chrome(cards[0]):
            grids.append((sum(_text_length(el) for el in cards), cards))
    if not grids:
        return []
    grids.sort(key=lambda g: g[0], reverse=True)
    best_total, best = grids[0]
    per_item = best_total / len(best)
    chosen = [*best]
    taken, around = set(best), {anc for c in best for anc in c.iterancestors()}
    for total, cards in grids[1:]:
        if total / len(cards) >= _SAME_SHAPE * per_item and not any(
                c in around or any(anc in taken for anc in c.iterancestors()) for c in cards):
            chosen.extend(cards)
            taken.update(cards)
            around.update(anc for c in cards for anc in c.iterancestors())
    order = {el: i for i, el in enumerate(root.iter())}
    return sorted(chosen, key=order.__getitem__)


def linked_headlines(root) -> list[str]:
    """The texts of the longest list of linked headlines outside navigation, header, footer and asides (see
    _HEADLINES_MIN): what a page of bare links is about, for when nothing else on it reads as text."""
    best: list[str] = []
    for box in root.iter("ul", "ol"):
        items = [li for li in box if li.tag == "li"]
        lines = [" ".join(li.text_content().split()) for li in items if li.find(".//a[@href]") is not None]
        if len(lines) < max(_HEADLINES_MIN, len(items) // 2) or len(lines) <= len(best) or _in_chrome(box):
            continue
        if sorted(len(line) for line in lines)[len(lines) // 2] >= _HEADLINE_CHARS:
            best = [line for line in lines if line]
    return best


def card_lines(card) -> list[str]:
    """A card's text, one line per block (title, summary, price…)."""
    lines, parts = [], []

    def flush():
        text = clean_text("".join(parts))
        parts.clear()
        if text:
            lines.append(text)

    walker = etree.iterwalk(card, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP or not tag or removal_reason(el) in ("hidden",):
                walker.skip_subtree()
                if el is not card and el.tail:
                    parts.append(el.tail)
                continue
            if tag in _BLOCKS:
                flush()
            parts.append(el.text or "")
        else:
            if tag in _BLOCKS:
                flush()
            if el is not card and el.tail:
                parts.append(el.tail)
    flush()
    return lines


def _is_card(el) -> bool:
    return _CARD_TEXT[0] <= _text_length(el) <= _CARD_TEXT[1] and _CARD_SHAPE(el)


def _text_length(el) -> int:
    return len(" ".join(el.text_content().split()))


def _outermost(els: list) -> list:
    """Drop cards nested in another card of the same group."""
    inside = set(els)
    return [el for el in els if not any(anc in inside for anc in el.iterancestors())]


def _in_chrome(el) -> bool:
    """Under navigation, header, footer or an aside (by tag or ARIA role): a menu of cards is not the page's list.
    Class names are not asked: a product grid often sits in a 'filtering-and-pagination' wrapper."""
    return any(anc.tag in _CHROME_TAGS or anc.get("role") in _CHROME_ROLES for anc in el.iterancestors())


def _unique(lines: list[str]) -> list[str]:
    """A card's lines in order, a line it repeats verbatim (image caption and title) kept once."""
    seen, out = set(), []
    for line in lines:
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out
