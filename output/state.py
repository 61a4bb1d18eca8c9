"""What an output directory already holds: a small SQLite store beside the records.

Reruns consult it so the same record, or a second copy of the same text, is never emitted twice,
and so new records link to near-duplicates of earlier runs. Everything a shard adds is written in
one transaction that commits only after the shard has been renamed into place, so a crash can
lose work but never claim a record that readers cannot see.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

STATE_FILE = "_state.sqlite"
CACHE_KIB = 64 * 1024  # an upper bound, not an allocation: SQLite grows the cache as pages are read

_SCHEMA = """
CREATE TABLE IF NOT EXISTS emitted (
    id TEXT PRIMARY KEY, uri TEXT, sha256 TEXT, run_id TEXT, file TEXT
);
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, run_id TEXT, records INTEGER);
CREATE TABLE IF NOT EXISTS texts (key BLOB PRIMARY KEY, id TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sketches (item INTEGER PRIMARY KEY, id TEXT, post INTEGER, shingles BLOB, topic BLOB);
CREATE TABLE IF NOT EXISTS items (guid TEXT PRIMARY KEY, version INTEGER, id TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, status TEXT);
CREATE TABLE IF NOT EXISTS buckets (key INTEGER, item INTEGER, PRIMARY KEY (key, item)) WITHOUT ROWID;
"""


class State:
    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / STATE_FILE
        # isolation_level=None: we open explicit transactions so each shard commits atomically.
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        # The LSH buckets and sketches are read for every record the writer decides on; SQLite's default
        # 2 MB page cache holds those of ~1,000 records, past which each lookup goes back to the file.
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- transactions: one per shard ------------------------------------------------------
    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # -- lookups ---------------------------------------------------------------------------
    def has(self, record_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM emitted WHERE id=?", (record_id,)).fetchone() is not None

    def duplicate_of(self, key: bytes) -> str | None:
        """The id of the record already holding this normalised text, if any."""
        row = self.db.execute("SELECT id FROM texts WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def latest_version(self, guid: str) -> tuple[int, str] | None:
        """(version, record id) of the newest version of an agency item emitted so far."""
        row = self.db.execute("SELECT version, id FROM items WHERE guid=?", (guid,)).fetchone()
        return (row[0], row[1]) if row else None

    def interrupted_runs(self) -> list[str]:
        """Runs that started here and never finished (killed, or stopped by an error)."""
        return [row[0] for row in self.db.execute("SELECT run_id FROM runs WHERE status='running' ORDER BY run_id")]

    def files_of(self, prefix: str) -> list[tuple[str, int]]:
        """(name, entries) of the committed files whose name starts with `prefix`."""
        return self.db.execute("SELECT name, records FROM files WHERE substr(name, 1, ?) = ? ORDER BY name",
                               (len(prefix), prefix)).fetchall()

    def known_files(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT name FROM files")}

    def sketch_candidates(self, keys: list[int], limit: int, signature: str) -> list[tuple[str, int | None, bytes]]:
        """(id, post, signature) of the sketches sharing an LSH bucket with `keys`; `signature` names which
        one to return, "shingles" or "topic" (a forum post's sketch has no topic)."""
        column = {"shingles": "shingles", "topic": "topic"}[signature]
        marks = ",".join("?" * len(keys))
        return self.db.execute(
            f"SELECT id, post, {column} FROM sketches WHERE {column} IS NOT NULL AND item IN "
            f"(SELECT DISTINCT item FROM buckets WHERE key IN ({marks}) LIMIT ?)", (*keys, limit)).fetchall()

    # -- writes (inside the shard's transaction) -------------------------------------------
    def add_record(self, record_id: str, uri: str, sha256: str, run_id: str, file: str, key: bytes | None) -> None:
        self.db.execute("INSERT OR IGNORE INTO emitted VALUES (?,?,?,?,?)", (record_id, uri, sha256, run_id, file))
        if key is not None:
            self.db.execute("INSERT OR IGNORE INTO texts VALUES (?,?)", (key, record_id))

    def add_version(self, guid: str, version: int, record_id: str) -> None:
        """Remember the newest version of an item (an older one arriving late does not replace it)."""
        self.db.execute("INSERT INTO items VALUES (?,?,?) ON CONFLICT(guid) DO UPDATE SET version=excluded.version, "
                        "id=excluded.id WHERE excluded.version >= items.version", (guid, version, record_id))

    def add_sketch(self, record_id: str, post: int | None, shingles: bytes, topic: bytes | None, keys: list[int]) -> None:
        item = self.db.execute("INSERT INTO sketches (id, post, shingles, topic) VALUES (?,?,?,?)",
                               (record_id, post, shingles, topic)).lastrowid
        self.db.executemany("INSERT OR IGNORE INTO buckets VALUES (?,?)", [(k, item) for k in keys])

    def set_run(self, run_id: str, status: str) -> None:
        """'running' when a run starts, 'finished' with its manifest, 'resumed' once a later run reported it."""
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?,?)", (run_id, status))

    def add_file(self, name: str, run_id: str, records: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?)", (name, run_id, records))
