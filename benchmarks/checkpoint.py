"""What a writer checkpoint costs, as a share of a run's time at the extraction speed measured in the same run.

A checkpoint fsyncs and renames the open shard and quarantine file and commits two SQLite
transactions (records, fetch state). Its cost is fixed per checkpoint, so its share of a run is
cost / (documents between checkpoints x time per document). This writes records (real record
shapes, from extracting wcxb-dev tune pages) with checkpoints every N documents, times the
checkpoints themselves, and divides by the extraction time per document measured on the same pages.

    .venv/bin/python -m benchmarks.checkpoint [--records 3000] [--pages 40]
"""
from __future__ import annotations

import argparse
import copy
import gzip
import tempfile
import time
from pathlib import Path

from benchmarks.splits import EVAL, ids
from extractors.pipeline import extract_document
from flows.fetch_state import FetchState
from output.writer import RunWriter

EVERY = (500, 100, 20, 5)


def _pages(n: int) -> list[tuple[str, bytes]]:
    folder = EVAL / "wcxb-dev" / "html"
    names = sorted(ids("wcxb-dev", "tune"))[:n]
    return [(name, gzip.decompress(next(folder.glob(f"{name}.html.gz")).read_bytes())) for name in names]


def _checkpoint_seconds(records: list[dict], every: int) -> list[float]:
    """The duration of each checkpoint while writing `records`."""
    spent: list[float] = []
    with tempfile.TemporaryDirectory() as out:
        with RunWriter(out, checkpoint_docs=every, checkpoint_seconds=10**9) as writer, FetchState(out) as seen:
            writer.on_commit = lambda: seen.save(writer.run_id)
            commit = writer.checkpoint

            def timed() -> None:
                start = time.perf_counter()
                commit()
                spent.append(time.perf_counter() - start)

            writer.checkpoint = timed
            for record in records:
                writer.write_record(copy.deepcopy(record))
                seen.remember(record)
            writer.close()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    pages = _pages(args.pages)
    start = time.perf_counter()
    samples = [extract_document(data, f"file:///{name}") for name, data in pages]
    per_doc = (time.perf_counter() - start) / len(samples)
    records = []
    for i in range(args.records):  # distinct ids and texts, so nothing is skipped as a duplicate
        record = copy.deepcopy(samples[i % len(samples)])
        record["id"] = f"{i:032x}"
        record["source"]["uri"] += f"?copy={i}"
        record["text"] = f"Copy {i}. " + " ".join(reversed(record["text"].split()[: 50 + i % 50]))  # no near-duplicates
        records.append(record)
    print(f"extraction: {per_doc * 1000:.1f} ms/document ({len(samples)} wcxb-dev tune pages, one process)")
    print(f"{'every':>6} {'checkpoints':>11} {'median ms':>9} {'max ms':>7} {'share of run':>12}")
    for every in EVERY:
        spent = sorted(_checkpoint_seconds(records, every))
        median = spent[len(spent) // 2]
        print(f"{every:>6} {len(spent):>11} {median * 1000:>9.1f} {spent[-1] * 1000:>7.1f} {median / (every * per_doc):>11.2%}")

if __name__ == "__main__":
    main()
