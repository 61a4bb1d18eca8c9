"""The slowest inputs of a corpus run: where the per-document time limit is spent.

Each document of a labelled set goes through extract_document (what `docingest extract` does) in
this process; the table lists the slowest with their size and, for scale, trafilatura's time on the
same bytes in the same run (a ratio, since absolute times depend on the machine). The worst time
here, with headroom for a loaded machine, is what Options.doc_timeout is set from.

    .venv/bin/python -m benchmarks.slowest [--set wcxb-dev] [--part all] [--limit 0] [--top 10]
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import time

from benchmarks.splits import EVAL, ids
from extractors.pipeline import extract_document
from output.errors import IngestError


def _documents(name: str, part: str, limit: int):
    folder = EVAL / name / "html"
    wanted = None if part == "all" else set(ids(name, part))
    paths = sorted(p for p in folder.glob("*.html.gz") if wanted is None or p.name.split(".")[0] in wanted)
    for path in paths[:limit or None]:
        yield path.name.split(".")[0], gzip.decompress(path.read_bytes())


def _timed(data: bytes, uri: str) -> float:
    start = time.perf_counter()
    try:
        extract_document(data, uri)
    except IngestError:
        pass  # a quarantined input still took this long
    return time.perf_counter() - start


def _peer(data: bytes) -> float:
    import trafilatura

    start = time.perf_counter()
    trafilatura.extract(data.decode("utf-8", "replace"))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="wcxb-dev")
    parser.add_argument("--part", default="all", choices=["all", "tune", "validation"])
    parser.add_argument("--limit", type=int, default=0, help="first N documents only (0: all)")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    extract_document(b"<html><body><p>warm-up: models and vocabularies load once</p></body></html>", "file:///warm.html")
    times = []
    for doc_id, data in _documents(args.set, args.part, args.limit):
        times.append((_timed(data, f"file:///{args.set}/{doc_id}.html"), doc_id, data))
    total = sum(t for t, _, _ in times)
    print(f"{args.set} ({args.part}): {len(times)} documents, {total:.1f} s, median {statistics.median(t for t, _, _ in times) * 1000:.0f} ms")
    print(f"{'document':>10} {'KB':>7} {'docingest s':>11} {'trafilatura s':>13} {'ratio':>6}")
    for seconds, doc_id, data in sorted(times, key=lambda t: t[0], reverse=True)[:args.top]:
        peer = _peer(data)
        print(f"{doc_id:>10} {len(data) // 1024:>7} {seconds:>11.2f} {peer:>13.2f} {seconds / max(peer, 1e-3):>6.1f}")


if __name__ == "__main__":
    main()
