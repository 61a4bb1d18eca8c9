"""The compiled reader of MuPDF's structured text (extractors/_stext.c), when it can be used.

`pip install -e .` builds it (setup.py) against the MuPDF headers of the installed pymupdf. It reads
MuPDF's structs directly, so it is used only when it was built for the MuPDF that runs; otherwise
(not built, other MuPDF) COMPILED is None and pdf_layout reads pages through pymupdf's `dict` and
`rawdict` and our Python, the reference the compiled reader must equal (tests/test_pdf_stext.py):
the same records, slower. A build left from older sources is refused the same way (`API`). One
warning in the log says which.
"""
from __future__ import annotations

import logging
import unicodedata
from types import ModuleType

import pymupdf

from normalizers.rtl import bidi_kind, ends_unjoined, folding_table, starts_unjoined

log = logging.getLogger(__name__)
API = 5  # _stext.c's API number: a build left from older sources (no `pip install -e .` since) is not used
KIND_CODES = {"R": 1, "L": 2, "N": 3, "W": 4}  # as _stext.c numbers them, and its flags:
COMBINING, ENDS_UNJOINED, STARTS_UNJOINED = 8, 16, 32


def kind_code(ch: str) -> int:
    """What the compiled reader asks of a character: its bidi kind (`rtl.bidi_kind`), and flags for
    a combining mark and for the letter forms `rtl` puts a ZWNJ between.

    >>> kind_code("ب"), kind_code("a"), kind_code("۱"), kind_code(" "), kind_code("\\u064e"), kind_code("\\ufe8f")
    (1, 2, 3, 4, 12, 49)
    """
    return (KIND_CODES[bidi_kind(ch)] + COMBINING * bool(unicodedata.combining(ch)) + ENDS_UNJOINED * ends_unjoined(ch)
            + STARTS_UNJOINED * starts_unjoined(ch))


def _load() -> ModuleType | None:
    try:
        from extractors import _stext
    except ImportError:
        log.warning("extractors._stext is not built (pip install -e . builds it): PDFs are read in Python, same records, slower")
        return None
    if getattr(_stext, "API", None) != API:
        log.warning("extractors._stext was built from other sources (pip install -e . rebuilds it): PDFs are read in Python, same records, slower")
        return None
    if _stext.MUPDF_VERSION != pymupdf.mupdf_version:
        log.warning("extractors._stext was built for MuPDF %s, this is %s: PDFs are read in Python, same records, slower",
                    _stext.MUPDF_VERSION, pymupdf.mupdf_version)
        return None
    _stext.set_kinds(kind_code)
    _stext.set_folding(folding_table())
    return _stext


COMPILED = _load()


def address(textpage: pymupdf.TextPage) -> int | None:
    """Where the TextPage's fz_stext_page is, for the compiled reader; None when it cannot read it.

    It gives pymupdf's glyph boxes as they are while pymupdf's quad corrections are off (the
    setting in force after `import pymupdf`: pymupdf4llm switches them off); with them on, pymupdf
    re-measures boxes from font metrics, which only the Python reading follows."""
    if COMPILED is None or not pymupdf.TOOLS.unset_quad_corrections():
        return None
    return textpage.this.m_internal_value()
