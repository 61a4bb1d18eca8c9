"""Zip and tar archives read member by member, for extractors.unpack.

Every regular file of an archive is a document of its own; directories, links and devices are
counted as skipped. An office file or an e-book is a zip too (DOCX, XLSX, ODT, EPUB: a
`[Content_Types].xml` or `mimetype` member says so), but its members are no documents: it is
handed on whole. Members are read lazily and capped: one larger than the per-document cap is
refused on its own and the next goes on; an encrypted or damaged member likewise. Nothing is
ever written to disk, so member names ("../../etc/passwd") are only labels.
"""
from __future__ import annotations

import io
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from normalizers.unicode import escape_undecodable
from output.errors import CorruptInput, DecompressionBomb, IngestError

MAX_MEMBERS = 100_000  # files in one archive: far beyond a real bundle of documents, short of a million-entry trap
_PACKAGE_MARKERS = ("[Content_Types].xml", "mimetype", "META-INF/manifest.xml")  # OOXML, ODF/EPUB


class EncryptedMember(IngestError):
    """A password-protected file inside an archive."""

    reason = "encrypted"


@dataclass(frozen=True)
class Member:
    name: str  # printable: the archive's own bytes may not be UTF-8
    data: bytes = b""
    skipped: str | None = None  # 'directory', 'link', 'special'
    error: IngestError | None = None


def open_zip(stream: BinaryIO, uri: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as exc:
        raise CorruptInput(f"{uri} is not a readable zip archive ({exc})") from None


def is_package(archive: zipfile.ZipFile) -> bool:
    """A zip that is one document (an office file, an e-book), not a bundle of documents."""
    return any(name in _PACKAGE_MARKERS for name in archive.namelist()[:50])


def zip_members(archive: zipfile.ZipFile, uri: str, max_bytes: int) -> Iterator[Member]:
    infos = archive.infolist()
    _count(len(infos), uri)
    for info in infos:
        name = printable(info.filename)
        if info.is_dir():
            yield Member(name, skipped="directory")
        elif info.flag_bits & 0x1:
            yield Member(name, error=EncryptedMember(f"{name} in {uri} is encrypted; it cannot be read without its password"))
        else:
            yield _read(name, uri, max_bytes, info.file_size, lambda: archive.open(info),
                        (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError))


def tar_members(stream: BinaryIO, uri: str, max_bytes: int) -> Iterator[Member]:
    """Read as a stream ('r|'): a tar inside a .gz is never held whole."""
    try:
        archive = tarfile.open(fileobj=stream, mode="r|")
        count = 0
        for info in archive:
            count += 1
            _count(count, uri)
            name = printable(info.name)
            if info.isdir():
                yield Member(name, skipped="directory")
            elif info.issym() or info.islnk():
                yield Member(name, skipped="link")
            elif not info.isfile():
                yield Member(name, skipped="special")
            else:
                # a tar's member cannot be damaged alone: a read error is the stream ending (raised below)
                yield _read(name, uri, max_bytes, info.size, lambda: archive.extractfile(info), ())
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise CorruptInput(f"{uri} is truncated or damaged after its last complete member ({exc})") from None


def _read(name: str, uri: str, max_bytes: int, size: int, open_member, errors: tuple[type[Exception], ...]) -> Member:
    """The member's bytes, or the error that is its outcome; an archive that ends inside it is damaged from
    there on (CorruptInput raised)."""
    try:
        with open_member() as member:
            data = member.read(max_bytes + 1)
    except errors as exc:
        return Member(name, error=CorruptInput(f"{name} in {uri} is damaged ({exc})"))
    if len(data) < min(size, max_bytes + 1):
        raise CorruptInput(f"{uri} is truncated inside {name}")
    if len(data) > max_bytes:
        return Member(name, error=DecompressionBomb(f"{name} in {uri} expands beyond the {max_bytes}-byte cap"))
    return Member(name, data)


def _count(members: int, uri: str) -> None:
    if members > MAX_MEMBERS:
        raise CorruptInput(f"{uri} holds more than {MAX_MEMBERS:,} members")


def printable(name: str) -> str:
    """A member name as a uri fragment can hold it: undecodable bytes (normalizers.unicode.escape_undecodable)
    and, as a name inside an archive may hold them, control characters escaped.

    >>> printable("a\\nb/\\udcff.html"), printable("گزارش.html")
    ('a\\\\nb/\\\\xff.html', 'گزارش.html')
    """
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in escape_undecodable(name))


def seekable(stream: BinaryIO) -> BinaryIO:
    """Zip needs to seek (its directory is at the end): a zip inside a compressed stream is read out first
    (capped upstream)."""
    return stream if stream.seekable() else io.BytesIO(stream.read())
