"""Reading an output: shards and compression round-trip through `docingest cat`; pandas and DuckDB load it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractors.pipeline import extract_document
from output.reader import iter_records, read_index, record_files
from output.writer import RunWriter

WORDS = ("river bridge market station school mayor water power farmers valley snow rain planting weeks "
         "council library cinema spring architects energy charity children museum harbour ferry").split()


def _doc(i: int) -> bytes:
    """Distinct texts (none a near-copy of another): each story draws its own words."""
    body = " ".join(WORDS[(i * 7 + j * j) % len(WORDS)] for j in range(60))
    return f"Story {i}\n\nNumber {i} opens with {body}.\n".encode()


def _fill(out, n=5, lang_override=None, **kwargs):
    with RunWriter(out, **kwargs) as w:
        for i in range(n):
            record = extract_document(_doc(i), f"file:///doc{i}.txt")
            if lang_override and i % 2:
                record["language"] = lang_override
            w.write_record(record)
    return w.summary


def _cat(*args):
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "cat", *map(str, args)], capture_output=True, check=True)
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.mark.parametrize("compress", [None, "gz", "zst"])
def test_shards_and_compression_round_trip_through_cat(tmp_path, compress):
    summary = _fill(tmp_path, shard_records=2, compress=compress)
    assert len(record_files(tmp_path)) == 3
    assert all(p.name.endswith({None: ".jsonl", "gz": ".jsonl.gz", "zst": ".jsonl.zst"}[compress]) for p in record_files(tmp_path))
    assert [r["source"]["uri"] for r in _cat(tmp_path)] == [f"file:///doc{i}.txt" for i in range(5)]
    assert [f["records"] for f in summary.files] == [2, 2, 1] and summary.stats.records == 5


def test_cat_filters_by_language_and_kind(tmp_path):
    _fill(tmp_path, lang_override="fa")
    assert [r["source"]["uri"] for r in _cat(tmp_path, "--lang", "fa")] == ["file:///doc1.txt", "file:///doc3.txt"]
    assert _cat(tmp_path, "--kind", "forum_thread") == []


def test_shard_size_limit_in_bytes(tmp_path):
    _fill(tmp_path, shard_bytes=1)  # every record alone in its shard
    assert len(record_files(tmp_path)) == 5


def test_index_lists_every_run_newest_last(tmp_path):
    first = _fill(tmp_path, n=2)
    second = _fill(tmp_path, n=3)  # two already there, one new
    index = read_index(tmp_path)
    assert [run["run_id"] for run in index["runs"]] == [first.run_id, second.run_id]
    assert index["latest"] == second.run_id and index["records"] == 3
    assert index["runs"][1]["skipped"] == 2 and index["runs"][1]["files"] == [f["file"] for f in second.files]
    assert len(list(iter_records(tmp_path))) == 3


def test_pandas_reads_the_shards(tmp_path):
    pd = pytest.importorskip("pandas")
    _fill(tmp_path, shard_records=2, compress="gz")
    frame = pd.concat(pd.read_json(p, lines=True) for p in record_files(tmp_path))
    assert len(frame) == 5 and set(frame["kind"]) == {"article"}
    assert frame["near_duplicates"].map(len).sum() == 0


def test_duckdb_reads_the_shards(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    _fill(tmp_path, shard_records=2, compress="gz", lang_override="fa")
    rows = duckdb.sql(f"SELECT language, count(*) AS n FROM read_json_auto('{tmp_path}/records-*.jsonl*') "
                      "GROUP BY language ORDER BY language").fetchall()
    assert rows == [("en", 3), ("fa", 2)]
