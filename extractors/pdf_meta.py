"""Document metadata a PDF declares: the Info dictionary, then XMP where Info is silent.

Producers fill these fields with junk as often as with facts ("Microsoft Word - doc1.docx",
"Untitled", author "Administrator"), so every value passes a junk filter; the patterns are data
below, so a new producer's habit is a one-line change.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

# Prefixes that producers put before the file name; stripped before judging what is left.
TITLE_PREFIXES = re.compile(r"^(microsoft (word|powerpoint|excel)|writer|calc|impress|pages)\s*-\s*", re.I)
FILE_NAME = re.compile(r"\.(docx?|rtf|odt|pdf|indd|tex|pptx?|xlsx?|txt|html?|qxd|pub)$", re.I)
JUNK_TITLE = re.compile(
    r"(untitled|no title|title|document\s*\d*|doc\d*|book\d*|presentation\d*|slide \d+|"
    r"[\w.-]*[\d_][\w.-]*|.{0,2})",  # ids and file stems ("doc1", "report_v2"); a plain word may be a title
    re.I,
)
JUNK_AUTHOR = re.compile(
    r"(admin(istrator)?|user|owner|unknown|author|windows user|microsoft office user|"
    r"default|guest|pc|test|.{0,1})",
    re.I,
)
PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?)?")
NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


@dataclass
class PdfMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    created: str | None = None  # ISO 8601
    modified: str | None = None


def clean_title(raw: str | None) -> str | None:
    """The title, or None when it is a producer's placeholder or a file name.

    >>> clean_title("Microsoft Word - doc1.docx"), clean_title("Microsoft Word - Annual Report 2023.docx")
    (None, 'Annual Report 2023')
    """
    if not raw:
        return None
    title = FILE_NAME.sub("", TITLE_PREFIXES.sub("", " ".join(raw.split())))
    return None if JUNK_TITLE.fullmatch(title) else title


def clean_authors(raw: str | list[str] | None) -> list[str]:
    names = raw if isinstance(raw, list) else re.split(r"\s*[;,]\s*|\s+and\s+", raw or "")
    return [n.strip() for n in names if n.strip() and not JUNK_AUTHOR.fullmatch(n.strip())]


def pdf_date(raw: str | None) -> str | None:
    """'D:20230512103000+02'00'' to '2023-05-12T10:30:00+02:00' (a date alone when no time).

    >>> pdf_date("D:20230512103000+02'00'"), pdf_date("D:20230512")
    ('2023-05-12T10:30:00+02:00', '2023-05-12')
    """
    m = PDF_DATE.match(raw or "")
    if not m or not 1900 <= int(m.group(1)) <= 2100:
        return None
    year, month, day, hour, minute, second, tz = m.groups()
    date = f"{year}-{month or '01'}-{day or '01'}"
    if hour is None:
        return date
    tz = (tz or "").replace("'", "")
    if len(tz) == 5:
        tz = tz[:3] + ":" + tz[3:]
    return f"{date}T{hour}:{minute or '00'}:{second or '00'}{tz}"


def _xmp(xml: str) -> PdfMeta:
    try:
        root = ET.fromstring(xml.strip().encode())
    except ET.ParseError:
        return PdfMeta()

    def items(tag: str) -> list[str]:
        return [li.text.strip() for node in root.iter(tag) for li in node.iter(f"{{{NS['rdf']}}}li") if li.text]

    def value(name: str) -> str | None:
        prefix, local = name.split(":")
        key = f"{{{NS[prefix]}}}{local}"
        for node in root.iter():
            if node.get(key):
                return node.get(key)
            if node.tag == key and node.text and node.text.strip():
                return node.text.strip()
        return None

    titles = items(f"{{{NS['dc']}}}title")
    return PdfMeta(
        title=titles[0] if titles else None,
        authors=items(f"{{{NS['dc']}}}creator"),
        created=value("xmp:CreateDate"),
        modified=value("xmp:ModifyDate"),
    )


def read_meta(info: dict, xmp: str) -> PdfMeta:
    """Info first (what viewers show), XMP for what Info lacks; junk dropped from both."""
    x = _xmp(xmp) if xmp else PdfMeta()
    return PdfMeta(
        title=clean_title(info.get("title")) or clean_title(x.title),
        authors=clean_authors(info.get("author")) or clean_authors(x.authors),
        created=pdf_date(info.get("creationDate")) or (x.created or None),
        modified=pdf_date(info.get("modDate")) or (x.modified or None),
    )
