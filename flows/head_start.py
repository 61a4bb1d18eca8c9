"""Extraction that starts while Prefect's server boots, adopted by the flow's own batch tasks.

`docingest run` waits 10-30 s for its temporary Prefect server on 2 busy cores, with the warm worker
pool idle. A head start computes the run's first batches meanwhile, exactly as the flow will cut
them (same sources, options, run id and batch size), and only computes: nothing is written until
the flow runs. The flow's `extract-batch` task for such a batch takes the head start's result
instead of extracting it again, so Prefect still records every batch as a task run, and the writer,
checkpoints, records and manifest are the same as without it.

Only on a fresh output directory and local inputs: on a rerun the flow skips unchanged files (so its
batches differ), and URLs or feeds would be fetched before the run that accounts for them exists.
Imports no Prefect.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import Future

from flows.run import IN_FLIGHT, cut_batches, load_batch
from flows.sources import Source, expand_inputs, is_url

# The head start of this process's run, if any; the flow's batch task asks it (set by the CLI).
current: "HeadStart | None" = None


class HeadStart:
    """The first `IN_FLIGHT` batches (the memory bound the flow keeps too), extracted one after another
    on a daemon thread: the worker pool is the parallelism, and a Ctrl-C never waits for this thread."""

    def __init__(self, batches: list[list[Source]], options, run_id: str) -> None:
        self.options, self.run_id = options, run_id
        self._pending = [(tuple(batch), Future()) for batch in batches[:IN_FLIGHT]]
        self._by_batch = dict(self._pending)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._work, name="head-start", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        for batch, future in self._pending:
            if self._stopped.is_set():
                return
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(load_batch(list(batch), self.options, self.run_id))
            except BaseException as exc:  # handed to the task that adopts it, which reports it
                future.set_exception(exc)

    def take(self, batch: list[Source], options, run_id: str) -> Future | None:
        """The future of this exact batch of this run, once; None when the head start did not start it."""
        if options != self.options or run_id != self.run_id:
            return None
        return self._by_batch.pop(tuple(batch), None)

    def stop(self) -> None:
        """No further batch starts (the one running ends when the worker pool stops at exit)."""
        self._stopped.set()
        for _, future in self._pending:
            future.cancel()


def start(inputs: list[str], out: str, options, run_id: str, batch_size: int,
          include: list[str] | None = None, exclude: list[str] | None = None) -> HeadStart | None:
    """Begin the run's first batches, or None where the flow's batches cannot be known in advance."""
    global current
    if any(is_url(raw.strip().split()[0]) or raw.strip().startswith("@") for raw in inputs if raw.strip()):
        return None  # URLs (also inside @lists) are fetched, feeds expanded: only the flow does that
    if os.path.isdir(out) and os.listdir(out):
        return None  # a rerun: the flow skips what the output holds, so its batches are not these
    sources, _ = expand_inputs(inputs, include=include, exclude=exclude, options=options)
    if not sources:
        return None
    current = HeadStart(cut_batches(sources, batch_size), options, run_id)
    return current


def stop() -> None:
    """End the head start of this process's run (after the flow, or on Ctrl-C during Prefect's start)."""
    global current
    if current is not None:
        current.stop()
        current = None


def take(batch: list[Source], options, run_id: str) -> Future | None:
    return current.take(batch, options, run_id) if current is not None else None
