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
_CONTAINER_MAGIC = {b"\x1f\x8b": "gzip", b"(\xb5/\xfd": "zstd", b"BZh": "bzip2", b"WARC/1.": "warc",
                    b"PK\x03\x04": "zip", b"PK\x05\x06": "zip"}  # a zip's first member, or the directory of an empty one
_TAR_MAGIC = (257, b"ustar")  # POSIX and GNU tar headers carry it at this offset
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# UTF-32 byte-order marks, looked for before UTF-16's (FF FE 00 00 starts with the UTF-16-LE mark).
_UTF32_BOMS = {b"\xff\xfe\x00\x00": "utf-32-le", b"\x00\x00\xfe\xff": "utf-32-be"}
# Root elements of the agencies' XML formats (any namespace prefix), after the prolog.
_WIRE_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--[^>]{0,2000}-->\s*|<!DOCTYPE[^>\[]{0,300}(?:\[[^\]]{0,4000}\])?\s*>\s*)*"
                        rb"<(?:[\w-]{1,20}:)?(nitf|newsItem|newsMessage|packageItem|itemRef|NewsML|NewsItem)\b")
_WIRE_ROOTS = {b"nitf": "nitf", b"newsItem": "newsml", b"newsMessage": "newsml", b"packageItem": "newsml", b"itemRef": "newsml",
               b"NewsML": "newsml1", b"NewsItem": "newsml1"}  # NewsML 1.x names its elements in capitals, NewsML-G2 not
# Roots of the XML files that list documents rather than hold one: RSS, Atom, RSS 1.0 (RDF), sitemaps.
_FEED_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<\?xml-stylesheet[^>]{0,500}>\s*|<!--[^>]{0,2000}-->\s*|"
                        rb"<!DOCTYPE[^>\[]{0,300}(?:\[[^\]]{0,4000}\])?\s*>\s*)*<(?:[\w-]{1,20}:)?(rss|feed|RDF|urlset|sitemapindex)\b")
# Wire formats whose parsers read UTF-16/32 themselves (XML by its BOM or declaration, JSON by its first bytes).
_SELF_DECODING_WIRE = ("nitf", "newsml", "newsml1", "ninjs")
BUNDLES = ("newsml", "newsml1", "ninjs", "iptc7901", "email")  # formats whose one file may deliver several items (extractors.unpack)
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
    """'warc', 'gzip', 'zstd', 'bzip2', 'zip' or 'tar' when the bytes hold other documents; given more than the
    magic number, also a wire or mail format whose file may bundle several items; else None."""
    for magic, name in _CONTAINER_MAGIC.items():
        if head.startswith(magic):
            return name
    if head[_TAR_MAGIC[0]:_TAR_MAGIC[0] + len(_TAR_MAGIC[1])] == _TAR_MAGIC[1]:
        return "tar"
    if len(head) <= 16:
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        kind = sniff(head)  # UTF-16/32 text, sniffed as extraction will see it (sniff costs 5-8x wire_kind: only here)
    else:
        kind = wire_kind(head.removeprefix(b"\xef\xbb\xbf"))
    return kind if kind in BUNDLES else None


def wire_kind(head: bytes) -> str | None:
    """'nitf', 'newsml' (G2), 'newsml1', 'ninjs', 'iptc7901' or 'email' from the first bytes (BOM already removed), else None.

    >>> wire_kind(b'<?xml version="1.0"?><nitf><head/></nitf>'), wire_kind(b"<g2:newsItem xmlns:g2='x'>")
    ('nitf', 'newsml')
    >>> wire_kind(b"\\x01AP0001 3 i 0100\\r\\nSLUG\\r\\n\\x02Text\\x03"), wire_kind(b"<html><body>hi</body></html>")
    ('iptc7901', None)
    """
    from extractors.wire.iptc7901 import is_framed
    from extractors.wire.mail import is_email
    from extractors.wire.ninjs import is_ninjs

    m = _WIRE_ROOT.match(head)
    if m:
        return _WIRE_ROOTS[m.group(1)]
    if is_ninjs(head):
        return "ninjs"
    if is_framed(head):
        return "iptc7901"
    return "email" if is_email(head) else None


def sniff(data: bytes) -> str:
    """Return 'pdf', 'html', 'text', 'binary', 'feed' (RSS, Atom, a sitemap: a list of documents, not one),
    or a wire/mail format ('nitf', 'newsml', 'newsml1', 'ninjs', 'iptc7901', 'email').

    >>> sniff(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "a">]><rss version="2.0"><channel/></rss>')
    'feed'
    """
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
    wide = _utf32_order(head)
    decoded = True  # the bytes were UTF-16/32, `body` is their UTF-8
    if wide:
        body = head.decode(wide, errors="ignore").lstrip("\ufeff").encode("utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        body = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif _utf16_order(body):
        body = body.decode(_utf16_order(body), errors="ignore").encode("utf-8")
    else:
        decoded = False
        kind = wire_kind(body)
        if kind:
            return kind
        if _is_binary(body):
            return "binary"
    kind = wire_kind(body) if decoded else None
    if kind in _SELF_DECODING_WIRE:
        return kind
    if _FEED_ROOT.match(body):
        return "feed"
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


def _utf32_order(head: bytes) -> str | None:
    """'utf-32-le'/'utf-32-be' for UTF-32 text, with or without a BOM, else None. Without one, the
    two high bytes of nearly every 4-byte unit are NUL (every character below U+10000 is) and the
    low byte is not.

    >>> _utf32_order("<html><body>Kabul</body></html>".encode("utf-32-be")), _utf32_order(b"<html><body></body></html>")
    ('utf-32-be', None)
    """
    for bom, name in _UTF32_BOMS.items():
        if head.startswith(bom):
            return name
    sample = head[:4000]
    units = len(sample) // 4
    if units < 4:
        return None
    zeros = [sum(1 for i in range(k, units * 4, 4) if sample[i] == 0) / units for k in range(4)]
    if zeros[2] > 0.9 and zeros[3] > 0.95 and zeros[0] < 0.05:
        return "utf-32-le"
    if zeros[0] > 0.95 and zeros[1] > 0.9 and zeros[3] < 0.05:
        return "utf-32-be"
    return None


def _is_binary(body: bytes) -> bool:
    """Control bytes (NUL included, whitespace not) are rare in text; a few stray NULs are not binary."""
    if not body:
        return False
    controls = sum(1 for b in body[:4096] if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / min(len(body), 4096) > 0.05
