"""A real cluster, end to end: `dask scheduler` and two `dask worker` processes started from the command
line, a `prefect server`, a work pool and worker, the deployments of prefect.yaml — and one
`prefect deployment run` on the local runner and one on the cluster give the same records, the
cluster's shards written by the Dask workers themselves, named in one manifest.
"""
from __future__ import annotations

import json
from contextlib import ExitStack

import pytest
from processes import (DASK, PREFECT, ROOT, comparable, free_port, prefect, prefect_env, start, start_prefect_server,
                       wait_for_dask_workers)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _scheduler_ran_batches(address: str) -> int:
    """How many extract-batch tasks the scheduler has seen (finished or in memory)."""
    from distributed import Client

    def count(dask_scheduler):
        return sum(n for prefix, tp in dask_scheduler.task_prefixes.items() if "extract" in prefix
                   for n in [sum(tp.state_counts.values())])

    with Client(address, timeout=60) as client:
        return client.run_on_scheduler(count)


def _worker_pids(address: str) -> set[int]:
    import os

    from distributed import Client

    with Client(address, timeout=60) as client:
        return set(client.run(os.getpid).values())


def test_deployment_run_on_a_dask_cluster_gives_the_local_records(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10):
        (corpus / f"report{i:02d}.txt").write_text(
            f"District report {i}\n\nThe council of district {i} met on Monday to discuss the bridge, the clinic "
            f"and a school budget of {i * 1000 + 250} dollars.\n")
    inputs = [str(ROOT / "samples"), str(corpus)]
    dask_port, prefect_port = free_port(), free_port()
    scheduler = f"tcp://127.0.0.1:{dask_port}"
    env = prefect_env(tmp_path / "prefect-home", prefect_port)
    with ExitStack() as stack:
        start(stack, DASK + ["scheduler", "--host", "127.0.0.1", "--port", str(dask_port), "--no-dashboard"],
              env, tmp_path / "scheduler.log")
        for n in range(2):
            start(stack, DASK + ["worker", scheduler, "--nthreads", "1", "--no-dashboard", "--name", f"w{n}"],
                  env, tmp_path / f"worker{n}.log")
        start_prefect_server(stack, env, prefect_port, tmp_path / "server.log")
        prefect(["work-pool", "create", "docingest", "--type", "process"], env)
        prefect(["--no-prompt", "deploy", "--all"], env)
        start(stack, PREFECT + ["worker", "start", "--pool", "docingest"], env, tmp_path / "prefect-worker.log")
        wait_for_dask_workers(scheduler, 2)
        for runner, out in (("local", "local"), (f"dask={scheduler}", "cluster")):
            ran = prefect(["deployment", "run", "ingest/adhoc", "--param", f"inputs={json.dumps(inputs)}",
                           "--param", f"out={tmp_path / out}", "--param", f"runner={runner}", "--param", "batch_size=4",
                           "--watch", "--watch-timeout", "400"], env, timeout=460)
            assert "Completed" in ran, ran + (tmp_path / "prefect-worker.log").read_text()[-3000:]
        assert _scheduler_ran_batches(scheduler) >= 3  # the cluster did the work, in several batches
        workers = _worker_pids(scheduler)
    local, cluster = comparable(tmp_path / "local"), comparable(tmp_path / "cluster")
    assert len(local[0]) >= 10 and local == cluster
    [manifest] = (tmp_path / "cluster").glob("manifest-*.json")
    shards = [f for f in json.loads(manifest.read_text())["files"] if f["file"].startswith("records-")]
    assert sorted(f["file"] for f in shards) == sorted(p.name for p in (tmp_path / "cluster").glob("records-*"))
    assert len(shards) >= 3 and {f["written_by"]["pid"] for f in shards} <= workers  # not the flow's process
