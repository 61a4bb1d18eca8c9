"""What the wire formats share: compact ISO dates, bylines, credit lines, the `delivery` block.

>>> basic_iso("20240310T101500+0430"), basic_iso("20240310T0615Z"), basic_iso("20240310"), basic_iso("soon")
('2024-03-10T10:15:00+04:30', '2024-03-10T06:15:00Z', '2024-03-10', None)
>>> byline_names("By Jane Roe and Ali Karimi")
['Jane Roe', 'Ali Karimi']
>>> credit_source("Reuters", "KABUL, March 10 (AFP)")
'AFP'
>>> credit_source("Reuters", "KABUL (Reuters) -", "") is None
True
>>> credit_source("Reuters", "", "Source: Pajhwok Afghan News")
'Pajhwok Afghan News'
"""
from __future__ import annotations

import datetime
import functools
import re

import lxml.etree
import lxml.html

from extractors.wire.xmlsafe import paragraphs
from normalizers import vocab
from normalizers.dates import parse_date
from normalizers.metadata import parse_byline, parse_credit
from output.draft import Draft

_DATELINE_CREDIT = re.compile(r"\(([^()\d]{2,40})\)\s*[-–—:]?\s*$")  # 'KABUL, March 10 (AFP) -'
_LEAD_DATELINE = re.compile(r"^(?P<place>[^\W\d][^()—–\n]{1,60}?)\s*\((?P<source>[^()\d]{2,40})\)\s*[—–-]{1,2}\s")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$")


@functools.cache
def vocabulary() -> dict:
    """normalizers/data/wire.json: status codes, priorities, categories and end marks of the formats."""
    return vocab.load("wire")


def new_draft(fmt: str) -> Draft:
    return Draft(kind="article", extractor=f"wire:{fmt}")


def basic_iso(value: str | None) -> str | None:
    """ISO 8601 from the compact form NITF and IPTC 7901 use (20240310T101500+0430), or from the extended one."""
    if not value:
        return None
    value = value.strip()
    m = _BASIC.match(value)
    if not m:
        return parse_date(value)
    year, month, day, hour, minute, second, zone = m.groups()
    date = f"{year}-{month}-{day}"
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        return None
    if hour is None:
        return date
    if zone and zone != "Z" and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    return f"{date}T{hour}:{minute}:{second or '00'}{zone or ''}"


def byline_names(text: str) -> list[str]:
    """Names from a byline as printed ('By Jane Roe and Ali Karimi'); [] when it names no person.
    Wire bylines are often in capitals ('By JANE ROE'): a name in capitals is given in title case."""
    names: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        found = parse_byline(part) if part else None
        if found is None and part:
            found = parse_byline(f"By {part}")
        names += found.authors if found else []
    return [n.title() if n.isupper() else n for n in names]


def credit_source(publisher: str | None, dateline: str, *credit_lines: str) -> str | None:
    """The agency an item credits when it is not the distributor itself, by form, never by a list of
    agencies: the parenthesis closing a dateline ('KABUL, March 10 (AFP)'), or a credit line ('Source: X')."""
    found = _DATELINE_CREDIT.search(dateline or "")
    sources = [found.group(1).strip()] if found else []
    for line in credit_lines:
        credit = parse_credit(line) if line else None
        sources += [credit.source] if credit else []
    for source in sources:
        if source and (not publisher or source.casefold() not in publisher.casefold()):
            return source
    return None


def lead_dateline(paragraph: str) -> tuple[str, str] | None:
    """(place, credited source) of a wire lead 'KABUL, Afghanistan (XYZ) — …', by form alone.

    >>> lead_dateline("MAZAR-I-SHARIF, Afghanistan (NW) — Floods cut the road.")
    ('MAZAR-I-SHARIF, Afghanistan', 'NW')
    >>> lead_dateline("The minister (left) — smiling — spoke.") is None
    True
    """
    m = _LEAD_DATELINE.match(paragraph)
    if not m or not m.group("place").split(",")[0].replace("-", " ").replace(" ", "").isupper():
        return None
    return m.group("place").strip(" ,"), m.group("source").strip()


def delivery_info(**fields) -> dict:
    """The record's `delivery` block (how the item was delivered): only the fields the item gives, subjects de-duplicated in order."""
    subjects = [s for s in dict.fromkeys(fields.pop("subjects", None) or []) if s]
    info = {k: v for k, v in fields.items() if v not in (None, "", [])}
    if subjects:
        info["subjects"] = subjects
    version = info.pop("version", None)
    if version is not None and str(version).isdigit():  # a version that is not a whole number is no version
        info["version"] = int(version)
    return info


def part_name(number: int, ident: str | None) -> str:
    """The name of the n-th item cut from a bundle ('item-2-urn_newsml_x.org_1'): its number, then its id made safe for a uri fragment.

    >>> part_name(2, "urn:newsml:x.org:1")
    'item-2-urn_newsml_x.org_1'
    """
    return f"item-{number}-" + re.sub(r"[^\w.-]+", "_", ident or "item")[-60:]


def html_paragraphs(markup: str) -> list[str]:
    """Paragraphs of an HTML body delivered inside an item (an e-mail's HTML part, ninjs body_html): its block
    elements, scripts, styles and the head left out.

    >>> html_paragraphs("<html><head><title>T</title></head><body><p>One.</p><script>x()</script><p>Two.</p></body></html>")
    ['One.', 'Two.']
    """
    markup = _XML_DECLARATION.sub("", markup, count=1)  # lxml refuses a str that declares its own encoding
    try:
        root = lxml.html.document_fromstring(markup if markup.strip() else "<p></p>")
    except lxml.etree.ParserError:  # nothing but comments or white space: no paragraph
        return []
    for junk in root.xpath("//script|//style|//head"):
        junk.drop_tree()
    return paragraphs(root)


def credit_from_lead(draft: Draft) -> None:
    """Fill the dateline and credited agency from a lead 'PLACE (SOURCE) — …': the place when the item named
    none, the agency when its metadata credited none and it is not the publisher itself."""
    found = lead_dateline(draft.paragraphs[0]) if draft.paragraphs else None
    if not found:
        return
    place, agency = found
    draft.dateline = draft.dateline or place
    if not draft.original_source and (not draft.publisher or agency.casefold() not in draft.publisher.casefold()):
        draft.original_source = agency
