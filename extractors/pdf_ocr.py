"""OCR for PDF pages without a usable text layer, through PyMuPDF's built-in Tesseract.

PyMuPDF links Tesseract itself and needs only the language models (Debian tesseract-ocr-fas,
-pus, -ara, -urd, -eng; scripts/ci-system-deps.sh installs them). Which models a page needs is
read from the document's own text layer where other pages have one (Pashto, Urdu and Persian
letters tell those apart from Arabic); a document that is only pictures is read with FALLBACK
first and read again when its text turns out to be in another of our languages.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pymupdf

OCR_DPI = 300  # Tesseract is trained on ~300 dpi text; lower loses diacritics and dots
MAX_PIXELS = 40_000_000  # an A4 page at 300 dpi is 8.7 million
FALLBACK = ("fas", "eng")  # a picture-only document: the corpus is mostly Persian and Dari
LATIN_SHARE = 0.03  # this share of Latin letters in the text adds the English model
# Letters only one of our Arabic-script languages writes, most specific first (Persian shares
# پ چ ژ گ with Urdu and Pashto, so it is the last resort among them).
SCRIPT_LETTERS = (
    ("pus", re.compile("[ټډړږښګڼېۍځڅ]")),
    ("urd", re.compile("[ٹڈڑںےھ]")),
    ("fas", re.compile("[پچژگ]")),
    ("ara", re.compile("[ةىإأ]")),
)
ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
LATIN_LETTER = re.compile("[A-Za-z]")


class OcrUnavailable(RuntimeError):
    """No Tesseract language data: PyMuPDF cannot OCR."""


@functools.cache
def installed_languages() -> frozenset[str]:
    """Tesseract models PyMuPDF can use here (empty when Tesseract is not installed)."""
    try:
        tessdata = pymupdf.get_tessdata()
    except Exception:  # pymupdf raises when it finds no tessdata folder
        return frozenset()
    return frozenset(p.name.removesuffix(".traineddata") for p in Path(tessdata or "").glob("*.traineddata"))


def languages_for(text: str, available: frozenset[str] | None = None) -> tuple[str, ...]:
    """Tesseract models for pages of a document whose readable text is `text`.

    >>> languages_for("این پایان‌نامه درباره آب است", frozenset({"fas", "ara", "eng"}))
    ('fas',)
    >>> languages_for("", frozenset({"fas", "eng"}))
    ('fas', 'eng')
    """
    available = installed_languages() if available is None else available
    arabic, latin = len(ARABIC_LETTER.findall(text)), len(LATIN_LETTER.findall(text))
    chosen: list[str] = []
    if arabic:
        counts = {lang: len(rx.findall(text)) for lang, rx in SCRIPT_LETTERS}
        best = next((lang for lang, _ in SCRIPT_LETTERS if counts[lang] * 200 >= arabic), "fas" if "ی" in text else "ara")
        chosen.append(best)
    if latin and latin >= LATIN_SHARE * (arabic + latin):
        chosen.append("eng")
    chosen = [lang for lang in chosen or FALLBACK if lang in available]
    return tuple(chosen or [lang for lang in FALLBACK if lang in available])


def ocr_textpage(page: pymupdf.Page, languages: tuple[str, ...], flags: int) -> pymupdf.TextPage:
    """The whole page read by Tesseract, as a TextPage like the one the text layer gives."""
    if not languages:
        raise OcrUnavailable("no Tesseract language data found (install tesseract-ocr-fas etc.)")
    inches = page.rect.width * page.rect.height / 72 / 72
    dpi = min(OCR_DPI, int((MAX_PIXELS / max(inches, 1e-6)) ** 0.5))  # a poster-sized page is read coarser, not in gigapixels
    return page.get_textpage_ocr(flags=flags, language="+".join(languages), dpi=dpi, full=True)
