"""Record shards written by the workers that make the records, decided on by the one run writer.

Duplicates must be decided in one place and in input order (output/writer.py), but the record
bytes need not pass through that place. A worker stages its batch: it serialises the records into
a hidden part file in the output directory and sends back a stub of each (id, source, kind,
language, dates, delivery; its fingerprint and line number) — `stage`. The writer decides per stub
(keep with these links, or drop as a copy) and names the shards; `finalize`, again on any worker
(on a cluster the output directory is shared storage), applies that plan to the part and renames it
into its shard. A batch whose records all stay without links, uncompressed, is finalized by a rename.

A part lives under a hidden `.partial` name until finalized, so readers never see it, and the next
run removes a part a killed run left behind (its records were never committed: they are redone).
"""
from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

import orjson

from output.files import close_unsynced, discard, fsync_and_rename, open_partial, sync_and_rename, write_line
from output.reader import sha256_file

PART_PREFIX = "part-"  # staged as `.part-RUN-TOKEN.jsonl.partial`
# What the writer needs of a record to decide on it and count it (output/stats.py), and the flow to
# remember its source (flows/fetch_state.py): everything but the text, a few hundred bytes.
STUB_FIELDS = ("id", "source", "kind", "language", "publisher", "published", "delivery")
LINK_FIELDS = ("near_duplicates", "related")  # filled by the writer's decision


@dataclass(frozen=True)
class PartPlan:
    """What finalize does to one staged part: which lines go to which shard, with which links.

    `shards` is [(shard file name, [(line number, links or None), ...]), ...] in line order; `links`
    holds the LINK_FIELDS and, for an agency update, `supersedes`. Lines not named are dropped.
    """

    part: str  # the staged file's name in the output directory
    lines: int  # lines staged in it
    shards: list[tuple[str, list[tuple[int, dict | None]]]]
    compress: str | None = None

    def is_rename(self) -> bool:
        """Every line kept as staged, in one uncompressed shard: finalizing is a rename."""
        return (self.compress is None and len(self.shards) == 1 and len(self.shards[0][1]) == self.lines
                and all(links is None for _, links in self.shards[0][1]))


def pack(outcome: dict) -> dict:
    """A record outcome serialised as it will be staged: the record becomes its line ("packed") and
    its stub ("staged"). A worker packs what it made, so only bytes and a stub travel to the process
    that stages and decides: unpickling a whole record there cost more than the decision itself."""
    record = outcome.pop("record")
    for key in LINK_FIELDS:  # the writer fills them; as staged they read "none found"
        record[key] = []
    outcome.update(packed=orjson.dumps(record) + b"\n", staged={k: record[k] for k in STUB_FIELDS if k in record})
    return outcome


def stage(outcomes: list[dict], out_dir: str | os.PathLike, run_id: str) -> dict:
    """Write the records among `outcomes` (flows.process, fingerprints included; records whole or
    packed) to a staged part.

    Returns {"part": its file name or None, "outcomes": the outcomes}, each record replaced by
    {"staged": stub, "line": n, "size": bytes}; quarantine entries and skips pass through as they are.
    """
    part = None
    try:
        for outcome in _documents(outcomes):
            if "record" in outcome:
                pack(outcome)
            if "packed" not in outcome:
                continue
            line = outcome.pop("packed")
            part = part or open_partial(Path(out_dir) / f"{PART_PREFIX}{run_id}-{secrets.token_hex(6)}.jsonl")
            outcome.update(line=part.records, size=len(line))
            write_line(part, line)
        if part is not None:
            close_unsynced(part)
    except BaseException:
        if part is not None:
            discard(part)
        raise
    return {"part": part.tmp.name if part is not None else None, "outcomes": outcomes}


def _documents(outcomes: list[dict]):
    for outcome in outcomes:
        yield from outcome.get("outcomes", [outcome])


def finalize(out_dir: str | os.PathLike, plan: PartPlan) -> list[dict]:
    """Apply `plan` to its staged part: each shard fsynced and renamed into place, the part removed.
    Returns what the manifest says of each shard, with the host and process that wrote it."""
    out = Path(out_dir)
    staged = out / plan.part
    if plan.is_rename():
        name, kept = plan.shards[0]
        sync_and_rename(staged, out / name, "shard_rename")
        return [manifest_entry(out / name, len(kept))]
    wanted = {line: (shard_no, links) for shard_no, (_, kept) in enumerate(plan.shards) for line, links in kept}
    written, shard, shard_no = [], None, -1
    try:
        with open(staged, "rb") as lines:
            for n, line in enumerate(lines):
                if n not in wanted:
                    continue
                to, links = wanted[n]
                if to != shard_no:
                    written += _close(shard)
                    shard, shard_no = open_partial(out / plan.shards[to][0], plan.compress), to
                write_line(shard, line if links is None else _linked(line, links))
        written += _close(shard)
        shard = None
    finally:
        if shard is not None:
            discard(shard)
    staged.unlink()
    return written


def _linked(line: bytes, links: dict) -> bytes:
    """The staged line with the writer's links, serialised as the writer would have (same key order)."""
    record = orjson.loads(line)
    for key in LINK_FIELDS:
        record[key] = links[key]
    if "supersedes" in links:
        record["delivery"]["supersedes"] = links["supersedes"]
    return orjson.dumps(record) + b"\n"


def _close(shard) -> list[dict]:
    if shard is None:
        return []
    fsync_and_rename(shard, "shard_rename")
    return [manifest_entry(shard.final, shard.records)]


def manifest_entry(path: Path, records: int) -> dict:
    """A file as the manifest lists it; `written_by` names the host and process that wrote it (for a
    record shard, the worker that made its records)."""
    return {"file": path.name, "records": records, "bytes": path.stat().st_size, "sha256": sha256_file(path),
            "written_by": {"host": socket.gethostname(), "pid": os.getpid()}}
