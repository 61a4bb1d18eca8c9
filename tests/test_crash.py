"""kill -9 in the middle of a run, rerun, and `docingest verify` finds every input exactly once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from flows.verify import verify

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_env(prefect_harness):
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}


def _corpus(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"doc{i:04d}.txt").write_text(
            f"Report number {i}\n\nThe council of district {i} met on Monday to discuss the budget for road {i}.\n\n"
            f"Residents asked for repairs to bridge {i * 7} before the winter, and the mayor agreed.\n")


def _run(args, env, kill_after=None):
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", *args, "--quiet", "--batch-size", "5"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    if kill_after is None:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()[-2000:]
        return
    time.sleep(kill_after)
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its worker processes, as an OOM killer or a power cut would
    proc.wait()


@pytest.mark.parametrize("kill_after", [1.5, 4.0])
def test_kill_then_rerun_accounts_for_every_input_once(tmp_path, api_env, kill_after):
    _corpus(tmp_path / "in", 300)
    out = tmp_path / "out"
    _run([str(tmp_path / "in"), "--out", str(out)], api_env, kill_after=kill_after)
    assert not any(p.name.endswith(".jsonl") and p.stat().st_size and not p.read_bytes().endswith(b"\n")
                   for p in out.glob("*.jsonl")) if out.exists() else True
    _run([str(tmp_path / "in"), "--out", str(out)], api_env)
    report = verify(out)
    assert report.ok, report.problems
    ids = [json.loads(l)["id"] for p in out.glob("records-*.jsonl") for l in p.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 300


def test_two_runs_on_one_directory_never_interleave(tmp_path, api_env):
    from output.writer import RunWriter

    _corpus(tmp_path / "in", 5)
    out = tmp_path / "out"
    with RunWriter(out):  # a run holding the directory
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(tmp_path / "in"), "--out", str(out), "--quiet"],
                              env=api_env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3 and "another docingest run" in proc.stdout + proc.stderr
