"""Main text of an article page: measure the tree once, score blocks for the main container, prune chrome, emit plain blocks.

Every decision (which block is the article, whether a 'sidebar'-named wrapper holds the prose,
whether a list is a teaser list) needs text and link lengths per element; measuring them once,
bottom-up, keeps a page linear in its size instead of re-reading subtrees per candidate.
The scorer weighs text length, commas, link density and class/id/tag evidence (vocabularies in
normalizers/data/html_boilerplate.json). Its pick is then checked against paragraph text measured
on the chrome-free tree: a pick holding a small share of the page's paragraphs widens to the
ancestor that gains most of them for the other text it adds (bodies split into sections, widgets,
columns), and a pick with little prose gives way to the prose-richest block. What is removed goes
to `draft.stripped` with the concept that removed it, captions go to `draft.captions`. Every walk
is iterative, so depth never recurses.
"""
from __future__ import annotations

import heapq
import re
from array import array
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from normalizers.data.html_vocab import concept_regex, fold, load, phrase_regex
from output.draft import Draft

_VOCAB = load("boilerplate")
_DROP_TAGS = frozenset(_VOCAB["drop_tags"])
_CHROME_TAGS = _VOCAB["chrome_tags"]
_REMOVE = concept_regex(_VOCAB["remove_classes"])
_KEEP = concept_regex(_VOCAB["keep_classes"])
_PHRASE = phrase_regex(_VOCAB["phrases"])
_BODY_ATTRS = {k: frozenset(v) for k, v in _VOCAB["body_attributes"].items()}
# Per page type: (class/id regex, itemprop value -> concept) of what is chrome on that type only (reviews on a product).
_TYPE_CHROME = {kind: (concept_regex({name: spec["classes"] for name, spec in concepts.items() if not name.startswith("_")}),
                       {value: name for name, spec in concepts.items() if not name.startswith("_") for value in spec["itemprop"]})
                for kind, concepts in _VOCAB["page_type_chrome"].items() if not kind.startswith("_")}
# Concepts handled while emitting the chosen container rather than pruned page-wide.
_EMIT_CONCEPTS = frozenset({"caption", "byline"})
_DISCUSSION = frozenset({"comments"})  # concepts that are content on a discussion page
_PROTECTED = frozenset({"html", "body", "main", "article"})

_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd", "dt",
                         "section", "article", "figure", "header", "ul", "ol", "dl", "table", "main", "address",
                         "center", "form", "details", "summary", "hr", "caption", "tbody", "thead"})
_CELLS = frozenset({"td", "th"})
_CONTROLS = ("button", "label", "select")  # dropped tags a parser can leave open around the page
_HEADLINES = ("h1", "h2")  # where a page repeats its title above the body
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SECTION_HEADINGS = ("h2", "h3")  # a body's section headings, kept even where they link to what they name
# Elements whose own (loose) text counts as a paragraph: text blocks, and containers holding text beside their blocks.
_SCORED_TAGS = frozenset({"p", "pre", "td", "blockquote", "li", "dd", "h2", "h3", "div", "section", "article", "main", "center"})
_TAG_WEIGHT = {"article": 12, "main": 8, "section": 3, "div": 5, "td": 3, "blockquote": 3, "form": -3, "ul": -3, "ol": -3,
               "li": -3, "dl": -3, "th": -5, "h1": -5, "h2": -5, "address": -3}
# A run of spaces other than one plain space: matching every single space between words made re.sub hold a
# piece per word (~70 MB for a 5 MB paragraph) to give back the same text.
_SPACE = re.compile(r" [ \t\r\f\v\u00a0\u200b\u3000]+|[\t\r\f\v\u00a0\u200b\u3000][ \t\r\f\v\u00a0\u200b\u3000]*")
# A space run holding a line break, other than a bare "\n" (which stays as it is: matching it made a piece per line).
# (?<!\s): tried once per space run, not from each space (linear).
_NEWLINES = re.compile(r"(?<!\s)(?:[^\S\n]+\n\s*|\n\s+)")
# re.sub holds one piece per match until it joins them: a 20 MB block of 280,000 lines cleaned at once peaked
# at ~100 MB of pieces, so a long text is cleaned a megabyte at a time (space_safe_chunks).
_CLEAN_CHUNK = 1 << 20
# A block's pieces (texts, tails, breaks) are joined every 4,096: one <p> of 280,000 <br> lines held 560,000
# small strings (~50 bytes of header each) until its end.
_PARTS_JOINED = 4096
_TWO_LETTERS = re.compile(r"\S\S")
# Class names join their words with "-", "_" or BEM's "__"/"--" ("author_box", "author__bio", "post_content"):
# read as one "-", the vocabulary's "author-?box" names them all.
_SEPARATORS = re.compile(r"[-_]+")
_COMMAS = re.compile(r"[,،，、;]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_PANELS = frozenset({"tabpanel", "region"})  # ARIA roles of the panels tabs and accordions show and hide
# Removed even if prose-heavy; so is a page type's own chrome (a product's reviews often outweigh its description).
_ALWAYS_REMOVE = frozenset({"hidden", "popup", "cookie_banner", *(name for kind, concepts in _VOCAB["page_type_chrome"].items()
                                                                   if not kind.startswith("_") for name in concepts)})
_OVERLAYS = frozenset({"popup", "cookie_banner"})  # shown over the page: never where its text is
# Class concepts sites also put on their text's own wrappers ("elementor-widget", "promo-story",
# "social-card"): a block so named that holds _RICH characters of paragraphs is text, not chrome.
_WEAK = frozenset({"widget", "advertising", "share_bar", "related"})
_RICH = 400
_BUILDER = frozenset({"widget"})  # page builders wrap each heading and paragraph of the text in one: inside the text, not chrome
_PARAGRAPH_MIN = 25  # characters of loose text that make a block a scored paragraph
_PROSE_MIN = 80  # characters: a block this long is prose, not a label or a link
_STRIP_CAP = 300  # characters of a removed block kept in `stripped`: enough to judge it, not a second copy of the page
_PHRASE_MAX = 160  # a boilerplate phrase only condemns a block this short; longer blocks are prose that starts alike
_TEASER_ITEMS = 3  # a list of at least this many items, two thirds of them led by a link, is a teaser list
_TEASER_LINK_SHARE = 0.1  # a teaser's headline link is a good part of it (headline + summary); a paragraph or a long list item opening with a link is not a teaser
_HOLDS_TEXT = 0.5  # share of the page's paragraph text above which the scorer's pick is not widened
_JUNK_COST = 1.0  # a wrapper is taken when its extra paragraph text outweighs the other text it adds
_REGION_JUNK_COST = 0.25  # ... on a page with no single body, where headings and short lines are text too
_OVERRULE = 2.0  # the prose-richest block outside chrome replaces the scorer's pick when it gains this many times more
_RICHEST_TRIED = 5  # blocks tried, richest first, for one outside chrome
_CLIMB_CHAFF = 0.5  # an ancestor declaring itself the body is taken whole unless what it adds is this much links/teasers
# An article pick holding under this share of its main region's chrome-free text gives way to the region: on
# WCXB tune the picks it moves hold 5-10% (a list article read as its intro), and shares up to 0.4 move no
# other page; at 0.6 whole regions start to bring in their asides.
_STRAY_SHARE = 0.2
# A whole-region page whose widest content block keeps under this share of <body>'s chrome-free text is taken
# as <body>: WCXB token F1, tune (validation), service .783 -> .812 (.761 -> .769), listing .615 -> .638
# (.618 -> .640), all .853 -> .858 (.851 -> .854). Discarding a declared main region that small the same way
# lowered validation product pages (.597 -> .578): a product's <main> is its own text, the rest is the shop.
_SCATTERED = 0.5
_PIECE_LINKS = 0.3
# Characters of a linked line that is a heading where headings link (shorter ones are "Read more", "Home").
_HEADING_MIN = 20  # a same-class block elsewhere joins the article only with less link text than this
# An image's caption is a line or two; a box merely named "caption" that holds more ("item-caption" around a
# product's whole description) is text (WCXB tune, class-named captions: 1,519 under 60 words, 10 over 100).
_CAPTION_MAX = _RICH
# A product page's grid or carousel of other products ("customers also viewed"): _CARD_RUN or more siblings of one
# tag and class, each a picture, a link and a line of text (title, price) under _CARD_TEXT characters, no sentence
# (a piece of _CARD_SENTENCE characters or more ending in a full stop: a service teaser, "Visit our showrooms…").
_CARD_RUN, _CARD_TEXT, _CARD_SENTENCE = 3, 200, 40
_FULL_STOPS = (".", "!", "?", "。", "！", "？", "؟", "।")
# A share bar inside the body closes the article: what the body holds after it (tags, the author's box, related posts,
# sign-ups) is the site's, not the story's, once _END_SHARE of the text lies before it (a share bar at the top opens
# it). A body with more than _END_BARS of them shares each item of a list (a listicle's sections): none is its end.
_END_MARKERS = frozenset({"share_bar"})
_END_MARK = "data-docingest-end"
_END_SHARE, _END_BARS = 0.8, 3


def clean_text(text: str) -> str:
    r"""Collapse runs of spaces, keep line breaks (one per run).

    >>> clean_text("  one \u00a0two\t three  \n \n four five ")
    'one two three\nfour five'
    """
    if len(text) <= _CLEAN_CHUNK:
        return _clean_spaces(text).strip()
    return "".join(_clean_spaces(text[start:end]) for start, end in space_safe_chunks(text)).strip()


def _clean_spaces(text: str) -> str:
    return _NEWLINES.sub("\n", _SPACE.sub(" ", text))


def space_safe_chunks(text: str, size: int = _CLEAN_CHUNK):
    """[start, end) spans of about `size` characters, each cut between two non-space characters, where no
    space run (what a space-squeezing pattern matches and looks behind at) can cross the cut."""
    start = 0
    while len(text) - start > size:
        cut = _TWO_LETTERS.search(text, start + size - 1)
        if cut is None:
            break
        yield start, cut.start() + 1
        start = cut.start() + 1
    yield start, len(text)


@lru_cache(maxsize=1 << 16)
def _concepts(cls: str | None, ident: str | None) -> tuple[str | None, str | None]:
    """(chrome concept, keep concept) that a class and id name; pages repeat their class
    strings, so each is matched once."""
    if cls and ("[" in cls or ":" in cls):  # utility classes ("md:hidden", "[&_figcaption]:mt-2") style descendants or screens, not the element's role
        cls = " ".join(t for t in cls.split() if "[" not in t and ":" not in t)
    attrs = _SEPARATORS.sub("-", f"{cls or ''} {ident or ''}".lower())
    if len(attrs) < 3:
        return None, None
    chrome, keep = _REMOVE.search(attrs), _KEEP.search(attrs)
    return (chrome.lastgroup if chrome else None), (keep.lastgroup if keep else None)


def _classes(el) -> tuple[str | None, str | None]:
    """A heading's id is the anchor its table of contents links to, a slug of its words ("12-digital-marketing",
    "registering-an-llc"): it names the heading's topic, not its role, so only its classes are read."""
    return _concepts(el.get("class"), None if el.tag in _HEADING_TAGS else el.get("id"))


@lru_cache(maxsize=1 << 14)
def _type_concept(page_type: str, cls: str | None, ident: str | None, itemprop: str | None) -> str | None:
    """The concept that is chrome on this page type only (data/html_boilerplate.json page_type_chrome), or None."""
    classes, itemprops = _TYPE_CHROME[page_type]
    if itemprop and itemprop.lower() in itemprops:
        return itemprops[itemprop.lower()]
    found = classes.search(_SEPARATORS.sub("-", f"{cls or ''} {ident or ''}".lower()))
    return found.lastgroup if found else None


def _hidden(el) -> bool:
    """Hidden from every reader; a collapsed tab or accordion panel is not: its text is the page's, a click away."""
    if el.get("role") in _PANELS:
        return False
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or bool(_HIDDEN_STYLE.search(el.get("style", "")))


def _is_body(el) -> bool:
    """Markup that declares 'this is the article body' (itemprop=articleBody, role=main…)."""
    for attr, values in _BODY_ATTRS.items():
        value = el.get(attr)
        if value and value.lower() in values:
            return True
    return _classes(el)[1] == "article_body"


def removal_reason(el, page_type: str | None = None) -> str | None:
    """Why el is page chrome (a concept name), or None to keep it; `page_type` adds the concepts that are
    chrome on that type only."""
    tag = el.tag
    if tag in _PROTECTED:
        return None
    if _hidden(el):
        return "hidden"
    if tag in _CHROME_TAGS:
        return _CHROME_TAGS[tag]
    chrome, keep = _classes(el)
    if page_type in _TYPE_CHROME:  # the more specific name wins: "yotpo-reviews-widget" is reviews, not a widget
        chrome = _type_concept(page_type, el.get("class"), el.get("id"), el.get("itemprop")) or chrome
    if chrome is None or chrome in _EMIT_CONCEPTS or keep == "embed" or _is_body(el) or chrome == "hidden" and el.get("role") in _PANELS:
        return None
    return chrome


def _unwrap_swallowing_controls(root) -> None:
    """A form control left open (`<button>` with no end tag) swallows the rest of the page in the
    parser's tree: such a control holding prose is unwrapped, not dropped with the page inside. A <select>'s
    own plain <option>s are no such prose (a country picker's 250 names would stay as a paragraph of the page);
    an <option> left open holds elements, the page it swallowed. Unwrapped, the control keeps the page and loses
    those options (a quantity picker's 1 to 99 are no text either)."""
    for el in list(root.iter(*_CONTROLS)):
        plain = [option for option in el.iter("option") if not len(option)]
        if sum(len(t) for t in el.itertext()) - sum(len(option.text or "") for option in plain) > _PROSE_MIN * 4:
            for option in plain:
                _remove(option)
            el.drop_tag()


def _strip_product_cards(root, draft: Draft) -> None:
    """Other products' cards on a product page go to `stripped` ('product_cards'): a shop's recommendations
    beside the product, not its description. A run of cards is siblings of one tag and class, each with a
    picture, a link and a short text (the product's own gallery has pictures and no text)."""
    runs = []
    for parent in root.iter(etree.Element):
        groups: dict = {}
        for child in parent:
            if isinstance(child.tag, str):
                groups.setdefault((child.tag, child.get("class")), []).append(child)
        runs.extend(items for items in groups.values() if len(items) >= _CARD_RUN and all(map(_card, items)))
    for items in runs:
        for card in items:
            if card.getparent() is not None:
                draft.strip(_cap(_head_text(card)), "product_cards")
                _remove(card)


def _card(el) -> bool:
    """el is a product card: a picture, a link and some text, under _CARD_TEXT characters and no sentence."""
    size = 0
    for piece in el.itertext():
        piece = piece.strip()
        size += len(piece)
        if size > _CARD_TEXT or len(piece) >= _CARD_SENTENCE and piece.endswith(_FULL_STOPS):
            return False
    return (size > 0 and next(el.iter("img", "picture"), None) is not None
            and (el.tag == "a" and el.get("href") is not None or next((a for a in el.iter("a") if a.get("href")), None) is not None))


def _remove(el) -> None:
    """Detach el, keeping its tail text in the flow."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


class _Page:
    """Per element, measured once bottom-up: text and link-text length, loose text (outside child
    blocks), whether its first text is a link, and the teaser-list text inside it.

    Each measure is a column (an array of machine integers) indexed by the element's document position, `index[el]`: one dict
    entry and one slot per measure per element. A dict per measure cost ~1 KB an element, ~1 GB
    on a page of 500,000 <br>-separated lines."""

    def __init__(self, root, page_type: str | None = None):
        self.page_type = page_type
        self.elements = list(root.iter(etree.Element))  # document order
        self.index = {el: i for i, el in enumerate(self.elements)}  # its keys keep lxml's proxies, so identity holds
        size = len(self.elements)
        counts = array("i", [0]) * size  # 4-byte integers (a page is under 2**31 characters): a list holds an 8-byte pointer a slot, and an int object for counts over 256
        self.total = counts
        self.links = counts[:]
        self.loose = counts[:]
        self.blocky = bytearray(size)  # flags, 0 or 1
        self.lead = bytearray(size)
        self.teaser = counts[:]  # non-link characters inside teaser lists
        self.lists: set = set()  # the teaser lists themselves
        self.loose_links = counts[:]  # link characters within the loose text
        self.kept = counts[:]  # characters left once chrome (what prune would remove) is gone
        self.para = counts[:]  # characters of those in paragraphs: loose text of a text block, not links, not teasers
        self.reason: list = [None] * size  # removal_reason of each element
        self.own_para = counts[:]  # paragraph characters even where the element itself is chrome (not its chrome inside)
        for i in range(size - 1, -1, -1):
            self._measure(i)

    def _measure(self, i: int) -> None:
        el, index = self.elements[i], self.index
        total_of, lead_of, links_of = self.total, self.lead, self.links
        is_link = el.tag == "a"
        text = el.text
        total = loose = len(text.strip()) if text else 0
        links = teaser = items = led = loose_links = para = 0
        kept = total
        lead = is_link if total else None
        blocky = False
        for child in el:
            c, tail = index[child], child.tail
            size = total_of[c]
            tail = len(tail.strip()) if tail else 0
            total += size + tail
            loose += tail
            links += links_of[c]
            teaser += self.teaser[c]
            kept += self.kept[c] + tail
            para += self.para[c]
            if child.tag in _BLOCK_TAGS:
                blocky = True
            else:
                loose += self.loose[c]
                loose_links += self.loose_links[c]
            if lead is None and (size or tail):
                lead = is_link or (bool(size) and lead_of[c])
            if size >= 20:
                items += 1
                led += lead_of[c] and links_of[c] >= _TEASER_LINK_SHARE * size
        if is_link:
            links = loose_links = total
        if items >= _TEASER_ITEMS and 3 * led >= 2 * items:
            self.lists.add(el)
            teaser, para = total - links, 0
        elif el.tag in _SCORED_TAGS and loose >= _PARAGRAPH_MIN and 2 * loose_links < loose:
            para += loose - loose_links
        self.reason[i] = reason = removal_reason(el, self.page_type)
        self.own_para[i] = para
        if reason is not None and (reason not in _WEAK or para < _RICH):
            kept = para = 0
        total_of[i], links_of[i], self.loose[i] = total, links, loose
        self.blocky[i], lead_of[i], self.teaser[i] = blocky, bool(lead), teaser
        self.loose_links[i], self.kept[i], self.para[i] = loose_links, kept, min(para, kept)

    def gain(self, i: int, junk_cost: float = _JUNK_COST) -> float:
        """Paragraph text kept in element i less the other kept text (labels, links, teasers) it would bring."""
        para = self.para[i]
        return para - junk_cost * (self.kept[i] - para)

    def link_density(self, i: int) -> float:
        total = self.total[i]
        return self.links[i] / total if total else 1.0

    def prose(self, i: int) -> int:
        """Characters of text that is neither a link nor a teaser."""
        return self.total[i] - self.links[i] - self.teaser[i]

    def in_teaser(self, el) -> bool:
        """el is an item of a teaser list, or inside one within two levels."""
        for _ in range(3):
            el = el.getparent()
            if el is None:
                return False
            if el in self.lists:
                return True
        return False


def _loose_commas(el, page: _Page) -> int:
    """Commas in the text of el outside its child blocks (all of it for a plain paragraph), counted piece by piece:
    a paragraph holding a whole book is not copied into one string (twice: libxml2's and Python's)."""
    if not page.blocky[page.index[el]]:
        return sum(len(_COMMAS.findall(t)) for t in el.itertext())
    count = len(_COMMAS.findall(el.text or ""))
    for child in el:
        if child.tag not in _BLOCK_TAGS:
            count += sum(len(_COMMAS.findall(t)) for t in child.itertext())
        count += len(_COMMAS.findall(child.tail or ""))
    return count


def best_container(root, page: _Page) -> tuple:
    """(element, score, all scores): readability-style paragraph scores propagated to ancestors,
    weighed by class/tag evidence and link density; scored before pruning, so a 'sidebar' class
    on the article's own wrapper cannot lose the article. Teaser-list items score nothing."""
    scores: dict = {}
    for i, el in enumerate(page.elements):
        if el.tag not in _SCORED_TAGS or page.loose[i] < _PARAGRAPH_MIN or page.in_teaser(el):
            continue
        points = 1 + _loose_commas(el, page) + min(page.loose[i] // 100, 3)
        anc = el if page.blocky[i] else el.getparent()  # loose text beside blocks is the container's own paragraph
        for level in range(2):
            if anc is None:
                break
            if anc not in scores:
                scores[anc] = _initial_score(anc)
            scores[anc] += points / (1 + level)
            anc = anc.getparent()
    overlays = _overlays(page)
    ranked = sorted((el for el in scores if not _in_any(page.index[el], overlays)), key=scores.get, reverse=True)[:5]
    if not ranked:
        body = root.find("body")
        return (body if body is not None else root), 0.0, scores
    adjusted = {el: scores[el] * (1 - page.link_density(page.index[el])) for el in ranked}
    best = max(adjusted, key=adjusted.get)
    body = _climb_to_prose(_climb_to_body(best, page), page, overlays)
    return body, (adjusted[best] if body is best else float("inf")), scores


def _overlays(page: _Page) -> list[range]:
    """Document positions inside each cookie banner or popup that is not the page's own wrapper (one holding most of
    its elements): a consent dialog's paragraphs are prose, and where the page's own text waits for a script they
    outscore it. An element's descendants follow it in document order, so each is one range."""
    half = len(page.elements) // 2
    spans = []
    for i, reason in enumerate(page.reason):
        if reason in _OVERLAYS:
            size = sum(1 for _ in page.elements[i].iter())
            if size <= half:
                spans.append(range(i, i + size))
    return spans


def _in_any(i: int, spans: list[range]) -> bool:
    return any(i in span for span in spans)


def _initial_score(el) -> float:
    score = _TAG_WEIGHT.get(el.tag, 0)
    if _is_body(el):
        return score + 30
    chrome, keep = _classes(el)
    if keep is not None and keep != "embed":
        score += 10
    if chrome is not None:
        score -= 15
    return score


def _climb_to_body(el, page: _Page):
    """If an ancestor declares itself the article body, take it whole (the best block is often a
    part) — unless what it adds is mostly links and teasers ('main-content' wrapping a news ticker)."""
    anc = el.getparent()
    for _ in range(4):
        if anc is None or anc.tag in ("body", "html"):
            break
        if _is_body(anc):
            a, e = page.index[anc], page.index[el]
            extra = page.total[a] - page.total[e]
            chaff = page.links[a] - page.links[e] + page.teaser[a] - page.teaser[e]
            return anc if chaff <= _CLIMB_CHAFF * extra else el
        anc = anc.getparent()
    return el


def _climb_to_prose(el, page: _Page, overlays: list[range]):
    """The ancestor that gains most paragraph text for the chrome-free junk it adds: a body split
    into sections, widgets or columns is taken whole, a page wrapper full of menus is not. When the
    scorer's pick gains little (a 'next post' box), the page's richest block in prose wins."""
    at = page.index
    best, gain = el, page.gain(at[el])
    page_para = max(page.para[at[x]] for x in el.iterancestors()) if el.getparent() is not None else 0
    for anc in el.iterancestors():
        if anc.tag in ("body", "html") or page.para[at[el]] >= _HOLDS_TEXT * page_para:
            break  # a pick holding most of the page's paragraphs is the text; climbing would add asides
        a = at[anc]
        if page.gain(a) > gain and page.reason[a] is None:
            best, gain = anc, page.gain(a)
    inner = (i for i, x in enumerate(page.elements) if x.tag not in ("body", "html"))
    for richest in heapq.nlargest(_RICHEST_TRIED, inner, key=page.gain):
        if page.gain(richest) <= _OVERRULE * max(gain, 0):
            break
        element = page.elements[richest]
        if not _in_any(richest, overlays) and all(page.kept[at[anc]] or 2 * page.para[richest] > page.total[at[anc]] for anc in element.iterancestors()):
            return element  # not inside chrome (a comment), unless the 'chrome' is a popup left open around the page
    return best


def _main_region(page: _Page):
    """The page's declared main region (<main> or role=main) holding the most text left once chrome
    is gone; None when it declares none or it holds nothing. Sections of a product or service page
    (hero, features, specs, questions) each look like a short article, and the scorer picks one of them."""
    regions = [i for i, el in enumerate(page.elements) if (el.tag == "main" or el.get("role") == "main") and page.kept[i]]
    return page.elements[max(regions, key=page.kept.__getitem__)] if regions else None


def _stray_pick(best, region, page: _Page) -> bool:
    """The scorer's pick lies inside the page's declared main region but holds under _STRAY_SHARE of the
    text the region keeps once chrome is gone: it took one block (an intro paragraph, a product card's
    blurb) of a body made of lists, headings and short lines, which score little as paragraphs."""
    return page.kept[page.index[best]] < _STRAY_SHARE * page.kept[page.index[region]] and any(anc is region for anc in best.iterancestors())


def _widest_content(el, page: _Page):
    """On a page with no single body and no declared main region: the ancestor of el (below <body>, not
    chrome) that gains most when headings, labels and short lines cost little (_REGION_JUNK_COST), since
    such a page's sections are mostly those. When even that holds under _SCATTERED of what <body> keeps once
    chrome is gone, the sections stand side by side under <body> (hero, features, FAQ each a top-level
    block) and <body> is the content, its chrome pruned as on any page."""
    at = page.index
    best, gain = el, page.gain(at[el], _REGION_JUNK_COST)
    for anc in el.iterancestors():
        a = at[anc]
        if anc.tag == "body" and page.kept[at[best]] < _SCATTERED * page.kept[a]:
            return anc
        if anc.tag in ("body", "html"):
            break
        if page.reason[a] is None and page.gain(a, _REGION_JUNK_COST) > gain:
            best, gain = anc, page.gain(a, _REGION_JUNK_COST)
    return best


def _with_siblings(best, best_score: float, scores: dict, page: _Page) -> list:
    """best and the siblings that continue it: scored blocks, and plain prose blocks (a <p>, or a
    summary <div> holding text only)."""
    parent = best.getparent()
    if parent is None:
        return [best]
    threshold = max(10.0, best_score * 0.2)
    chosen = []
    for sib in parent:
        if sib is best:
            chosen.append(sib)
        elif isinstance(sib.tag, str) and page.reason[i := page.index[sib]] is None:
            if scores.get(sib, 0) >= threshold:
                chosen.append(sib)
            elif not page.blocky[i] and page.total[i] > _PROSE_MIN and page.link_density(i) < 0.25:
                chosen.append(sib)
    return chosen


def _pieces(best, page: _Page, scores: dict) -> list:
    """Blocks elsewhere with best's tag and class: a body split into pieces by ad rows or embeds
    ('article__body' three times) is one article."""
    cls = best.get("class")
    if not cls:
        return []
    out = []
    for i, el in enumerate(page.elements):
        if (el is not best and el.tag == best.tag and el.get("class") == cls and el in scores
                and page.link_density(i) < _PIECE_LINKS and page.prose(i) >= _PROSE_MIN):
            out.append(el)
    # A piece's own wrappers must not be chrome (comments reuse body classes), unless they have the shape of
    # best's own wrappers: a body split into panels, each in a "widget" or "nav-section" box, repeats its boxes.
    shared = set(best.iterancestors())
    shapes = {(anc.tag, anc.get("class")) for anc in shared}
    return [el for el in out if not _related(el, best)
            and all(anc in shared or page.reason[page.index[anc]] is None or (anc.tag, anc.get("class")) in shapes
                    for anc in el.iterancestors())]


def _related(a, b) -> bool:
    """One element contains the other."""
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def let_go(by_element: dict) -> None:
    """Empty a dict keyed by elements, freeing their proxies last to first. lxml frees the proxy of an element in a
    part cut out of the tree (pruned chrome) only after walking that part for proxies still held, from its start:
    freed first to last (a dict's order), each costs the walk over those freed before it, and a pruned sidebar of
    60,000 tag links took two minutes; last to first, the walk stops at once."""
    held = list(by_element)
    by_element.clear()
    while held:
        held.pop()


def _attached(el, root) -> bool:
    """el is still in the page (pruning may have removed an ancestor)."""
    for anc in el.iterancestors():
        if anc is root:
            return True
    return el is root


def prune(root, page: _Page, draft: Draft, best, keep: set, spare: frozenset = frozenset()) -> None:
    """Remove chrome page-wide, but never an element in `keep` (the chosen containers and their
    ancestors), nor a matched wrapper that holds most of the article's prose."""
    at = page.index
    total = page.para[at[best]] or 1
    stack = [(root, False)]
    while stack:
        el, inside = stack.pop()
        inside = inside or el is best
        i = at[el]
        reason = None if el in keep else page.reason[i]
        if (reason is None or reason in spare or page.kept[i]  # kept: a widget or promo box holding paragraphs (_WEAK, _RICH)
                or inside and reason in _BUILDER and page.link_density(i) < _PIECE_LINKS):
            stack.extend((child, inside) for child in el)
            continue
        if reason not in _ALWAYS_REMOVE and page.own_para[i] > total / 2:
            stack.extend((child, inside) for child in el)  # a wrapper named "content-with-sidebar" (or a header left open) is not chrome
            continue
        draft.strip(_cap(_head_text(el)), reason)
        if inside and reason in _END_MARKERS:
            _mark_end(el)
        else:
            _remove(el)


def _mark_end(el) -> None:
    """Put an empty end mark where a share bar inside the body was (the emitter notes where it falls)."""
    mark = etree.Element("hr", {_END_MARK: ""})
    mark.tail = el.tail
    el.getparent().replace(el, mark)


def _head_text(el) -> str:
    """The start of el's text, enough for `stripped` (a removed footer can hold a whole site map)."""
    parts, size = [], 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > 2 * _STRIP_CAP:
            break
    return clean_text(" ".join(parts))


def _cap(text: str) -> str:
    return text if len(text) <= _STRIP_CAP else text[:_STRIP_CAP].rsplit(" ", 1)[0] + " …"


def _host(url: str) -> str:
    """The host of an address, without 'www.' ('' for a relative or malformed one)."""
    try:
        return urlsplit(url).netloc.lower().removeprefix("www.")
    except ValueError:  # "http://[broken"
        return ""


def _own_page(href: str | None, site: str) -> bool:
    """The link leads to another page of the site itself (a related-links list is made of these); not to another
    site (a product pick, a source) nor to a section of this page (its table of contents)."""
    href = (href or "").strip()
    if not site or not href or href.startswith("#"):
        return False
    if not href.lower().startswith(("http:", "https:", "//")):
        return True  # a relative address
    host = _host(href)
    return host == site or host.endswith("." + site) or site.endswith("." + host)


class _Emitter:
    """Turns a container into plain-text blocks: one per paragraph-level element, tables row by row."""

    def __init__(self, draft: Draft, title: str | None, linked_headings: bool = False, site: str = ""):
        self.draft = draft
        self.linked_headings = linked_headings
        self.site = site
        self.title = (title or "").strip().lower()
        self.parts: list[str] = []
        self.joined = 0  # leading entries of `parts` that are runs of _PARTS_JOINED pieces joined
        self.linked_sections: list[int] = []  # indices in draft.paragraphs of section headings that are links
        self.link_chars = 0
        self.in_link = 0
        self.own_chars = 0  # link characters pointing to the site's own pages
        self.in_own = 0
        self.list_depth = 0
        self.tag = "p"
        self.ends: list[int] = []  # len(draft.paragraphs) at each end mark (_mark_end)
        self.boxes: list[int] = []  # ... at each author's box

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if len(self.parts) - self.joined >= _PARTS_JOINED:
                self.parts[self.joined:] = ["".join(self.parts[self.joined:])]
                self.joined += 1
            if self.in_link:
                self.link_chars += len(text)
            if self.in_own:
                self.own_chars += len(text)

    def flush(self) -> None:
        text = clean_text("".join(self.parts))
        links, own, self.parts, self.joined, self.link_chars, self.own_chars = self.link_chars, self.own_chars, [], 0, 0, 0
        if self.list_depth and self.site:
            links = own  # in a list, links to other sites or to this page's sections are picks, sources, contents
        if not text:
            return
        reason = self._boilerplate(text, links)
        if reason:
            self.draft.strip(_cap(text), reason)
        elif text.lower() == self.title or self.tag in _HEADLINES and self._is_title(text):
            self.draft.strip(text, "headline")
        else:
            self.draft.paragraphs.append(text)

    def _boilerplate(self, text: str, links: int) -> str | None:
        if len(text) <= _PHRASE_MAX:
            m = _PHRASE.match(fold(text))
            if m:
                return m.lastgroup
        if links > 0.6 * len(text) and (self.list_depth or len(text) < 200 or "\n" in text):
            if self.linked_headings and not self.list_depth and "\n" not in text and len(text) >= _HEADING_MIN:
                return None  # a linked line alone: an item's headline on a page of items, a self-linked section heading
            if self.tag in _SECTION_HEADINGS and not self.list_depth:
                self.linked_sections.append(len(self.draft.paragraphs))
                return None  # a listicle's entry heading linking to what it reviews; unless in a run (finish)
            return "link_list"
        return None

    def walk(self, container) -> None:
        walker = etree.iterwalk(container, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if event == "start":
                if tag in _BLOCK_TAGS or tag in _CELLS or tag == "br":
                    self._start(tag)
                if tag == "a":  # counted before any skip: a skipped element still gets its end event
                    self.in_link += 1
                    self.in_own += _own_page(el.get("href"), self.site)
                elif tag in ("ul", "ol"):
                    self.list_depth += 1
                if tag == "head":
                    walker.skip_subtree()
                    continue
                if tag == "hr" and el.get(_END_MARK) is not None:
                    self.ends.append(len(self.draft.paragraphs))
                concept = _classes(el)[0]
                if tag in ("figcaption", "caption") or concept == "caption" and self._short(el):
                    self._caption(clean_text(el.text_content()))
                    walker.skip_subtree()
                    continue
                if concept == "byline" or tag == "header" and self._is_headline(el):
                    text = clean_text(el.text_content())
                    if concept == "byline" and len(text) >= _PROSE_MIN:  # an author's box, with a bio
                        self.boxes.append(len(self.draft.paragraphs))
                    self.draft.strip(_cap(text), "byline" if concept == "byline" else "headline")
                    walker.skip_subtree()
                    continue
                self.add(el.text)
            else:
                if tag == "a":
                    self.in_link -= 1
                    self.in_own -= _own_page(el.get("href"), self.site)
                elif tag in ("ul", "ol"):
                    self.list_depth -= 1
                if tag in _BLOCK_TAGS:
                    self.flush()
                elif tag in _CELLS:
                    self.add("\t")
                if el is not container:
                    self.add(el.tail)
        self.flush()

    def finish(self) -> None:
        """Linked section headings following one another with no text between are a grid of teasers (related
        posts under the body), not sections: they go to `stripped` as a link list."""
        linked = set(self.linked_sections)
        run = {i for i in linked if i - 1 in linked or i + 1 in linked}
        for i in sorted(run):
            self.draft.strip(_cap(self.draft.paragraphs[i]), "link_list")
        self.draft.paragraphs[:] = [p for i, p in enumerate(self.draft.paragraphs) if i not in run]
        for marks in (self.ends, self.boxes):
            self._cut_after_end([end - sum(1 for i in run if i < end) for end in marks])

    def _cut_after_end(self, ends: list[int]) -> None:
        """The paragraphs after the first end mark that has _END_SHARE of the text before it go to `stripped`."""
        if len(ends) > _END_BARS:
            return
        paragraphs = self.draft.paragraphs
        total = sum(map(len, paragraphs))
        for end in ends:
            if 0 < end < len(paragraphs) and sum(map(len, paragraphs[:end])) >= _END_SHARE * total:
                for paragraph in paragraphs[end:]:
                    self.draft.strip(_cap(paragraph), "after_end")
                del paragraphs[end:]
                return

    def _start(self, tag: str) -> None:
        if tag == "br":
            self.add("\n")
        elif tag in _CELLS:
            self.add("\t")
        else:
            self.flush()
            self.tag = tag

    @staticmethod
    def _short(el) -> bool:
        """el's text is no longer than a caption's (_CAPTION_MAX), read only that far."""
        size = 0
        for piece in el.itertext():
            size += len(piece.strip())
            if size > _CAPTION_MAX:
                return False
        return True

    def _is_headline(self, header) -> bool:
        """A <header> holding the page's headline: headline, standfirst and byline, not body text."""
        return any(self._is_title(clean_text(h.text_content())) for h in header.iter(*_HEADLINES))

    def _is_title(self, text: str) -> bool:
        """The headline, or the headline with a kicker or tail the <title> left out."""
        text = text.lower()
        return bool(self.title) and (text == self.title or len(self.title) >= 20 and self.title in text)

    def _caption(self, text: str) -> None:
        if text and text not in self.draft.captions:
            self.draft.captions.append(text)


def extract_article(root, draft: Draft, *, discussion: bool = False, whole_region: bool = False,
                    linked_headings: bool = False, address: str = "") -> None:
    """Fill draft.paragraphs/captions/stripped from a parsed page (the tree is modified).

    `discussion`: the page is a thread whose posts no engine profile could split; its comments
    are then the main text, not chrome. `whole_region`: the page has no single body (a product,
    service, documentation or list page: its text is every section of its content), so the
    region the page declares main is taken whole when there is one, else the pick widens to the
    ancestor holding most of its sections (_widest_content). A one-body page's pick that holds little
    of its declared main region's text gives way to the region too (_stray_pick). `linked_headings`: a linked
    line standing alone is a heading, kept (a list page's item headlines when its cards were not found, the
    self-linked section headings of documentation). `address`: the page's URL; in a list, only links to the site's
    own other pages make a link list."""
    _unwrap_swallowing_controls(root)
    if draft.page_type == "product":  # before <picture>s go with the dropped tags: a card's image is often one
        _strip_product_cards(root, draft)
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_DROP_TAGS, with_tail=False)
    page = _Page(root, draft.page_type)
    best, score, scores = best_container(root, page)
    region = _main_region(page)
    if region is not None and (whole_region or _stray_pick(best, region, page)):
        best, score = region, float("inf")
    elif whole_region:
        wide = _widest_content(best, page)
        if wide is not best:
            best, score = wide, float("inf")
    containers = _with_siblings(best, score, scores, page)
    pieces = [p for p in _pieces(best, page, scores) if not any(_related(p, c) for c in containers)]
    keep = {best, *best.iterancestors()}
    for piece in pieces:
        keep.update((piece, *piece.iterancestors()))
    prune(root, page, draft, best, keep, _DISCUSSION if discussion else frozenset())
    emitter = _Emitter(draft, draft.title, linked_headings, _host(address))
    chosen = sorted({*containers, *pieces}, key=page.index.__getitem__)
    let_go(page.index)
    let_go(scores)
    del page, scores  # the measures hold a proxy per element: on a 20 MB page ~60 MB the walk below needs free
    for container in chosen:
        if _attached(container, root):
            emitter.walk(container)
    emitter.finish()
