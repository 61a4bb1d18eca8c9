"""Real server processes for end-to-end tests: Prefect server and worker, Dask scheduler and workers.

Every process starts in its own session; `stop_group` ends its whole group (SIGTERM, then SIGKILL),
so a test leaves nothing running whatever happens inside it.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PREFECT = [sys.executable, "-m", "prefect"]
DASK = [sys.executable, "-m", "dask"]  # the `dask` command (scheduler, worker), run by this interpreter


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(stack: ExitStack, args: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = stack.enter_context(open(log, "wb"))
    proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    stack.callback(stop_group, proc)
    return proc


def stop_group(proc: subprocess.Popen) -> None:
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


def prefect(args: list[str], env: dict, timeout: float = 120) -> str:
    proc = subprocess.run(PREFECT + args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"prefect {' '.join(args)}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def prefect_env(home: Path, port: int) -> dict:
    """The environment of a private Prefect server on loopback (no analytics, no UI, its own home)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_SERVER_UI_ENABLED="false")
    return env


def start_prefect_server(stack: ExitStack, env: dict, port: int, log: Path, timeout: float = 180) -> subprocess.Popen:
    server = start(stack, PREFECT + ["server", "start", "--host", "127.0.0.1", "--port", str(port)], env, log)
    api = env["PREFECT_API_URL"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError(f"Prefect server not healthy after {timeout} s:\n{log.read_text()}")


def wait_for_dask_workers(address: str, count: int, timeout: float = 120) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=timeout)


RUN_SPECIFIC = ("fetched_at", "run_id")  # the only record fields allowed to differ between two runs of one input


def comparable(out: Path) -> tuple[list, list]:
    """Records (less run-specific fields) and quarantine (uri, reason) pairs of an output directory, sorted."""
    import json

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in RUN_SPECIFIC}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    records = [strip(json.loads(l)) for p in sorted(out.glob("records-*.jsonl")) for l in p.read_text().splitlines()]
    quarantined = sorted((q["uri"], q["reason"]) for p in out.glob("quarantine-*.jsonl")
                         for q in map(json.loads, p.read_text().splitlines()))
    return sorted(records, key=lambda r: r["id"]), quarantined
