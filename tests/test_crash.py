"""Crash recovery, proven: a run is killed (SIGKILL) at named points of its writes, or its disk
fills, or a worker hangs; the rerun then finishes, `verify` passes, every input has exactly one
outcome, no file holds half a line, and the rerun redoes only what the killed run had not
committed (its manifest says how much that was).

The kill lands where intended through failpoints (output/failpoints.py), in a run driven without
Prefect (tests/crash_driver.py) so each case takes a second or two; the slow part repeats the
loop at more points and counts, and kills the real CLI (Prefect flow and worker pool).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows.verify import verify
from output.failpoints import ENV

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "tests" / "crash_driver.py"
EVERY = 4  # documents per checkpoint in these runs: several checkpoints in a small corpus
GOOD, EMPTY = 22, 2


def _corpus(folder: Path, good: int = GOOD, empty: int = EMPTY) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(good):
        (folder / f"doc{i:04d}.txt").write_text(
            f"Report number {i}\n\nThe council of district {i} met on Monday to discuss the budget for road {i}.\n\n"
            f"Residents asked for repairs to bridge {i * 7} before the winter, and the mayor agreed.\n")
    for i in range(empty):
        (folder / f"empty{i}.txt").write_bytes(b"")
    return folder


def _drive(src: Path, out: Path, failpoint: str | None = None, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(ENV, None)
    if failpoint:
        env[ENV] = failpoint
    return subprocess.run([sys.executable, str(DRIVER), str(src), str(out), str(EVERY), *extra], env=env,
                          capture_output=True, text=True, timeout=300, start_new_session=True)


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for p in sorted(out.glob("records-*.jsonl")) for line in p.read_text().splitlines()]


def _assert_whole(out: Path) -> None:
    """No temporary file left, no line cut short, verify happy, every input exactly once."""
    assert not list(out.glob(".*.partial"))
    for path in out.glob("*.jsonl"):
        assert path.read_bytes().endswith(b"\n"), f"{path.name} ends in half a line"
    report = verify(out)
    assert report.ok, report.problems
    uris = [r["source"]["uri"] for r in _records(out)]
    assert len(uris) == len(set(uris)) == GOOD
    quarantined = [json.loads(line)["uri"] for p in out.glob("quarantine-*.jsonl") for line in p.read_text().splitlines()]
    assert len(quarantined) == len(set(quarantined)) == EMPTY


def _latest_manifest(out: Path) -> dict:
    return json.loads(sorted(out.glob("manifest-*.json"))[-1].read_text())


def _kill_then_rerun(tmp_path: Path, failpoint: str) -> dict:
    src, out = _corpus(tmp_path / "in"), tmp_path / "out"
    killed = _drive(src, out, failpoint)
    assert killed.returncode == -signal.SIGKILL, f"the failpoint {failpoint} never fired: {killed.stderr[-800:]}"
    committed = len(_records(out))
    rerun = _drive(src, out)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    _assert_whole(out)
    manifest = _latest_manifest(out)
    written_before = manifest["counts"]["written_by_interrupted_runs"]
    assert [r["run_id"] for r in manifest["resumed_from"]] and written_before >= committed
    assert manifest["counts"]["records"] == GOOD - committed  # only what was missing was extracted again
    return manifest


# Before, during and after a shard write; around the state commit; at the manifest and index.
FAST_POINTS = ["mid_line:6", "shard_rename:2", "state_commit:2"]
SLOW_POINTS = [f"{name}:{count}" for name in ("write", "mid_line", "fsync", "shard_rename", "state_commit",
                                              "checkpoint_committed") for count in (1, 3, 5)] + [
    "quarantine_rename:1", "manifest:1"]


@pytest.mark.parametrize("failpoint", FAST_POINTS)
def test_a_kill_at_each_write_step_loses_nothing_and_doubles_nothing(tmp_path, failpoint):
    _kill_then_rerun(tmp_path, failpoint)


@pytest.mark.slow
@pytest.mark.parametrize("failpoint", SLOW_POINTS)
def test_kills_at_more_points_and_counts(tmp_path, failpoint):
    _kill_then_rerun(tmp_path, failpoint)


def test_a_kill_after_the_manifest_leaves_a_finished_run(tmp_path):
    """Killed while updating the run index: the run's manifest and files are complete, so the rerun skips everything."""
    src, out = _corpus(tmp_path / "in"), tmp_path / "out"
    assert _drive(src, out, "index:1").returncode == -signal.SIGKILL
    assert _drive(src, out).returncode == 0
    assert verify(out).ok and len(_records(out)) == GOOD


def test_a_full_disk_stops_the_run_cleanly_and_a_rerun_completes_it(tmp_path):
    src, out = _corpus(tmp_path / "in"), tmp_path / "out"
    full = _drive(src, out, "write:9:enospc")
    assert full.returncode == 4 and "no space left" in full.stderr
    assert not list(out.glob(".*.partial")) and verify(out).ok
    committed = len(_records(out))
    assert 0 < committed < GOOD  # the checkpoints before the failure are kept
    assert _drive(src, out).returncode == 0
    _assert_whole(out)
    assert _latest_manifest(out)["counts"]["records"] == GOOD - committed


def test_a_full_disk_at_fsync_keeps_the_committed_shards(tmp_path):
    src, out = _corpus(tmp_path / "in"), tmp_path / "out"
    assert _drive(src, out, "fsync:3:enospc").returncode == 4
    assert verify(out).ok and len(_records(out)) == 2 * EVERY
    assert _drive(src, out).returncode == 0
    _assert_whole(out)


def test_a_hanging_worker_is_stopped_and_the_run_goes_on(tmp_path):
    """One document hangs its worker; the time limit kills that worker, the document is quarantined
    as a timeout and every other document is written."""
    src, out = _corpus(tmp_path / "in"), tmp_path / "out"
    run = _drive(src, out, "extract:@doc0003.txt:hang", "3")
    assert run.returncode == 0, run.stderr[-2000:]
    assert verify(out).ok
    entries = [json.loads(line) for p in out.glob("quarantine-*.jsonl") for line in p.read_text().splitlines()]
    assert {e["uri"].rsplit("/", 1)[-1]: e["reason"] for e in entries if e["reason"] == "timeout"} == {"doc0003.txt": "timeout"}
    assert len(_records(out)) == GOOD - 1


# -- the real CLI: Prefect flow, worker pool, process group killed at a failpoint -----------------
@pytest.fixture(scope="module")
def api_env(prefect_harness):
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}


def _cli(args, env):
    return subprocess.run([sys.executable, "-m", "flows.cli", "run", *args, "--quiet", "--batch-size", "5"],
                          env=env, capture_output=True, timeout=600, start_new_session=True)


@pytest.mark.slow
# A batch staged (mid_line), a part finalized (shard_rename), the first state commit after parts were renamed.
@pytest.mark.parametrize("failpoint", ["shard_rename:2", "mid_line:40", "state_commit:1"])
def test_cli_killed_at_a_failpoint_then_rerun_accounts_for_every_input_once(tmp_path, api_env, failpoint):
    src, out = _corpus(tmp_path / "in", good=120, empty=0), tmp_path / "out"
    killed = _cli([str(src), "--out", str(out), "--shard-records", "20"], {**api_env, ENV: failpoint})
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    rerun = _cli([str(src), "--out", str(out)], api_env)
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    report = verify(out)
    assert report.ok, report.problems
    ids = [r["id"] for r in _records(out)]
    assert len(ids) == len(set(ids)) == 120


@pytest.mark.slow
def test_two_runs_on_one_directory_never_interleave(tmp_path, api_env):
    from output.writer import RunWriter

    src, out = _corpus(tmp_path / "in", good=5, empty=0), tmp_path / "out"
    with RunWriter(out):  # a run holding the directory
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(src), "--out", str(out), "--quiet"],
                              env=api_env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3 and "another docingest run" in proc.stdout + proc.stderr
