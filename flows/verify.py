"""`docingest verify OUT_DIR`: check that an output directory keeps every promise it makes.

Checks that every document a run recorded as its input (the manifest's `sources`, absolute
paths and URLs, read streaming from the file the manifest names) is accounted for (a record, a quarantine entry, a recorded skip, or for a WARC
the documents inside it), that no record id appears twice, that every record line parses and
validates, and that manifests match the files on disk (counts and sha256).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from output.reader import MANIFEST_PREFIX, QUARANTINE_PREFIX, open_lines, record_files, sha256_file
from output.reader import accounted as read_accounted
from output.reader import sources as read_sources
from output.record import SchemaViolation, validate


@dataclass
class Report:
    records: int = 0
    quarantined: int = 0
    runs: int = 0
    inputs_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(out_dir: str | Path) -> Report:
    out = Path(out_dir)
    report = Report()
    if not out.is_dir():
        report.problems.append(f"{out} is not a directory")
        return report
    ids: dict[str, str] = {}
    for path in record_files(out):
        for lineno, line in _lines(path, report):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                report.problems.append(f"{path.name}:{lineno}: truncated or invalid JSON line")
                continue
            try:
                validate(record)
            except SchemaViolation as exc:
                report.problems.append(f"{path.name}:{lineno}: schema violation: {exc}")
            rid = record.get("id")
            if rid in ids:
                report.problems.append(f"{path.name}:{lineno}: duplicate record id {rid} (first in {ids[rid]})")
            ids[rid] = path.name
            report.records += 1
    quarantined: set[str] = set()
    for path in sorted(out.glob(f"{QUARANTINE_PREFIX}*.jsonl")):
        for lineno, line in _lines(path, report):
            try:
                quarantined.add(json.loads(line)["uri"])
                report.quarantined += 1
            except (json.JSONDecodeError, KeyError):
                report.problems.append(f"{path.name}:{lineno}: invalid quarantine entry")
    for path in sorted(out.glob(f"{MANIFEST_PREFIX}*.json")):
        _check_manifest(out, path, ids, quarantined, report)
    return report


def _lines(path: Path, report: Report):
    """Numbered non-blank lines, streamed; a damaged file or an unterminated last line is reported."""
    try:
        with open_lines(path) as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.endswith(b"\n"):
                    report.problems.append(f"{path.name}: last line is not terminated (half-written file)")
                if line.strip():
                    yield lineno, line
    except Exception as exc:  # gzip, zstd and the OS each raise their own kind for a damaged file
        report.problems.append(f"{path.name}: unreadable ({type(exc).__name__}: {exc})")


def _check_manifest(out: Path, path: Path, ids: dict, quarantined: set, report: Report) -> None:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        report.problems.append(f"{path.name}: unreadable manifest ({exc})")
        return
    report.runs += 1
    for entry in manifest.get("files", []):
        f = out / entry["file"]
        if not f.is_file():
            report.problems.append(f"{path.name}: lists {entry['file']}, which is missing")
        elif sha256_file(f) != entry["sha256"]:
            report.problems.append(f"{path.name}: {entry['file']} changed since it was written (sha256 differs)")
    if not all([_list_file_intact(out, path, manifest, "accounted", report),
                _list_file_intact(out, path, manifest, "sources", report)]):
        return
    accounted: dict[str, list[dict]] = {}
    for a in read_accounted(out, manifest):
        accounted.setdefault(a["uri"], []).append(a)
    for uri, entries in accounted.items():
        for a in entries:
            _check_outcome(path.name, uri, a, ids, quarantined, accounted, report)
    # What the run recorded, not what the inputs expand to today: a watched directory may have grown since.
    for uri in read_sources(out, manifest):
        report.inputs_checked += 1
        if uri not in accounted:
            report.problems.append(f"{path.name}: input {uri} has no record, quarantine entry or skip")


def _list_file_intact(out: Path, path: Path, manifest: dict, key: str, report: Report) -> bool:
    """A list the manifest keeps in a file of its own (`accounted`, `sources`) is there and unchanged;
    an inline list (older manifests) is taken as it is. False when the file is missing."""
    listed = manifest.get(key)
    if not isinstance(listed, dict):
        return True
    f = out / listed["file"]
    if not f.is_file():
        report.problems.append(f"{path.name}: lists {listed['file']}, which is missing")
        return False
    if sha256_file(f) != listed["sha256"]:
        report.problems.append(f"{path.name}: {listed['file']} changed since it was written (sha256 differs)")
    return True


def _check_outcome(name: str, uri: str, a: dict, ids: dict, quarantined: set, accounted: dict, report: Report) -> None:
    if a["outcome"] in ("record", "skipped_unchanged") and a.get("id") not in ids:
        report.problems.append(f"{name}: {uri} was written as {a.get('id')} but no record has that id")
    elif a["outcome"] == "quarantined" and uri not in quarantined:
        report.problems.append(f"{name}: {uri} was quarantined but has no quarantine entry")
    elif a["outcome"] == "container":
        for part in a.get("parts", []):
            if part not in accounted:
                report.problems.append(f"{name}: {part} (inside {uri}) has no record, quarantine entry or skip")
