"""Inputs that hold other documents: compressed streams and web archives, opened into parts.

`unpack(data, uri, max_bytes)` yields the documents inside `data` as `Part`s, each with its
own uri and provenance, or `data` itself when it is no container. One opener per container
kind (sniffed from the bytes by extractors.sniff.container_kind) sits in `OPENERS`; a new
format (mbox, a wire feed) adds one function there. Compressed streams are decompressed
lazily and capped, so a decompression bomb is refused after `max_bytes`, never held whole.

>>> import gzip
>>> [p.uri for p in unpack(gzip.compress(b"<p>hi</p>"), "/in/page.html.gz", 1000)]
['/in/page.html.gz']
>>> next(unpack(gzip.compress(b"x" * 5000), "/in/bomb.gz", 1000))
Traceback (most recent call last):
...
output.errors.DecompressionBomb: /in/bomb.gz decompresses beyond the 1000-byte cap
"""
from __future__ import annotations

import bz2
import gzip
import importlib
import io
import zlib
from dataclasses import dataclass, field, replace
from typing import BinaryIO, Callable, Iterator

from extractors.sniff import container_kind
from output.errors import CorruptInput, DecompressionBomb, IngestError

# A WARC's documents may together expand to this many times the per-document cap (1 GiB at the
# default 64 MiB): HTML compresses 5-10x, while a bomb expands 1000x and more.
ARCHIVE_EXPANSION = 16
MAX_DEPTH = 3  # a .gz inside a .gz is plausible; deeper nesting is a trap
# WARC record types that never hold a document; they are counted as skipped, by type.
_NOT_DOCUMENTS = {"warcinfo", "request", "metadata", "revisit", "continuation", "unknown"}


@dataclass(frozen=True)
class Part:
    """One document found in an input (or the input itself)."""

    uri: str  # the WARC target URI of a capture, else the input's uri
    data: bytes = b""
    provenance: dict = field(default_factory=dict)  # container uri, record number, capture date: the record's source.container
    charset: str | None = None  # declared by the HTTP headers stored with a capture
    http: dict | None = None  # status and headers of a capture, as a fetch would have recorded them
    skipped: str | None = None  # set for a record that is no document (a WARC request, say): counted, not extracted
    final: bool = False  # an item cut from a bundle (a story of a feed, a message of an mbox): extracted, never opened again
    error: IngestError | None = None  # a document found but unreadable: quarantined under its own uri, the next one goes on


Opener = Callable[[BinaryIO, str, int, int], Iterator[Part]]
OPENERS: dict[str, Opener] = {}


def opener(kind: str) -> Callable[[Opener], Opener]:
    def register(fn: Opener) -> Opener:
        OPENERS[kind] = fn
        return fn

    return register


SNIFF_BYTES = 4096  # enough to see a wire file's root element or a message's header block


def is_container(data: bytes) -> bool:
    return container_kind(data[:SNIFF_BYTES]) is not None


def unpack(data: bytes, uri: str, max_bytes: int) -> Iterator[Part]:
    """The parts of `data`; raises CorruptInput or DecompressionBomb (after yielding the good parts)."""
    yield from _open(io.BufferedReader(io.BytesIO(data)), uri, max_bytes, 0)


def _open(stream: io.BufferedReader, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
    kind = container_kind(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES])
    if kind is None:
        yield Part(uri, _whole(stream, uri, max_bytes))
        return
    if depth >= MAX_DEPTH:
        raise CorruptInput(f"{uri} nests containers more than {MAX_DEPTH} deep")
    yield from OPENERS[kind](stream, uri, max_bytes, depth + 1)


def _whole(stream: BinaryIO, uri: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DecompressionBomb(f"{uri} decompresses beyond the {max_bytes}-byte cap")
    return data


class _Capped(io.RawIOBase):
    """A decompressing reader that stops at `cap` bytes and names damage as CorruptInput."""

    def __init__(self, inner: BinaryIO, uri: str, cap: int, errors: tuple[type[Exception], ...]) -> None:
        self.inner, self.uri, self.cap, self.errors, self.total = inner, uri, cap, errors, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            chunk = self.inner.read(len(buffer))
        except EOFError as exc:
            raise CorruptInput(f"{self.uri} is truncated (the compressed stream ends early)") from exc
        except self.errors as exc:
            raise CorruptInput(f"{self.uri} is not valid compressed data ({exc})") from exc
        self.total += len(chunk)
        if self.total > self.cap:
            raise DecompressionBomb(f"{self.uri} decompresses beyond the {self.cap}-byte cap")
        buffer[:len(chunk)] = chunk
        return len(chunk)


def _decompressed(inner: BinaryIO, uri: str, max_bytes: int, depth: int, errors: tuple[type[Exception], ...]) -> Iterator[Part]:
    capped = _Capped(inner, uri, max_bytes * ARCHIVE_EXPANSION, errors)
    yield from _open(io.BufferedReader(capped, 1 << 16), uri, max_bytes, depth)


@opener("gzip")
def _gzip(stream: io.BufferedReader, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
    if stream.seekable():  # the input itself, not a stream inside another
        start = stream.tell()
        try:
            head = gzip.GzipFile(fileobj=stream).peek(16)[:16]
        except (EOFError, OSError, zlib.error):
            head = b""  # _Capped names the damage below
        stream.seek(start)
        if container_kind(head) == "warc":  # FastWARC reads .warc.gz itself, a record at a time
            yield from _warc(stream, uri, max_bytes, depth)
            return
    yield from _decompressed(gzip.GzipFile(fileobj=stream), uri, max_bytes, depth, (OSError, zlib.error))


@opener("bzip2")
def _bzip2(stream: BinaryIO, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
    yield from _decompressed(bz2.BZ2File(stream), uri, max_bytes, depth, (OSError,))


@opener("zstd")
def _zstd(stream: BinaryIO, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
    import zstandard

    reader = zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True)
    yield from _decompressed(reader, uri, max_bytes, depth, (zstandard.ZstdError, OSError))


@opener("zip")
def _zip(stream: BinaryIO, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
    """Each file of a zip is a document; an office file or e-book (a zip itself) is handed on whole."""
    from extractors.archives import is_package, open_zip, seekable, zip_members

    stream = seekable(stream)
    archive = open_zip(stream, uri)
    if is_package(archive):
        stream.seek(0)
        yield Part(uri, _whole(stream, uri, max_bytes), final=True)
        return
    yield from _members(uri, zip_members(archive, uri, max_bytes), max_bytes, depth)


@opener("tar")
def _tar(stream: BinaryIO, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
    from extractors.archives import tar_members

    yield from _members(uri, tar_members(stream, uri, max_bytes), max_bytes, depth)


def _members(uri: str, members, max_bytes: int, depth: int) -> Iterator[Part]:
    """Each member (extractors.archives.Member) as a part `uri#name`; a member that is itself a container
    (a .gz in a .tar, a zip in a zip) is opened in turn, down to MAX_DEPTH."""
    total = 0
    for number, member in enumerate(members):
        member_uri = f"{uri}#{member.name}"
        if member.skipped or member.error:
            yield Part(member_uri, skipped=member.skipped, error=member.error)
            continue
        total += len(member.data)
        if total > max_bytes * ARCHIVE_EXPANSION:
            raise DecompressionBomb(f"{uri} holds more than {max_bytes * ARCHIVE_EXPANSION} bytes of documents")
        provenance = {"uri": uri, "record": number, "part": member.name}
        for part in _open(io.BufferedReader(io.BytesIO(member.data)), member_uri, max_bytes, depth):
            yield part if part.provenance else replace(part, provenance=provenance, final=True)


@opener("warc")
def _warc(stream: BinaryIO, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
    """Each capture (response, resource or conversion record) is a part; other records are skipped by type.

    FastWARC, not warcio: 2.3x the records/s on the same file, and both stop silently on a
    truncated one (benchmarks/warc_readers.py), so a short last record is detected here.
    """
    from fastwarc.warc import ArchiveIterator

    if not stream.seekable():  # FastWARC seeks; a WARC inside another stream is read out first (capped upstream)
        stream = io.BytesIO(stream.read())
    records = ArchiveIterator(stream, parse_http=True, auto_decode="all", fsspec_args=False)
    try:
        yield from _captures(records, uri, max_bytes)
    except OSError as exc:  # FastWARC's word for a damaged or cut stream
        raise CorruptInput(f"{uri} is truncated or damaged after the last complete record ({exc})") from None
    except BaseException as exc:  # FastWARC's Rust code panics (a BaseException) on some malformed input
        if type(exc).__name__ != "PanicException":
            raise
        raise CorruptInput(f"{uri} is not a readable WARC ({exc})") from None


def _captures(records, uri: str, max_bytes: int) -> Iterator[Part]:
    total = 0
    for number, record in enumerate(records):
        kind = str(record.record_type)
        target = record.headers.get("WARC-Target-URI")
        if kind in _NOT_DOCUMENTS:
            yield Part(target or f"{uri}#record-{number}", skipped=kind)
            continue
        http = _http(record)
        if kind == "response" and http is None:  # dns: and other non-HTTP captures
            yield Part(target or f"{uri}#record-{number}", skipped="non_http_response")
            continue
        if http and not 200 <= http["status"] < 300:  # redirects and error pages are not the documents sought
            yield Part(target or f"{uri}#record-{number}", skipped=f"http_{http['status'] // 100}xx")
            continue
        data = record.reader.read(max_bytes + 1)
        total += len(data)
        if total > max_bytes * ARCHIVE_EXPANSION:
            raise DecompressionBomb(f"{uri} holds more than {max_bytes * ARCHIVE_EXPANSION} bytes of documents")
        if http is None or not http["encoded"]:
            if len(data) < min(record.content_length, max_bytes + 1):
                raise CorruptInput(f"{uri} is truncated inside record {number} ({target or 'no target URI'})")
        elif not data:  # FastWARC gives nothing for a body its Content-Encoding cannot undo (a cut gzip, say)
            yield Part(target or f"{uri}#record-{number}", error=CorruptInput(
                f"record {number} of {uri}: its body does not decode as its Content-Encoding or Transfer-Encoding says"))
            continue
        provenance = {"uri": uri, "record": number, "warc_record_id": record.record_id,
                      "captured_at": record.record_date.isoformat() if record.record_date else None,
                      "target_uri": target}
        if http:
            http = {"status": http["status"], "final_url": target, "content_type": http["content_type"]}
        yield Part(target or f"{uri}#record-{number}", data, provenance, charset=record.http_charset, http=http)


def _http(record) -> dict | None:
    if not record.is_http:
        return None
    headers = record.http_headers
    encoded = bool(headers.get("Content-Encoding") or headers.get("Transfer-Encoding"))
    return {"status": headers.status_code or 0, "content_type": headers.get("Content-Type"), "encoded": encoded}


def _items(uri: str, data: bytes, named: list[tuple[str, bytes]], provenance: dict | None = None) -> Iterator[Part]:
    """Each named item of a bundle as its own part (`uri#name`); a bundle of one item is the input itself."""
    if not named:
        yield Part(uri, data, provenance or {}, final=True)
        return
    for number, (name, item) in enumerate(named):
        yield Part(f"{uri}#{name}", item, {**(provenance or {}), "uri": uri, "record": number, "part": name}, final=True)


def _bundle_opener(kind: str, module: str, splitter: str) -> None:
    """Register the opener of a wire format whose one file may deliver several items: one part per item,
    cut by `module.splitter` (imported on first use: most runs meet no wire file)."""

    def open_bundle(stream: BinaryIO, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
        data = _whole(stream, uri, max_bytes)
        yield from _items(uri, data, getattr(importlib.import_module(module), splitter)(data))

    open_bundle.__doc__ = f"A {kind} file: one part per item ({module}.{splitter})."
    opener(kind)(open_bundle)


_bundle_opener("newsml", "extractors.wire.newsml", "split_newsml")  # a newsMessage or packageItem
_bundle_opener("newsml1", "extractors.wire.newsml1", "split_newsml1")  # a NewsML 1.x file of several NewsItems
_bundle_opener("ninjs", "extractors.wire.ninjs", "split_ninjs")  # a ninjs list
_bundle_opener("iptc7901", "extractors.wire.iptc7901", "split_7901")  # an agency feed file: SOH … ETX stories


@opener("email")
def _email(stream: BinaryIO, uri: str, max_bytes: int, depth: int) -> Iterator[Part]:
    """An mbox or one message: each message is a part, and each document attached to it a part
    of its own whose provenance names the message (`attached_to`)."""
    from extractors.wire.mail import attachments, split_mbox

    data = _whole(stream, uri, max_bytes)
    messages = split_mbox(data)
    for number, message in enumerate(messages):
        message_uri = f"{uri}#message-{number + 1}" if len(messages) > 1 else uri
        found = attachments(message)
        if len(messages) > 1:
            yield Part(message_uri, message, {"uri": uri, "record": number, "part": f"message-{number + 1}"}, final=True)
        else:
            yield Part(uri, data, final=True)
        for n, (name, payload, _kind) in enumerate(found):
            part = f"attachment-{n + 1}-{name}"
            yield Part(f"{message_uri}#{part}", payload,
                       {"attached_to": message_uri, "uri": message_uri, "record": n, "part": part}, final=True)
