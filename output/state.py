"""What an output directory already holds: a small SQLite store beside the records.

Reruns consult it so the same record is never emitted twice; it is only updated after the
shard holding a record has been renamed into place, so a crash can lose work but never
claim a record that readers cannot see.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

STATE_FILE = "_state.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS emitted (
    id TEXT PRIMARY KEY, uri TEXT, sha256 TEXT, run_id TEXT, file TEXT
);
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, run_id TEXT, records INTEGER);
"""


class State:
    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / STATE_FILE
        # isolation_level=None: we open explicit transactions so each shard commits atomically.
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def has(self, record_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM emitted WHERE id=?", (record_id,)).fetchone() is not None

    def known_files(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT name FROM files")}

    def add_file(self, name: str, run_id: str, rows: list[tuple[str, str, str]]) -> None:
        """Register a finished shard and its (id, uri, sha256) rows in one transaction."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?)", (name, run_id, len(rows)))
            self.db.executemany(
                "INSERT OR IGNORE INTO emitted VALUES (?,?,?,?,?)",
                [(rid, uri, sha, run_id, name) for rid, uri, sha in rows],
            )
