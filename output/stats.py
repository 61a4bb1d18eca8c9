"""Corpus counts: by kind, language, publisher, month and day, quarantine reason, duplicates.

One `Stats` is fed by the writer during a run (the flow publishes it) and by `collect` from an
output directory (for `docingest stats` and the HTML report), so both always count the same way.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from output.reader import iter_quarantine, iter_records, read_index

UNKNOWN = "unknown"
GROUPS = ("kind", "language", "publisher", "month", "quarantine")  # tables shown, in this order


@dataclass
class Stats:
    records: int = 0
    quarantined: int = 0
    skipped: int = 0  # already in the output (same source, same content)
    duplicates: int = 0  # same normalised text as a record already emitted: not written
    near_duplicates: int = 0  # records written with at least one near-duplicate link
    related: int = 0  # records written with at least one related story
    updates: int = 0  # agency items correcting or updating one already emitted (same guid): written, linked, not new
    not_documents: int = 0  # WARC records that hold no document (requests, metadata, redirects): skipped, counted
    by: dict[str, Counter] = field(default_factory=lambda: {g: Counter() for g in (*GROUPS, "day")})

    def add_record(self, record: dict) -> None:
        published = record.get("published") or ""
        self.records += 1
        self.near_duplicates += bool(record.get("near_duplicates"))
        self.related += bool(record.get("related"))
        self.updates += "supersedes" in (record.get("delivery") or {})
        self.by["kind"][record["kind"]] += 1
        self.by["language"][record["language"]] += 1
        self.by["publisher"][record.get("publisher") or UNKNOWN] += 1
        self.by["month"][published[:7] if len(published) >= 7 else UNKNOWN] += 1
        if len(published) >= 10:
            self.by["day"][published[:10]] += 1

    def add_quarantine(self, reason: str) -> None:
        self.quarantined += 1
        self.by["quarantine"][reason] += 1

    def totals(self) -> dict[str, int]:
        return {"records": self.records, "skipped": self.skipped, "duplicates": self.duplicates,
                "near_duplicates": self.near_duplicates, "related": self.related, "updates": self.updates, "quarantined": self.quarantined,
                "not_documents": self.not_documents}

    def rows(self) -> list[dict]:
        """One row per count, for a table artifact or the terminal: group, value, count."""
        rows = [{"group": "total", "value": k, "count": v} for k, v in self.totals().items()]
        for group in GROUPS:
            rows += [{"group": group, "value": k, "count": v} for k, v in sorted(self.by[group].items(), key=_most)]
        return rows

    def as_dict(self) -> dict:
        return {**self.totals(), **{f"by_{g}": dict(sorted(c.items(), key=_most)) for g, c in self.by.items()}}


def _most(item: tuple[str, int]) -> tuple:
    return -item[1], item[0]


def collect(out_dir: str | Path) -> Stats:
    """Stats of everything an output directory holds (all runs).

    Each input counts once: a bad file quarantined by every rerun is one quarantined input (its
    latest reason), and one that became a record in a later run is no longer quarantined.
    """
    stats = Stats()
    latest: dict[str, tuple[str, str]] = {}  # quarantined uri -> (run id, reason); run ids sort by time
    for entry in iter_quarantine(out_dir):
        latest[entry["uri"]] = max(latest.get(entry["uri"], ("", "")), (entry.get("run_id") or "", entry["reason"]))
    for record in iter_records(out_dir):
        stats.add_record(record)
        uri = record["source"]["uri"]
        if uri in latest and (record["pipeline"].get("run_id") or "") >= latest[uri][0]:
            del latest[uri]
    for _run, reason in latest.values():
        stats.add_quarantine(reason)
    for run in read_index(out_dir)["runs"]:
        stats.skipped += run["skipped"]
        stats.duplicates += run["duplicates"]
        stats.not_documents += run.get("not_documents", 0)  # WARC requests, metadata...; runs before it had none
    return stats
