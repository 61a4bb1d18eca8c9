"""Give the C heap back to the system after a big document's tree is freed.

lxml (libxml2) and MuPDF allocate with malloc. When a 20 MB page's tree is freed, glibc keeps the
pages in its heap, while Python's own objects come from separate mmap'd arenas and never reuse them:
without a trim, a process holds the parse tree's high-water mark for the rest of the document (and
of its life), so a 20 MB page of 200,000 paragraphs peaked at 388 MB instead of 267 MB.
`malloc_trim(0)` hands the free heap back; where there is no glibc it is a no-op.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc

# Below this a document's tree is a few MB at most, not worth a heap walk (~1 ms) per document.
TRIM_FROM_BYTES = 2 * 1024 * 1024


def _malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # musl, macOS, Windows: no malloc_trim
        return None


_TRIM = _malloc_trim()


def release_freed_memory(document_bytes: int) -> bool:
    """After a big document's parse: collect cycles still holding the tree, return free heap pages.

    Returns whether a trim was made (False for small documents or without glibc)."""
    if _TRIM is None or document_bytes < TRIM_FROM_BYTES:
        return False
    gc.collect()
    _TRIM(0)
    return True
