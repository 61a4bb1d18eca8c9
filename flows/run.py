"""One run's loop, without Prefect: skip what the output already holds, extract the rest in
batches, write every outcome, save what was fetched at each writer checkpoint.

A batch's records never come to this loop: the task that extracts a batch stages its records in the
output directory (output.parts.stage) and returns stubs; the writer decides on them in input order,
and a finalize on a worker (the `finalize` submitter) writes the shards it planned.

flows/ingest.py wraps it in the Prefect flow (batches as tasks); tests drive it directly with a
plain submitter, so a crash test can kill a run in a second instead of starting a Prefect server.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path

from flows.fetch import fetch_sources
from flows.fetch_state import FetchState
from flows.process import process_batch
from flows.sources import Source
from output.parts import PartPlan, stage
from output.writer import RunWriter

DEFAULT_BATCH = 64  # documents per task run: large enough to amortise Prefect, small enough to spread
IN_FLIGHT = 8  # batches submitted ahead of the writer, which bounds memory on big corpora


def load_batch(sources: list[Source], options, run_id: str) -> list[dict]:
    """Download the batch's URLs (threads, polite per host), then extract everything; the records come
    packed for staging (output.parts.pack), which is all the flow does with them."""
    loaded = fetch_sources(sources, options)
    extracted = iter(process_batch([s for s in loaded if isinstance(s, Source)], options, run_id, packed=True))
    return [next(extracted) if isinstance(s, Source) else s for s in loaded]


def stage_batch(sources: list[Source], options, run_id: str, out: str) -> dict:
    """load_batch, its records staged in the output directory `out` (absolute: a worker's working
    directory is not the flow's): what a batch task returns to the flow, stubs instead of records."""
    return stage(load_batch(sources, options, run_id), out, run_id)


def cut_batches(items: list, batch_size: int) -> list[list]:
    """`items` in batches of `batch_size`, in order: the one cut the flow and its head start share."""
    return [items[i:i + batch_size] for i in range(0, len(items), max(1, batch_size))]


class Deferred(Future):
    """A future whose work runs in this process when its result is first asked for, so batches run one
    after another in the order the writer takes them (and stage nothing ahead of its decisions)."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self._work = work

    def result(self, timeout: float | None = None):
        if not self.done():
            try:
                self.set_result(self._work())
            except BaseException as exc:  # raised to the caller below, as from any future
                self.set_exception(exc)
        return super().result(timeout)


def local_submitter(options, run_id: str, out: str) -> Callable[[list[Source]], Future]:
    """Batches run in this process (the worker pool still enforces the time limit)."""
    out = str(Path(out).resolve())
    return lambda batch: Deferred(lambda: stage_batch(batch, options, run_id, out))


def write_run(writer: RunWriter, seen: FetchState, sources: list[Source], problems: Iterable[dict],
              submit: Callable[[list[Source]], Future], batch_size: int,
              progress: Callable[[int, int], None] = lambda done, total: None,
              finalize: Callable[[PartPlan], Future] | None = None) -> dict:
    """Every source to one outcome in `writer`; returns the run summary. `submit` extracts and stages a
    batch (stage_batch), `finalize` writes the shards of a decided part (default: in this process)."""
    writer.on_commit = lambda: seen.save(writer.run_id)  # a checkpoint's records are on disk: remember their sources
    if finalize is not None:
        writer.finalizer = finalize
    quarantined_before = writer.resumed_quarantine()  # by an interrupted run: accounted, not redone
    for problem in problems:
        if problem["uri"] in quarantined_before:
            writer.write_resumed_quarantine(quarantined_before[problem["uri"]])
        else:
            writer.write_quarantine(**problem)
    todo = []
    for source in sources:
        prepared = seen.prepare(source)
        if source.uri in quarantined_before:
            writer.write_resumed_quarantine(quarantined_before[source.uri])
        elif prepared is None:
            writer.write_skip(source.uri, "unchanged_file", seen.record_id(source.uri))
        else:
            todo.append(prepared)
    done = len(sources) - len(todo)
    progress(done, len(sources))
    batches = cut_batches(todo, batch_size)
    futures = [submit(b) for b in batches[:IN_FLIGHT]]
    next_batch = len(futures)
    while futures:
        staged = futures.pop(0).result()
        if next_batch < len(batches):
            futures.append(submit(batches[next_batch]))
            next_batch += 1
        writer.open_part(staged["part"])
        for outcome in each_document(staged["outcomes"], writer):
            if "staged" in outcome:
                writer.write_staged(outcome)
                seen.remember(outcome["staged"])
            elif "unchanged" in outcome:
                uri = outcome["unchanged"]["uri"]
                writer.write_skip(uri, "not_modified", seen.record_id(uri))
            else:
                writer.write_quarantine(**outcome["quarantine"])
        writer.close_part()
        done += len(staged["outcomes"])
        progress(done, len(sources))
    summary = writer.close()
    seen.save(writer.run_id)
    return summary


def each_document(outcomes: list[dict], writer: RunWriter):
    """Outcomes with containers (WARC, compressed files) opened: each is accounted for, its documents follow."""
    for outcome in outcomes:
        if "container" in outcome:
            writer.write_container(**outcome["container"])
        yield from outcome.get("outcomes", [outcome])
