"""The `ingest` Prefect flow: expand inputs, extract in batches, write atomically.

Tasks wrap batches of plain functions (flows.process), never single documents: Prefect's
per-task-run bookkeeping (~100 ms of server work) would otherwise dominate, and thousands of
mapped tasks overwhelm the ephemeral SQLite server.
"""
from __future__ import annotations

from typing import Callable

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from extractors.pipeline import Options
from flows.process import process_batch
from flows.sources import Source, expand_inputs
from output.writer import RunWriter, new_run_id

DEFAULT_BATCH = 64  # documents per task run: large enough to amortise Prefect, small enough to spread
IN_FLIGHT = 8  # batches submitted ahead of the writer, which bounds memory on big corpora

# Set by the CLI to drive its progress bar; called with (documents done, documents total).
progress_hook: Callable[[int, int], None] | None = None


@task(name="extract-batch", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def extract_batch(sources: list[Source], options: Options, run_id: str) -> list[dict]:
    return process_batch(sources, options, run_id)


@flow(name="ingest", log_prints=False)
def ingest(
    inputs: list[str],
    out: str,
    options: dict | None = None,
    batch_size: int = DEFAULT_BATCH,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> dict:
    """Ingest every document named by `inputs` into JSONL under `out`; returns the run summary."""
    logger = get_run_logger()
    opts = Options(**(options or {}))
    run_id = new_run_id()
    sources, missing = expand_inputs(inputs, include=include, exclude=exclude)
    logger.info("run %s: %d documents from %d inputs into %s", run_id, len(sources), len(inputs), out)
    batches = [sources[i:i + batch_size] for i in range(0, len(sources), max(1, batch_size))]
    with RunWriter(out, run_id, inputs=list(inputs), options=dict(options or {})) as writer:
        for raw, problem in missing:
            writer.write_quarantine(uri=raw, error="InputNotFound", reason="not_found", message=problem)
        done = 0
        futures = [extract_batch.submit(b, opts, run_id) for b in batches[:IN_FLIGHT]]
        next_batch = len(futures)
        while futures:
            outcomes = futures.pop(0).result()
            if next_batch < len(batches):
                futures.append(extract_batch.submit(batches[next_batch], opts, run_id))
                next_batch += 1
            for outcome in outcomes:
                if "record" in outcome:
                    writer.write_record(outcome["record"])
                else:
                    writer.write_quarantine(**outcome["quarantine"])
            done += len(outcomes)
            if progress_hook:
                progress_hook(done, len(sources))
        summary = writer.close()
    logger.info("run %s: %d records, %d skipped as unchanged, %d quarantined",
                run_id, summary["records"], summary["skipped"], summary["quarantined"])
    create_markdown_artifact(key="ingest-summary", markdown=summary_markdown(summary),
                             description=f"docingest run {run_id}")
    return summary


def summary_markdown(summary: dict) -> str:
    rows = [("records written", summary["records"]), ("skipped (already in output)", summary["skipped"]),
            ("quarantined", summary["quarantined"])]
    rows += [(f"kind: {k}", v) for k, v in sorted(summary["by_kind"].items())]
    rows += [(f"language: {k}", v) for k, v in sorted(summary["by_language"].items())]
    rows += [(f"quarantine: {k}", v) for k, v in sorted(summary["quarantine_reasons"].items())]
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    return f"# docingest run `{summary['run_id']}`\n\nOutput: `{summary['out_dir']}`\n\n| what | count |\n|---|---|\n{table}\n"
