"""README's "Run it on a schedule", for real: a Prefect server on loopback, a process work pool,
`prefect deploy` from prefect.yaml, a worker, and `prefect deployment run` landing records.

Every process is started in its own session and its whole group is stopped at the end.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
import yaml
from http_fixtures import site  # noqa: F401  (pytest fixture)

ROOT = Path(__file__).resolve().parents[1]
PREFECT = [sys.executable, "-m", "prefect"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(stack: ExitStack, args: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = stack.enter_context(open(log, "wb"))
    proc = subprocess.Popen(PREFECT + args, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT,
                            start_new_session=True)
    stack.callback(_stop_group, proc)
    return proc


def _stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM the process group we created, SIGKILL what is left after 15 s."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            proc.poll()  # reap the leader, or its zombie keeps the group alive
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


def _cli(args: list[str], env: dict, timeout: float = 120) -> str:
    proc = subprocess.run(PREFECT + args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"prefect {' '.join(args)}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def _wait_healthy(api: str, server: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError(f"Prefect server not healthy after {timeout} s:\n{log.read_text()}")


def test_prefect_yaml_defines_a_daily_and_an_adhoc_deployment_of_ingest():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    deployments = {d["name"]: d for d in spec["deployments"]}
    assert set(deployments) == {"daily", "adhoc"}
    assert {d["entrypoint"] for d in deployments.values()} == {"flows/ingest.py:ingest"}
    assert deployments["daily"]["schedules"][0]["cron"] == "0 3 * * *"
    assert "schedules" not in deployments["adhoc"]
    assert {d["work_pool"]["name"] for d in deployments.values()} == {"docingest"}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_deployment_run_on_a_real_server_and_worker_writes_records(site, tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_API_URL=api,
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_SERVER_UI_ENABLED="false")
    out = tmp_path / "out"
    inputs = [str(ROOT / "samples"), site.url("/article.html")]
    with ExitStack() as stack:
        server = _start(stack, ["server", "start", "--host", "127.0.0.1", "--port", str(port)], env, tmp_path / "server.log")
        _wait_healthy(api, server, tmp_path / "server.log")
        _cli(["work-pool", "create", "docingest", "--type", "process"], env)
        _cli(["--no-prompt", "deploy", "--all"], env)
        assert "ingest/daily" in _cli(["deployment", "ls"], env)
        worker = _start(stack, ["worker", "start", "--pool", "docingest"], env, tmp_path / "worker.log")
        ran = _cli(["deployment", "run", "ingest/adhoc", "--param", f"inputs={json.dumps(inputs)}",
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
