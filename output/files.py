"""Output files written under a hidden `.partial` name, fsynced and renamed into place.

Readers list only the final names, so they never see half a line; a killed run leaves `.partial`
files that the next run removes. Shared by the run's writer (quarantine, list files, records it
writes itself) and by the workers that write record shards (output/parts.py).
"""
from __future__ import annotations

import errno
import gzip
import os
from dataclasses import dataclass
from pathlib import Path

from output import failpoints


class OutputFull(RuntimeError):
    """The output's disk is full: what the last checkpoint committed is kept, a rerun resumes after it."""


@dataclass
class Partial:
    final: Path
    tmp: Path
    raw: object  # the file on disk
    handle: object  # what lines are written to: `raw`, or a gzip/zstd stream over it
    records: int = 0
    size: int = 0


def open_partial(final: Path, compress: str | None = None) -> Partial:
    """A file written under a hidden `.partial` name until it is renamed to `final`."""
    tmp = final.with_name(f".{final.name}.partial")
    raw = open(tmp, "wb")
    return Partial(final, tmp, raw, _compressed(raw, compress))


def write_line(shard: Partial, line: bytes) -> None:
    """One record or quarantine line; the failpoints let a test kill or fill the disk right here."""
    shard.size += len(line)
    shard.records += 1
    try:
        failpoints.hit("write")  # tests: a kill or a full disk before a line
        if failpoints.armed("mid_line"):  # tests only: a kill between the two halves of a line
            half = len(line) // 2
            shard.handle.write(line[:half])
            shard.handle.flush()
            failpoints.hit("mid_line")
            line = line[half:]
        shard.handle.write(line)
    except OSError as exc:
        raise full(exc, shard.tmp) from exc


def append(shard: Partial, line: bytes) -> None:
    """One line onto a list file (outcomes, sources); a full disk is OutputFull."""
    try:
        shard.handle.write(line)
    except OSError as exc:
        raise full(exc, shard.tmp) from exc
    shard.records += 1


def close_unsynced(shard: Partial) -> None:
    """Flush and close without renaming: a staged part waits under its hidden name for its finalize."""
    try:
        if shard.handle is not shard.raw:
            shard.handle.close()
        shard.raw.close()
    except OSError as exc:
        shard.tmp.unlink(missing_ok=True)
        raise full(exc, shard.tmp) from exc


def fsync_and_rename(shard: Partial, rename_point: str) -> None:
    """Close, fsync, then rename into place (see `sync_and_rename`)."""
    close_unsynced(shard)
    sync_and_rename(shard.tmp, shard.final, rename_point)


def sync_and_rename(tmp: Path, final: Path, rename_point: str) -> None:
    """fsync the closed file `tmp`, then rename it to `final` (the failpoint `rename_point` in between);
    on an OS error the temporary file is removed and the error raised (a full disk as OutputFull)."""
    try:
        fd = os.open(tmp, os.O_RDONLY)  # fsync flushes the file's data whatever the descriptor's mode
        try:
            failpoints.hit("fsync")
            os.fsync(fd)
        finally:
            os.close(fd)
        failpoints.hit(rename_point)
        os.replace(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise full(exc, tmp) from exc


def discard(shard: Partial) -> None:
    shard.raw.close()
    shard.tmp.unlink(missing_ok=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def full(exc: OSError, path: Path) -> Exception:
    """A full disk as OutputFull (the CLI says what to do); any other OS error unchanged."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputFull(f"no space left writing {path.name}; work up to the last checkpoint is kept: "
                          "free space and run again to resume")
    return exc


def _compressed(raw, compress: str | None):
    """The stream lines are written to; closing it flushes the compressor but leaves `raw` open."""
    if compress == "gz":
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
    if compress == "zst":
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    return raw
