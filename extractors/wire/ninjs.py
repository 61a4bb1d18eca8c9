"""IPTC ninjs (News in JSON, 1.x–3.x) to Drafts: one object is one record; a list of objects is cut into them.

Where each field sits: `uri` identifies the item across versions (with `version`); 1.x gives
`headline`, `byline`, `body_text`/`body_html` (1.0: `body_xhtml`), `description_text`/`_html`, `subject`,
`person`; 2.x and 3.x give arrays of role-tagged objects (`headlines`, `bodies`, `descriptions`,
each a `value` with an optional `role` and `contenttype`), `by`, `subjects`, `infosources`.
Both carry `firstcreated`, `versioncreated`, `contentcreated`, `embargoed`, `pubstatus`,
`urgency`, `language`, `located`, `slugline`, `ednote`, `copyrightholder` and `associations`
(pictures and other items: a picture's description is kept as a caption; a package's text stories are
items of their own).

>>> d = extract_ninjs(b'{"uri": "urn:x:1", "version": "2", "headline": "Talks resume", "byline": "By Jane Roe",'
...                   b' "firstcreated": "2024-03-10T06:00:00+04:30", "body_text": "First.\\\\n\\\\nSecond."}')
>>> d.title, d.authors, d.published, d.paragraphs, d.delivery
('Talks resume', ['Jane Roe'], '2024-03-10T06:00:00+04:30', ['First.', 'Second.'], {'format': 'ninjs', 'guid': 'urn:x:1', 'version': 2})
"""
from __future__ import annotations

import json
import re

from extractors.wire.common import (basic_iso, byline_names, credit_from_lead, credit_source, delivery_info, html_paragraphs,
                                    new_draft, part_name)
from extractors.wire.nitf import extract_nitf
from extractors.wire.xmlsafe import parse_xml
from output.draft import Draft
from output.errors import CorruptInput, NoContent

_JSON_START = re.compile(rb"^\s*(?:\[\s*)?\{")
_KEY = re.compile(rb'"([A-Za-z_]{1,30})"\s*:')
# Property names the ninjs schemas define and generic JSON (APIs, JSON-LD) seldom uses: with `uri`, two of them make
# an object ninjs. `headline` alone would not do: schema.org articles have one too (but no `uri`).
NINJS_KEYS = frozenset({b"headline", b"headlines", b"body_text", b"body_html", b"bodies", b"versioncreated",
                        b"firstcreated", b"contentcreated", b"pubstatus", b"description_text", b"description_html",
                        b"descriptions", b"representationtype", b"byline", b"located", b"ednote", b"copyrightholder",
                        b"usageterms", b"infosources"})
_SPACE = re.compile(r"[ \t\r\f\v]+")
_TEXT_RENDITION = re.compile(r"text|html|xml|nitf", re.I)
_VISUAL = ("picture", "graphic", "video", "audio")  # ninjs `type`s whose description is a caption, not text
# What a package's stories take from the package where they say nothing themselves (folded keys).
_PACKAGE_SHARED = ("copyrightholder", "copyrightnotice", "usageterms", "language", "pubstatus", "embargoed", "infosources")


def is_ninjs(head: bytes) -> bool:
    """A JSON object (or a list of them) whose first bytes name ninjs's properties: `uri` and two more of its own.

    >>> is_ninjs(b'{"uri": "urn:x", "headline": "H", "body_text": "B"}'), is_ninjs(b'{"uri": "u", "headline": "H", "body": "B"}')
    (True, False)
    """
    if not _JSON_START.match(head):
        return False
    keys = {key.lower() for key in _KEY.findall(head)}  # 3.x writes camelCase (`versionCreated`)
    return b"uri" in keys and len(keys & NINJS_KEYS) >= 2


def split_ninjs(data: bytes) -> list[tuple[str, bytes]]:
    """(part name, JSON bytes) for each item of a list of several, a package's stories each an item (`_stories`);
    [] for one object (or a list of one) that is no such package."""
    loaded = _load(data)
    items = [story for item in loaded for story in _stories(_fold(item))]
    if len(items) < 2 and [_fold(i) for i in loaded] == items:
        return []
    return [(part_name(n, item.get("uri") if isinstance(item.get("uri"), str) else None), json.dumps(item, ensure_ascii=False).encode())
            for n, item in enumerate(items, 1)]


def extract_ninjs(data: bytes, uri: str = "") -> Draft:
    """The (first) ninjs item of a file to a Draft; extractors.unpack cuts a list of several first."""
    items = _load(data)
    if not items:
        raise NoContent("ninjs file with an empty list of items")
    item = _fold(items[0])
    draft = new_draft("ninjs")
    if len(items) > 1:
        draft.warnings.append(f"the file holds {len(items)} ninjs items; only the first is read here (unpacking reads each)")
    draft.paragraphs, nitf = _body(item)
    if nitf is not None:  # an NITF body lends its headline, byline, dates … to what the item itself leaves out
        for name in ("title", "subtitle", "authors", "dateline", "published", "published_raw", "publisher", "original_source"):
            setattr(draft, name, getattr(nitf, name))
    draft.title = _first_text(item.get("headline"), _by_role(item.get("headlines")), item.get("title")) or draft.title
    if not draft.title and not draft.paragraphs:
        raise NoContent("ninjs item without a headline or a body")
    if not draft.paragraphs and _remote_text(item.get("renditions")):
        draft.warnings.append("body is remote content (a text rendition linked from the item), not delivered in this file")
    description = _first_text(item.get("description_text"), item.get("description_html"), item.get("description_xhtml"),
                              _by_role(item.get("descriptions")))
    if description and description not in draft.paragraphs:
        draft.subtitle = description
    draft.authors = byline_names(_text(item.get("byline")) or _text(item.get("by"))) or draft.authors
    draft.dateline = _text(item.get("located")) or draft.dateline
    draft.publisher = _text(item.get("copyrightholder")) or draft.publisher
    sources = [s for s in _names(item.get("infosources")) if not draft.publisher or s.casefold() not in draft.publisher.casefold()]
    draft.original_source = next(iter(sources), None) or credit_source(draft.publisher, draft.dateline or "") or draft.original_source
    credit_from_lead(draft)
    raw = _text(item.get("firstcreated")) or _text(item.get("contentcreated")) or None
    version_created = basic_iso(_text(item.get("versioncreated")))
    draft.published = basic_iso(raw) or draft.published or version_created  # first created, before this version
    draft.published_raw = raw or draft.published_raw or _text(item.get("versioncreated")) or None
    if version_created and version_created != draft.published:
        draft.modified = version_created
    draft.language_hint = _text(item.get("language")) or None
    draft.captions = _captions(item.get("associations"))
    urgency, version = item.get("urgency"), item.get("version")
    draft.delivery = delivery_info(
        format="ninjs", guid=_text(item.get("uri")), version=str(version) if isinstance(version, (int, str)) else None,
        status=_text(item.get("pubstatus")), urgency=str(urgency) if isinstance(urgency, (int, str)) else None,
        embargoed=basic_iso(_text(item.get("embargoed"))), slugline=_text(item.get("slugline")),
        subjects=[n for key in ("subject", "subjects", "genre", "genres") for n in _names(item.get(key))],
        note=_text(item.get("ednote")),
    )
    return draft


def _stories(item: dict) -> list[dict]:
    """[item], or for a package (`type` composite) with no body of its own, the text stories it associates that
    carry one, each taking what it leaves unsaid of the package's rights, language and status: an agency's
    package of several stories gives a record per story, not one record of its headline."""
    found = item.get("associations")
    found = found.values() if isinstance(found, dict) else found if isinstance(found, list) else []
    stories = [story for story in map(_fold, found) if story.get("type") == "text" and _has_body(story)]
    if item.get("type") != "composite" or _has_body(item) or not stories:
        return [item]
    shared = {key: item[key] for key in _PACKAGE_SHARED if key in item}
    return [{**shared, **story} for story in stories]


def _has_body(item: dict) -> bool:
    return bool(_text(item.get("body_html")) or _text(item.get("body_xhtml")) or _text(item.get("body_text"))
                or any(_text(b.get("value")) for b in _role_values(item.get("bodies"))))


def _load(data: bytes) -> list[dict]:
    """The file's items: one object, or each object of a list; CorruptInput for anything else."""
    try:
        parsed = json.loads(data)  # bytes: UTF-8, -16 or -32, with or without a byte-order mark
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise CorruptInput(f"malformed ninjs JSON: {exc}") from exc
    except RecursionError as exc:
        raise CorruptInput("ninjs JSON nested too deep to read") from exc
    items = parsed if isinstance(parsed, list) else [parsed]
    if not all(isinstance(item, dict) for item in items):
        raise CorruptInput("ninjs JSON that is not an object or a list of objects")
    return items


def _fold(obj) -> dict:
    """An object with its keys in lower case: ninjs 3.x writes `versionCreated`, `contentType` where 1.x and 2.x
    write `versioncreated`, `contenttype` ({} for what is no object)."""
    return {str(k).lower(): v for k, v in obj.items()} if isinstance(obj, dict) else {}


def _body(item: dict) -> tuple[list[str], Draft | None]:
    """Paragraphs of 1.x body_html (structure), else body_text; of 2.x/3.x `bodies`, the main one (role 'main' or
    none, else any), HTML before NITF before plain text. With them, the NITF document a body was, if one was."""
    markup = _text(item.get("body_html")) or _text(item.get("body_xhtml"))  # 1.0 named it body_xhtml
    if markup:
        return html_paragraphs(markup), None
    if _text(item.get("body_text")):
        return _text_paragraphs(item["body_text"]), None
    bodies = [b for b in _role_values(item.get("bodies")) if _text(b.get("value"))]
    main = [b for b in bodies if (b.get("role") or "main") == "main"] or bodies
    if not main:
        return [], None
    chosen = min(main, key=_body_rank)
    value = chosen["value"]
    if _body_rank(chosen) == 1:
        try:
            nitf = extract_nitf(b"", root=parse_xml(value.encode("utf-8")))
            return nitf.paragraphs, nitf
        except CorruptInput:  # an NITF body that is no well-formed XML is still markup to read
            return html_paragraphs(value), None
    if _body_rank(chosen) == 0 or value.lstrip().startswith("<"):
        return html_paragraphs(value), None
    return _text_paragraphs(value), None


def _body_rank(body: dict) -> int:
    kind = str(body.get("contenttype") or "").lower()
    return 0 if "html" in kind else 1 if "nitf" in kind or body["value"].lstrip().startswith(("<nitf", "<?xml")) else 2


def _text_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line separated, or one a line when the text has no blank line."""
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.splitlines()
    return [p for p in (_SPACE.sub(" ", b.replace("\n", " ")).strip() for b in blocks) if p]


def _captions(associations) -> list[str]:
    """Descriptions (else headlines) of the pictures, graphics and media associated with the item."""
    found = associations.values() if isinstance(associations, dict) else associations if isinstance(associations, list) else []
    captions = []
    for linked in map(_fold, found):
        if linked.get("type") in _VISUAL:
            caption = _first_text(linked.get("description_text"), _by_role(linked.get("descriptions")),
                                  linked.get("headline"), _by_role(linked.get("headlines")))
            captions += [caption] if caption else []
    return captions


def _remote_text(renditions) -> bool:
    """Whether the item links a text rendition of itself (NITF, HTML, plain text) rather than carrying its body."""
    found = renditions.values() if isinstance(renditions, dict) else renditions if isinstance(renditions, list) else []
    return any(_TEXT_RENDITION.search(_text(r.get("mimetype")) or _text(r.get("contenttype")) or _text(r.get("format")))
               for r in map(_fold, found) if r.get("href"))


def _role_values(entries) -> list[dict]:
    """The objects of a 2.x array (headlines, bodies, subjects …), keys folded to lower case."""
    return [_fold(e) for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _by_role(entries) -> str:
    """The text of the main entry of a 2.x array (role 'main', else the first), markup removed."""
    found = [e for e in _role_values(entries) if _text(e.get("value"))]
    chosen = next((e for e in found if e.get("role") == "main"), found[0] if found else None)
    if chosen is None:
        return ""
    value = chosen["value"]
    return " ".join(html_paragraphs(value)) if "html" in str(chosen.get("contenttype") or "") else _text(value)


def _first_text(*values) -> str:
    for value in values:
        text = _text(value)
        if text and text.lstrip().startswith("<"):
            text = " ".join(html_paragraphs(text))
        if text:
            return text
    return ""


def _names(entries) -> list[str]:
    """Names (else codes) of 1.x `subject` / 2.x `subjects`, `genre`, `infosources` entries."""
    return [_text(e.get("name")) or _text(e.get("code")) or _text(e.get("literal")) for e in _role_values(entries)
            if _text(e.get("name")) or _text(e.get("code")) or _text(e.get("literal"))]


def _text(value) -> str:
    """A string property, white space folded; '' when missing or not a string (a hostile file may put anything there)."""
    return _SPACE.sub(" ", value).strip() if isinstance(value, str) else ""
