"""PDF extractor: pymupdf pages to a draft whose body is every line that is not page furniture.

A PDF page has no navigation bar, so nothing is zoned away as on a web page: pages are read one
at a time (`pdf_layout`, with glyphs a font's ToUnicode map lost recovered by `pdf_glyphs`),
furniture is removed once every page has been seen (`pdf_furniture`: running headers and footers,
page numbers, watermarks, crop marks), and the rest becomes paragraphs across page and column
breaks (`pdf_paragraphs`). Pages with no text layer, or one that cannot be decoded, are OCR'd
(`pdf_ocr`). Metadata: the declared /Info and XMP (junk dropped, `pdf_meta`), the cover page
(`pdf_cover`: title, people and their roles, institution, Solar Hijri dates), and the plain-text
rules (`extractors.text`) on the first page only, for a newspaper masthead, byline and date.
"""
from __future__ import annotations

import logging
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field

import pymupdf
from pymupdf import mupdf

from extractors import pdf_ocr
from extractors.pdf_cover import Cover, is_invocation, read_cover
from extractors.pdf_furniture import Furniture
from extractors.pdf_glyphs import GlyphRepair, scan_resources
from extractors.pdf_layout import FLAGS, Line, Page, read_page
from extractors.pdf_layout import ocr_words as read_words
from extractors.pdf_meta import read_meta
from extractors.pdf_paragraphs import Builder, Paragraph, usual_gaps
from extractors.text import extract_text
from normalizers.unicode import ARABIC_TO_PERSIAN
from output.draft import Draft
from output.errors import CorruptInput, DecompressionBomb, EncryptedPDF

log = logging.getLogger(__name__)

CONTENT_CAP = 256 * 2**20  # bytes of one page's inflated content stream; real pages hold a few MB at most
MAX_DEFLATE_RATIO = 1032  # zlib's best case: a stream smaller than CAP / this cannot inflate past CAP
_CONTENTS, _LENGTH, _XOBJECT, _SUBTYPE, _IMAGE = (mupdf.PdfObj(name).m_internal for name in (  # as ll_ keys
    mupdf.PDF_ENUM_NAME_Contents, mupdf.PDF_ENUM_NAME_Length, mupdf.PDF_ENUM_NAME_XObject, mupdf.PDF_ENUM_NAME_Subtype,
    mupdf.PDF_ENUM_NAME_Image))
GARBLED_SHARE = 0.3  # a page with this share of unrecoverable glyphs has no usable text layer
# What the plain-text rules may take out of the first page: a newspaper's masthead above the
# title. Bylines and date lines are the document's own text (their facts also go to metadata); the
# rest of what those rules strip is web-page zoning, which a PDF has no use for.
HEAD_REASONS = frozenset({"masthead"})
NO_TITLE_WARNING = "no title found"  # the text extractor's; moot once the PDF supplies a title
# Persian letters that Arabic never writes: a document that has them means ی and ک where its
# fonts' ambiguous presentation forms (ﻳ, ﻛ) decode to Arabic yeh and kaf.
PERSIAN_ONLY = re.compile("[پچژگ]")
ARABIC_ONLY = re.compile("[ةإأ]")
# No letter it writes is one it replaces, so replacing them one after the other is the translation; a
# str.replace runs at memory speed, str.translate with a table at ~0.1 us a character.
ARABIC_YEH_KAF = tuple(ARABIC_TO_PERSIAN.items())
YEH_KAF = re.compile("[" + "".join(ARABIC_TO_PERSIAN) + "]")


@dataclass
class _Reading:
    """What reading the pages found, for the draft's `pdf` object and warnings."""

    pages: list[Page] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    needs_ocr: list[int] = field(default_factory=list)
    languages: tuple[str, ...] = ()
    glyphs: int = 0
    unrecovered: int = 0


def extract_pdf(data: bytes, *, uri: str = "", ocr: bool = True) -> Draft:
    """`ocr=False` leaves pages without a usable text layer out (flagged `needs_ocr`), never guesses."""
    doc = _open(data)
    draft = Draft(kind="document", extractor="pdf")
    if doc.is_repaired:
        draft.fix("pdf_repaired")
    # A file too small to hold a stream that could inflate past CONTENT_CAP needs no stream checks.
    reading = _read_pages(doc, draft, ocr, bomb_check=len(data) * MAX_DEFLATE_RATIO >= CONTENT_CAP)
    meta = read_meta(doc.metadata or {}, _xmp(doc))
    pages = doc.page_count
    doc.close()
    draft.pdf = {
        "pages": pages,
        "ocr_pages": [n + 1 for n in reading.ocr_pages],
        "needs_ocr": [n + 1 for n in reading.needs_ocr],
        **({"ocr_languages": list(reading.languages)} if reading.ocr_pages else {}),
        "unrecovered_glyphs": round(reading.unrecovered / reading.glyphs, 4) if reading.glyphs else 0.0,
    }
    _persian_letters(reading.pages, draft)
    paragraphs, first_page_lines = _body(reading.pages, draft)
    if not paragraphs:
        if not {"garbled_text", "needs_ocr"} & set(draft.warnings):
            draft.warnings.append("no_text_layer")
        return draft
    head = [p for p in paragraphs if p.page == paragraphs[0].page]
    text = extract_text("\n\n".join(p.lines[0] for p in head), uri=uri, whole_body=True)
    taken = {s.text for s in text.stripped if s.reason in HEAD_REASONS}
    cover = read_cover(first_page_lines, _body_size(paragraphs), taken)
    _merge(draft, paragraphs, text, meta, cover)
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


def _read_pages(doc: pymupdf.Document, draft: Draft, ocr: bool, bomb_check: bool = True) -> _Reading:
    """Every page's lines, one pymupdf page alive at a time; pages without usable text are OCR'd."""
    reading = _Reading()
    repair = GlyphRepair(doc)
    failed, empty, unreadable = 0, 0, []
    glyph_level = True  # no page seen yet: decide from the plain text, not from a `dict` that may be thrown away
    traced = False  # no page seen yet: its TextPage straight from the page, not from a display list
    for number in range(doc.page_count):
        try:
            pymupdf_page = doc.load_page(number)
            if bomb_check:
                _check_contents(doc, pymupdf_page)
            page = read_page(pymupdf_page, repair, expect_glyphs=glyph_level, expect_trace=traced)
            glyph_level, traced = page.glyph_level, page.traced
        except DecompressionBomb:
            raise
        except Exception:  # a damaged content stream spoils its page, not the document
            failed += 1
            continue
        if _unreadable(page, pymupdf_page):
            unreadable.append(len(reading.pages))
        else:
            empty += page.glyphs == 0
        for name in sorted(page.fixes):
            draft.fix(name)
        reading.pages.append(page)
    if failed == doc.page_count:
        raise CorruptInput(f"none of the {failed} pages could be read")
    if failed:
        _warn(draft, "unreadable_pages")
    if unreadable:
        _ocr(doc, reading, unreadable, draft, ocr)
    _patch_unmapped(doc, reading, repair, draft, ocr)
    for page in reading.pages:
        reading.glyphs += page.glyphs
        reading.unrecovered += page.unmapped
        if page.unmapped and page.number not in reading.needs_ocr:
            _warn(draft, "unmapped_glyphs")
    if 0 < empty < len(reading.pages):
        _warn(draft, "pages_without_text")
    return reading


def _check_contents(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    """A page whose content stream inflates past CONTENT_CAP is a decompression bomb: MuPDF
    would inflate it whole. Only streams big enough to hide one are tried, and only up to the cap;
    their size is read from the /Length MuPDF itself reads them by (pymupdf's own per-stream calls
    cost a third of a plain text extraction on pages of many small streams)."""
    for xref in _big_content_streams(page):
        if "FlateDecode" not in doc.xref_get_key(xref, "Filter")[1]:
            continue
        raw = doc.xref_stream_raw(xref)
        if len(raw) * MAX_DEFLATE_RATIO < CONTENT_CAP:
            continue
        try:
            inflated = zlib.decompressobj().decompress(raw, CONTENT_CAP + 1)
        except zlib.error:
            continue  # MuPDF repairs or skips a broken stream itself
        if len(inflated) > CONTENT_CAP:
            raise DecompressionBomb(f"page {page.number + 1}: content stream inflates past {CONTENT_CAP} bytes")


def _big_content_streams(page: pymupdf.Page) -> list[int]:
    """Xrefs of the page's content streams whose stated /Length could inflate past CONTENT_CAP.
    Read through MuPDF's low-level calls (`ll_`, bare pointers): the wrapped ones cost 8 us per
    stream, a third of a plain text extraction on pages of dozens of small streams."""
    contents = mupdf.ll_pdf_dict_get(pymupdf._as_pdf_page(page).obj().m_internal, _CONTENTS)
    count = mupdf.ll_pdf_array_len(contents) if mupdf.ll_pdf_is_array(contents) else 0
    streams = [mupdf.ll_pdf_array_get(contents, i) for i in range(count)] if count else [contents]
    big = [s for s in streams if mupdf.ll_pdf_dict_get_int(s, _LENGTH) * MAX_DEFLATE_RATIO >= CONTENT_CAP]
    return [mupdf.ll_pdf_to_num(s) for s in big if mupdf.ll_pdf_is_indirect(s)]  # a stream is always an indirect object


def _unreadable(page: Page, pymupdf_page: pymupdf.Page) -> bool:
    """No text but a picture (a scan), or so many glyphs without a character that the text is junk."""
    if page.glyphs == 0:
        return has_images(pymupdf_page)
    return page.unmapped > GARBLED_SHARE * page.glyphs


def has_images(page: pymupdf.Page) -> bool:
    """`bool(page.get_images())`: an image among the page's resources or its forms' (pymupdf's
    JM_scan_resources walk, stopped at the first image), through MuPDF's low-level calls: pymupdf
    lists every image with its filter, colour space and size, 46 us a page of one image (4 here)."""
    return scan_resources(page, _holds_image)


def _holds_image(resources) -> bool:
    """An image among one level's XObjects (scan_resources walks the forms' levels)."""
    xobjects = mupdf.ll_pdf_dict_get(resources, _XOBJECT)
    for i in range(mupdf.ll_pdf_dict_len(xobjects)):
        xobject = mupdf.ll_pdf_dict_get_val(xobjects, i)
        if mupdf.ll_pdf_is_dict(xobject) and mupdf.ll_pdf_name_eq(mupdf.ll_pdf_dict_get(xobject, _SUBTYPE), _IMAGE):
            return True
    return False


def _ocr(doc: pymupdf.Document, reading: _Reading, indexes: list[int], draft: Draft, enabled: bool) -> None:
    """OCR the pages at `indexes` of `reading.pages` in place; pages it cannot do are flagged, not dropped."""
    readable = " ".join(ln.text for i, p in enumerate(reading.pages) if i not in indexes for ln in p.lines)
    languages = pdf_ocr.languages_for(readable) if enabled else ()
    if any(reading.pages[i].glyphs for i in indexes):
        _warn(draft, "garbled_text")  # fonts without a usable ToUnicode map, glyph names or cmap
    if not languages:
        reading.needs_ocr = [reading.pages[i].number for i in indexes]
        for i in indexes:
            reading.pages[i].lines, reading.pages[i].unmapped = [], reading.pages[i].glyphs
        _warn(draft, "needs_ocr")
        _warn(draft, "ocr_off" if not enabled else "ocr_unavailable")
        log.warning("PDF pages %s have no usable text layer and were not OCR'd (%s)", [n + 1 for n in reading.needs_ocr],
                    "OCR is off" if not enabled else "Tesseract language data not found: run scripts/ci-system-deps.sh")
        return
    for i in indexes:
        number = reading.pages[i].number
        try:
            page = doc.load_page(number)
            result = read_page(page, textpage=pdf_ocr.ocr_textpage(page, languages, FLAGS))
            if not readable and not reading.ocr_pages:  # nothing else to go by: the first OCR'd page says
                better = pdf_ocr.languages_for(" ".join(ln.text for ln in result.lines))
                if better != languages:
                    languages = better
                    result = read_page(page, textpage=pdf_ocr.ocr_textpage(page, languages, FLAGS))
        except Exception as exc:  # Tesseract failing on one page must not lose the others
            log.warning("OCR of PDF page %d failed: %s", number + 1, exc)
            reading.needs_ocr.append(number)
            reading.pages[i].lines, reading.pages[i].unmapped = [], reading.pages[i].glyphs
            _warn(draft, "ocr_failed")
            _warn(draft, "needs_ocr")
            continue
        result.fixes.discard("glyphs_from_font_program")
        reading.pages[i] = result
        reading.ocr_pages.append(number)
    if reading.ocr_pages:
        reading.languages = languages
        draft.fix("ocr")


def _patch_unmapped(doc: pymupdf.Document, reading: _Reading, repair: GlyphRepair, draft: Draft, enabled: bool) -> None:
    """Pages whose text layer is good but for a few glyphs nothing decodes: the words holding them
    are taken from OCR of the same page (the rest of the page keeps its exact text)."""
    patchable = [i for i, p in enumerate(reading.pages) if p.unmapped and p.number not in reading.needs_ocr]
    languages = pdf_ocr.languages_for(" ".join(ln.text for p in reading.pages for ln in p.lines)) if enabled and patchable else ()
    for i in patchable if languages else ():
        number = reading.pages[i].number
        try:
            page = doc.load_page(number)
            words = read_words(pdf_ocr.ocr_textpage(page, languages, FLAGS))
            patched = read_page(page, repair, patch=words)
        except Exception as exc:  # OCR failing leaves the page as its text layer gave it
            log.warning("OCR of PDF page %d (for its unmapped glyphs) failed: %s", number + 1, exc)
            continue
        reading.pages[i] = patched
        for name in sorted(patched.fixes):
            draft.fix(name)


def _warn(draft: Draft, name: str) -> None:
    if name not in draft.warnings:
        draft.warnings.append(name)


def _body(pages: list[Page], draft: Draft) -> tuple[list[Paragraph], list[Line]]:
    """Paragraphs of every page less its furniture, and the first text page's lines (for the cover)."""
    furniture = Furniture()
    for page in pages:
        furniture.observe(page)
    builder = Builder()
    first_page_lines: list[Line] = []
    for page in pages:
        first = True
        body = []
        for line in page.lines:
            reason = furniture.reason(line, page)
            if reason:
                draft.strip(line.text, reason)
            else:
                body.append(line)
        gaps = usual_gaps(body)
        for line in body:
            if not builder.paras or builder.paras[0].page == page.number:
                first_page_lines.append(line)
            builder.add(line, page.number, new_column=first or line.column_start, usual_gap=gaps.get(round(line.size)))
            first = False
        page.lines = []
    paragraphs, dehyphenated = builder.paragraphs()
    if dehyphenated:
        draft.fix("dehyphenated")
    if builder.joined_across:
        draft.fix("paragraphs_joined_across_pages")
    return paragraphs, first_page_lines


def _persian_letters(pages: list[Page], draft: Draft) -> None:
    """Arabic yeh and kaf to Persian ones in a Persian document (see PERSIAN_ONLY)."""
    if not any(page.glyph_level for page in pages):
        return  # no page had Arabic-script text (those are read glyph by glyph)
    text = " ".join(ln.text for page in pages for ln in page.lines)
    persian = len(PERSIAN_ONLY.findall(text))
    if not persian or persian <= len(ARABIC_ONLY.findall(text)) or not YEH_KAF.search(text):
        return
    for page in pages:
        for line in page.lines:
            if YEH_KAF.search(line.text):  # only lines that change
                line.text = _to_persian(line.text)
    draft.fix("persian_yeh_kaf")


def _to_persian(text: str) -> str:
    """Arabic yeh and kaf replaced by the Persian ones (`ARABIC_TO_PERSIAN`).

    >>> _to_persian("كتاب علي")
    'کتاب علی'
    """
    for arabic, persian in ARABIC_YEH_KAF:
        text = text.replace(arabic, persian)
    return text


def _body_size(paragraphs: list[Paragraph]) -> float:
    sizes: Counter[float] = Counter()
    for p in paragraphs:
        sizes[round(p.size, 1)] += len(p.lines[0])
    return sizes.most_common(1)[0][0]


def _merge(draft: Draft, paragraphs: list[Paragraph], text: Draft, meta, cover: Cover) -> None:
    """Body: every paragraph but the title and, on a first page that is no cover, the masthead the
    text rules found above the title. Metadata: declared, then the cover page, then the text rules."""
    head_page = paragraphs[0].page
    title = meta.title or cover.title or text.title
    title_parts = {" ".join(line.split()) for line in cover.title_lines} | {" ".join((title or "").split())}
    head_stripped = {} if cover.found else {s.text: s.reason for s in text.stripped if s.reason in HEAD_REASONS and not is_invocation(s.text)}
    title_at = next((i for i, p in enumerate(paragraphs) if p.page == head_page and " ".join(p.lines[0].split()) in title_parts), None)
    body = []
    for i, p in enumerate(paragraphs):
        flat = " ".join(p.lines[0].split())
        reason = head_stripped.get(flat) if p.page == head_page else None
        if reason == "masthead" and (title_at is None or i > title_at):
            reason = None  # below the title it is the document's own text
        if p.page == head_page and flat in title_parts:
            continue
        if reason:
            draft.strip(p.lines[0], reason)
        else:
            body.append(p.lines[0])
    draft.title = title
    draft.paragraphs = body
    if not cover.found:
        for attr in ("dateline", "publisher", "original_source", "canonical_url"):
            setattr(draft, attr, getattr(text, attr))
        draft.subtitle = text.subtitle if text.title == title else None
    authors = cover.names("author") or text.authors or meta.authors
    draft.authors = authors
    if cover.contributors:
        draft.contributors = [dict(c) for c in cover.contributors if c["role"] != "author"]
        draft.contributors[:0] = [{"name": a, "role": "author"} for a in authors]
    draft.institution = cover.institution
    draft.published = cover.published or text.published or meta.created
    draft.published_raw = cover.published_raw if cover.published else text.published_raw
    draft.published_calendar = cover.calendar if cover.published else None
    draft.original_published = text.original_published
    draft.modified = meta.modified
    if not cover.found and (text.authors or text.published):
        draft.kind = text.kind
    for name in text.fixes:
        draft.fix(name)
    for name in text.warnings:
        if not (name == NO_TITLE_WARNING and draft.title):
            _warn(draft, name)
