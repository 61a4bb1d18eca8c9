"""NITF 3.x (News Industry Text Format) to a Draft.

Where each field sits (IPTC NITF 3.x): `head/docdata` holds doc-id, urgency, date.issue,
date.release (the embargo when it lies ahead of the issue date), management-status,
du-key (the version) and correction; `body/body.head` holds hedline/hl1 (+ hl2), byline,
distributor, dateline and abstract; `body/body.content` the story; `body/body.end` a tagline.

>>> draft = extract_nitf(b'''<nitf><head><docdata><doc-id id-string="X1"/><date.issue norm="20240310T101500+0430"/></docdata></head>
... <body><body.head><hedline><hl1>Rain in Kabul</hl1></hedline><byline>By <person>Jane Roe</person></byline></body.head>
... <body.content><p>It rained.</p></body.content></body></nitf>''')
>>> draft.title, draft.authors, draft.published, draft.paragraphs
('Rain in Kabul', ['Jane Roe'], '2024-03-10T10:15:00+04:30', ['It rained.'])
"""
from __future__ import annotations

from extractors.wire.common import basic_iso, byline_names, credit_source, new_draft, delivery_info
from extractors.wire.xmlsafe import attr, every, first, paragraphs, parse_xml, text_of
from output.draft import Draft
from output.errors import CorruptInput


def extract_nitf(data: bytes, uri: str = "", root=None) -> Draft:
    """One NITF document (bytes, or an already parsed <nitf> element inside a NewsML-G2 item)."""
    root = parse_xml(data) if root is None else root
    body = first(root, "body")
    if body is None:
        raise CorruptInput("NITF document without a <body>")
    draft = new_draft("nitf")
    head = first(body, "body.head")
    draft.title = text_of(first(head, "hl1")) or text_of(first(root, "title")) or None
    draft.subtitle = text_of(first(head, "hl2")) or None
    bylines = every(head, "byline")
    persons = [text_of(p) for b in bylines for p in every(b, "person")]
    draft.authors = persons or byline_names(" ; ".join(text_of(b) for b in bylines))
    dateline = first(head, "dateline")
    if dateline is not None:
        place = text_of(first(dateline, "location")) or text_of(dateline)
        draft.dateline = place or None
    content = first(body, "body.content")
    draft.paragraphs = paragraphs(content) if content is not None else []
    abstract = text_of(first(head, "abstract"))
    if abstract and abstract not in draft.paragraphs:
        draft.subtitle = draft.subtitle or abstract
    docdata = first(root, "docdata")
    issue = basic_iso(attr(first(docdata, "date.issue"), "norm"))
    release = basic_iso(attr(first(docdata, "date.release"), "norm"))
    draft.published = issue or release
    draft.published_raw = attr(first(docdata, "date.issue"), "norm")
    doc_id = first(docdata, "doc-id")
    draft.publisher = (text_of(first(head, "distributor")) or attr(doc_id, "regsrc")
                       or attr(first(docdata, "doc.copyright"), "holder") or None)
    draft.original_source = credit_source(draft.publisher, text_of(dateline), text_of(first(body, "body.end")))
    status = attr(docdata, "management-status")
    version = attr(first(docdata, "du-key"), "version")
    correction = first(docdata, "correction")
    draft.delivery = delivery_info(
        format="nitf",
        guid=attr(doc_id, "id-string"),
        version=version,
        urgency=attr(first(docdata, "urgency"), "ed-urg"),
        status=status,
        embargoed=release if release and (not issue or release > issue or status == "embargoed") else None,
        subjects=[s.get("tobject.subject.matter") or s.get("tobject.subject.refnum") for s in every(root, "tobject.subject")]
        + [k.get("key") for k in every(docdata, "keyword")],
        slugline=attr(first(docdata, "du-key"), "key"),
        correction_of=attr(correction, "id-string"),
        signal="correction" if correction is not None else None,
    )
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang") or attr(first(root, "body.content"), "lang")
    draft.language_hint = lang or None
    return draft
