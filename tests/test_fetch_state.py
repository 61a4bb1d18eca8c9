"""Fetch state: what a rerun may skip, and that a crash never makes it skip an unwritten document."""
from __future__ import annotations

import os

from flows.fetch_state import FetchState
from flows.sources import Source


def _record(uri: str, http: dict | None = None) -> dict:
    return {"source": {"uri": uri, "sha256": "0" * 64, **({"http": http} if http else {})}}


def test_validators_and_file_stats_survive_only_once_saved(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("hello")
    page = Source("https://example.org/a")
    local = Source(str(doc), str(doc))
    with FetchState(tmp_path) as state:
        assert state.prepare(local) == local and state.prepare(page) == page
        state.remember(_record(local.uri))
        state.remember(_record(page.uri, {"status": 200, "etag": '"e1"', "last_modified": "Tue, 04 Mar 2025 08:00:00 GMT"}))
        # the process dies here, before save(): nothing may be claimed
    with FetchState(tmp_path) as state:
        assert state.prepare(local) == local and state.prepare(page).etag is None
        state.remember(_record(local.uri))
        state.remember(_record(page.uri, {"status": 200, "etag": '"e1"', "last_modified": None}))
        state.save("run-1")
    with FetchState(tmp_path) as state:
        assert state.prepare(local) is None  # unchanged file: not even read
        assert state.prepare(page).etag == '"e1"'
        doc.write_text("hello, changed")
        os.utime(doc, ns=(1, 1))
        assert state.prepare(local) == local
