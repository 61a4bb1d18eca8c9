"""The same flow on a two-worker Dask LocalCluster (prefect-dask) gives the local runner's output, and
the cluster's workers write the record shards: the flow's process writes no record bytes."""
from __future__ import annotations

import json
import os
import threading

import pytest
from http_fixtures import site  # noqa: F401  (pytest fixture)
from processes import ROOT, comparable

from flows import ingest as ingest_module
from flows.ingest import ingest
from output import parts
from output.writer import RunWriter

OPTIONS = {"allow_private_hosts": True, "retry_backoff": 0.01, "host_rate": 1000.0}


@pytest.mark.slow
def test_dask_cluster_output_equals_local_output(site, tmp_path, prefect_harness, monkeypatch):
    from distributed import Client, LocalCluster

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"doc{i:02d}.txt").write_text(
            f"Report {i}\n\nThe district council number {i} met on Monday about the bridge and the school budget.\n")
    inputs = [str(ROOT / "samples"), str(corpus), site.url("/article.html"), site.url("/feed.rss"), site.url("/missing")]
    local = ingest(inputs=inputs, out=str(tmp_path / "local"), options=OPTIONS, batch_size=4)
    lock = threading.Lock()  # like the CLI's progress bar: a hook that cannot be pickled
    monkeypatch.setattr(ingest_module, "progress_hook", lambda done, total: lock)
    # Every way a record line reaches a file, broken in this (the flow's) process only: the workers import
    # output.parts for themselves. (Not the tasks' own globals: Dask ships those with the task.)
    for writes_records in ("write_line", "sync_and_rename"):  # staging and rewriting a part; renaming one
        monkeypatch.setattr(parts, writes_records, _not_here)
    monkeypatch.setattr(RunWriter, "write_record", _not_here)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        dask = ingest(inputs=inputs, out=str(tmp_path / "dask"), options=OPTIONS, batch_size=4,
                      runner=f"dask={cluster.scheduler_address}")
        assert len(cluster.workers) == 2
        worker_pids = set(client.run(os.getpid).values())
    assert local["records"] == dask["records"] >= 12 + 2 and local["quarantined"] == dask["quarantined"] >= 2
    assert comparable(tmp_path / "local") == comparable(tmp_path / "dask")
    [manifest] = (tmp_path / "dask").glob("manifest-*.json")
    shards = [f for f in json.loads(manifest.read_text())["files"] if f["file"].startswith("records-")]
    assert len(shards) >= 3 and {f["written_by"]["pid"] for f in shards} <= worker_pids
    assert os.getpid() not in worker_pids


def _not_here(*args, **kwargs):
    raise AssertionError("record bytes written in the flow's process")
