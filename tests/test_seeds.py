"""The seed spec-by-example: every seed through the whole pipeline, scored by the shared scorer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.pipeline import extract_document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # beside the checkout, as CI lays it out
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
SCORER = SHARED / "tools" / "score_seeds.py"

pytestmark = pytest.mark.skipif(not SEEDS or not SCORER.exists(), reason="shared seeds are not mounted")


def test_every_seed_check_passes(tmp_path: Path) -> None:
    with open(tmp_path / "records.jsonl", "w", encoding="utf-8") as fh:
        for seed in SEEDS:
            fh.write(json.dumps(extract_document(seed.read_bytes(), str(seed)), ensure_ascii=False) + "\n")
    run = subprocess.run([sys.executable, str(SCORER), str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith("seed gold:")
