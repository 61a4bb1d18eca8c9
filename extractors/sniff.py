"""Format sniffing from the bytes themselves, never from file names.

>>> sniff(b"%PDF-1.7 ...")
'pdf'
>>> sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
'html'
>>> sniff("Leave a <b>reply</b> here, please.\\nNothing else.".encode())
'text'
>>> sniff(bytes(range(256)) * 4)
'binary'
>>> container_kind(b"WARC/1.1 ..."), container_kind(bytes([0x1f, 0x8b, 8, 0])), container_kind(b"<html>")
('warc', 'gzip', None)
"""
from __future__ import annotations

import re

# Magic numbers of formats we recognise but do not extract (reported by name in quarantine).
_BINARY_MAGIC = {
    b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif", b"PK\x03\x04": "zip",
    b"\x1f\x8b": "gzip", b"(\xb5/\xfd": "zstd", b"RIFF": "riff", b"\x7fELF": "elf",
    b"BZh": "bzip2", b"\xd0\xcf\x11\xe0": "ole2", b"OggS": "ogg", b"ID3": "mp3",
}
# Inputs that hold other documents (compressed streams, web archives): opened by extractors.unpack.
_CONTAINER_MAGIC = {b"\x1f\x8b": "gzip", b"(\xb5/\xfd": "zstd", b"BZh": "bzip2", b"WARC/1.": "warc"}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Markup that only HTML documents start with (after whitespace/comments/XML declaration).
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_TAG = re.compile(rb"</?(?:html|head|body|div|p|span|a|table|tr|td|ul|li|br|script|style|meta|link|article|section|h[1-6])\b[^>]*>", re.I)


def binary_kind(head: bytes) -> str | None:
    """Name of a known binary format, or None."""
    for magic, name in _BINARY_MAGIC.items():
        if head.startswith(magic):
            return name
    return None


def container_kind(head: bytes) -> str | None:
    """'warc', 'gzip', 'zstd' or 'bzip2' when the bytes hold other documents, else None."""
    for magic, name in _CONTAINER_MAGIC.items():
        if head.startswith(magic):
            return name
    return None


def sniff(data: bytes) -> str:
    """Return 'pdf', 'html', 'text' or 'binary' for the first bytes of a document."""
    head = data[:8192]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if binary_kind(head):
        return "binary"
    body = head
    for bom in _BOMS:
        if body.startswith(bom):
            body = body[len(bom):]
            break
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        body = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif _utf16_order(body):
        body = body.decode(_utf16_order(body), errors="ignore").encode("utf-8")
    elif _is_binary(body):
        return "binary"
    if _HTML_START.match(body):
        return "html"
    # HTML saved without a doctype: many tags, and tags make up a large part of the bytes.
    tags = _TAG.findall(body)
    if len(tags) >= 8 and sum(map(len, tags)) > 0.15 * len(body):
        return "html"
    return "text"


def _utf16_order(body: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for UTF-16 without a BOM (every other byte is NUL in markup-heavy
    text; NULs first means big-endian), else None."""
    sample = body[:2000]
    if len(sample) < 8:
        return None
    zeros_even = sample[0::2].count(0) / len(sample[0::2])
    zeros_odd = sample[1::2].count(0) / len(sample[1::2])
    if max(zeros_even, zeros_odd) > 0.4 and min(zeros_even, zeros_odd) < 0.05:
        return "utf-16-be" if zeros_even > zeros_odd else "utf-16-le"
    return None


def _is_binary(body: bytes) -> bool:
    """Control bytes (NUL included, whitespace not) are rare in text; a few stray NULs are not binary."""
    if not body:
        return False
    controls = sum(1 for b in body[:4096] if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / min(len(body), 4096) > 0.05
