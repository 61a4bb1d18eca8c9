"""Atomic JSONL output: record shards, quarantine file and a manifest per run, and the run index.

Records go to a hidden temporary file that is fsynced and renamed when the shard is
complete, so readers never see half a line. One run holds an exclusive lock on the
output directory; a second run on the same directory refuses with a clear message.
Duplicates are decided here, in one process and in input order, against the state store:
a copy of an emitted text is skipped, near-duplicates and related stories are linked.
"""
from __future__ import annotations

import fcntl
import gzip
import os
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import orjson

from output import dedup
from output.reader import (INDEX_FILE, MANIFEST_PREFIX, QUARANTINE_PREFIX, RECORDS_PREFIX, SUFFIXES, read_index,
                           read_jsonl, record_files, sha256_file)
from output.record import pipeline_version
from output.state import State
from output.stats import Stats

LOCK_FILE = ".docingest.lock"


class OutputLocked(RuntimeError):
    """Another run is writing into the same output directory."""


def new_run_id() -> str:
    """A UTC timestamp to the microsecond, so file names sort in run order even for quick reruns."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{stamp}-{secrets.token_hex(3)}"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@dataclass
class _Shard:
    final: Path
    tmp: Path
    raw: object  # the file on disk
    handle: object  # what records are written to: `raw`, or a gzip/zstd stream over it
    records: int = 0
    size: int = 0


@dataclass
class RunSummary:
    run_id: str
    out_dir: str
    stats: Stats = field(default_factory=Stats)
    files: list[dict] = field(default_factory=list)
    manifest: str | None = None
    seconds: float = 0.0

    def counts(self) -> dict:
        by = self.stats.by
        return {**self.stats.totals(), "by_kind": dict(by["kind"]), "by_language": dict(by["language"]),
                "quarantine_reasons": dict(by["quarantine"])}

    def as_dict(self) -> dict:
        return {"run_id": self.run_id, "out_dir": self.out_dir, **self.counts(), "files": self.files,
                "manifest": self.manifest, "seconds": round(self.seconds, 3)}


class RunWriter:
    """Writes one run's records, quarantine entries and manifest into `out_dir`."""

    def __init__(
        self,
        out_dir: str | os.PathLike,
        run_id: str | None = None,
        *,
        shard_records: int = 50_000,  # keeps each file streamable and small enough to copy around
        shard_bytes: int = 256 * 1024 * 1024,
        compress: str | None = None,  # None, "gz" or "zst"
        near_dup_threshold: float = dedup.NEAR_DUP_THRESHOLD,
        related_threshold: float = dedup.RELATED_THRESHOLD,
        inputs: list[str] | None = None,
        options: dict | None = None,
        sources: list[str] | None = None,  # the documents the inputs expanded to: what verify holds the run to
    ) -> None:
        if compress not in SUFFIXES:
            raise ValueError(f"compress must be one of {', '.join(map(str, SUFFIXES))}, not {compress!r}")
        self.out = Path(out_dir)
        self.run_id = run_id or new_run_id()
        self.shard_records, self.shard_bytes, self.compress = shard_records, shard_bytes, compress
        self.thresholds = {"near": near_dup_threshold, "related": related_threshold}
        self.inputs, self.options, self.sources = inputs or [], options or {}, sources
        self.summary = RunSummary(self.run_id, str(self.out))
        self.accounted: list[dict] = []  # every input: outcome, so nothing is dropped without a trace
        self._shard: _Shard | None = None
        self._shard_no = 0
        self._quarantine: list[bytes] = []
        self._started = time.monotonic()
        self._started_at = datetime.now(timezone.utc).isoformat()

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> "RunWriter":
        self.out.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.out / LOCK_FILE, "a+")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise OutputLocked(f"another docingest run is writing to {self.out}; wait for it to finish") from None
        self.state = State(self.out)
        for stale in self.out.glob(".*.partial"):  # left by a killed run; we hold the lock, so no one writes them
            stale.unlink(missing_ok=True)
        self._reconcile()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None and self.summary.manifest is None:
                self.close()
            else:
                self._abandon()
        finally:
            self.state.close()
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()

    def _reconcile(self) -> None:
        """Register shards that reached disk but not the state store (a crash between the two)."""
        known = self.state.known_files()
        for path in record_files(self.out):
            if path.name in known:
                continue
            self.state.begin()
            records = 0
            for record in read_jsonl(path):
                self._register(record, dedup.fingerprint(record), path.name, "recovered")
                records += 1
            self.state.add_file(path.name, "recovered", records)
            self.state.commit()

    def _register(self, record: dict, fp: dedup.Fingerprint, file: str, run_id: str) -> None:
        src = record["source"]
        self.state.add_record(record["id"], src["uri"], src["sha256"], run_id, file, fp.key)
        dedup.register(fp, record["id"], self.state)
        delivery = record.get("delivery") or {}
        if delivery.get("guid"):
            self.state.add_version(delivery["guid"], delivery.get("version", 0), record["id"])

    def _link_version(self, record: dict) -> None:
        """A correction or update of an agency item already emitted (same guid, a later version) points at
        the record it supersedes, so readers keep the newest and counts see one document, not two."""
        delivery = record.get("delivery") or {}
        known = self.state.latest_version(delivery["guid"]) if delivery.get("guid") else None
        if known and delivery.get("version", 0) >= known[0] and known[1] != record["id"]:
            delivery["supersedes"] = known[1]

    # -- writing ---------------------------------------------------------------------------
    def write_record(self, record: dict) -> bool:
        """Append a record unless this output already holds it or its text; returns True when written.

        A written record gets `near_duplicates` and `related`: links to records emitted before it.
        """
        rid, uri, stats = record["id"], record["source"]["uri"], self.summary.stats
        if self.state.has(rid):
            stats.skipped += 1
            self.accounted.append({"uri": uri, "outcome": "skipped_unchanged", "id": rid})
            return False
        fp = dedup.fingerprint(record)
        original = fp.key and self.state.duplicate_of(fp.key)
        if original:
            stats.duplicates += 1
            self.accounted.append({"uri": uri, "outcome": "skipped_duplicate", "id": rid, "duplicate_of": original})
            return False
        record["near_duplicates"], record["related"] = dedup.find_links(fp, rid, self.state, **self.thresholds)
        self._link_version(record)
        line = orjson.dumps(record) + b"\n"
        shard = self._shard or self._open_shard()
        shard.handle.write(line)
        shard.size += len(line)
        shard.records += 1
        self._register(record, fp, shard.final.name, self.run_id)
        stats.add_record(record)
        self.accounted.append({"uri": uri, "outcome": "record", "id": rid})
        if shard.records >= self.shard_records or shard.size >= self.shard_bytes:
            self._close_shard()
        return True

    def write_skip(self, uri: str, reason: str, record_id: str | None) -> None:
        """Account for an input not re-read because it is unchanged since `record_id` was written."""
        self.summary.stats.skipped += 1
        self.accounted.append({"uri": uri, "outcome": "skipped_unchanged", "reason": reason, "id": record_id})

    def write_container(self, uri: str, parts: list[str], skipped: dict[str, int]) -> None:
        """Account for a WARC or compressed input: the uris of the documents inside (each accounted on its
        own) and the records skipped as no documents, by kind (request, metadata, redirect...)."""
        self.summary.stats.not_documents += sum(skipped.values())
        self.accounted.append({"uri": uri, "outcome": "container", "parts": parts, "skipped": skipped})

    def write_quarantine(self, *, uri: str, error: str, reason: str, message: str, sha256: str | None = None, size: int | None = None) -> None:
        entry = {
            "uri": uri, "error": error, "reason": reason, "message": message, "sha256": sha256,
            "bytes": size, "run_id": self.run_id, "at": datetime.now(timezone.utc).isoformat(),
        }
        self._quarantine.append(orjson.dumps(entry) + b"\n")
        self.summary.stats.add_quarantine(reason)
        self.accounted.append({"uri": uri, "outcome": "quarantined", "reason": reason})

    def _open_shard(self) -> _Shard:
        final = self.out / f"{RECORDS_PREFIX}{self.run_id}-{self._shard_no:05d}{SUFFIXES[self.compress]}"
        tmp = self.out / f".{final.name}.partial"
        raw = open(tmp, "wb")
        self._shard = _Shard(final, tmp, raw, _compressed(raw, self.compress))
        self._shard_no += 1
        self.state.begin()  # everything this shard adds to the state commits when it is renamed into place
        return self._shard

    def _close_shard(self) -> None:
        shard, self._shard = self._shard, None
        if shard is None:
            return
        raw = shard.raw
        if shard.handle is not raw:
            shard.handle.close()
        raw.flush()
        os.fsync(raw.fileno())
        raw.close()
        os.replace(shard.tmp, shard.final)
        self.state.add_file(shard.final.name, self.run_id, shard.records)
        self.state.commit()
        self.summary.files.append({
            "file": shard.final.name, "records": shard.records,
            "bytes": shard.final.stat().st_size, "sha256": sha256_file(shard.final),
        })

    def _abandon(self) -> None:
        if self._shard is not None:
            self._shard.raw.close()
            self._shard.tmp.unlink(missing_ok=True)
            self._shard = None
        self.state.rollback()

    def close(self) -> dict:
        if self.summary.manifest is not None:  # already closed
            return self.summary.as_dict()
        self._close_shard()
        if self._quarantine:
            path = self.out / f"{QUARANTINE_PREFIX}{self.run_id}.jsonl"
            atomic_write_bytes(path, b"".join(self._quarantine))
            self.summary.files.append({"file": path.name, "records": len(self._quarantine),
                                       "bytes": path.stat().st_size, "sha256": sha256_file(path), "quarantine": True})
        self.summary.seconds = time.monotonic() - self._started
        manifest = {
            "run_id": self.run_id,
            "docingest_version": pipeline_version(),
            "started_at": self._started_at,
            "finished_at": datetime.now(timezone.utc).isoformat(),
            "inputs": self.inputs,
            **({"sources": self.sources} if self.sources is not None else {}),
            "options": self.options,
            "counts": {"inputs": len(self.accounted), **self.summary.counts()},
            "files": self.summary.files,
            "accounted": self.accounted,
        }
        path = self.out / f"{MANIFEST_PREFIX}{self.run_id}.json"
        atomic_write_bytes(path, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        self.summary.manifest = path.name
        self._index(manifest)
        return self.summary.as_dict()

    def _index(self, manifest: dict) -> None:
        """Add this run to `_index.json`, so consumers find every run (and the newest) without listing."""
        index = read_index(self.out)
        counts = manifest["counts"]
        index["runs"].append({
            "run_id": self.run_id, "started_at": manifest["started_at"], "finished_at": manifest["finished_at"],
            "manifest": self.summary.manifest, "records": counts["records"], "skipped": counts["skipped"],
            "duplicates": counts["duplicates"], "quarantined": counts["quarantined"],
            "files": [f["file"] for f in manifest["files"]],
        })
        index.update(latest=self.run_id, records=sum(run["records"] for run in index["runs"]))
        atomic_write_bytes(self.out / INDEX_FILE, orjson.dumps(index, option=orjson.OPT_INDENT_2))


def _compressed(raw, compress: str | None):
    """The stream records are written to; closing it flushes the compressor but leaves `raw` open."""
    if compress == "gz":
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
    if compress == "zst":
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    return raw


