"""Start-up as a user meets it: `docingest --help`, `docingest extract PAGE` on a ~100 KB page, and
`docingest run` on a handful of files beside Prefect's own start (an empty flow in ephemeral mode, the
way Prefect starts itself) and the work itself. Timings and ratios are printed, never asserted (issue 18).

    .venv/bin/python benchmarks/startup.py [--repeat N] [--skip-run] [--baseline CHECKOUT]

Wall times are medians of N runs, the contenders interleaved so that load from other processes falls
on each alike; CPU seconds (user+sys of the child and its children) are printed beside them because
they barely move with machine load. Every Prefect contender has a Prefect home of its own, kept across
its runs as a user's ~/.prefect is: its first run creates and migrates the database (printed apart),
the timed ones reuse it. Children run as after an install, with Python's bytecode cache (in a
temporary folder, so the checkout stays clean) even where PYTHONDONTWRITEBYTECODE is set: without it
every module is compiled again on every start (~0.15 s of CPU for docingest's, seconds for Prefect's),
which no installed copy does; that start is printed too for `extract`. `--baseline` times
`docingest run` of another checkout (e.g. `git archive` of an earlier commit) in the same loop.
"""
from __future__ import annotations

import argparse
import gzip
import os
import resource
import statistics
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

# Prefect's server alone, started by Prefect's own class (as the empty flow starts it): launch to first answer.
_SERVER_BOOT = """
import time
from prefect.server.api.server import SubprocessASGIServer
server = SubprocessASGIServer()
start = time.perf_counter()
server.start()
print(time.perf_counter() - start)
server.stop()
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


def median(cmd: list[str], repeat: int, **kwargs) -> tuple[float, float]:
    return medians([timed(cmd, **kwargs)[:2] for _ in range(repeat)])


def medians(runs: list[tuple[float, ...]]) -> tuple[float, ...]:
    return tuple(statistics.median(column) for column in zip(*runs))


def prefect_env(home: Path) -> dict:
    """Ephemeral mode with its database in `home`, whatever the user's profile says."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    return {**env, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180", "PREFECT_LOGGING_LEVEL": "WARNING"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is printed")
    parser.add_argument("--skip-run", action="store_true", help="only --help and extract (no Prefect)")
    parser.add_argument("--baseline", type=Path, help="another checkout whose `docingest run` is timed in the same loop")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        page = a_page(tmp)
        uncached = median([*DOCINGEST, "extract", str(page)], args.repeat, env={"PYTHONDONTWRITEBYTECODE": "1"})
        cache_bytecode(tmp / "pycache")
        timed([*DOCINGEST, "extract", str(page)])  # fills the bytecode cache, as an install does
        python = median([sys.executable, "-c", "pass"], args.repeat)
        helped = median([*DOCINGEST, "--help"], args.repeat)
        extracted = median([*DOCINGEST, "extract", str(page)], args.repeat)
        phases = [list(map(float, timed([sys.executable, "-c", _PHASES, str(page)])[2].split())) for _ in range(args.repeat)]
        imports, first, again = (statistics.median(p[i] for p in phases) for i in range(3))
        loaded = [name for name, i in (("dateparser", 3), ("bs4", 4)) if phases[0][i]]
        print(f"page: {page.name}, {page.stat().st_size / 1000:.0f} KB; seconds wall (CPU), median of {args.repeat}")
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
            run_startup(tmp, args.repeat, args.baseline)
    return 0


def run_startup(tmp: Path, repeat: int, baseline: Path | None = None) -> None:
    """docingest run on RUN_FILES samples beside Prefect's empty flow and the plain functions on the same files."""
    files = sorted(p for p in (ROOT / "samples").iterdir() if p.is_file())[:RUN_FILES]
    inputs = tmp / "handful"
    inputs.mkdir()
    for f in files:
        (inputs / f.name).write_bytes(f.read_bytes())
    work_code = ("import sys; from extractors.pipeline import Options; from flows.process import process_source; "
                 "from flows.sources import Source; [process_source(Source(p, p), Options()) for p in sys.argv[1:]]")
    paths = [str(p) for p in sorted(inputs.iterdir())]
    checkouts = {"docingest run": ROOT, **({f"baseline {baseline}": baseline.resolve()} if baseline else {})}

    def run(contender: int, out: str) -> tuple[float, float]:
        """One `docingest run` into a new output directory, with the contender's own Prefect home."""
        cmd = [*DOCINGEST, "run", str(inputs), "--out", str(tmp / out), "--quiet"]
        return timed(cmd, env=prefect_env(tmp / f"prefect-{contender}"), cwd=list(checkouts.values())[contender])[:2]

    # Untimed: Prefect's and the flow's modules into the bytecode cache, so no contender's first run compiles them.
    timed([*DOCINGEST, "run", str(inputs), "--out", str(tmp / "bytecode"), "--quiet"], env=prefect_env(tmp / "prefect-bytecode"))
    timed([sys.executable, "-c", _SERVER_BOOT], env=prefect_env(tmp / "prefect-bytecode"))
    first = {"empty flow": timed([sys.executable, "-c", _EMPTY_FLOW], env=prefect_env(tmp / "prefect-empty"))[:2]}
    for i, name in enumerate(checkouts):
        first[name] = run(i, f"first-{i}")
    samples: dict[str, list] = {name: [] for name in ("work", "import", "server", "empty", *checkouts)}
    for r in range(repeat):  # interleaved: load from other processes falls on every contender alike
        samples["work"].append(timed([sys.executable, "-c", work_code, *paths])[:2])
        samples["import"].append(timed([sys.executable, "-c", "import prefect"], env=prefect_env(tmp / "prefect-empty"))[:2])
        wall, cpu, out = timed([sys.executable, "-c", _SERVER_BOOT], env=prefect_env(tmp / "prefect-empty"))
        samples["server"].append((float(out.split()[-1]), cpu))
        samples["empty"].append(timed([sys.executable, "-c", _EMPTY_FLOW], env=prefect_env(tmp / "prefect-empty"))[:2])
        for i, name in enumerate(checkouts):
            samples[name].append(run(i, f"out-{i}-{r}"))
    med = {name: medians(runs) for name, runs in samples.items()}
    prefect, work, target = med["empty"], med["work"], med["empty"][0] + med["work"][0]
    print(f"\ndocingest run on {len(files)} files ({', '.join(f.name for f in files)}); seconds wall (CPU), median of {repeat}")
    print(f"Prefect alone: an empty flow, ephemeral  {prefect[0]:6.2f} ({prefect[1]:.2f})")
    print(f"  of which `import prefect` {med['import'][0]:.2f}, its server from launch to first answer {med['server'][0]:.2f}, "
          f"the rest (the client imports the server package, runs the flow, stops the server) "
          f"{prefect[0] - med['import'][0] - med['server'][0]:.2f}")
    print(f"the work: plain functions, one process   {work[0]:6.2f} ({work[1]:.2f})")
    print(f"target: Prefect's start + the work       {target:6.2f}")
    for name in checkouts:
        wall, cpu = med[name]
        print(f"{name[:40]:40} {wall:6.2f} ({cpu:.2f})   {wall - target:+.2f} s against the target "
              f"({(wall - target) / prefect[0]:+.0%} of Prefect's start); Prefect's server boot alone is "
              f"{med['server'][0] / wall:.0%} of it")
    print("first run on a fresh Prefect home (database created and migrated), once: "
          + ", ".join(f"{name} {wall:.2f} ({cpu:.2f})" for name, (wall, cpu) in first.items()))


if __name__ == "__main__":
    sys.exit(main())
