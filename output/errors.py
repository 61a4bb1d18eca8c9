"""Named errors for inputs that cannot become records; each ends in a quarantine entry.

`reason` is a stable slug users can filter quarantine files on.
"""
from __future__ import annotations


class IngestError(Exception):
    reason = "error"


class EmptyInput(IngestError):
    reason = "empty"


class TooLarge(IngestError):
    reason = "too_large"


class UnsupportedFormat(IngestError):
    reason = "unsupported_format"


class UndecodableText(IngestError):
    reason = "undecodable"


class EncryptedPDF(IngestError):
    reason = "encrypted"


class CorruptInput(IngestError):
    reason = "corrupt"


class NoContent(IngestError):
    reason = "no_content"


class ExtractionTimeout(IngestError):
    reason = "timeout"


class FetchError(IngestError):
    reason = "fetch_failed"


class DecompressionBomb(TooLarge):
    """A compressed input (or a WARC inside one) that expands beyond the size caps."""

    reason = "decompression_bomb"


class NotARegularFile(IngestError):
    """A directory entry that holds no bytes to read: a broken or looping symlink, a FIFO, a socket, a device."""

    reason = "not_a_file"


class LinkOutsideInput(IngestError):
    """A symlink inside an input directory whose target lies outside that directory: not followed (as rsync's
    --safe-links), so a planted link cannot copy ~/.ssh or /etc into the records. Name the target itself to read it."""

    reason = "link_outside_input"


class EmptyFeed(IngestError):
    """A feed or sitemap that lists no http(s) link (empty, or its links sat in entities that are never expanded)."""

    reason = "empty_feed"


class Unreadable(IngestError):
    """A local file the run may not or cannot read: no permission, a directory where a file was listed, an I/O error."""

    reason = "unreadable"
