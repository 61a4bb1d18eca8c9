"""Main text of an article page: prune chrome, score blocks for the main container, emit plain blocks.

The scorer weighs text length, commas, link density and class/id/tag evidence (vocabularies in
normalizers/data/html_boilerplate.json); what is removed goes to `draft.stripped` with the concept
that removed it, captions go to `draft.captions`. Every walk is iterative, so depth never recurses.
"""
from __future__ import annotations

import re

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
# Concepts handled while emitting the chosen container rather than pruned page-wide.
_EMIT_CONCEPTS = frozenset({"caption", "byline"})
_DISCUSSION = frozenset({"comments"})  # concepts that are content on a discussion page
_PROTECTED = frozenset({"html", "body", "main", "article"})

_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd", "dt",
                         "section", "article", "figure", "header", "ul", "ol", "dl", "table", "main", "address",
                         "center", "form", "details", "summary", "hr", "caption", "tbody", "thead"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELLS = frozenset({"td", "th"})
_SCORED_TAGS = frozenset({"p", "pre", "td", "blockquote", "li", "dd", "h2", "h3"})
_TAG_WEIGHT = {"article": 12, "main": 8, "section": 3, "div": 5, "td": 3, "blockquote": 3, "form": -3, "ul": -3, "ol": -3,
               "li": -3, "dl": -3, "th": -5, "h1": -5, "h2": -5, "address": -3}
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b\u3000]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_COMMAS = re.compile(r"[,،，、;]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ALWAYS_REMOVE = frozenset({"hidden", "popup", "cookie_banner"})  # removed even if prose-heavy
_PROSE_MIN = 80  # characters: a block this long is prose, not a label or a link
_STRIP_CAP = 300  # characters of a removed block kept in `stripped`: enough to judge it, not a second copy of the page
_PHRASE_MAX = 160  # a boilerplate phrase only condemns a block this short; longer blocks are prose that starts alike


def clean_text(text: str) -> str:
    """Collapse runs of spaces, keep line breaks (one per run)."""
    return _NEWLINES.sub("\n", _SPACE.sub(" ", text)).strip()


def _attrs(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def _hidden(el) -> bool:
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or bool(_HIDDEN_STYLE.search(el.get("style", "")))


def _is_body(el) -> bool:
    """Markup that declares 'this is the article body' (itemprop=articleBody, role=main…)."""
    return any(el.get(attr, "").lower() in values for attr, values in _BODY_ATTRS.items()) or bool(
        (m := _KEEP.search(_attrs(el))) and m.lastgroup == "article_body")


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


def removal_reason(el) -> str | None:
    """Why el is page chrome (a concept name), or None to keep it."""
    tag = el.tag
    if tag in _PROTECTED:
        return None
    if _hidden(el):
        return "hidden"
    if tag in _CHROME_TAGS:
        return _CHROME_TAGS[tag]
    attrs = _attrs(el)
    if len(attrs) < 2 or _is_body(el):
        return None
    m = _REMOVE.search(attrs)
    return m.lastgroup if m and m.lastgroup not in _EMIT_CONCEPTS else None


def prune(root, draft: Draft, keep: set, spare: frozenset = frozenset()) -> None:
    """Remove chrome page-wide, but never an element in `keep` (the chosen container and its
    ancestors), nor a matched wrapper that holds most of the page's prose."""
    prose = {el: len(el.text_content()) for el in paragraphs(root)}
    total = sum(n for n in prose.values() if n >= _PROSE_MIN) or 1
    protected = keep | _declared_main(root)
    stack = [root]
    while stack:
        el = stack.pop()
        reason = None if el in protected else removal_reason(el)
        if reason is None or reason in spare:
            stack.extend(el)
            continue
        if reason not in _ALWAYS_REMOVE and _prose_inside(el, prose) > total / 2:
            stack.extend(el)  # a wrapper named "content-with-sidebar" is not a sidebar
            continue
        draft.strip(_cap(clean_text(" ".join(el.itertext()))), reason)
        _remove(el)


def paragraphs(root):
    """Paragraph-like elements: text blocks, and divs/spans that hold text but no blocks."""
    for el in root.iter(*_SCORED_TAGS, "div"):
        if el.tag != "div" or not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el):
            yield el


def _prose_inside(el, prose: dict) -> int:
    return sum(prose.get(p, 0) for p in el.iter(*_SCORED_TAGS, "div") if prose.get(p, 0) >= _PROSE_MIN)


def _declared_main(root) -> set:
    """Elements that declare themselves the main text (articleBody, <article>, <main>) and their
    ancestors: a 'paywall' or 'sidebar' class on a wrapper must not take the article with it."""
    marked = [el for el in root.iter("article", "main")]
    marked += [el for el in root.iter() if isinstance(el.tag, str) and _is_body(el)]
    keep = set(marked)
    for el in marked:
        keep.update(el.iterancestors())
    return keep


def _cap(text: str) -> str:
    return text if len(text) <= _STRIP_CAP else text[:_STRIP_CAP].rsplit(" ", 1)[0] + " …"


def _link_density(el, length: int) -> float:
    links = sum(len(a.text_content()) for a in el.iter("a"))
    return links / length if length else 1.0


def best_container(root) -> tuple:
    """(element, score, all scores): readability-style paragraph scores propagated to ancestors,
    weighed by class/tag evidence and link density; scored before pruning, so a 'sidebar' class
    on the article's own wrapper cannot lose the article."""
    scores: dict = {}
    for el in paragraphs(root):
        text = el.text_content()
        length = len(text.strip())
        if length < 25:
            continue
        points = 1 + len(_COMMAS.findall(text)) + min(length // 100, 3)
        parent = el.getparent()
        for level, anc in enumerate((parent, parent.getparent() if parent is not None else None)):
            if anc is None or not isinstance(anc.tag, str):
                break
            if anc not in scores:
                scores[anc] = _initial_score(anc)
            scores[anc] += points / (1 + level)
    if not scores:
        body = root.find("body")
        return (body if body is not None else root), 0.0, scores
    ranked = sorted(scores, key=scores.get, reverse=True)[:5]
    adjusted = {el: scores[el] * (1 - _link_density(el, len(el.text_content()))) for el in ranked}
    best = max(adjusted, key=adjusted.get)
    body = _climb_to_body(best)
    return body, (adjusted[best] if body is best else float("inf")), scores


def _initial_score(el) -> float:
    score = _TAG_WEIGHT.get(el.tag, 0)
    if _is_body(el):
        score += 30
    else:
        attrs = _attrs(el)
        if _KEEP.search(attrs):
            score += 10
        if _REMOVE.search(attrs):
            score -= 15
    return score


def _climb_to_body(el):
    """If an ancestor declares itself the article body, take it whole (the best block is often a part)."""
    anc = el.getparent()
    for _ in range(4):
        if anc is None or anc.tag in ("body", "html"):
            break
        if _is_body(anc):
            return anc
        anc = anc.getparent()
    return el


def _with_siblings(best, best_score: float, scores: dict) -> list:
    parent = best.getparent()
    if parent is None:
        return [best]
    threshold = max(10.0, best_score * 0.2)
    chosen = []
    for sib in parent:
        if sib is best:
            chosen.append(sib)
        elif isinstance(sib.tag, str) and removal_reason(sib) is None:
            if scores.get(sib, 0) >= threshold:
                chosen.append(sib)
            elif sib.tag == "p":
                text = sib.text_content().strip()
                if len(text) > 80 and _link_density(sib, len(text)) < 0.25:
                    chosen.append(sib)
    return chosen


class _Emitter:
    """Turns a container into plain-text blocks: one per paragraph-level element, tables row by row."""

    def __init__(self, draft: Draft, title: str | None):
        self.draft = draft
        self.title = (title or "").strip().lower()
        self.parts: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.list_depth = 0
        self.tag = "p"

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.in_link:
                self.link_chars += len(text)

    def flush(self) -> None:
        text = clean_text("".join(self.parts))
        links, self.parts, self.link_chars = self.link_chars, [], 0
        if not text:
            return
        reason = self._boilerplate(text, links)
        if reason:
            self.draft.strip(_cap(text), reason)
        elif self.tag == "h1" and text.lower() == self.title:
            return
        else:
            self.draft.paragraphs.append(text)

    def _boilerplate(self, text: str, links: int) -> str | None:
        if len(text) <= _PHRASE_MAX:
            m = _PHRASE.match(fold(text))
            if m:
                return m.lastgroup
        if links > 0.6 * len(text) and (self.list_depth or len(text) < 200):
            return "link_list"
        return None

    def walk(self, container) -> None:
        walker = etree.iterwalk(container, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if event == "start":
                if tag in _BLOCK_TAGS or tag in _CELLS or tag == "br":
                    self._start(tag)
                if tag == "head":
                    walker.skip_subtree()
                    continue
                if tag in ("figcaption", "caption") or self._emit_concept(el) == "caption":
                    self._side(clean_text(el.text_content()), "caption")
                    walker.skip_subtree()
                    continue
                if self._emit_concept(el) == "byline":
                    self.draft.strip(_cap(clean_text(el.text_content())), "byline")
                    walker.skip_subtree()
                    continue
                if tag == "a":
                    self.in_link += 1
                elif tag in ("ul", "ol"):
                    self.list_depth += 1
                self.add(el.text)
            else:
                if tag == "a":
                    self.in_link -= 1
                elif tag in ("ul", "ol"):
                    self.list_depth -= 1
                if tag in _BLOCK_TAGS:
                    self.flush()
                elif tag in _CELLS:
                    self.add("\t")
                if el is not container:
                    self.add(el.tail)
        self.flush()

    def _start(self, tag: str) -> None:
        if tag == "br":
            self.add("\n")
        elif tag in _CELLS:
            self.add("\t")
        else:
            self.flush()
            self.tag = tag

    def _emit_concept(self, el) -> str | None:
        attrs = _attrs(el)
        if len(attrs) < 2:
            return None
        m = _REMOVE.search(attrs)
        return m.lastgroup if m and m.lastgroup in _EMIT_CONCEPTS else None

    def _side(self, text: str, kind: str) -> None:
        if text and kind == "caption" and text not in self.draft.captions:
            self.draft.captions.append(text)


def extract_article(root, draft: Draft, *, discussion: bool = False) -> None:
    """Fill draft.paragraphs/captions/stripped from a parsed page (the tree is modified).

    `discussion`: the page is a thread whose posts no engine profile could split; its comments
    are then the main text, not chrome."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_DROP_TAGS, with_tail=False)
    best, score, scores = best_container(root)
    prune(root, draft, {best, *best.iterancestors()}, _DISCUSSION if discussion else frozenset())
    emitter = _Emitter(draft, draft.title)
    for container in _with_siblings(best, score, scores):
        emitter.walk(container)
