"""What kind of page an HTML document is: article, forum thread, listing, collection, product, documentation,
service, home page or other — read from structure, never from the site.

The evidence is what a page declares (schema.org JSON-LD @type, og:type, microdata itemprops), the shape
of its URL (depth, a date or an id in the path, segments such as /tag/ or /docs/), what its class names
say (cart and price widgets, code highlighting, card grids, post bodies: concepts in
normalizers/data/html_page_type.json) and how its text is laid out (share of long paragraphs, link
density, headings that are links, code blocks, forms, images, whether the prose sits in one body). The
evidence is weighed by a linear model whose weights (normalizers/data/page_type_weights.json) are fitted on
the tune split of the labelled sets by `python -m benchmarks.page_type --fit`; the validation split checks
they generalise.

Cost: the attribute walk is shared with the forum detector (`page_attributes`); the rest is one regex
pass over the distinct class names, one filtered tag walk and a few XPath expressions evaluated in C,
so typing adds a few per cent to a page's extraction (`python -m benchmarks.page_type --speed`).

>>> root = lxml.html.fromstring("<html><body><h1>T</h1><pre>x = 1</pre><pre>y = 2</pre></body></html>")
>>> classify(root, "https://docs.example.org/guide/intro.html") in PAGE_TYPES
True
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from itertools import accumulate
from urllib.parse import urlsplit

import lxml.html  # noqa: F401  (the doctest builds a tree with it)
from lxml import etree

from extractors.html_forum_generic import page_attributes
from extractors.html_metadata import jsonld_objects
from normalizers import vocab
from normalizers.data.html_vocab import load

PAGE_TYPES = ("article", "forum_thread", "listing", "collection", "product", "documentation", "service", "homepage", "other")
LISTS = frozenset({"listing", "collection", "homepage"})  # pages whose text is their items, not one body

_VOCAB = load("page_type")
_CLASS_CONCEPTS = {k: v for k, v in _VOCAB["class_concepts"].items() if not k.startswith("_")}
_LD = {t: name for name, types in _VOCAB["jsonld_types"].items() for t in types}
_OG = {t: name for name, types in _VOCAB["og_types"].items() for t in types}
_SEGMENTS = {name: frozenset(segs) for name, segs in _VOCAB["path_segments"].items()}
_ITEMPROPS = {p: name for name, props in _VOCAB["itemprops"].items() for p in props}
_LD_NAMES = list(_VOCAB["jsonld_types"])
_OG_NAMES = list(_VOCAB["og_types"])

_DATE_META = frozenset(load("metadata")["meta"]["published"])  # the meta names the metadata reader takes a date from
_OG_TYPE = etree.XPath('//meta[@property="og:type"]/@content')
_BODY_CHARS = etree.XPath("string-length(normalize-space(//body))")
_NON_TEXT = etree.XPath("//body//script|//body//style")  # raw text that never nests
_PARAGRAPHS = etree.XPath("//p")
_NORMALISED_LENGTH = etree.XPath("string-length(normalize-space())")
_LINKED_HEADINGS = etree.XPath("count(//h2[a]) + count(//h3[a]) + count(//h4[a]) + count(//a[h2 or h3 or h4])")
# Tags counted in one filtered walk: the feature each feeds (inputs are only those a visitor types or ticks in)
_COUNTED = {"pre": "pre", "code": "code", "form": "forms", "article": "articles", "time": "times", "img": "images",
            "table": "tables", "h2": "headings", "h3": "headings", "button": "buttons", "textarea": "inputs", "select": "inputs",
            "input": "inputs"}
_FILLED_INPUTS = frozenset({"text", "email", "tel", "number", "radio", "checkbox"})
_CARD_SHAPE = etree.XPath("boolean(.//a[@href]) and boolean(.//h2|.//h3|.//h4|.//h5|.//img)")
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:€|zł|₽|kr\b|EUR\b|USD\b)")
_CARD_MIN = 4  # same-class blocks that make a grid of cards
_CARD_GROUPS = 12  # most repeated class values looked at (menus and icons repeat too; cards are among the top)
_CARD_SAMPLE = 3  # blocks of a group read to judge it
_CARD_TEXT = (15, 1200)  # characters a card holds: a title at least, a summary at most
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DIGITS = re.compile(r"\d{4,}")
_WORD_BREAK = re.compile(r"[-_+]")
_EXTENSION = re.compile(r"\.(?:html?|php|aspx?|jsp|cfm)$")
_HOST_DOCS = frozenset({"docs", "doc", "developer", "developers", "wiki", "learn", "help", "support", "api", "devdocs"})
_LINK_TITLE = (25, 200)  # characters of a link that reads as an item's title (menus are shorter, prose longer)
_PROSE = 80  # characters: a paragraph this long is prose, not a label or a teaser line
_OG_UNTYPED = frozenset({"og_none", "og_website"})  # og:type values that say nothing about the page
_EMPTY = 200  # characters of visible text below which an undeclared page has no content to type ("other")


def classify(root, url: str = "", attrs: dict | None = None) -> str:
    """The page type of a parsed page (`attrs`: page_attributes(root), when the caller has it already)."""
    return typed(root, url, attrs)[0]


def typed(root, url: str = "", attrs: dict | None = None) -> tuple[str, float]:
    """(page type, forum gap): the gap is how far the forum_thread score falls below the best one (0 when a
    thread wins), so a caller can still offer a close call to the forum detector."""
    found = evidence(root, url, attrs)
    scores = _scores(found)
    kind = max(scores, key=scores.__getitem__)
    gap = scores[kind] - scores["forum_thread"]
    declared = any(v for k, v in found.items() if k.startswith("ld_") or (k.startswith("og_") and k not in _OG_UNTYPED))
    if found["chars_log"] < math.log1p(_EMPTY) and not declared:
        return "other", gap
    if kind == "listing" and found.get("url_root"):
        return "homepage", gap
    return kind, gap


def _scores(found: dict[str, float]) -> dict[str, float]:
    """Linear score of each fitted type over the standardised evidence (higher is likelier)."""
    model = vocab.load("page_type_weights")
    # evidence the page cannot give (no URL known) weighs nothing: it stands at the tune pages' mean
    z = [(found.get(name, mean) - mean) / scale for name, mean, scale in zip(model["features"], model["mean"], model["scale"])]
    return {kind: bias + sum(w * x for w, x in zip(row, z))
            for kind, row, bias in zip(model["classes"], model["weights"], model["bias"])}


def evidence(root, url: str = "", attrs: dict | None = None) -> dict[str, float]:
    """Named numbers the model weighs: declarations, URL shape, class-name concepts, text layout."""
    attrs = page_attributes(root) if attrs is None else attrs
    found: dict[str, float] = {}
    found.update(_declared(root, attrs))
    found.update(_url_shape(url))
    found.update(_class_concepts(attrs))
    found.update(_layout(root, attrs, url))
    found.update(_cards(attrs))
    return found


def _declared(root, attrs: dict) -> dict[str, float]:
    """What the page says it is: JSON-LD @type, og:type, microdata itemprops (by concept)."""
    out = {f"ld_{name}": 0.0 for name in _LD_NAMES}
    dated = authored = False
    for obj in jsonld_objects(root):
        dated = dated or "datePublished" in obj
        authored = authored or "author" in obj
        kinds = obj.get("@type", [])
        for t in kinds if isinstance(kinds, list) else [kinds]:
            name = _LD.get(t.lower()) if isinstance(t, str) else None
            if name:
                out[f"ld_{name}"] = 1.0
    og = _OG_TYPE(root)
    og_name = _OG.get(og[0].strip().lower()) if og else None
    out.update({f"og_{name}": float(og_name == name) for name in _OG_NAMES})
    out["og_none"] = float(not og)
    props = {name: 0 for name in _VOCAB["itemprops"]}
    for value in attrs.get("itemprop", ()):
        for word in value.lower().split():
            name = _ITEMPROPS.get(word)
            if name:
                props[name] += 1
    out.update({f"prop_{name}": math.log1p(n) for name, n in props.items()})
    names = {v.lower() for v in attrs.get("property", ())} | {v.lower() for v in attrs.get("name", ())}
    out["dated"] = float(dated or bool(names & _DATE_META) or "datepublished" in {v.lower() for v in attrs.get("itemprop", ())})
    out["authored"] = float(authored or "author" in names or "author" in {v.lower() for v in attrs.get("rel", ())})
    return out


def _url_shape(url: str) -> dict[str, float]:
    """Depth, a date or a long number in the path, the last segment's words, and what named segments announce;
    nothing for a page whose web address is unknown (a local file)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return {}
    segments = [s for s in parts.path.lower().split("/") if s]
    last = segments[-1] if segments else ""
    out = {
        "url_root": float(not segments),
        "url_depth": float(min(len(segments), 6)),
        "url_dated": float(any(_YEAR.match(s) for s in segments)),
        "url_number": float(bool(_DIGITS.search(last))),
        "url_words": float(min(len(_WORD_BREAK.split(_EXTENSION.sub("", last))) if last else 0, 12)),
        "url_extension": float(bool(_EXTENSION.search(last))),
        "url_query": float(bool(parts.query)),
        "url_docs_host": float(bool(parts.hostname) and parts.hostname.split(".")[0] in _HOST_DOCS),
    }
    for name, known in _SEGMENTS.items():
        out[f"seg_{name}"] = float(any(s in known for s in segments))
        out[f"last_{name}"] = float(last in known or _EXTENSION.sub("", last) in known)
    return out


def _branch_by_first_letter(fragments: list[str]) -> re.Pattern:
    """One alternation of every fragment, anchored at a word start, branching on the first letter: the
    regex engine then tries one branch per position instead of every fragment (3x faster on real pages)."""
    rests = defaultdict(list)
    for fragment in fragments:
        rests[fragment[0]].append(fragment[1:])
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(f"{re.escape(c)}(?:{'|'.join(r)})" for c, r in sorted(rests.items())) + ")")


_ANY_CONCEPT = _branch_by_first_letter([f for fragments in _CLASS_CONCEPTS.values() for f in fragments])
_EACH_CONCEPT = {name: re.compile("|".join(fragments)) for name, fragments in _CLASS_CONCEPTS.items()}


def _class_concepts(attrs: dict) -> dict[str, float]:
    """How many class/id tokens name each concept (log scale: a grid of 40 cards is not 40 times the evidence).
    The distinct tokens are searched in one regex pass over them joined; a token counts for its first concept."""
    counts = dict.fromkeys(_CLASS_CONCEPTS, 0)
    words = Counter(" ".join(attrs.get("class", []) + attrs.get("id", [])).lower().split())
    tokens = list(words)
    joined = "\n".join(tokens)
    ends = list(accumulate(len(t) + 1 for t in tokens))
    seen = set()
    for found in _ANY_CONCEPT.finditer(joined):
        i = bisect_right(ends, found.start())
        if i not in seen:
            seen.add(i)
            name = next(n for n, rx in _EACH_CONCEPT.items() if rx.match(joined, found.start()))
            counts[name] += words[tokens[i]]
    return {f"class_{name}": math.log1p(n) for name, n in counts.items()}


def _cards(attrs: dict) -> dict[str, float]:
    """Grids of cards: a class value repeated on blocks that each hold a link and a heading or picture and
    a short text. How many items the largest grid has, how many grids, and the share of cards with a price."""
    by_value = defaultdict(list)
    for i, value in enumerate(attrs.get("class", ())):
        by_value[value].append(i)
    groups = sorted((v for v in by_value.values() if len(v) >= _CARD_MIN), key=len, reverse=True)[:_CARD_GROUPS]
    items, grids, priced = 0, 0, 0.0
    for values in groups:
        sample = attrs.owners("class", values[:_CARD_SAMPLE])
        texts = [" ".join(el.text_content().split()) for el in sample]
        if all(_CARD_SHAPE(el) for el in sample) and all(_CARD_TEXT[0] <= len(t) <= _CARD_TEXT[1] for t in texts):
            grids += 1
            items = max(items, len(values))
            priced = max(priced, sum(bool(_PRICE.search(t)) for t in texts) / len(texts))
    return {"card_items": math.log1p(items), "card_grids": math.log1p(grids), "card_priced": priced}


def _prose_body(paragraphs: list, lengths: list[int]) -> dict[str, float]:
    """Whether the page's prose is one body: an article's paragraphs share one container (its body), a service
    or landing page's sit one or two per section block between headings, buttons and pictures. The share of
    prose characters under the container holding the most, and how many prose paragraphs that one holds;
    nothing when the page has no prose paragraph."""
    chars, count = Counter(), Counter()
    for p, n in zip(paragraphs, lengths):
        if n >= _PROSE:
            chars[p.getparent()] += n
            count[p.getparent()] += 1
    if not chars:
        return {}
    body, held = chars.most_common(1)[0]
    return {"prose_concentration": held / sum(chars.values()), "body_paragraphs": math.log1p(count[body])}


def _layout(root, attrs: dict, url: str) -> dict[str, float]:
    """Text statistics: visible characters, share in long paragraphs, link density, links that read as item
    titles, headings that are links, links into the page's own section (a listing links down to its items),
    phone and mail links, code, forms, images, how the prose is held."""
    chars = max(0.0, _BODY_CHARS(root) - sum(_NORMALISED_LENGTH(el) for el in _NON_TEXT(root)))
    total = max(chars, 1.0)
    paragraphs = _PARAGRAPHS(root)
    lengths = [len(p.text_content().strip()) for p in paragraphs]
    prose_blocks = sum(1 for n in lengths if n >= _PROSE)
    hrefs = attrs.get("href", ())
    owned = attrs.owned("href", "a")
    links = [v for v, _ in owned]
    link_lengths = [len(el.text_content().strip()) for _, el in owned]
    title_links = sum(1 for n in link_lengths if _LINK_TITLE[0] <= n <= _LINK_TITLE[1])
    linked_headings = _LINKED_HEADINGS(root)
    counts = dict.fromkeys(_COUNTED.values(), 0)
    for el in root.iter(*_COUNTED):
        if el.tag != "input" or (el.get("type") or "text").lower() in _FILLED_INPUTS:
            counts[_COUNTED[el.tag]] += 1
    out = {
        "chars_log": math.log1p(chars),
        "prose_share": min(sum(n for n in lengths if n >= _PROSE) / total, 1.0),
        "prose_blocks": math.log1p(prose_blocks),
        "link_density": min(sum(link_lengths) / total, 1.0),
        "links": math.log1p(len(links)),
        "title_links": math.log1p(title_links),
        "title_links_per_prose": title_links / (1 + prose_blocks),
        "linked_headings": math.log1p(linked_headings),
        "linked_headings_per_prose": linked_headings / (1 + prose_blocks),
        "headings_per_prose": counts["headings"] / (1 + prose_blocks),
        "images_per_kchar": min(counts["images"] * 1000 / total, 20.0),
        "phone_links": math.log1p(sum(1 for v in hrefs if v.startswith("tel:"))),
        "mail_links": math.log1p(sum(1 for v in hrefs if v.startswith("mailto:"))),
        **{name: math.log1p(n) for name, n in counts.items()},
    }
    out.update(_prose_body(paragraphs, lengths))
    web = urlsplit(url)
    own = web.path.rstrip("/")
    if web.scheme in ("http", "https"):  # unknown without an address; a root page has no section of its own
        out["links_below"] = math.log1p(sum(1 for v in links if own in v and not v.rstrip("/").endswith(own))) if own else 0.0
    return out
