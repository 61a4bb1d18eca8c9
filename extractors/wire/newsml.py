"""IPTC NewsML-G2 to Drafts: a newsItem is one record; a newsMessage or packageItem is cut into its items.

Where each field sits (NewsML-G2): the item's `guid` and `version` attributes identify it across
corrections; `itemMeta` holds provider, firstCreated/versionCreated, embargoed, pubStatus and
signals (sig:correction, sig:update); `contentMeta` holds urgency, located, creator, infoSource
(the agency an item credits), subject, slugline, headline, dateline, by, creditline, description
and language; `contentSet` holds the body as inlineXML (XHTML or NITF) or inlineData (plain text).

>>> item = b'''<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:x.org:1" version="2">
... <itemMeta><provider literal="Example Wire"/><firstCreated>2024-03-10T06:00:00+04:30</firstCreated></itemMeta>
... <contentMeta><headline>Talks resume</headline><slugline>AFGHAN-TALKS/</slugline><language tag="en"/></contentMeta>
... <contentSet><inlineData contenttype="text/plain">First paragraph.
...
... Second one.</inlineData></contentSet></newsItem>'''
>>> d = extract_newsml(item)
>>> d.title, d.publisher, d.published, d.paragraphs, d.delivery["guid"], d.delivery["version"], d.delivery["slugline"]
('Talks resume', 'Example Wire', '2024-03-10T06:00:00+04:30', ['First paragraph.', 'Second one.'], 'urn:newsml:x.org:1', 2, 'AFGHAN-TALKS/')
"""
from __future__ import annotations

import re

from lxml import etree

from extractors.wire.common import basic_iso, byline_names, credit_source, new_draft, vocabulary, delivery_info
from extractors.wire.nitf import extract_nitf
from extractors.wire.xmlsafe import attr, children, every, first, local, paragraphs, parse_xml, text_of
from output.draft import Draft
from output.errors import CorruptInput

ITEMS = ("newsItem", "packageItem", "conceptItem", "planningItem", "knowledgeItem")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def split_newsml(data: bytes) -> list[tuple[str, bytes]]:
    """(part name, bytes) for each item a newsMessage or packageItem delivers; [] for a single newsItem.

    A package's references are resolved against the items delivered beside it; one that is not in
    the file becomes a part of its own (its itemRef: title and description only)."""
    root = parse_xml(data)
    kind = local(root.tag)
    if kind == "newsItem":
        return []
    items = [el for el in root.iter() if local(el.tag) == "newsItem"]
    by_guid = {el.get("guid"): el for el in items}
    parts, used = [], set()
    for package in [root] if kind == "packageItem" else every(root, "packageItem"):
        for ref in every(package, "itemRef"):
            target = by_guid.get(ref.get("residref"))
            chosen = target if target is not None else ref
            if id(chosen) not in used:
                used.add(id(chosen))
                parts.append(chosen)
    parts += [el for el in items if id(el) not in used]
    if not parts:
        raise CorruptInput(f"NewsML-G2 {kind} delivers no newsItem and references none")
    return [(f"item-{n}-{_safe(el.get('guid') or el.get('residref'))}", etree.tostring(el)) for n, el in enumerate(parts, 1)]


def extract_newsml(data: bytes, uri: str = "") -> Draft:
    """One newsItem (or a package reference that was not delivered with its item) to a Draft."""
    root = parse_xml(data)
    if local(root.tag) == "itemRef":
        return _reference(root)
    item = root if local(root.tag) == "newsItem" else first(root, "newsItem")
    if item is None:
        raise CorruptInput(f"NewsML-G2 {local(root.tag)} holds no newsItem (split it into its items first)")
    meta, content = first(item, "itemMeta"), first(item, "contentMeta")
    draft = new_draft("newsml")
    body = _body(item, draft)
    draft.title = text_of(first(content, "headline")) or draft.title or None
    draft.authors = [n for c in every(content, "creator") for n in [_name(c)] if n] or byline_names(text_of(first(content, "by"))) or draft.authors
    dateline = text_of(first(content, "dateline"))
    draft.dateline = dateline or text_of(first(content, "located")) or draft.dateline
    provider = _name(first(meta, "provider"))
    draft.publisher = provider or draft.publisher
    sources = [n for s in every(content, "infoSource") for n in [_name(s)] if n]
    draft.original_source = next((s for s in sources if not provider or s.casefold() not in provider.casefold()), None) \
        or credit_source(provider, dateline, text_of(first(content, "creditline"))) or draft.original_source
    first_created = basic_iso(text_of(first(meta, "firstCreated")))
    version_created = basic_iso(text_of(first(meta, "versionCreated")))
    draft.published = first_created or basic_iso(text_of(first(content, "contentCreated"))) or version_created or draft.published
    draft.published_raw = text_of(first(meta, "firstCreated")) or draft.published_raw
    version = item.get("version")
    if version_created and version_created != draft.published:
        draft.modified = version_created
    description = text_of(first(content, "description"))
    if description and not draft.subtitle and description not in body:
        draft.subtitle = description
    draft.paragraphs = body
    signals = [s.get("qcode") or "" for s in every(meta, "signal")]
    words = vocabulary()
    signal = next((name for name, key in (("correction", "signal_correction"), ("update", "signal_update"))
                   if any(s.lower() in words[key] for s in signals)), None)
    status = attr(first(meta, "pubStatus"), "qcode")
    draft.delivery = delivery_info(
        format="newsml-g2", guid=item.get("guid"), version=version, status=status, signal=signal,
        urgency=text_of(first(content, "urgency")),
        embargoed=basic_iso(text_of(first(meta, "embargoed"))),
        slugline=text_of(first(content, "slugline")),
        subjects=[_name(s) or s.get("qcode") for s in every(content, "subject")] + [_name(g) for g in every(content, "genre")],
        note=text_of(first(meta, "edNote")),
    )
    draft.language_hint = attr(first(content, "language"), "tag") or item.get(_XML_LANG) or draft.language_hint
    return draft


def _body(item, draft: Draft) -> list[str]:
    """Paragraphs of the first inline content: NITF (whose own metadata fills what contentMeta lacks), XHTML, or text."""
    for inline in every(first(item, "contentSet"), "inlineXML"):
        nitf = first(inline, "nitf")
        if nitf is not None:
            found = extract_nitf(b"", root=nitf)
            for name in ("title", "subtitle", "authors", "dateline", "published", "publisher", "original_source"):
                setattr(draft, name, getattr(found, name))
            return found.paragraphs
        body = first(inline, "body")
        return paragraphs(body if body is not None else inline)
    for inline in every(first(item, "contentSet"), "inlineData"):
        text = inline.text or ""
        return [p for p in (re.sub(r"\s+", " ", x).strip() for x in re.split(r"\n\s*\n", text)) if p]
    if every(first(item, "contentSet"), "remoteContent"):
        draft.warnings.append("body is remote content (a link in the item), not delivered in this file")
    return []


def _reference(ref) -> Draft:
    draft = new_draft("newsml")
    draft.title = text_of(first(ref, "title")) or None
    draft.paragraphs = [p for p in [text_of(first(ref, "description"))] if p]
    draft.warnings.append("a package references this item, which is not delivered in the same file: title and description only")
    draft.delivery = delivery_info(format="newsml-g2", guid=ref.get("residref"), version=ref.get("version"))
    return draft


def _name(el) -> str | None:
    """A NewsML-G2 concept's human name: <name> child, else @literal (a qcode is a code, not a name)."""
    if el is None:
        return None
    return text_of(children(el, "name")[0]) if children(el, "name") else (el.get("literal") or None)


def _safe(text: str | None) -> str:
    return re.sub(r"[^\w.-]+", "_", text or "item")[-60:]
