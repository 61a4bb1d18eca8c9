"""The Prefect flow and the CLI end to end, on the seed corpus."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from flows.ingest import ingest


def _records(out):
    return [json.loads(line) for p in sorted(out.glob("records-*.jsonl")) for line in p.read_text().splitlines()]


def test_flow_on_seeds_scores_every_gold_check_and_reruns_idempotently(shared_dir, tmp_path, prefect_harness):
    summary = ingest(inputs=[str(shared_dir / "seeds")], out=str(tmp_path))
    assert summary["records"] == 5 and summary["quarantined"] == 0
    score = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_seeds.py"), str(tmp_path)],
                           capture_output=True, text=True)
    assert score.returncode == 0, score.stdout
    again = ingest(inputs=[str(shared_dir / "seeds")], out=str(tmp_path))
    assert again["records"] == 0 and again["skipped"] == 5
    assert len(_records(tmp_path)) == 5
    assert len(list(tmp_path.glob("manifest-*.json"))) == 2


def test_flow_quarantines_bad_inputs_and_missing_paths(tmp_path, prefect_harness):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "good.txt").write_text("Water Levels Rise\n\nThe river rose by two metres overnight and the bridge was closed.\n")
    out = tmp_path / "out"
    summary = ingest(inputs=[str(src), str(tmp_path / "missing.txt")], out=str(out))
    assert summary["records"] == 1 and summary["quarantined"] == 2
    reasons = sorted(json.loads(l)["reason"] for p in out.glob("quarantine-*.jsonl") for l in p.read_text().splitlines())
    assert reasons == ["empty", "not_found"]


def test_cli_extract_prints_one_record_quickly(shared_dir):
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "extract", str(shared_dir / "seeds" / "000_d1a744ad5fac656c.txt")],
                          capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["kind"] == "article" and record["text"]
    assert "prefect" not in proc.stderr.lower()
    assert elapsed < 30  # generous: a sanity bound, the real number lives in benchmarks


def test_extract_does_not_import_prefect():
    code = "import sys; from flows.cli import cmd_extract; import extractors.pipeline; print('prefect' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_help_for_every_command():
    for args in ([], ["run"], ["extract"]):
        proc = subprocess.run([sys.executable, "-m", "flows.cli", *args, "--help"], capture_output=True, text=True)
        assert proc.returncode == 0 and "usage: docingest" in proc.stdout
