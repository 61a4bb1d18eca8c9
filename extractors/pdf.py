"""PDF extractor: pymupdf pages to a draft with the same metadata rules as plain text.

Pages are read one at a time (`pdf_layout`), so only their lines stay in memory; page furniture is
removed once every page has been seen (`pdf_furniture`); body lines become paragraphs across page
and column breaks (`pdf_paragraphs`). The body then goes through `extractors.text.extract_text`,
which applies the plain-text rules (mastheads, bylines, dates, "Source:" lines, footers), and
its findings are merged with what only a PDF knows: declared metadata and font sizes.
OCR is out of scope: a page without a text layer yields a warning, not text.
"""
from __future__ import annotations

import pymupdf

from extractors.pdf_furniture import Furniture
from extractors.pdf_layout import Page, read_page
from extractors.pdf_meta import read_meta
from extractors.pdf_paragraphs import Builder, Paragraph
from extractors.text import extract_text
from output.draft import Draft
from output.errors import CorruptInput, EncryptedPDF

GARBLED_SHARE = 0.3  # a page with this share of unmapped glyphs has no usable text layer
TITLE_SIZE_RATIO = 1.15  # a title is set at least this much larger than the body text
TITLE_MAX_WORDS = 30
NO_TITLE_WARNING = "no title found"  # the text extractor's; moot once the PDF supplies a title


def extract_pdf(data: bytes, *, uri: str = "") -> Draft:
    doc = _open(data)
    draft = Draft(kind="document", extractor="pdf")
    if doc.is_repaired:
        draft.fix("pdf_repaired")
    pages = _read_pages(doc, draft)
    meta = read_meta(doc.metadata or {}, _xmp(doc))
    doc.close()
    paragraphs = _body(pages, draft)
    if not paragraphs:
        if "garbled_text" not in draft.warnings:
            draft.warnings.append("no_text_layer")
        return draft
    _merge(draft, paragraphs, extract_text("\n\n".join(p.lines[0] for p in paragraphs), uri=uri, whole_body=True), meta)
    return draft


def _open(data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises FileDataError, RuntimeError and others on bad files
        raise CorruptInput(f"pymupdf could not open or repair the PDF: {exc}") from exc
    if doc.needs_pass and not doc.authenticate(""):
        raise EncryptedPDF("PDF is encrypted and no password was given")
    if doc.page_count == 0:
        raise CorruptInput("PDF has no readable pages (truncated or damaged beyond repair)")
    return doc


def _xmp(doc: pymupdf.Document) -> str:
    try:
        return doc.get_xml_metadata()
    except Exception:  # a broken metadata stream is no reason to lose the text
        return ""


def _read_pages(doc: pymupdf.Document, draft: Draft) -> list[Page]:
    """Every page's lines, one pymupdf page alive at a time; unreadable pages become warnings."""
    pages, failed, empty, garbled = [], 0, 0, 0
    for number in range(doc.page_count):
        try:
            page = read_page(doc.load_page(number))
        except Exception:  # a damaged content stream spoils its page, not the document
            failed += 1
            continue
        empty += page.glyphs == 0
        if page.glyphs and page.unmapped > GARBLED_SHARE * page.glyphs:
            garbled += 1
            page.lines = []
        elif page.unmapped:
            _warn(draft, "unmapped_glyphs")
        for name in sorted(page.fixes):
            draft.fix(name)
        pages.append(page)
    if failed == doc.page_count:
        raise CorruptInput(f"none of the {failed} pages could be read")
    if failed:
        _warn(draft, "unreadable_pages")
    if garbled:
        _warn(draft, "garbled_text")  # fonts without a usable ToUnicode map: text left out, not junk
    if 0 < empty < len(pages):
        _warn(draft, "pages_without_text")
    return pages


def _warn(draft: Draft, name: str) -> None:
    if name not in draft.warnings:
        draft.warnings.append(name)


def _body(pages: list[Page], draft: Draft) -> list[Paragraph]:
    furniture = Furniture()
    for page in pages:
        furniture.observe(page)
    builder = Builder()
    for page in pages:
        first = True
        for line in page.lines:
            reason = furniture.reason(line, page)
            if reason:
                draft.strip(line.text, reason)
                continue
            builder.add(line, page.number, new_column=first or line.column_start)
            first = False
        page.lines = []
    paragraphs, dehyphenated = builder.paragraphs()
    if dehyphenated:
        draft.fix("dehyphenated")
    if builder.joined_across:
        draft.fix("paragraphs_joined_across_pages")
    return paragraphs


def _font_title(paragraphs: list[Paragraph], taken: set[str]) -> str | None:
    """The largest-set paragraph of the first page, when it is clearly larger than the body."""
    first_page = min(p.page for p in paragraphs)
    sizes: dict[float, int] = {}
    for p in paragraphs:
        sizes[round(p.size, 1)] = sizes.get(round(p.size, 1), 0) + len(p.lines[0])
    body_size = max(sizes, key=sizes.get)
    candidates = [p for p in paragraphs if p.page == first_page and p.lines[0] not in taken]
    best = max(candidates, key=lambda p: p.size, default=None)
    if best and best.size >= TITLE_SIZE_RATIO * body_size and len(best.lines[0].split()) <= TITLE_MAX_WORDS:
        return best.lines[0]
    return None


def _merge(draft: Draft, paragraphs: list[Paragraph], text: Draft, meta) -> None:
    """The text extractor's findings, then the PDF's own: declared metadata, then font sizes."""
    taken = {s.text for s in text.stripped}
    title = meta.title or _font_title(paragraphs, taken) or text.title
    body = list(text.paragraphs)
    if text.title and text.title != title:
        body.insert(0, text.title)  # the text rules took it for a title; the PDF knows better
    draft.title = title
    draft.paragraphs = [p for p in body if p.strip().casefold() != (title or "").strip().casefold()]
    for attr in ("subtitle", "dateline", "published", "published_raw", "original_published", "publisher",
                 "original_source", "canonical_url"):
        setattr(draft, attr, getattr(text, attr))
    draft.authors = text.authors or meta.authors
    draft.published = draft.published or meta.created
    draft.modified = meta.modified
    if text.authors or text.published:
        draft.kind = text.kind
    draft.stripped.extend(text.stripped)
    for name in text.fixes:
        draft.fix(name)
    for name in text.warnings:
        if not (name == NO_TITLE_WARNING and draft.title):
            _warn(draft, name)
