"""IPTC NewsML 1.x (1.0–1.2) to Drafts: each NewsItem is one record; a file with several is cut into them.

Where each field sits (NewsML 1.2): `NewsEnvelope` holds who sent the file (SentFrom) and when;
each `NewsItem` has `Identification/NewsIdentifier` (PublicIdentifier, RevisionId with its Update
flag), `NewsManagement` (FirstCreated, ThisRevisionCreated, Status, StatusWillChange — the embargo's
end —, Urgency, Instruction) and one `NewsComponent` that may nest others. A component carries
`NewsLines` (HeadLine, SubHeadLine, ByLine, DateLine, CreditLine, SlugLine, KeywordLine),
`AdministrativeMetadata` (Provider, Creator, Source parties), `DescriptiveMetadata` (Language,
SubjectCode) and `ContentItem`s whose `DataContent` holds NITF, XHTML or plain text. Components
whose Role is a caption (normalizers/data/wire.json) give captions, not body text.

>>> item = b'''<NewsML><NewsItem Duid="d1"><Identification><NewsIdentifier><RevisionId Update="N">2</RevisionId>
... <PublicIdentifier>urn:newsml:x.example:20240310:1:2</PublicIdentifier></NewsIdentifier></Identification>
... <NewsManagement><FirstCreated>20240310T101500+0430</FirstCreated><Status FormalName="Usable"/></NewsManagement>
... <NewsComponent><NewsLines><HeadLine>Talks resume</HeadLine></NewsLines>
... <ContentItem><MediaType FormalName="Text"/><DataContent>First paragraph.
...
... Second one.</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>'''
>>> d = extract_newsml1(item)
>>> d.title, d.published, d.paragraphs, d.delivery["guid"], d.delivery["version"], d.delivery["status"]
('Talks resume', '2024-03-10T10:15:00+04:30', ['First paragraph.', 'Second one.'], 'urn:newsml:x.example:20240310:1:2', 2, 'Usable')
"""
from __future__ import annotations

import base64
import binascii
import copy
import re

from lxml import etree

from extractors.wire.common import (basic_iso, byline_names, credit_from_lead, credit_source, delivery_info, html_paragraphs,
                                    new_draft, part_name, vocabulary)
from extractors.wire.nitf import extract_nitf
from extractors.wire.xmlsafe import attr, children, every, first, local, paragraphs, parse_xml, text_of
from normalizers.encoding import decode_bytes
from output.draft import Draft
from output.errors import CorruptInput, IngestError, NoContent

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Codes of NewsML 1.x's SubjectCode (the IPTC Subject Reference System's three levels).
_SUBJECT_LEVELS = ("Subject", "SubjectMatter", "SubjectDetail")
_TEXT_MIME = re.compile(r"plain|html|xml|nitf", re.I)  # text/plain, text/xhtml, application/xhtml+xml, text/vnd.IPTC.NITF …


def split_newsml1(data: bytes) -> list[tuple[str, bytes]]:
    """(part name, bytes) for each NewsItem of a file that holds several; [] for a file of one.

    Each part is a NewsML document of that one item under the envelope's sender and date (what the
    item falls back on), never a copy of the whole file: that would grow with the square of the items."""
    root = parse_xml(data)
    items = _items(root)
    if len(items) < 2:
        return []
    shell = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    envelope = first(root, "NewsEnvelope")
    if envelope is not None:
        kept = etree.SubElement(shell, envelope.tag)
        for name in ("SentFrom", "DateAndTime"):
            kept.extend(copy.deepcopy(el) for el in children(envelope, name))
    parts = []
    for number, item in enumerate(items, 1):
        single = copy.deepcopy(shell)
        single.append(copy.deepcopy(item))
        parts.append((part_name(number, _guid(item)), etree.tostring(single, encoding="utf-8")))
    return parts


def extract_newsml1(data: bytes, uri: str = "") -> Draft:
    """The (first) NewsItem of a NewsML 1.x file to a Draft; extractors.unpack cuts a file of several items first."""
    root = parse_xml(data)
    items = _items(root)
    if not items:
        raise NoContent(f"NewsML 1.x <{local(root.tag)}> without a NewsItem")
    item = items[0]
    draft = new_draft("newsml1")
    if len(items) > 1:
        draft.warnings.append(f"the file holds {len(items)} NewsItems; only the first is read here (unpacking reads each)")
    body = _content(item, draft)
    admin = first(item, "AdministrativeMetadata")
    # NewsLines sit in the top component or in the main one nested below it: the first of each line is the item's
    draft.title = text_of(first(item, "HeadLine")) or draft.title or None
    draft.subtitle = text_of(first(item, "SubHeadLine")) or draft.subtitle or None
    dateline = text_of(first(item, "DateLine"))
    draft.dateline = dateline or draft.dateline
    provider = _party(admin, "Provider") or _party(first(root, "NewsEnvelope"), "SentFrom")
    draft.publisher = provider or draft.publisher or text_of(first(item, "ProviderId")) or None
    sources = [s for s in _parties(admin, "Source") if not provider or s.casefold() not in provider.casefold()]
    draft.original_source = next(iter(sources), None) or credit_source(
        provider, dateline, text_of(first(item, "CreditLine"))) or draft.original_source
    creators = [c for c in _parties(admin, "Creator") if c not in (provider, *sources)]
    draft.authors = byline_names(text_of(first(item, "ByLine"))) or draft.authors or creators
    management = first(item, "NewsManagement")
    first_created = text_of(first(management, "FirstCreated"))
    revision_created = basic_iso(text_of(first(management, "ThisRevisionCreated")))
    draft.published = basic_iso(first_created) or draft.published or revision_created \
        or basic_iso(text_of(first(root, "NewsEnvelope", "DateAndTime")))
    draft.published_raw = first_created or draft.published_raw
    if revision_created and revision_created != draft.published:
        draft.modified = revision_created
    draft.paragraphs = body
    credit_from_lead(draft)
    draft.language_hint = attr(first(item, "Language"), "FormalName") or _declared_lang(item) or draft.language_hint
    draft.delivery = _delivery(item, management)
    return draft


def _delivery(item, management) -> dict:
    words = vocabulary()
    status = attr(first(management, "Status"), "FormalName")
    change = first(management, "StatusWillChange")
    embargoed = status and status.lower() in words["status_embargoed"] and basic_iso(text_of(first(change, "DateAndTime")))
    revision = first(item, "RevisionId")
    instructions = [(i.get("FormalName") or "").lower() for i in every(management, "Instruction")]
    signal = next((name for name, key in (("correction", "signal_correction"), ("update", "signal_update"))
                   if any(i in words[key] for i in instructions)), None)
    if signal is None and attr(revision, "Update") in words["newsml1_revision_updates"]:
        signal = "update"
    subjects = [s.get("FormalName") for level in _SUBJECT_LEVELS + ("Genre",) for s in every(item, level)]
    return delivery_info(
        format="newsml-1", guid=_guid(item), version=text_of(revision), status=status, signal=signal,
        urgency=attr(first(management, "Urgency"), "FormalName"), embargoed=embargoed or None,
        slugline=text_of(first(item, "SlugLine")) or text_of(first(item, "NameLabel")),
        subjects=subjects + [text_of(k) for k in every(item, "KeywordLine")],
    )


def _content(item, draft: Draft) -> list[str]:
    """Body paragraphs of the item's text ContentItems, in order, sorted by their component's Role
    (normalizers/data/wire.json): a caption's text goes to captions, a headline's or subheadline's
    fills the title or subtitle NewsLines may lack; when some component is named the body, the text
    of the others (contacts, boilerplate) is kept in `stripped`. The first NITF body also lends its
    own headline, byline … to what NewsLines leave empty."""
    words = vocabulary()
    texts: list[tuple[str, list[str]]] = []
    for content in every(item, "ContentItem"):
        if not _is_text(content):
            continue
        data = first(content, "DataContent")
        if data is None:
            if content.get("Href"):
                draft.warnings.append(f"a text part is remote content ({content.get('Href')}), not delivered in this file")
            continue
        if local(data.getparent().tag) == "Encoding":
            data = _decoded(data, draft)
            if data is None:
                continue
        texts.append((_role(content), _data_paragraphs(data, draft, first_nitf=not texts)))
    named_body = any(role in words["newsml1_body_roles"] for role, _ in texts)
    body: list[str] = []
    for role, found in texts:
        if role in words["newsml1_caption_roles"]:
            draft.captions += found
        elif role in words["newsml1_headline_roles"]:
            draft.title = draft.title or " ".join(found) or None
        elif role in words["newsml1_subheadline_roles"]:
            draft.subtitle = draft.subtitle or " ".join(found) or None
        elif named_body and role not in words["newsml1_body_roles"]:
            for paragraph in found:
                draft.strip(paragraph, "wire_component")
        else:
            body += found
    return body


def _is_text(content) -> bool:
    """A ContentItem of text in a form we read (plain, HTML/XHTML, XML, NITF): not a photo, nor a style sheet."""
    media = attr(next(iter(children(content, "MediaType")), None), "FormalName")
    mime = attr(next(iter(children(content, "MimeType")), None), "FormalName")
    return (not media or media.lower() == "text") and (not mime or bool(_TEXT_MIME.search(mime)))


def _data_paragraphs(data, draft: Draft, first_nitf: bool) -> list[str]:
    nitf = first(data, "nitf")
    if nitf is not None:
        found = extract_nitf(b"", root=nitf)
        if first_nitf:
            for name in ("title", "subtitle", "authors", "dateline", "published", "publisher", "original_source"):
                setattr(draft, name, getattr(found, name))
        return found.paragraphs
    html_body = first(data, "body")
    return paragraphs(html_body if html_body is not None else data)


def _decoded(data, draft: Draft):
    """The DataContent an `<Encoding Notation="base64">` wraps, decoded and standing as it would unencoded
    (NITF or XHTML parsed, HTML or plain text as text): NewsML 1.x's way to ship a part byte for byte.
    None, with a warning, for another notation or bytes that are no base64 text."""
    notation = (data.getparent().get("Notation") or "").strip().lower()
    if notation != "base64":
        draft.warnings.append(f"a text part is encoded as {notation or 'an unnamed notation'!r}; it is not read")
        return None
    try:
        raw = base64.b64decode("".join((data.text or "").split()), validate=True)
        text = decode_bytes(raw).text
    except (binascii.Error, ValueError, IngestError) as exc:
        draft.warnings.append(f"a base64 text part does not decode ({exc}); it is not read")
        return None
    holder = etree.Element("DataContent")
    if text.lstrip().startswith("<"):
        try:
            holder.append(parse_xml(raw))
            return holder
        except CorruptInput:  # HTML, not XML: its paragraphs as text
            text = "\n\n".join(html_paragraphs(text))
    holder.text = text
    return holder


def _role(content) -> str:
    """The Role of the nearest NewsComponent around a ContentItem, lower-cased ('' when none says)."""
    for component in content.iterancestors():
        role = children(component, "Role") if local(component.tag) == "NewsComponent" else []
        if role:
            return (role[0].get("FormalName") or "").lower()
    return ""


def _items(root) -> list:
    return [root] if local(root.tag) == "NewsItem" else every(root, "NewsItem")


def _guid(item) -> str | None:
    return text_of(first(item, "PublicIdentifier")) or item.get("Duid") or None


def _parties(el, role: str) -> list[str]:
    """FormalNames of the parties under <role> (Provider, Creator, Source, SentFrom)."""
    return [p.get("FormalName") for r in every(el, role) for p in every(r, "Party") if p.get("FormalName")]


def _party(el, role: str) -> str | None:
    return next(iter(_parties(el, role)), None)


def _declared_lang(item) -> str | None:
    return next((el.get(_XML_LANG) for el in item.iter() if el.get(_XML_LANG)), None)
