"""The thread reader's own lxml tree, read the way the engine profiles were measured (BeautifulSoup's).

The engine profiles (normalizers/data/html_forum.json) were written and scored against BeautifulSoup
with soupsieve selectors. Re-parsing a thread page with bs4 cost ~0.1 s a page and matching soupsieve
selectors as much again; this module gives the same answers on an lxml tree: the page is parsed by the
same libxml2 push parser bs4 drives, whitespace-only strings are collapsed as bs4 collapses them, text
skips what bs4's `get_text` skips, and each selector is compiled once to XPath whose ancestor parts may
match above the element searched, as soupsieve's do.
"""
from __future__ import annotations

import functools

from cssselect import HTMLTranslator, parse
from cssselect.parser import CombinedSelector
from lxml import etree

_ASCII_SPACES = " \n\t\f\r"  # bs4 collapses strings made only of these...
_PRESERVE = frozenset({"pre", "textarea"})  # ...except inside these
_NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})  # bs4 gives their strings other types, which get_text skips
# soupsieve compares these attributes' values case-insensitively in HTML (the HTML spec's list, of which the profiles use rel)
_CASELESS = frozenset({"rel", "rev", "type", "lang", "charset", "hreflang", "media", "method", "target", "dir", "scope"})
_LOWER = "translate(%s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_AXES = {" ": "ancestor", ">": "parent"}  # the combinators the profiles use


def parse_thread(text: str):
    """The page's root element as bs4's lxml builder sees it (one feed to libxml2's push parser)."""
    parser = etree.HTMLParser(recover=True)
    parser.feed(text[1:] if text.startswith("\ufeff") else text)
    root = parser.close()
    preserved = {el for keeper in root.iter(*_PRESERVE) for el in keeper.iter()}
    for node in root.iter():
        if _is_element(node):
            if node.text and _blank(node.text) and node not in preserved:
                node.text = _collapsed(node.text)
        elif node.tag is etree.Comment and _blank(node.text or "") and node.getparent() not in preserved:
            node.text = _collapsed(node.text or "")  # an empty comment too: bs4 makes it " "
        if node.tail and _blank(node.tail) and node.getparent() not in preserved:
            node.tail = _collapsed(node.tail)
    return root


def _blank(text: str) -> bool:
    return not text.strip(_ASCII_SPACES)


def _collapsed(blank: str) -> str:
    return "\n" if "\n" in blank else " "


class _Translator(HTMLTranslator):
    def xpath_attrib_equals(self, xpath, name, value):
        if name.removeprefix("@") in _CASELESS:
            xpath.add_condition(f"{_LOWER % name} = {self.xpath_literal(value.lower())}")
            return xpath
        return super().xpath_attrib_equals(xpath, name, value)


_TRANSLATOR = _Translator()


def _step(tree) -> str:
    """A node test with predicates for one compound selector; what it combines with becomes a predicate on an axis."""
    if isinstance(tree, CombinedSelector):
        if tree.combinator not in _AXES:
            raise ValueError(f"combinator {tree.combinator!r} is not supported in forum profiles")
        return f"{_step(tree.subselector)}[{_AXES[tree.combinator]}::{_step(tree.selector)}]"
    expr = _TRANSLATOR.xpath(tree)
    return expr.element + (f"[{expr.condition}]" if expr.condition else "")


@functools.cache
def needs(css: str) -> tuple[tuple[frozenset, frozenset], ...]:
    """Per selector of `css`: the attribute names and the (lower-cased) class tokens some element of the page must
    carry for it to match anything. A page lacking them is answered without a search (one is a walk of every element).

    >>> [(sorted(names), sorted(classes)) for names, classes in needs("div.post[id^=p], [itemprop=comment]")]
    [(['class', 'id'], ['post']), (['itemprop'], [])]
    """
    out = []
    for parsed in parse(css.replace(":-soup-contains(", ":contains(")):
        names, classes = set(), set()
        _needs(parsed.parsed_tree, names, classes)
        out.append((frozenset(names), frozenset(classes)))
    return tuple(out)


def _needs(tree, names: set, classes: set) -> None:
    kind = type(tree).__name__
    if kind == "CombinedSelector":  # both sides must match an element of the page
        _needs(tree.selector, names, classes)
        _needs(tree.subselector, names, classes)
        return
    if kind == "Attrib":
        names.add(tree.attrib.lower())  # the HTML parser lower-cases attribute names
    elif kind == "Class":
        names.add("class")
        classes.add(tree.class_name.lower())
    elif kind == "Hash":
        names.add("id")
    if kind in ("Attrib", "Class", "Hash", "Pseudo", "Function", "Negation"):  # what they refine (not what :not excludes)
        _needs(tree.selector, names, classes)


@functools.cache
def selector(css: str) -> etree.XPath:
    """Elements below the one searched that match `css` ("a, b" allowed), in page order; as soupsieve's
    `select`, ancestors named in the selector may lie outside the element searched."""
    css = css.replace(":-soup-contains(", ":contains(")
    return etree.XPath(" | ".join(f"descendant::{_step(s.parsed_tree)}" for s in parse(css)))


def _is_element(node) -> bool:
    return isinstance(node.tag, str)


def strings(el, everything: bool = False) -> list[str]:
    """The strings under `el` in page order: what bs4's get_text joins, or with `everything` also comments and
    script text (bs4's find_all(string=True))."""
    if not everything and any(a.tag in _NOT_TEXT for a in el.iterancestors()):
        return []
    out: list[str] = []
    stack: list = [el]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        if not _is_element(node):
            if everything and node.text:
                out.append(node.text)
            continue
        if not everything and node.tag in _NOT_TEXT and node is not el:
            continue
        if node.text:
            out.append(node.text)
        for child in reversed(node):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    return out


def get_text(el, separator: str = "") -> str:
    return separator.join(strings(el))


def stripped_strings(el):
    return (s for s in map(str.strip, strings(el)) if s)


def own_strings(el) -> list[str]:
    """bs4's el.find_all(string=True, recursive=False): its own text, comments and children's tails."""
    out = [el.text] if el.text else []
    for child in el:
        if not _is_element(child) and child.text:
            out.append(child.text)
        if child.tail:
            out.append(child.tail)
    return out


def previous_strings(el, limit: int) -> list[str]:
    """bs4's el.find_all_previous(string=True, limit=limit): the strings before `el` in page order, nearest first."""
    out: list[str] = []
    node = el
    while node is not None and len(out) < limit:
        before = node.getprevious()
        if before is None:
            node = node.getparent()
            if node is not None and node.text:
                out.append(node.text)
            continue
        if before.tail:
            out.append(before.tail)
        out.extend(_reversed_strings(before, limit - len(out)))
        node = before
    return out[:limit]


def _reversed_strings(el, limit: int) -> list[str]:
    """Every string under `el`, comments included, last first; stops after `limit`."""
    out: list[str] = []
    stack: list = [el]
    while stack and len(out) < limit:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif not _is_element(node):
            if node.text:
                out.append(node.text)
        else:
            if node.text:
                stack.append(node.text)
            for child in node:
                stack.append(child)
                if child.tail:
                    stack.append(child.tail)
    return out


def under(el, top) -> bool:
    """Whether `el` is still in `top`'s subtree (bs4: not decomposed)."""
    while el is not None:
        if el is top:
            return True
        el = el.getparent()
    return False


def drop(el) -> None:
    """Remove `el` and its subtree, keeping the text after it (bs4's decompose)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        append_text_before(el, el.tail)
    parent.remove(el)


def append_text_before(el, text: str) -> None:
    """Put `text` in the flow just before `el`: the tail of its previous sibling, else its parent's text."""
    before = el.getprevious()
    if before is not None:
        before.tail = (before.tail or "") + text
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + text


def surround(el, text: str) -> None:
    """Put `text` right before and right after `el` (bs4's insert_before/insert_after of a string)."""
    append_text_before(el, text)
    el.tail = text + (el.tail or "")


def replace_with_text(el, text: str) -> None:
    """Put `text` where `el` was (bs4's replace_with of a string)."""
    el.tail = text + (el.tail or "")
    drop(el)
