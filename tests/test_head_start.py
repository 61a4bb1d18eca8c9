"""The head start: the run's first batches extracted while Prefect boots, taken by the flow's batch task
as they are, never written before the flow runs, and ended cleanly by a Ctrl-C during the boot."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import orjson
import pytest

from extractors.pipeline import Options
from flows import head_start
from flows.ingest import extract_batch
from flows.run import load_batch
from flows.sources import expand_inputs

RUN_ID = "20260101T000000.000000Z-abcdef"


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    for i in range(5):
        (docs / f"doc{i}.txt").write_text(f"Report {i}\n\nThe council of district {i} met about the road to the river.\n")
    return docs


@pytest.fixture
def started(folder, tmp_path):
    begun = head_start.start([str(folder)], str(tmp_path / "out"), Options(workers=1), RUN_ID, batch_size=2)
    yield begun
    head_start.stop()


def _batches(folder, size=2):
    sources, _ = expand_inputs([str(folder)])
    return [sources[i:i + size] for i in range(0, len(sources), size)]


def test_the_flows_batch_task_takes_each_batch_once_with_the_same_outcomes(folder, started, tmp_path):
    first, *rest = _batches(folder)
    adopted = started.take(first, Options(workers=1), RUN_ID)
    assert adopted is not None and started.take(first, Options(workers=1), RUN_ID) is None  # once only
    ours, again = ([orjson.loads(o["packed"]) for o in batch] for batch in (adopted.result(), load_batch(first, Options(workers=1), RUN_ID)))
    assert [(r["id"], r["text"], r["pipeline"]["run_id"]) for r in ours] == \
        [(r["id"], r["text"], r["pipeline"]["run_id"]) for r in again]  # the records come packed for staging
    held = started._by_batch[tuple(rest[0])]
    staged = extract_batch.fn(rest[0], Options(workers=1), RUN_ID, str(tmp_path))  # the task body, without Prefect
    assert staged["outcomes"] is held.result() and staged["part"]  # the head start's outcomes, records staged in out


def test_another_run_or_other_options_get_nothing(folder, started):
    first = _batches(folder)[0]
    assert started.take(first, Options(workers=1), "20260101T000000.000000Z-000000") is None
    assert started.take(first, Options(workers=1, ocr=False), RUN_ID) is None
    assert started.take(_batches(folder, size=3)[0], Options(workers=1), RUN_ID) is None  # the flow cut other batches


def test_no_head_start_where_the_flows_batches_are_not_known_in_advance(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "_state.sqlite").write_bytes(b"")  # a rerun skips unchanged files: its batches differ
    assert head_start.start([str(folder)], str(out), Options(), RUN_ID, 2) is None
    fresh = str(tmp_path / "fresh")
    assert head_start.start(["https://example.org/feed.xml"], fresh, Options(), RUN_ID, 2) is None  # fetched by the flow only
    assert head_start.start([f"@{tmp_path / 'list.txt'}"], fresh, Options(), RUN_ID, 2) is None  # a list may name URLs
    assert head_start.current is None


def test_stop_cancels_the_batches_not_begun(folder, tmp_path):
    begun = head_start.start([str(folder)], str(tmp_path / "out"), Options(workers=1), RUN_ID, batch_size=1)
    head_start.stop()
    begun._thread.join(timeout=120)
    futures = [future for _, future in begun._pending]
    assert any(f.cancelled() for f in futures) and all(f.done() for f in futures)
    assert head_start.current is None and head_start.take(_batches(folder, 1)[0], Options(workers=1), RUN_ID) is None


@pytest.mark.slow
def test_ctrl_c_while_prefect_starts_writes_nothing_and_leaves_no_process(folder, tmp_path):
    """The head start computes while Prefect's temporary server boots; a Ctrl-C then ends everything, exit 130."""
    import psutil

    for i in range(400):  # enough work to be still extracting when the Ctrl-C comes
        (folder / f"more{i:03d}.txt").write_text(f"Item {i}\n\nThe water board of town {i} met about the dam.\n")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", str(folder), "--out", str(out)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    family: set = set()
    while time.monotonic() < deadline and proc.poll() is None:
        family |= set(parent.children(recursive=True))
        if any(_is_worker(p) for p in family):  # the pool exists before the flow does: the head start began
            break
        time.sleep(0.1)
    written = out.exists() and any(out.iterdir())  # the CLI creates --out early, to check it is writable
    assert proc.poll() is None and not written, "the flow began before the head start could be seen"
    family |= set(parent.children(recursive=True))
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the foreground group (the server has its own session)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr[-2000:]
    assert b"Traceback" not in stderr
    assert not out.exists() or not any(out.iterdir()), "output written before the flow run existed"
    time.sleep(1)
    assert not [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], "processes outlived the run"


def _is_worker(process) -> bool:
    """An extraction worker: a child of multiprocessing's fork server."""
    try:
        return "forkserver" in " ".join(process.parent().cmdline())
    except Exception:  # gone meanwhile, or no parent any more
        return False
