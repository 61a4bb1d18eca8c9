"""XML parsing that untrusted wire files cannot turn against us, and namespace-blind lookups.

No DTD is loaded (NITF files name one that may point anywhere), no entity is expanded (so neither
a billion-laughs bomb nor an external entity can cost memory or leak a file), no network access.

>>> root = parse_xml(b'<a xmlns="urn:x"><b k="v">hi <i>there</i></b></a>')
>>> text_of(first(root, "b"))
'hi there'
>>> first(root, "b").get("k")
'v'
>>> parse_xml(b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>').text is None
True
"""
from __future__ import annotations

import re

from lxml import etree

from output.errors import CorruptInput

_SPACE = re.compile(r"\s+")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, recover=False)


def parse_xml(data: bytes):
    """The root element, or CorruptInput naming what is wrong with the XML."""
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise CorruptInput(f"malformed XML: {exc}") from exc
    if root is None:
        raise CorruptInput("XML without a root element")
    return root


def local(tag) -> str:
    """Tag name without its namespace ('' for comments and other non-elements). Split by hand, not by
    etree.QName, which raises on the names the forgiving HTML parser lets through ('body.^ontent')."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def children(el, name: str) -> list:
    return [c for c in el if local(c.tag) == name] if el is not None else []


def every(el, name: str) -> list:
    """Every descendant called `name`, in document order, whatever its namespace."""
    return [d for d in el.iter() if local(d.tag) == name] if el is not None else []


def first(el, *path: str):
    """The first descendant along `path` (each step any depth below the last), or None."""
    for name in path:
        if el is None:
            return None
        el = next((d for d in el.iter() if d is not el and local(d.tag) == name), None)
    return el


def attr(el, name: str) -> str | None:
    """An attribute of an element that may be missing (None either way)."""
    return el.get(name) if el is not None else None


def text_of(el) -> str:
    """The element's whole text, white space folded (markup inside a headline is not structure)."""
    if el is None:
        return ""
    return _SPACE.sub(" ", "".join(el.itertext())).strip()


def paragraphs(body) -> list[str]:
    """Body blocks as paragraphs: each <p>, <hl2>, <li>, table row (cells joined by ' | ') … is one;
    loose text is kept too.

    >>> paragraphs(parse_xml(b"<b><p>One.</p><table><tr><td>Port</td><td>Ships</td></tr></table></b>"))
    ['One.', 'Port | Ships']
    """
    blocks = {"p", "hl2", "li", "tr", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"}
    out: list[str] = []
    for el in body.iter():
        if local(el.tag) in blocks and not any(local(a.tag) in blocks for a in el.iterancestors()):
            cells = [text_of(c) for c in el if local(c.tag) in ("td", "th")] if local(el.tag) == "tr" else []
            text = " | ".join(cells) if cells else text_of(el)
            if text:
                out.append(text)
    if not out:
        out = [p for p in (_SPACE.sub(" ", x).strip() for x in re.split(r"\n\s*\n", "".join(body.itertext()))) if p]
    return out
