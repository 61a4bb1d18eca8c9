"""What Prefect and Dask cost: documents/second for one corpus through the plain functions,
the `ingest` flow on its default runner, and the flow on a two-worker Dask LocalCluster.

    .venv/bin/python benchmarks/overhead.py [--docs 2000]

"plain" is the flow's own work without Prefect: the task body (`extract_batch.fn`) over the
same batches, written by the same RunWriter. Start-up (Prefect's server, the Dask cluster,
worker processes loading language models) is paid by a warm-up run per path before the
clock starts and reported apart; every pass writes to a fresh directory, so nothing is
skipped as unchanged. The paths run in interleaved rounds and each one's fastest round counts,
so load from other processes hits them alike. Ratios are from this one run.
"""
from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

WARM_DOCS = 256  # four batches per path, so every Dask worker warms up: starts Prefect's server, worker pools, language models
WORDS = ("river council budget bridge school road election market harvest drought clinic teachers "
         "minister province village water power prices farmers traders court report police border").split()


def make_corpus(root: Path, n: int) -> None:
    """n distinct documents, half HTML articles and half plain-text wire copy (seeded, so reproducible)."""
    rng = random.Random(7)
    for i in range(n):
        paras = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "." for _ in range(rng.randint(3, 8))]
        title = f"Report {i}: {rng.choice(WORDS)} and {rng.choice(WORDS)}".title()
        if i % 2:
            body = "".join(f"<p>{p}</p>" for p in paras)
            (root / f"doc{i:05d}.html").write_text(f"<html lang=en><head><title>{title}</title></head><body><article>"
                                                   f"<h1>{title}</h1>{body}</article></body></html>")
        else:
            (root / f"doc{i:05d}.txt").write_text(title + "\n\n" + "\n\n".join(paras) + "\n")


def _args(tmp: Path, corpus: str, out: str, batch_size: int, fn) -> dict:
    if fn is plain:
        return {"corpus": tmp / corpus, "out": tmp / out, "batch_size": batch_size}
    return {"inputs": [str(tmp / corpus)], "out": str(tmp / out), "batch_size": batch_size}


def plain(corpus: Path, out: Path, batch_size: int) -> dict:
    from extractors.pipeline import Options
    from flows.ingest import extract_batch
    from flows.sources import expand_inputs
    from output.writer import RunWriter

    sources, _ = expand_inputs([str(corpus)])
    with RunWriter(out) as writer:
        for i in range(0, len(sources), batch_size):
            for outcome in extract_batch.fn(sources[i:i + batch_size], Options(), writer.run_id):
                if "record" in outcome:
                    writer.write_record(outcome["record"])
                else:
                    writer.write_quarantine(**outcome["quarantine"])
        return writer.close()


def timed(fn, *args, **kwargs) -> tuple[float, dict]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds; each path's fastest counts (shared machines are noisy)")
    args = parser.parse_args()
    from distributed import LocalCluster

    from flows.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "corpus").mkdir()
        (tmp / "warm").mkdir()
        make_corpus(tmp / "corpus", args.docs)
        make_corpus(tmp / "warm", WARM_DOCS)
        start = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            paths = [("plain functions", plain, {}),
                     ("flow, default runner", ingest, {}),
                     ("flow, Dask (2 workers)", ingest, {"runner": f"dask={cluster.scheduler_address}"})]
            warm = [timed(fn, **_args(tmp, "warm", f"warm-{i}", args.batch_size, fn), **extra)[0]
                    for i, (_, fn, extra) in enumerate(paths)]
            setup = time.perf_counter() - start
            runs = [[timed(fn, **_args(tmp, "corpus", f"out-{r}-{i}", args.batch_size, fn), **extra)
                     for i, (_, fn, extra) in enumerate(paths)] for r in range(args.repeat)]
            rows = [(name, *min(run[i] for run in runs)) for i, (name, _, _) in enumerate(paths)]
    base = rows[0][1]
    print(f"\n{args.docs} documents, batches of {args.batch_size}, {os.cpu_count()} cores, best of {args.repeat}; not counted: "
          f"{setup:.1f} s of start-up (Dask cluster, then warm-up runs of {WARM_DOCS} documents: "
          + ", ".join(f"{name} {w:.1f} s" for (name, _, _), w in zip(paths, warm)) + ")\n")
    print("| path | records | seconds | docs/s | time vs plain |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds, summary in rows:
        print(f"| {name} | {summary['records']} | {seconds:.1f} | {args.docs / seconds:.0f} | {seconds / base:.2f}× |")


if __name__ == "__main__":
    main()
