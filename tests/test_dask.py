"""The same flow on a two-worker Dask LocalCluster (prefect-dask) gives the local runner's output."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from http_fixtures import site  # noqa: F401  (pytest fixture)

from flows import ingest as ingest_module
from flows.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = {"allow_private_hosts": True, "retry_backoff": 0.01, "host_rate": 1000.0}
RUN_SPECIFIC = ("fetched_at", "run_id")  # the only fields allowed to differ between two runs


def _comparable(out: Path) -> tuple[list, list]:
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in RUN_SPECIFIC}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    records = [strip(json.loads(l)) for p in sorted(out.glob("records-*.jsonl")) for l in p.read_text().splitlines()]
    quarantined = sorted((q["uri"], q["reason"]) for p in out.glob("quarantine-*.jsonl")
                         for q in map(json.loads, p.read_text().splitlines()))
    return records, quarantined


@pytest.mark.slow
def test_dask_cluster_output_equals_local_output(site, tmp_path, prefect_harness, monkeypatch):
    from distributed import LocalCluster

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"doc{i:02d}.txt").write_text(
            f"Report {i}\n\nThe district council number {i} met on Monday about the bridge and the school budget.\n")
    inputs = [str(ROOT / "samples"), str(corpus), site.url("/article.html"), site.url("/feed.rss"), site.url("/missing")]
    local = ingest(inputs=inputs, out=str(tmp_path / "local"), options=OPTIONS, batch_size=4)
    lock = threading.Lock()  # like the CLI's progress bar: a hook that cannot be pickled
    monkeypatch.setattr(ingest_module, "progress_hook", lambda done, total: lock)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = ingest(inputs=inputs, out=str(tmp_path / "dask"), options=OPTIONS, batch_size=4,
                      runner=f"dask={cluster.scheduler_address}")
        assert len(cluster.workers) == 2
    assert local["records"] == dask["records"] == 18 and local["quarantined"] == dask["quarantined"] == 2
    assert _comparable(tmp_path / "local") == _comparable(tmp_path / "dask")
