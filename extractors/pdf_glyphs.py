"""Characters for glyphs a PDF's ToUnicode map leaves out or sends to the private-use area.

Word and older PDF writers embed Persian fonts (the XB and B series among them) with a ToUnicode
map that misses the glyphs reached through shaping (initial, medial and final forms, lam-alef) or
maps them to private-use code points. The embedded font program usually still says what each glyph
is: its `cmap` table, its glyph names ("uniFEB3", "afii57416.init", "beh.medi") and its GSUB table
(an initial form is a substitution of the base letter). We read those with fontTools, once per font
of a font program (the analysis is kept per program's bytes: a font embedded on every page, or a
corpus of theses set in the same fonts, is read once per process), and look glyphs up by the glyph id
that `page.get_texttrace()` reports.
A font that carries none of this (a subset with "glyph00012" names and no cmap) stays unrecovered;
its pages go to OCR.
"""
from __future__ import annotations

import functools
import io
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable

import pymupdf
from pymupdf import mupdf

from extractors import pdf_stext

UNMAPPED = "\ufffd"
UNRESOLVED = re.compile("[\ufffd\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # exactly unresolved()
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
MEANINGLESS_NAME = re.compile(r"^(glyph|gid|g|cid|index)?\d+$|^\.(notdef|null)$", re.I)
_RESOURCES, _FONT, _XOBJECT, _BASEFONT, _NAME = (mupdf.PdfObj(name).m_internal for name in (  # as ll_ keys
    mupdf.PDF_ENUM_NAME_Resources, mupdf.PDF_ENUM_NAME_Font, mupdf.PDF_ENUM_NAME_XObject, mupdf.PDF_ENUM_NAME_BaseFont, mupdf.PDF_ENUM_NAME_Name))
SUBSTITUTIONS = 3  # GSUB passes: a final form of a ligature of a base letter is three steps away
FONTS_KEPT = 32  # font programs whose analysis a process keeps (each holds its parsed tables, ~0.1-1 MB)
INDIRECT = re.compile(r"\b\d+ \d+ R\b")
LENGTH_INDIRECT = re.compile(r"/Length\d?\s*\d+ \d+ R\b")  # /Length, /Length1-3: where the bytes end, not how they decode
_FONT_FILES = tuple(mupdf.PdfObj(name) for name in (mupdf.PDF_ENUM_NAME_FontFile, mupdf.PDF_ENUM_NAME_FontFile2, mupdf.PDF_ENUM_NAME_FontFile3))
_DESCENDANTS, _DESCRIPTOR = (mupdf.PdfObj(name) for name in (mupdf.PDF_ENUM_NAME_DescendantFonts, mupdf.PDF_ENUM_NAME_FontDescriptor))


def unresolved(ch: str) -> bool:
    """A character that says nothing about the glyph: U+FFFD, private use, or a control code.

    >>> unresolved("\\ufffd"), unresolved("\\ue045"), unresolved("ب"), unresolved(" ")
    (True, True, False, False)
    """
    if ch == UNMAPPED:
        return True
    category = unicodedata.category(ch)
    return category == "Co" or (category == "Cc" and ch not in "\t\n\r")


@functools.lru_cache(maxsize=1024)  # every page of a document names its fonts again (LaTeX: 6-12 a page)
def font_key(name: str) -> str:
    """Font names as pymupdf spells them in different places ("ABCDEF+B Nazanin" vs "BNazanin") made equal."""
    return re.sub(r"[^0-9a-z]", "", SUBSET_TAG.sub("", name).lower())


@functools.lru_cache(maxsize=65536)  # the same glyph names ("uni0628.init", "afii57416") recur in font after font
def _name_to_text(name: str) -> str:
    """A glyph name read by the Adobe Glyph List rules ("uni0628.init" -> "ب"), '' when it says nothing."""
    from fontTools import agl

    if MEANINGLESS_NAME.match(name):
        return ""
    try:
        text = agl.toUnicode(name)
    except Exception:  # a malformed name is no reason to lose the rest of the font
        return ""
    return "" if not text or any(unresolved(c) for c in text) else text


def _preferred(old: str | None, new: str) -> bool:
    """A base letter beats a presentation form when a glyph answers to both code points."""
    if old is None:
        return True
    return unicodedata.decomposition(old).startswith("<") and not unicodedata.decomposition(new).startswith("<")


def _gsub_pairs(font) -> Iterable[tuple[list[str], str]]:
    """(input glyphs, output glyph) of every single, alternate and ligature substitution in GSUB."""
    if "GSUB" not in font:
        return
    table = font["GSUB"].table
    for lookup in table.LookupList.Lookup if table.LookupList else ():
        for sub in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:  # extension: the real subtable inside
                sub, kind = sub.ExtSubTable, sub.ExtensionLookupType
            if kind == 1:
                yield from (([src], dst) for src, dst in sub.mapping.items())
            elif kind == 3:
                yield from (([src], dst) for src, alts in sub.alternates.items() for dst in alts)
            elif kind == 4:
                for first, ligatures in sub.ligatures.items():
                    yield from (([first, *lig.Component], lig.LigGlyph) for lig in ligatures)


class FontGlyphs:
    """Glyph id -> text for one embedded TrueType/OpenType font: cmap, then names, then GSUB sources.

    GSUB is decoded (and its substitutions followed) only when a glyph that cmap and names leave
    out is asked for: most fonts answer from the first two, and GSUB costs as much as both."""

    def __init__(self, font_program: bytes | None):
        from fontTools.ttLib import TTFont

        self.order: list[str] = []
        self.by_name: dict[str, str] = {}
        self.texts: list[str | None] = []  # by glyph id: what `get` gives where it is a str (the compiled lookup reads it)
        self.font = None
        self.answers = False
        self._gsub_lock = threading.Lock()  # the analysis is shared (`analysed`): GSUB is read once, by one thread
        try:
            self.font = TTFont(io.BytesIO(font_program), lazy=True, fontNumber=0) if font_program else None
            self.order = self.font.getGlyphOrder() if self.font is not None else []  # not `if self.font`: TTFont's len() sorts its table tags
        except Exception:  # a bare CFF or damaged program: nothing to learn from it
            self.font, self.order = None, []
        if self.font is None:
            return
        try:
            for table in self.font["cmap"].tables if "cmap" in self.font else ():
                if not table.isUnicode():
                    continue
                for code, name in table.cmap.items():
                    ch = chr(code)
                    if not unresolved(ch) and _preferred(self.by_name.get(name), ch):
                        self.by_name[name] = ch
        except Exception:  # a broken cmap: names and GSUB may still answer
            pass
        for name in self.order:
            if name not in self.by_name:
                text = _name_to_text(name)
                if text:
                    self.by_name[name] = text
        self.answers = any(map(self.by_name.__contains__, self.order))  # GSUB adds nothing to a font with no sources
        self.texts = list(map(self.by_name.get, self.order))

    def __bool__(self) -> bool:
        return self.answers

    def get(self, gid: int) -> str | None:
        if not 0 <= gid < len(self.order):
            return None
        name = self.order[gid]
        if name not in self.by_name and self.font is not None:
            with self._gsub_lock:
                if self.font is not None:
                    self._substitute()
        return self.by_name.get(name)

    def _substitute(self) -> None:
        """Targets of GSUB substitutions take the text of their sources (once per font). Built
        aside and swapped in whole: a thread reading the shared analysis meanwhile sees cmap and
        names only, never half of GSUB."""
        try:
            pairs = list(_gsub_pairs(self.font))
        except Exception:  # an unreadable GSUB leaves what cmap and names gave
            pairs = []
        by_name = dict(self.by_name)
        for _ in range(SUBSTITUTIONS):
            for sources, target in pairs:
                if target not in by_name and all(s in by_name for s in sources):
                    by_name[target] = "".join(by_name[s] for s in sources)
        self.by_name, self.font = by_name, None
        self.texts = list(map(by_name.get, self.order))


@functools.lru_cache(maxsize=FONTS_KEPT)
def analysed(font_program: bytes) -> FontGlyphs:
    """The analysis of a font program, kept by its bytes (hash and compare of the content, no
    digest to collide): LibreOffice and Word embed the same font again on every page, and a
    corpus is set in a few fonts, so most reads are of a program already seen (fontTools' parse
    of cmap and post and our names pass: 0.2-0.8 ms a font)."""
    return FontGlyphs(font_program)


class GlyphRepair:
    """Recovers unmapped glyphs of one document's pages. A font program is read (fontTools) once per
    document, and only when a span of its name holds an unresolved glyph: a page's other fonts
    (LaTeX's math and Latin fonts beside the Persian one) are never parsed."""

    def __init__(self, doc: pymupdf.Document):
        self.doc = doc
        self.fonts: dict[int, FontGlyphs] = {}  # font xref -> its glyphs' texts

    def _maps(self, page: pymupdf.Page) -> dict[str, list[int]]:
        """Font key -> xrefs of the page's fonts of that name."""
        maps: dict[str, list[int]] = {}
        for xref, name in page_fonts(page):
            maps.setdefault(font_key(name), []).append(xref)
        return maps

    def _font(self, xref: int) -> FontGlyphs:
        if xref not in self.fonts:
            self.fonts[xref] = self._read(xref)
        return self.fonts[xref]

    def _read(self, xref: int) -> FontGlyphs:
        if xref < 1:  # a font dictionary written inline has no stream of its own
            return FontGlyphs(None)
        try:
            if self.doc.extract_font(xref, info_only=True)[1] not in ("ttf", "otf", "cff"):
                return FontGlyphs(None)
            stored = _stored_font_file(self.doc, xref)
            with _BY_STORED_LOCK:
                known = _BY_STORED.get(stored) if stored else None
                if known is not None:
                    _BY_STORED.move_to_end(stored)  # least recently used leaves first
            if known is not None:
                return known
            program = self.doc.extract_font(xref)[3]
        except Exception:  # an unreadable font stream: its glyphs stay unrecovered
            return FontGlyphs(None)
        glyphs = analysed(program) if program else FontGlyphs(None)
        if stored:
            with _BY_STORED_LOCK:
                _BY_STORED[stored] = glyphs
                while len(_BY_STORED) > FONTS_KEPT:
                    _BY_STORED.popitem(last=False)
        return glyphs

    def page(self, page: pymupdf.Page, fonts: Iterable[str], display_list: pymupdf.DisplayList | None = None) -> dict[tuple[float, float], list[str]]:
        """Origin of each unresolved glyph on the page -> recovered texts ('' when unknown), in the
        order they were drawn there (a zero-advance glyph shares its origin with the next one).
        `fonts`: the names of the fonts whose spans hold unresolved glyphs. Empty when none of
        those fonts can tell anything (every such glyph stays unmapped): the texttrace, another
        run of the page, is then not worth making. `display_list`: the page's, when its TextPage
        was made from one (`texttrace`)."""
        maps = self._maps(page)
        known: dict[str, list[FontGlyphs]] = {}  # span font name -> its candidate fonts, looked up once

        def candidates(name: str) -> list[FontGlyphs]:
            if name not in known:
                known[name] = [self._font(xref) for xref in _candidates(maps, name)]
            return known[name]

        if not any(glyphs for name in fonts for glyphs in candidates(name)):
            return {}
        if pdf_stext.COMPILED is not None:
            return pdf_stext.COMPILED.trace_texts(texttrace(page, display_list), candidates)
        return trace_texts(texttrace(page, display_list), candidates)


def texttrace(page: pymupdf.Page, display_list: pymupdf.DisplayList | None = None) -> list[dict]:
    """`page.get_texttrace()`: MuPDF runs the page's content again (its TextPage keeps no glyph
    ids). Given the display list the TextPage was made from (`pdf_layout.textpage`, an unrotated
    page), the same trace device is fed from the list instead: what `get_texttrace` does (same
    device, same page-to-trace matrix) without interpreting the page a second time."""
    if display_list is None:
        return page.get_texttrace()
    spans: list[dict] = []
    device = pymupdf.extra.JM_new_texttrace_device(spans)
    device.ptm = mupdf.FzMatrix(1, 0, 0, -1, 0, mupdf.fz_bound_page(page.this).y1)
    mupdf.fz_run_display_list(display_list.this, device, mupdf.FzMatrix(), mupdf.FzRect(mupdf.FzRect.Fixed_INFINITE), mupdf.FzCookie())
    mupdf.fz_close_device(device)
    return spans


def trace_texts(spans: list[dict], candidates: Callable[[str], list[FontGlyphs]]) -> dict[tuple[float, float], list[str]]:
    """`GlyphRepair.page`'s loop over a texttrace, in Python (the reference of `_stext.trace_texts`):
    origin of each unresolved glyph -> the texts its span's candidate fonts give, in drawing order."""
    found: dict[tuple[float, float], list[str]] = {}
    for span in spans:
        fonts_here = None
        for code, gid, origin, _bbox in span["chars"]:
            if not _unresolved_code(code):
                continue
            if fonts_here is None:
                fonts_here = candidates(span["font"])
            text = ""
            for glyphs in fonts_here:
                text = glyphs.get(gid) or ""
                if text:
                    break
            found.setdefault(origin_key(origin), []).append(text)
    return found


# The font file as stored (stream dictionary, raw bytes) -> its analysis: inflating the program
# (`extract_font`) costs 0.3-0.7 ms a font in every document, reading it as stored a tenth of that.
_BY_STORED: OrderedDict[tuple[str, bytes], FontGlyphs] = OrderedDict()
_BY_STORED_LOCK = threading.Lock()


def _stored_font_file(doc: pymupdf.Document, xref: int) -> tuple[str, bytes] | None:
    """(stream dictionary, raw bytes) of the font file `extract_font` inflates (pymupdf's
    JM_get_fontbuffer: the descriptor of the first descendant font, else of the font; its last
    FontFile, FontFile2, FontFile3). None where the raw bytes may not say what they decode to
    (an encrypted document: its key decrypts them; a decoding parameter held elsewhere), or
    cannot be read: the program is then inflated as before."""
    try:
        if doc.xref_get_key(-1, "Encrypt")[0] != "null":
            return None
        font = mupdf.pdf_load_object(pymupdf._as_pdf_document(doc), xref)
        descendants = mupdf.pdf_dict_get(font, _DESCENDANTS)
        owner = mupdf.pdf_resolve_indirect(mupdf.pdf_array_get(descendants, 0)) if descendants.m_internal else font
        descriptor = mupdf.pdf_dict_get(owner, _DESCRIPTOR)
        stream = None
        for key in _FONT_FILES if descriptor.m_internal else ():
            found = mupdf.pdf_dict_get(descriptor, key)
            if found.m_internal:
                stream = found
        number = mupdf.pdf_to_num(stream) if stream is not None else 0
        if number < 1 or not mupdf.pdf_is_stream(stream):
            return None
        dictionary = doc.xref_object(number, compressed=True)
        if len(INDIRECT.findall(dictionary)) != len(LENGTH_INDIRECT.findall(dictionary)):
            return None
        return dictionary, doc.xref_stream_raw(number)
    except Exception:  # a damaged font dictionary: extract_font says what it can
        return None


@functools.lru_cache(maxsize=4096)
def _unresolved_code(code: int) -> bool:
    """`unresolved` of a texttrace character code (negative or past Unicode: no character at all)."""
    return unresolved(chr(code) if 0 <= code < 0x110000 else UNMAPPED)


def _candidates(maps: dict[str, list[int]], name: str) -> list[int]:
    """The fonts a texttrace font name may be: the same key, else one key a prefix of the other
    ("Nazli" vs "Nazli Regular"), else the page's only font."""
    key = font_key(name)
    if key in maps:
        return maps[key]
    near = [m for k, ms in maps.items() if k.startswith(key) or key.startswith(k) for m in ms]
    if near or len(maps) != 1:
        return near
    return next(iter(maps.values()))


def page_fonts(page: pymupdf.Page) -> list[tuple[int, str]]:
    """(xref, base font name) of every font the page's resources name, its forms' resources
    included, in the order of pymupdf's `get_page_fonts` (whose walk this is). Through MuPDF's
    low-level calls (`ll_`, bare pointers): `get_page_fonts` makes every call through pymupdf's
    wrappers and works out each font's file type too, 0.2 ms a page, 5% of reading a LaTeX
    document whose glyphs need the font program; the type is looked up for a font that is read."""
    fonts: list[tuple[int, str]] = []

    def collect(resources) -> bool:
        font_dict = mupdf.ll_pdf_dict_get(resources, _FONT)
        for i in range(mupdf.ll_pdf_dict_len(font_dict)):
            font = mupdf.ll_pdf_dict_get_val(font_dict, i)
            if not mupdf.ll_pdf_is_dict(font):
                continue
            name = mupdf.ll_pdf_dict_get(font, _BASEFONT)
            if name is None or mupdf.ll_pdf_is_null(name):
                name = mupdf.ll_pdf_dict_get(font, _NAME)
            fonts.append((mupdf.ll_pdf_to_num(font), pymupdf.JM_EscapeStrFromStr(mupdf.ll_pdf_to_name(name))))
        return False  # every level's fonts

    scan_resources(page, collect)
    return fonts


def scan_resources(page: pymupdf.Page, visit) -> bool:
    """pymupdf's JM_scan_resources walk: `visit(resources)` on the page's resources dictionary (bare MuPDF
    pointer), then on those of its forms (each form once; a form met again ends the walk of its level, as there);
    True as soon as a visit returns True."""
    resources = mupdf.ll_pdf_dict_get_inheritable(pymupdf._as_pdf_page(page).obj().m_internal, _RESOURCES)
    return resources is not None and _scan(resources, visit, [])


def _scan(resources, visit, forms: list[int]) -> bool:
    if mupdf.ll_pdf_mark_obj(resources):
        return False  # circular resources
    try:
        if visit(resources):
            return True
        xobjects = mupdf.ll_pdf_dict_get(resources, _XOBJECT)
        for i in range(mupdf.ll_pdf_dict_len(xobjects)):
            xobject = mupdf.ll_pdf_dict_get_val(xobjects, i)
            inner = mupdf.ll_pdf_dict_get(xobject, _RESOURCES)
            if inner is None:
                continue
            xref = mupdf.ll_pdf_to_num(xobject) if mupdf.ll_pdf_is_stream(xobject) else 0
            if xref in forms:
                return False
            forms.append(xref)
            if _scan(inner, visit, forms):
                return True
        return False
    finally:
        mupdf.ll_pdf_unmark_obj(resources)


def origin_key(origin: tuple[float, float]) -> tuple[float, float]:
    """A glyph's origin rounded so that rawdict and texttrace agree on it."""
    return round(origin[0], 1), round(origin[1], 1)


# Pre-Unicode Arabic-charset fonts: Word writes their Windows-1256 byte values, and the PDF's
# WinAnsi or ToUnicode map reads them as Latin letters ("ÇíÑÇä" for "ایران").
HIGH_LATIN = re.compile("[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2018-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\x80-\x9f]")
LEGACY_SHARE = 0.5  # of a page's letters: accented Latin text (French, German, Turkish) stays far below


@functools.lru_cache(maxsize=512)
def from_windows_1256(ch: str) -> str:
    """The Arabic letter a Windows-1256 font draws where the text layer says `ch` ("Ç" -> "ا")."""
    try:
        byte = ch.encode("cp1252")
    except UnicodeEncodeError:
        try:
            byte = ch.encode("latin-1")  # WinAnsi's five holes come through as C1 controls
        except UnicodeEncodeError:
            return ch
    return byte.decode("cp1256", errors="replace") if byte[0] >= 0x80 else ch


def windows_1256_text(text: str) -> bool:
    """Most letters are high Latin ones that read as Arabic in Windows-1256.

    >>> windows_1256_text("ÇíÑÇä ßÔæÑ"), windows_1256_text("Größe und Qualität"), windows_1256_text("کتاب")
    (True, False, False)
    """
    high = HIGH_LATIN.findall(text)
    if not high:  # most pages: no need to count their letters
        return False
    letters = sum(c.isalpha() for c in text) + text.count("\x90")
    if not letters or len(high) < LEGACY_SHARE * letters:
        return False
    arabic = sum("\u0600" <= from_windows_1256(c) <= "\u06ff" for c in high)
    return arabic >= 0.8 * len(high)
