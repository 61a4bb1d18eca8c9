"""README's "Run it on a schedule", for real: a Prefect server on loopback, a process work pool,
`prefect deploy` from prefect.yaml, a worker, and `prefect deployment run` landing records.

Every process is started in its own session and its whole group is stopped at the end.
"""
from __future__ import annotations

import json
import os
from contextlib import ExitStack

import pytest
import yaml
from http_fixtures import site  # noqa: F401  (pytest fixture)
from processes import PREFECT, ROOT, free_port, prefect, prefect_env, start, start_prefect_server


def test_prefect_yaml_defines_a_daily_and_an_adhoc_deployment_of_ingest():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    deployments = {d["name"]: d for d in spec["deployments"]}
    assert set(deployments) == {"daily", "adhoc"}
    assert {d["entrypoint"] for d in deployments.values()} == {"flows/deployment.py:ingest"}
    assert deployments["daily"]["schedules"][0]["cron"] == "0 3 * * *"
    assert "schedules" not in deployments["adhoc"]
    assert {d["work_pool"]["name"] for d in deployments.values()} == {"docingest"}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_deployment_run_on_a_real_server_and_worker_writes_records(site, tmp_path):
    port = free_port()
    env = prefect_env(tmp_path / "prefect-home", port)
    out = tmp_path / "out"
    inputs = [str(ROOT / "samples"), site.url("/article.html")]
    with ExitStack() as stack:
        server = start_prefect_server(stack, env, port, tmp_path / "server.log")
        prefect(["work-pool", "create", "docingest", "--type", "process"], env)
        prefect(["--no-prompt", "deploy", "--all"], env)
        assert "ingest/daily" in prefect(["deployment", "ls"], env)
        worker = start(stack, PREFECT + ["worker", "start", "--pool", "docingest"], env, tmp_path / "worker.log")
        ran = prefect(["deployment", "run", "ingest/adhoc", "--param", f"inputs={json.dumps(inputs)}",
                    "--param", f"out={out}", "--param", 'options={"allow_private_hosts": true}',
                    "--watch", "--watch-timeout", "300"], env, timeout=360)
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        assert "Completed" in ran, ran + (tmp_path / "worker.log").read_text()
    records = [json.loads(l) for p in out.glob("records-*.jsonl") for l in p.read_text().splitlines()]
    uris = {r["source"]["uri"] for r in records}
    assert {site.url("/article.html"), str(ROOT / "samples" / "article.html")} <= uris
    assert len(list(out.glob("manifest-*.json"))) == 1
    for proc in (server, worker):
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)
