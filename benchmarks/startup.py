"""Start-up as a user meets it: `docingest --help`, `docingest extract PAGE` on a ~100 KB page, and
`docingest run` on a handful of files, split into Prefect's own ephemeral start, the work itself,
and what docingest adds beyond both. Timings and ratios are printed, never asserted (issue 18).

    .venv/bin/python benchmarks/startup.py [--repeat N] [--skip-run]

Wall times are the best of N (other processes on the machine only ever add time); CPU seconds
(user+sys of the child) are printed beside them because they barely move with machine load.
Children run as after an install, with Python's bytecode cache (in a temporary folder, so the
checkout stays clean) even where PYTHONDONTWRITEBYTECODE is set: without it every docingest module
is compiled again on every start (~0.15 s of CPU), which no installed copy does; that start is
printed too.
"""
from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / ".." / "shared" / "eval" / "wcxb-dev" / "html"
DOCINGEST = [sys.executable, "-m", "flows.cli"]
PAGE_BYTES = (90_000, 120_000)  # "a 100 KB page": the first eval page whose HTML falls in this range
RUN_FILES = 5  # "a handful of files"

# CPU seconds of the imports, the first document in a fresh process, and the same document again (warm).
_PHASES = """
import sys, time
t0 = time.process_time()
from extractors.pipeline import extract_document
t1 = time.process_time()
data = open(sys.argv[1], "rb").read()
extract_document(data, sys.argv[1])
t2 = time.process_time()
extract_document(data, sys.argv[1] + "#again")
t3 = time.process_time()
print(t1 - t0, t2 - t1, t3 - t2, int("dateparser" in sys.modules), int("bs4" in sys.modules))
"""

# Prefect alone: an empty flow in ephemeral mode (import, server start, one flow run, server stop).
_EMPTY_FLOW = """
from prefect import flow

@flow
def empty():
    return 0

empty()
"""


def a_page(folder: Path) -> Path:
    for path in sorted(PAGES.glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes())
        if PAGE_BYTES[0] <= len(html) <= PAGE_BYTES[1]:
            target = folder / path.name.removesuffix(".gz")
            target.write_bytes(html)
            return target
    raise SystemExit(f"no page of {PAGE_BYTES[0]}-{PAGE_BYTES[1]} bytes under {PAGES}")


def cache_bytecode(cache: Path) -> None:
    """Children from now on run as an installed copy does: bytecode cached (in `cache`)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache)


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float, str]:
    """(wall seconds, child CPU seconds, stdout) of one command, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})},
                          cwd=cwd or ROOT, timeout=900)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def best(cmd: list[str], repeat: int, **kwargs) -> tuple[float, float]:
    runs = [timed(cmd, **kwargs)[:2] for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def prefect_env(home: Path) -> dict:
    """Ephemeral mode in a fresh Prefect home, whatever the user's profile says."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    return {**env, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180", "PREFECT_LOGGING_LEVEL": "WARNING"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    parser.add_argument("--skip-run", action="store_true", help="only --help and extract (no Prefect)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        page = a_page(tmp)
        uncached = best([*DOCINGEST, "extract", str(page)], args.repeat, env={"PYTHONDONTWRITEBYTECODE": "1"})
        cache_bytecode(tmp / "pycache")
        timed([*DOCINGEST, "extract", str(page)])  # fills the bytecode cache, as an install does
        python = best([sys.executable, "-c", "pass"], args.repeat)
        helped = best([*DOCINGEST, "--help"], args.repeat)
        extracted = best([*DOCINGEST, "extract", str(page)], args.repeat)
        phases = [list(map(float, timed([sys.executable, "-c", _PHASES, str(page)])[2].split())) for _ in range(args.repeat)]
        imports, first, again = (min(p[i] for p in phases) for i in range(3))
        loaded = [name for name, i in (("dateparser", 3), ("bs4", 4)) if phases[0][i]]
        print(f"page: {page.name}, {page.stat().st_size / 1000:.0f} KB; seconds wall (CPU), best of {args.repeat}")
        print(f"python -c pass          {python[0]:6.2f} ({python[1]:.2f})")
        print(f"docingest --help        {helped[0]:6.2f} ({helped[1]:.2f})   target < 0.3")
        print(f"docingest extract PAGE  {extracted[0]:6.2f} ({extracted[1]:.2f})   target < 0.5")
        print(f"  the same with no bytecode cache (PYTHONDONTWRITEBYTECODE=1): {uncached[0]:.2f} ({uncached[1]:.2f})")
        print(f"  CPU of which: import {imports:.2f}, first document {first:.2f} (one-time set-up {first - again:.2f}), "
              f"the same document again {again:.3f}")
        # dateparser (~0.2 s CPU to import and load locales) is needed only by dates our own readers leave open;
        # bs4 (~0.1 s) only by forum threads read with an engine profile.
        print(f"  heavy libraries the page needed: {', '.join(loaded) or 'none'}")
        if not args.skip_run:
            run_startup(tmp, args.repeat)
    return 0


def run_startup(tmp: Path, repeat: int) -> None:
    """docingest run on RUN_FILES samples beside Prefect's empty flow and the plain functions on the same files."""
    files = sorted(p for p in (ROOT / "samples").iterdir() if p.is_file())[:RUN_FILES]
    inputs = tmp / "handful"
    inputs.mkdir()
    for f in files:
        (inputs / f.name).write_bytes(f.read_bytes())
    work_code = ("import sys; from extractors.pipeline import Options; from flows.process import process_source; "
                 "from flows.sources import Source; [process_source(Source(p, p), Options()) for p in sys.argv[1:]]")
    paths = [str(p) for p in sorted(inputs.iterdir())]
    work = best([sys.executable, "-c", work_code, *paths], repeat)
    prefect = best([sys.executable, "-c", _EMPTY_FLOW], repeat, env=prefect_env(tmp / "prefect-empty"))
    runs = []
    for i in range(repeat):
        out = tmp / f"out{i}"
        runs.append(timed([*DOCINGEST, "run", str(inputs), "--out", str(out), "--quiet"], env=prefect_env(tmp / f"prefect-run{i}"))[:2])
    run = min(r[0] for r in runs), min(r[1] for r in runs)
    beyond = run[0] - prefect[0] - work[0]
    print(f"\ndocingest run on {len(files)} files ({', '.join(f.name for f in files)})")
    print(f"Prefect alone: an empty flow, ephemeral  {prefect[0]:6.2f} ({prefect[1]:.2f})")
    print(f"the work: plain functions, one process   {work[0]:6.2f} ({work[1]:.2f})")
    print(f"docingest run, ephemeral                 {run[0]:6.2f} ({run[1]:.2f})")
    print(f"beyond Prefect's start and the work      {beyond:6.2f}   ({beyond / prefect[0]:+.0%} of Prefect's start; "
          f"Prefect's share of the run {prefect[0] / run[0]:.0%})")


if __name__ == "__main__":
    sys.exit(main())
