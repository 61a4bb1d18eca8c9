"""Atomic JSONL output: record shards, quarantine file and a manifest per run, and the run index.

Records and quarantine entries stream to hidden temporary files that are fsynced and renamed
at each checkpoint (every CHECKPOINT_DOCS inputs or CHECKPOINT_SECONDS, whichever comes first),
together with the state that says they are written, so readers never see half a line and a
killed run keeps all but its last checkpoint's work; the next run picks up what is missing and
its manifest reports what the interrupted run had written. The run's long lists (each input's outcome,
the documents its inputs expanded to) stream to files beside the manifest, which names, counts and
hashes them, so memory stays flat on a crawl of millions. One run holds an exclusive lock on the
output directory; a second run on the same directory refuses with a clear message.
Duplicates are decided here, in one process and in input order, against the state store:
a copy of an emitted text is skipped, near-duplicates and related stories are linked. The record
bytes need not come here: a flow's workers stage their batches and finalize the shards themselves
(output/parts.py), and this writer sees only stubs (`open_part`, `write_staged`, `close_part`);
`write_record` writes a whole record here, for callers without workers.
"""
from __future__ import annotations

import fcntl
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import orjson

from output import dedup, failpoints
from output.files import OutputFull  # noqa: F401  (raised by the file steps; callers catch it from here)
from output.files import Partial, append, atomic_write_bytes, discard, fsync_and_rename, full, open_partial, write_line
from output.parts import LINK_FIELDS, PART_PREFIX, PartPlan, finalize, manifest_entry
from output.reader import (INDEX_FILE, MANIFEST_PREFIX, QUARANTINE_PREFIX, RECORDS_PREFIX, SUFFIXES, beside_manifest,
                           read_index, read_jsonl, record_files, sha256_file)
from output.record import pipeline_version
from output.state import State
from output.stats import Stats

LOCK_FILE = ".docingest.lock"
# A checkpoint (fsync and rename of the shard and the quarantine file, two SQLite commits) costs
# ~30 ms (benchmarks/checkpoint.py: 26-32 ms median, 100 ms at most). Every 500 inputs that is
# 0.07% of a run of web pages (270 ms each) and ~1% even at 5 ms a document; 30 s bounds what a
# kill loses on slow inputs, at 0.1%.
CHECKPOINT_DOCS = 500
CHECKPOINT_SECONDS = 30.0


class OutputLocked(RuntimeError):
    """Another run is writing into the same output directory."""


def new_run_id() -> str:
    """A UTC timestamp to the microsecond, so file names sort in run order even for quick reruns."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{stamp}-{secrets.token_hex(3)}"


def finalize_here(out_dir: Path) -> Callable[[PartPlan], Future]:
    """Finalize each part in this process, at once: for callers without workers."""
    def submit(plan: PartPlan) -> Future:
        future: Future = Future()
        future.set_result(finalize(out_dir, plan))
        return future
    return submit


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
        sources: Iterable[str] | None = None,  # the documents the inputs expanded to: what verify holds the run to
        checkpoint_docs: int = CHECKPOINT_DOCS,
        checkpoint_seconds: float = CHECKPOINT_SECONDS,
        on_commit: Callable[[], None] | None = None,  # called after each checkpoint, e.g. to save fetch state
        finalizer: Callable[[PartPlan], Future] | None = None,  # finalizes a staged part on a worker (default: here)
    ) -> None:
        if compress not in SUFFIXES:
            raise ValueError(f"compress must be one of {', '.join(map(str, SUFFIXES))}, not {compress!r}")
        self.out = Path(out_dir)
        self.run_id = run_id or new_run_id()
        self.shard_records, self.shard_bytes, self.compress = shard_records, shard_bytes, compress
        self.thresholds = {"near": near_dup_threshold, "related": related_threshold}
        self.inputs, self.options = inputs or [], options or {}
        # the documents the inputs expanded to, streamed to a file beside the manifest when the run starts
        # (a crawl of millions of documents keeps only their count): any iterable, read once
        self._source_uris, self._sources = sources, None
        self.summary = RunSummary(self.run_id, str(self.out))
        # every input's outcome, so nothing is dropped without a trace: streamed to a file beside the
        # manifest (a run of millions of inputs keeps only the count in memory)
        self._accounted: Partial | None = None
        self.inputs_accounted = 0
        self._shard: Partial | None = None
        self._shard_no = 0
        self._quarantine: Partial | None = None
        self._quarantine_no = 0
        # the staged part being decided (its name, shards planned so far, lines seen), and the finalizes
        # under way since the last checkpoint, whose shards that checkpoint commits
        self._part: str | None = None
        self._part_shards: list[tuple[str, list]] = []
        self._part_lines = self._part_size = 0
        self._finalizing: list[Future] = []
        self.finalizer = finalizer or finalize_here(self.out)
        self.checkpoint_docs, self.checkpoint_seconds, self.on_commit = checkpoint_docs, checkpoint_seconds, on_commit
        self._since_checkpoint, self._last_checkpoint = 0, time.monotonic()
        self.resumed_from: list[dict] = []  # interrupted runs whose committed work this run builds on
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
        for stale in self.out.glob(".*.partial"):  # left by a killed run (staged parts too); we hold the lock
            stale.unlink(missing_ok=True)
        for orphan in self.out.glob(f"{MANIFEST_PREFIX}*.jsonl"):  # a list file renamed just before a kill: no manifest names it
            if not (self.out / f"{orphan.name.rsplit('.', 2)[0]}.json").exists():
                orphan.unlink()
        self._reconcile()
        self.resumed_from = [self._committed_by(run) for run in self.state.interrupted_runs()]
        self.state.set_run(self.run_id, "running")
        try:
            self._record_sources()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def _record_sources(self) -> None:
        uris, self._source_uris = self._source_uris, None
        if uris is not None:
            self._sources = self._open_beside("sources")
            for uri in uris:
                append(self._sources, orjson.dumps({"uri": uri}) + b"\n")

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

    def _committed_by(self, run_id: str) -> dict:
        """What an interrupted run had committed: its shards and quarantine files, and their entries."""
        records = self.state.files_of(f"{RECORDS_PREFIX}{run_id}-")
        quarantine = self.state.files_of(f"{QUARANTINE_PREFIX}{run_id}-")
        return {"run_id": run_id, "records": sum(n for _, n in records), "quarantined": sum(n for _, n in quarantine),
                "files": [name for name, _ in records + quarantine]}

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
    def write_record(self, record: dict, fp: dedup.Fingerprint | None = None) -> bool:
        """Append a record unless this output already holds it or its text; returns True when written.

        A written record gets `near_duplicates` and `related`: links to records emitted before it.
        `fp` is the record's fingerprint when a worker already sketched it (flows.process).
        """
        fp = self._admit(record, fp)
        if fp is None:
            self._tick()
            return False
        line = orjson.dumps(record) + b"\n"
        shard = self._shard or self._open_shard()
        write_line(shard, line)
        self._emitted(record, fp, shard.final.name)
        if shard.records >= self.shard_records or shard.size >= self.shard_bytes:
            self.checkpoint()  # a full shard is committed like any checkpoint
        else:
            self._tick()
        return True

    def open_part(self, part: str | None) -> None:
        """Begin deciding a batch a worker staged (output.parts.stage; None: it held no record).
        No checkpoint falls inside a part: its records commit with the shards its finalize writes."""
        self._part, self._part_shards, self._part_lines, self._part_size = part, [], 0, 0
        self._begin()

    def write_staged(self, outcome: dict) -> bool:
        """Decide on one staged record ({"staged": stub, "fingerprint", "line", "size"}), in input order,
        as `write_record` does; a kept record is planned into a shard of the open part."""
        stub = outcome["staged"]
        self._part_lines += 1
        fp = self._admit(stub, outcome["fingerprint"])
        if fp is None:
            self._tick()
            return False
        if (not self._part_shards or len(self._part_shards[-1][1]) >= self.shard_records
                or self._part_size >= self.shard_bytes):
            self._part_shards.append((self._next_shard_name(), []))
            self._part_size = 0
        name, kept = self._part_shards[-1]
        links = {key: stub[key] for key in LINK_FIELDS}
        if "supersedes" in (stub.get("delivery") or {}):
            links["supersedes"] = stub["delivery"]["supersedes"]
        kept.append((outcome["line"], links if any(links.values()) else None))
        self._part_size += outcome["size"]
        self._emitted(stub, fp, name)
        self._tick()
        return True

    def close_part(self) -> None:
        """Hand the decided part to the finalizer (a worker applies the plan and renames the shards)."""
        part, self._part = self._part, None
        if part is not None:
            plan = PartPlan(part, self._part_lines, self._part_shards, self.compress)
            self._finalizing.append(self.finalizer(plan))
        if self._checkpoint_due():
            self.checkpoint()

    def _admit(self, record: dict, fp: dedup.Fingerprint | None) -> dedup.Fingerprint | None:
        """The fingerprint of a record this output does not hold yet, its links set on `record`; None for
        one already held or a copy of an emitted text, accounted for here."""
        rid, uri, stats = record["id"], record["source"]["uri"], self.summary.stats
        if self.state.has(rid):
            stats.skipped += 1
            self._account({"uri": uri, "outcome": "skipped_unchanged", "id": rid})
            return None
        fp = fp if fp is not None else dedup.fingerprint(record)
        original = fp.key and self.state.duplicate_of(fp.key)
        if original:
            stats.duplicates += 1
            self._account({"uri": uri, "outcome": "skipped_duplicate", "id": rid, "duplicate_of": original})
            return None
        record["near_duplicates"], record["related"] = dedup.find_links(fp, rid, self.state, **self.thresholds)
        self._link_version(record)
        return fp

    def _emitted(self, record: dict, fp: dedup.Fingerprint, file: str) -> None:
        self._register(record, fp, file, self.run_id)
        self.summary.stats.add_record(record)
        self._account({"uri": record["source"]["uri"], "outcome": "record", "id": record["id"]})

    def write_skip(self, uri: str, reason: str, record_id: str | None) -> None:
        """Account for an input not re-read because it is unchanged since `record_id` was written."""
        self.summary.stats.skipped += 1
        self._account({"uri": uri, "outcome": "skipped_unchanged", "reason": reason, "id": record_id})
        self._tick()

    def write_container(self, uri: str, parts: list[str], skipped: dict[str, int]) -> None:
        """Account for a WARC or compressed input: the uris of the documents inside (each accounted on its
        own) and the records skipped as no documents, by kind (request, metadata, redirect...)."""
        self.summary.stats.not_documents += sum(skipped.values())
        self._account({"uri": uri, "outcome": "container", "parts": parts, "skipped": skipped})

    def write_quarantine(self, *, uri: str, error: str, reason: str, message: str, sha256: str | None = None, size: int | None = None) -> None:
        entry = {
            "uri": uri, "error": error, "reason": reason, "message": message, "sha256": sha256,
            "bytes": size, "run_id": self.run_id, "at": datetime.now(timezone.utc).isoformat(),
        }
        write_line(self._quarantine or self._open_quarantine(), orjson.dumps(entry) + b"\n")
        self.summary.stats.add_quarantine(reason)
        self._account({"uri": uri, "outcome": "quarantined", "reason": reason})
        self._tick()

    def resumed_quarantine(self) -> dict[str, dict]:
        """The quarantine entries interrupted runs committed, by uri: a resumed run accounts for them
        (write_resumed_quarantine) instead of reading those inputs again."""
        entries = {}
        for run in self.resumed_from:
            for name in run["files"]:
                if name.startswith(QUARANTINE_PREFIX):
                    entries.update((entry["uri"], entry) for entry in read_jsonl(self.out / name))
        return entries

    def write_resumed_quarantine(self, entry: dict) -> None:
        self.summary.stats.add_quarantine(entry["reason"])
        self._account({"uri": entry["uri"], "outcome": "quarantined", "reason": entry["reason"],
                       "run_id": entry["run_id"]})
        self._tick()

    def _account(self, entry: dict) -> None:
        self._accounted = self._accounted or self._open_beside("accounted")
        append(self._accounted, orjson.dumps(entry) + b"\n")
        self.inputs_accounted += 1

    def _open_beside(self, kind: str) -> Partial:
        """A long list of the run (input outcomes, sources) streamed to a file beside the manifest, as
        records and quarantine entries stream to theirs."""
        return open_partial(self.out / beside_manifest(f"{MANIFEST_PREFIX}{self.run_id}.json", kind))

    # -- checkpoints -----------------------------------------------------------------------
    def _checkpoint_due(self) -> bool:
        return (self._since_checkpoint >= self.checkpoint_docs
                or time.monotonic() - self._last_checkpoint >= self.checkpoint_seconds)

    def _tick(self) -> None:
        self._since_checkpoint += 1
        if self._part is None and self._checkpoint_due():  # inside a part: at its close_part
            self.checkpoint()

    def checkpoint(self) -> None:
        """Commit what is written so far: shards and quarantine file renamed into place with their state,
        then `on_commit` (the flow saves what it fetched). A crash after this loses nothing before it."""
        self._commit_written()
        failpoints.hit("checkpoint_committed")
        if self.on_commit:
            self.on_commit()
        self._since_checkpoint, self._last_checkpoint = 0, time.monotonic()

    def _commit_written(self) -> None:
        """Wait for the finalizes under way, close this process's own shard, then commit the state that
        names them all; then the quarantine file, in a transaction of its own."""
        finalizing, self._finalizing = self._finalizing, []
        try:
            for future in finalizing:
                for entry in future.result():
                    self.state.add_file(entry["file"], self.run_id, entry["records"])
                    self.summary.files.append(entry)
            self._close_shard()
        except BaseException:
            self.state.rollback()
            raise
        if self.state.db.in_transaction:
            failpoints.hit("state_commit")
            self.state.commit()
        self._close_quarantine()

    def _begin(self) -> None:
        """Everything decided from here commits when the shards holding it are renamed into place."""
        if not self.state.db.in_transaction:
            self.state.begin()

    def _next_shard_name(self) -> str:
        self._shard_no += 1
        return f"{RECORDS_PREFIX}{self.run_id}-{self._shard_no - 1:05d}{SUFFIXES[self.compress]}"

    def _open_shard(self) -> Partial:
        self._shard = open_partial(self.out / self._next_shard_name(), self.compress)
        self._begin()
        return self._shard

    def _open_quarantine(self) -> Partial:
        """Quarantine entries stream to disk like records (memory stays flat on a run of bad inputs)."""
        self._quarantine = open_partial(self.out / f"{QUARANTINE_PREFIX}{self.run_id}-{self._quarantine_no:05d}.jsonl")
        self._quarantine_no += 1
        return self._quarantine

    def _close_shard(self) -> None:
        shard, self._shard = self._shard, None
        if shard is not None:
            self._commit_file(shard, quarantine=False)

    def _close_quarantine(self) -> None:
        shard, self._quarantine = self._quarantine, None
        if shard is not None:
            self.state.begin()
            self._commit_file(shard, quarantine=True)
            failpoints.hit("state_commit")
            self.state.commit()

    def _commit_file(self, shard: Partial, quarantine: bool) -> None:
        """fsync, rename into place, then name the file in the state (the caller commits): a crash between
        two steps leaves either no file (the state never claims it) or a file the next run reconciles."""
        try:
            fsync_and_rename(shard, "quarantine_rename" if quarantine else "shard_rename")
        except BaseException:
            self.state.rollback()
            raise
        self.state.add_file(shard.final.name, self.run_id, shard.records)
        entry = manifest_entry(shard.final, shard.records)
        self.summary.files.append({**entry, "quarantine": True} if quarantine else entry)

    def _abandon(self) -> None:
        """Drop the uncommitted tail; what checkpoints committed stays, and the run stays 'running' in the
        state, so the next run reports it as interrupted. This run's staged parts go too; a shard a
        finalize renamed without its state commit is reconciled by the next run."""
        for shard in (self._shard, self._quarantine, self._accounted, self._sources):
            if shard is not None:
                discard(shard)
        self._shard = self._quarantine = self._accounted = self._sources = None
        self._part, self._finalizing = None, []
        self._remove_staged()
        self.state.rollback()

    def _remove_staged(self) -> None:
        """This run's staged parts no plan names: an abandoned run's, or an attempt a worker lost (a task
        rerun elsewhere after its worker died stages its batch again under a new name)."""
        for staged in self.out.glob(f".{PART_PREFIX}{self.run_id}-*.partial"):
            staged.unlink(missing_ok=True)

    def close(self) -> dict:
        if self.summary.manifest is not None:  # already closed
            return self.summary.as_dict()
        self._commit_written()
        self._remove_staged()
        self.summary.seconds = time.monotonic() - self._started
        # a run without inputs gets an empty outcomes file
        accounted = _close_list(self._accounted or self._open_beside("accounted"))
        sources = _close_list(self._sources) if self._sources is not None else None
        self._accounted = self._sources = None
        manifest = {
            "run_id": self.run_id,
            "docingest_version": pipeline_version(),
            "started_at": self._started_at,
            "finished_at": datetime.now(timezone.utc).isoformat(),
            "inputs": self.inputs,
            **({"sources": sources} if sources is not None else {}),  # the file of uris: output.reader.sources
            "options": self.options,
            "counts": {"inputs": self.inputs_accounted, **self.summary.counts(),
                       "written_by_interrupted_runs": sum(r["records"] + r["quarantined"] for r in self.resumed_from)},
            "resumed_from": self.resumed_from,
            "files": self.summary.files,
            "accounted": accounted,  # the outcomes file: read it with output.reader.accounted
        }
        path = self.out / f"{MANIFEST_PREFIX}{self.run_id}.json"
        failpoints.hit("manifest")
        atomic_write_bytes(path, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        self.summary.manifest = path.name
        failpoints.hit("index")
        self._index(manifest)
        self.state.begin()
        self.state.set_run(self.run_id, "finished")
        for run in self.resumed_from:
            self.state.set_run(run["run_id"], "resumed")
        self.state.commit()
        return self.summary.as_dict()

    def _index(self, manifest: dict) -> None:
        """Add this run to `_index.json`, so consumers find every run (and the newest) without listing."""
        index = read_index(self.out)
        counts = manifest["counts"]
        index["runs"].append({
            "run_id": self.run_id, "started_at": manifest["started_at"], "finished_at": manifest["finished_at"],
            "manifest": self.summary.manifest, "records": counts["records"], "skipped": counts["skipped"],
            "duplicates": counts["duplicates"], "quarantined": counts["quarantined"],
            "not_documents": counts.get("not_documents", 0),
            "files": [f["file"] for f in manifest["files"]] + [f for run in self.resumed_from for f in run["files"]],
        })
        index.update(latest=self.run_id, records=sum(run["records"] for run in index["runs"]))
        atomic_write_bytes(self.out / INDEX_FILE, orjson.dumps(index, option=orjson.OPT_INDENT_2))


def _close_list(shard: Partial) -> dict:
    """fsync and rename a list file into place with the manifest; what the manifest says of it, hash
    included (verify checks it). A killed run's partial file is removed by the next run, whose manifest
    reports what the killed run had committed."""
    try:
        shard.raw.flush()
        os.fsync(shard.raw.fileno())
        shard.raw.close()
        os.replace(shard.tmp, shard.final)
    except OSError as exc:
        shard.raw.close()
        shard.tmp.unlink(missing_ok=True)
        raise full(exc, shard.tmp) from exc
    return {"file": shard.final.name, "entries": shard.records, "sha256": sha256_file(shard.final)}
