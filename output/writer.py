"""Atomic JSONL output: record shards, quarantine file and a manifest per run.

Records go to a hidden temporary file that is fsynced and renamed when the shard is
complete, so readers never see half a line. One run holds an exclusive lock on the
output directory; a second run on the same directory refuses with a clear message.
"""
from __future__ import annotations

import fcntl
import gzip
import hashlib
import os
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import orjson

from output.record import pipeline_version
from output.state import State

LOCK_FILE = ".docingest.lock"
RECORDS_PREFIX = "records-"
QUARANTINE_PREFIX = "quarantine-"
MANIFEST_PREFIX = "manifest-"


class OutputLocked(RuntimeError):
    """Another run is writing into the same output directory."""


def new_run_id() -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
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
    handle: object  # what records are written to: `raw`, or a gzip stream over it
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    size: int = 0


@dataclass
class RunSummary:
    run_id: str
    out_dir: str
    records: int = 0
    skipped: int = 0
    quarantined: int = 0
    by_kind: Counter = field(default_factory=Counter)
    by_language: Counter = field(default_factory=Counter)
    quarantine_reasons: Counter = field(default_factory=Counter)
    files: list[dict] = field(default_factory=list)
    manifest: str | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id, "out_dir": self.out_dir, "records": self.records, "skipped": self.skipped,
            "quarantined": self.quarantined, "by_kind": dict(self.by_kind), "by_language": dict(self.by_language),
            "quarantine_reasons": dict(self.quarantine_reasons), "files": self.files,
            "manifest": self.manifest, "seconds": round(self.seconds, 3),
        }


class RunWriter:
    """Writes one run's records, quarantine entries and manifest into `out_dir`."""

    def __init__(
        self,
        out_dir: str | os.PathLike,
        run_id: str | None = None,
        *,
        shard_records: int = 50_000,  # keeps each file streamable and small enough to copy around
        shard_bytes: int = 256 * 1024 * 1024,
        compress: str | None = None,  # None or "gz"
        inputs: list[str] | None = None,
        options: dict | None = None,
    ) -> None:
        self.out = Path(out_dir)
        self.run_id = run_id or new_run_id()
        self.shard_records, self.shard_bytes, self.compress = shard_records, shard_bytes, compress
        self.inputs, self.options = inputs or [], options or {}
        self.summary = RunSummary(self.run_id, str(self.out))
        self.accounted: list[dict] = []  # every input: outcome, so nothing is dropped without a trace
        self._shard: _Shard | None = None
        self._pending: set[str] = set()  # ids written by this run (also in shards not yet closed)
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
        for path in sorted(self.out.glob(f"{RECORDS_PREFIX}*.jsonl*")):
            if path.name in known:
                continue
            rows = []
            for rec in _read_jsonl(path):
                rows.append((rec["id"], rec["source"]["uri"], rec["source"]["sha256"]))
            self.state.add_file(path.name, "recovered", rows)

    # -- writing ---------------------------------------------------------------------------
    def write_record(self, record: dict) -> bool:
        """Append a record unless this output already holds it; returns True when written."""
        rid = record["id"]
        if rid in self._pending or self.state.has(rid):
            self.summary.skipped += 1
            self.accounted.append({"uri": record["source"]["uri"], "outcome": "skipped_unchanged", "id": rid})
            return False
        line = orjson.dumps(record) + b"\n"
        shard = self._shard or self._open_shard()
        shard.handle.write(line)
        shard.size += len(line)
        shard.rows.append((rid, record["source"]["uri"], record["source"]["sha256"]))
        self._pending.add(rid)
        self.summary.records += 1
        self.summary.by_kind[record["kind"]] += 1
        self.summary.by_language[record["language"]] += 1
        self.accounted.append({"uri": record["source"]["uri"], "outcome": "record", "id": rid})
        if len(shard.rows) >= self.shard_records or shard.size >= self.shard_bytes:
            self._close_shard()
        return True

    def write_quarantine(self, *, uri: str, error: str, reason: str, message: str, sha256: str | None = None, size: int | None = None) -> None:
        entry = {
            "uri": uri, "error": error, "reason": reason, "message": message, "sha256": sha256,
            "bytes": size, "run_id": self.run_id, "at": datetime.now(timezone.utc).isoformat(),
        }
        self._quarantine.append(orjson.dumps(entry) + b"\n")
        self.summary.quarantined += 1
        self.summary.quarantine_reasons[reason] += 1
        self.accounted.append({"uri": uri, "outcome": "quarantined", "reason": reason})

    def _open_shard(self) -> _Shard:
        suffix = ".jsonl.gz" if self.compress == "gz" else ".jsonl"
        final = self.out / f"{RECORDS_PREFIX}{self.run_id}-{self._shard_no:05d}{suffix}"
        tmp = self.out / f".{final.name}.partial"
        raw = open(tmp, "wb")
        handle = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if self.compress == "gz" else raw
        self._shard = _Shard(final, tmp, raw, handle)
        self._shard_no += 1
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
        self.state.add_file(shard.final.name, self.run_id, shard.rows)
        self.summary.files.append({
            "file": shard.final.name, "records": len(shard.rows),
            "bytes": shard.final.stat().st_size, "sha256": _sha256_file(shard.final),
        })

    def _abandon(self) -> None:
        if self._shard is not None:
            self._shard.raw.close()
            self._shard.tmp.unlink(missing_ok=True)
            self._shard = None

    def close(self) -> dict:
        if self.summary.manifest is not None:  # already closed
            return self.summary.as_dict()
        self._close_shard()
        if self._quarantine:
            path = self.out / f"{QUARANTINE_PREFIX}{self.run_id}.jsonl"
            atomic_write_bytes(path, b"".join(self._quarantine))
            self.summary.files.append({"file": path.name, "records": len(self._quarantine),
                                       "bytes": path.stat().st_size, "sha256": _sha256_file(path), "quarantine": True})
        self.summary.seconds = time.monotonic() - self._started
        manifest = {
            "run_id": self.run_id,
            "docingest_version": pipeline_version(),
            "started_at": self._started_at,
            "finished_at": datetime.now(timezone.utc).isoformat(),
            "inputs": self.inputs,
            "options": self.options,
            "counts": {
                "inputs": len(self.accounted), "records": self.summary.records, "skipped": self.summary.skipped,
                "quarantined": self.summary.quarantined, "by_kind": dict(self.summary.by_kind),
                "by_language": dict(self.summary.by_language),
                "quarantine_reasons": dict(self.summary.quarantine_reasons),
            },
            "files": self.summary.files,
            "accounted": self.accounted,
        }
        path = self.out / f"{MANIFEST_PREFIX}{self.run_id}.json"
        atomic_write_bytes(path, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        self.summary.manifest = path.name
        return self.summary.as_dict()


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _read_jsonl(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)
