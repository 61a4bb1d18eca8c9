"""The `ingest` Prefect flow: expand inputs, extract in batches, write atomically.

Tasks wrap batches of plain functions (flows.process), never single documents: Prefect's
per-task-run bookkeeping (~100 ms of server work) would otherwise dominate, and thousands of
mapped tasks overwhelm the ephemeral SQLite server. Batches run on the flow's thread pool,
or on a Dask cluster (`runner="dask"` or `"dask=tcp://scheduler:8786"`) through prefect-dask.
Record shards are written where the batches run (output/parts.py): a batch task stages its records
in the output directory, and after the flow's writer has decided on duplicates a finalize writes
the shards, as a task on the cluster or on a thread beside the local flow.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from extractors.pipeline import Options
from flows import head_start
from flows.fetch_state import FetchState
from flows.run import DEFAULT_BATCH, each_document, load_batch, write_run  # noqa: F401  (tests import these here)
from output.parts import PartPlan, finalize, stage
from flows.sources import Source, expand_inputs, redact_url, resolve_input
from output.writer import RunWriter, new_run_id

# Set by the CLI to drive its progress bar; called with (documents done, documents total).
progress_hook: Callable[[int, int], None] | None = None


def report_progress(done: int, total: int) -> None:
    """Call the CLI's hook. The flow calls this function, never the hook: Dask pickles the flow
    function by value with the globals it names, and the hook holds the terminal's locks."""
    if progress_hook:
        progress_hook(done, total)


@task(name="extract-batch", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def extract_batch(sources: list[Source], options: Options, run_id: str, out: str) -> dict:
    """Download the batch's URLs (threads, polite per host), extract everything and stage the records
    in `out`; a batch the CLI's head start began while Prefect booted (flows.head_start) is taken from
    it, not extracted again. Returns stubs of the records, not the records (output.parts.stage)."""
    adopted = head_start.take(sources, options, run_id)
    outcomes = adopted.result() if adopted is not None else load_batch(sources, options, run_id)
    return stage(outcomes, out, run_id)


@task(name="finalize-shard", cache_policy=NO_CACHE)
def finalize_shard(out: str, plan: PartPlan) -> list[dict]:
    """Write the shards the writer planned for one staged part (no retry: a half-done rename is the
    next run's to reconcile)."""
    return finalize(out, plan)


@contextmanager
def batch_submitter(runner: str, options: Options, run_id: str, out: str):
    """(submit a batch, submit a finalize), each returning a future, on the runner named. `out` is
    the output directory as the workers reach it (an absolute path; shared storage on a cluster)."""
    kind, _, address = (runner or "local").partition("=")
    if kind == "local":
        # A finalize is a rename, or a rewrite of one batch's lines when links were added: a thread
        # beside the flow does it without a task run's bookkeeping.
        with ThreadPoolExecutor(1, thread_name_prefix="finalize") as threads:
            yield (lambda batch: extract_batch.submit(batch, options, run_id, out),
                   lambda plan: threads.submit(finalize, out, plan))
        return
    if kind != "dask":
        raise ValueError(f"unknown runner {runner!r}: use 'local', 'dask' or 'dask=ADDRESS'")
    from prefect_dask import DaskTaskRunner

    # No address: a LocalCluster of one single-threaded worker process per core, for this run only.
    cluster = {} if address else {"cluster_kwargs": {"threads_per_worker": 1}}
    with DaskTaskRunner(address=address or None, **cluster) as pool:
        yield (lambda batch: pool.submit(extract_batch, {"sources": batch, "options": options, "run_id": run_id, "out": out}),
               lambda plan: pool.submit(finalize_shard, {"out": out, "plan": plan}))


@flow(name="ingest", log_prints=False)
def ingest(
    inputs: list[str],
    out: str,
    options: dict | None = None,
    batch_size: int = DEFAULT_BATCH,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    runner: str = "local",
    writer_options: dict | None = None,
    run_id: str | None = None,
) -> dict:
    """Ingest every document named by `inputs` into JSONL under `out`; returns the run summary.

    Only new or changed documents are read: local files by size and mtime, URLs by a
    conditional GET. `runner` is "local", "dask" (a local cluster) or "dask=ADDRESS".
    `writer_options` go to RunWriter: sharding, compression, duplicate thresholds. `run_id`: the id
    the CLI gave its head start (None: a new one).
    """
    logger = get_run_logger()
    opts = Options(**(options or {}))
    run_id = run_id or new_run_id()
    safe_inputs = [redact_url(resolve_input(i)) for i in inputs]
    sources, problems = expand_inputs(inputs, include=include, exclude=exclude, options=opts)
    logger.info("run %s: %s from %s into %s", run_id, counted(len(sources), "document"), counted(len(inputs), "input"), out)
    with RunWriter(out, run_id, inputs=safe_inputs, options=dict(options or {}), sources=(s.uri for s in sources),
                   **(writer_options or {})) as writer, FetchState(out) as seen:
        with batch_submitter(runner, opts, run_id, str(Path(out).resolve())) as (submit, finalize_part):
            summary = write_run(writer, seen, sources, problems, submit, batch_size, report_progress, finalize_part)
    logger.info("run %s: %d records, %d skipped as unchanged, %d quarantined",
                run_id, summary["records"], summary["skipped"], summary["quarantined"])
    create_markdown_artifact(key="ingest-summary", markdown=summary_markdown(summary),
                             description=f"docingest run {run_id}")
    create_table_artifact(key="ingest-stats", table=writer.summary.stats.rows(),
                          description=f"docingest run {run_id}: counts by kind, language, publisher, month, quarantine reason")
    return summary


def counted(n: int, noun: str) -> str:
    """A count and its noun, singular for one.

    >>> counted(1, "input"), counted(3, "document")
    ('1 input', '3 documents')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary_markdown(summary: dict) -> str:
    rows = [("records written", summary["records"]), ("skipped (already in output)", summary["skipped"]),
            ("quarantined", summary["quarantined"])]
    rows += [(f"kind: {k}", v) for k, v in sorted(summary["by_kind"].items())]
    rows += [(f"language: {k}", v) for k, v in sorted(summary["by_language"].items())]
    rows += [(f"quarantine: {k}", v) for k, v in sorted(summary["quarantine_reasons"].items())]
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    return f"# docingest run `{summary['run_id']}`\n\nOutput: `{summary['out_dir']}`\n\n| what | count |\n|---|---|\n{table}\n"
