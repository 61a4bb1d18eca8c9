"""Streaming access to an output directory: record shards, quarantine entries, manifests, the run index.

Everything here reads line by line, so `docingest cat` and `stats` run in constant memory over
millions of records. Shard names sort in run order (run ids start with a UTC timestamp).
"""
from __future__ import annotations

import gzip
import hashlib
import io
from pathlib import Path
from typing import BinaryIO, Iterator

import orjson

RECORDS_PREFIX = "records-"
QUARANTINE_PREFIX = "quarantine-"
MANIFEST_PREFIX = "manifest-"
INDEX_FILE = "_index.json"
SUFFIXES = {None: ".jsonl", "gz": ".jsonl.gz", "zst": ".jsonl.zst"}  # compression -> shard suffix


def open_lines(path: Path) -> BinaryIO:
    """A binary reader of the decompressed bytes of a .jsonl, .jsonl.gz or .jsonl.zst file."""
    if path.suffix == ".gz":
        return gzip.open(path, "rb")
    if path.suffix == ".zst":
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True))
    return open(path, "rb")


def sha256_file(path: Path) -> str:
    """Hash of a file read in 1 MiB chunks, so a large shard is never held in memory."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_jsonl(path: Path) -> Iterator[dict]:
    with open_lines(path) as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)


def beside_manifest(manifest_name: str, kind: str) -> str:
    """The file of one of a run's long lists, beside its manifest: manifest-X.json -> manifest-X.<kind>.jsonl."""
    return manifest_name.removesuffix(".json") + f".{kind}.jsonl"


def listed(out_dir: str | Path, manifest: dict, key: str) -> Iterator:
    """The entries of a manifest's long list (`accounted`, `sources`), streamed from the file the manifest
    names ({"file", "entries", "sha256"}); manifests written before those files existed hold the list inline."""
    entries = manifest.get(key, [])
    if isinstance(entries, dict):
        yield from read_jsonl(Path(out_dir) / entries["file"])
    else:
        yield from entries


def accounted(out_dir: str | Path, manifest: dict) -> Iterator[dict]:
    """A run's input outcomes (record, quarantined, skipped_*, container)."""
    return listed(out_dir, manifest, "accounted")


def sources(out_dir: str | Path, manifest: dict) -> Iterator[str]:
    """The documents a run's inputs expanded to (absolute paths and URLs): what verify holds the run to.
    The file holds {"uri": ...} lines (every line of an output's .jsonl files is an object), older
    manifests the bare uris."""
    for entry in listed(out_dir, manifest, "sources"):
        yield entry["uri"] if isinstance(entry, dict) else entry


def record_files(out_dir: str | Path) -> list[Path]:
    return sorted(Path(out_dir).glob(f"{RECORDS_PREFIX}*.jsonl*"))


def iter_records(out_dir: str | Path, *, lang: str | None = None, kind: str | None = None) -> Iterator[dict]:
    """Every record in the output, oldest run first, optionally only one language or kind."""
    for path in record_files(out_dir):
        for record in read_jsonl(path):
            if (lang is None or record["language"] == lang) and (kind is None or record["kind"] == kind):
                yield record


def iter_quarantine(out_dir: str | Path) -> Iterator[dict]:
    for path in sorted(Path(out_dir).glob(f"{QUARANTINE_PREFIX}*.jsonl")):
        yield from read_jsonl(path)


def read_index(out_dir: str | Path) -> dict:
    """The run index (`_index.json`): every run, oldest first; empty when none finished yet."""
    path = Path(out_dir) / INDEX_FILE
    return orjson.loads(path.read_bytes()) if path.exists() else {"runs": []}
