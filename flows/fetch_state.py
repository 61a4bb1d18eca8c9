"""What was fetched into an output directory, so a rerun skips what has not changed.

One table, `fetch_state`, in the directory's `_state.sqlite`: per source URI the HTTP
validators (ETag, Last-Modified) or the local file's size and mtime, as of the last time
it became a record. Rows are saved only after the run's records are on disk, so a crash
makes the next run fetch again (and the record store drop the duplicates), never skip a
document that was not written.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path

from flows.sources import Source
from output.record import record_id
from output.state import STATE_FILE

_SCHEMA = """
CREATE TABLE IF NOT EXISTS fetch_state (
    uri TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, size INTEGER, mtime_ns INTEGER,
    sha256 TEXT, status INTEGER, final_url TEXT, run_id TEXT
);
"""


class FetchState:
    def __init__(self, out_dir: str | os.PathLike) -> None:
        self.db = sqlite3.connect(Path(out_dir) / STATE_FILE, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)
        rows = self.db.execute("SELECT uri, etag, last_modified, size, mtime_ns, sha256 FROM fetch_state").fetchall()
        self._known = {row[0]: row[1:5] for row in rows}
        self._sha256 = {row[0]: row[5] for row in rows}
        self._stats: dict[str, tuple[int, int]] = {}  # local files: (size, mtime_ns) seen this run
        self._pending: dict[str, tuple] = {}

    def __enter__(self) -> "FetchState":
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    def prepare(self, source: Source) -> Source | None:
        """None for a local file unchanged since it became a record; else the source, with
        its stored validators when it is a URL."""
        known = self._known.get(source.uri)
        if source.path is None:
            if known is None or source.fetched is not None:
                return source
            return replace(source, etag=known[0], last_modified=known[1])
        try:
            st = os.stat(source.path)
        except OSError:
            return source  # reading it will say what is wrong
        self._stats[source.uri] = (st.st_size, st.st_mtime_ns)
        return None if known is not None and tuple(known[2:]) == self._stats[source.uri] else source

    def record_id(self, uri: str) -> str | None:
        """Id of the record this output holds for an unchanged source."""
        sha256 = self._sha256.get(uri)
        return record_id(uri, sha256) if sha256 else None

    def remember(self, record: dict) -> None:
        """Note a source whose record this output now holds (saved by `save`)."""
        src = record["source"]
        http = src.get("http") or {}
        size, mtime = self._stats.get(src["uri"], (None, None))
        self._pending[src["uri"]] = (http.get("etag"), http.get("last_modified"), size, mtime, src["sha256"],
                                     http.get("status"), http.get("final_url"))

    def save(self, run_id: str) -> None:
        """Store what `remember` noted, in one transaction; call once the records are on disk."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO fetch_state VALUES (?,?,?,?,?,?,?,?,?)",
                                [(uri, *row, run_id) for uri, row in self._pending.items()])
        self._pending.clear()
