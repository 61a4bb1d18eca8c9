"""The same flow on a two-worker Dask LocalCluster (prefect-dask) gives the local runner's output."""
from __future__ import annotations

import threading

import pytest
from http_fixtures import site  # noqa: F401  (pytest fixture)
from processes import ROOT, comparable

from flows import ingest as ingest_module
from flows.ingest import ingest

OPTIONS = {"allow_private_hosts": True, "retry_backoff": 0.01, "host_rate": 1000.0}


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
    assert local["records"] == dask["records"] >= 12 + 2 and local["quarantined"] == dask["quarantined"] >= 2
    assert comparable(tmp_path / "local") == comparable(tmp_path / "dask")
