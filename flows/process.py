"""One source to one outcome — a record or a quarantine entry — and never an exception.

`process_batch` is the unit the Prefect tasks run. It hands documents to a pool of worker
processes (pebble), which gives every core work, enforces the per-document time limit by
killing a stuck worker, and survives a worker that crashes (a segfault in a C parser, an
out-of-memory kill). Imports no Prefect.
"""
from __future__ import annotations

import atexit
import contextlib
import hashlib
import multiprocessing
import os
import signal
import threading
import traceback
from collections import Counter
from concurrent.futures import TimeoutError as FutureTimeout

from extractors.pipeline import Options, extract_document
from extractors.unpack import SNIFF_BYTES, is_container, unpack
from flows.sources import Source, read_local
from output import failpoints
from output.errors import ExtractionTimeout, IngestError

RECYCLE_AFTER = 500  # documents per worker process before it is replaced: bounds leaked memory
# Imported by the fork server before it forks any worker (flows/prewarm.py): a worker, and each one that
# replaces a recycled worker, starts with the pipeline imported and its models loaded (~1 s of CPU each).
WARM_START = ["flows.prewarm"]

# Seconds a document inside a container may overrun its limit when the alarm cannot stop it (C code) before
# its worker exits: long enough for any C call that returns at all, short enough to free the core.
DEADLINE_GRACE = 30.0
DEADLINE_EXIT_CODE = 70  # the exit code pebble reports for such a worker (EX_SOFTWARE)
_deadline_armed = False
_pool = None
_pool_size = 0
_pool_lock = threading.Lock()


def process_source(source: Source, options: Options, run_id: str | None = None, *, open_containers: bool = True) -> dict:
    """{"record": {...}} or {"quarantine": {...}} for one source (a WARC: see process_container).
    `open_containers=False` for an item already cut from a bundle (one e-mail of an mbox): extract it as it is."""
    data = b""
    try:
        failpoints.hit("extract", source.uri)  # tests: a worker that hangs or dies on one document
        if source.path is None:
            from flows.fetch import fetch  # HTTP sources

            fetched = source.fetched or fetch(source, options)  # the flow downloads ahead, on threads
            data, http, declared, fetched_at = fetched.content, fetched.http, fetched.charset, fetched.at
        else:
            data, http, declared, fetched_at = read_local(source.path, options.max_bytes), None, None, None
        if open_containers and is_container(data):
            return process_container(source, data, options, run_id)
        record = extract_document(data, source.uri, options=options, run_id=run_id, http=http, declared_encoding=declared,
                                  fetched_at=fetched_at)
        return {"record": record}
    except IngestError as exc:
        return quarantine(source, data, type(exc).__name__, exc.reason, str(exc))
    except RecursionError:
        return quarantine(source, data, "RecursionError", "too_deep", "document structure is nested too deeply to parse")
    except MemoryError:
        return quarantine(source, data, "MemoryError", "too_large", "document needs more memory than allowed")
    except Exception as exc:  # a bug or an input we did not foresee: keep the run going, keep the trace
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        return quarantine(source, data, type(exc).__name__, "internal_error", message)


def process_container(source: Source, data: bytes, options: Options, run_id: str | None) -> dict:
    """A compressed file or a WARC: {"container": {uri, parts, skipped}, "outcomes": [...]}, one outcome per
    document inside; a compressed single document comes back as its own plain outcome.

    Damage after the last good part (a truncated archive) becomes a quarantine entry of its own;
    records that are no documents (WARC requests, metadata) are counted by kind in "skipped".
    """
    from flows.fetch import Fetched

    outcomes: list[dict] = []
    skipped: Counter = Counter()
    try:
        for part in unpack(data, source.uri, options.max_bytes):
            if part.skipped:
                skipped[part.skipped] += 1
                continue
            if part.error:
                outcomes.append(quarantine(Source(part.uri), b"", type(part.error).__name__, part.error.reason, str(part.error)))
                continue
            with document_deadline(options.time_limit(len(part.data))):
                fetched = Fetched(part.data, part.http, part.charset, at=part.provenance.get("captured_at"))  # a WARC capture's date
                outcome = process_source(Source(part.uri, fetched=fetched), options, run_id,
                                         open_containers=not part.final)
            if "record" in outcome and part.provenance:
                outcome["record"]["source"]["container"] = part.provenance
            nested = outcome.get("container")
            outcomes.extend(outcome["outcomes"] if nested else [outcome])
            skipped.update(nested["skipped"] if nested else {})
    except IngestError as exc:
        if not outcomes and not skipped:
            raise
        outcomes.append(quarantine(Source(f"{source.uri}#after-{len(outcomes) + sum(skipped.values())}"),
                                   b"", type(exc).__name__, exc.reason, str(exc)))
    if len(outcomes) == 1 and not skipped and _outcome_uri(outcomes[0]) == source.uri:
        return outcomes[0]
    parts = [_outcome_uri(o) for o in outcomes]
    return {"container": {"uri": source.uri, "parts": parts, "skipped": dict(skipped)}, "outcomes": outcomes}


@contextlib.contextmanager
def document_deadline(seconds: float):
    """The per-document time limit for each document inside a container, which runs as one pool task:
    an alarm raises ExtractionTimeout in the document's extraction (quarantined, the next one goes on).
    Should the alarm never get through (stuck in C code), the worker exits after a grace period and
    pebble reports it, so the container ends in `worker_crashed`, never in a hang. Nested containers
    share the outer document's deadline; outside a process's main thread (a Dask worker) nothing is armed."""
    if _deadline_armed or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ExtractionTimeout(f"extraction took longer than {seconds:g} s; the document was stopped")

    _set_armed(True)
    previous = signal.signal(signal.SIGALRM, expire)
    watchdog = threading.Timer(seconds + DEADLINE_GRACE, os._exit, args=(DEADLINE_EXIT_CODE,))
    watchdog.daemon = True
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)  # fires again each second should a broad `except` swallow it
    watchdog.start()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        watchdog.cancel()
        signal.signal(signal.SIGALRM, previous)
        _set_armed(False)


def _set_armed(armed: bool) -> None:
    global _deadline_armed
    _deadline_armed = armed


def time_limit(source: Source, options: Options) -> float | None:
    """The pool's limit for one source: a document's (Options.time_limit, by its size), or none for a container
    (WARC, .gz, a wire bundle), whose documents each get their own limit inside the worker (document_deadline)
    however many it holds."""
    try:
        if source.fetched is not None:
            head, size = source.fetched.content[:SNIFF_BYTES], len(source.fetched.content)
        elif source.path is not None:
            with open(source.path, "rb") as fh:
                head, size = fh.read(SNIFF_BYTES), os.fstat(fh.fileno()).st_size
        else:
            return options.doc_timeout  # a URL: its size is known once fetched, in the worker
    except OSError:  # the worker reads it again and names the error
        return options.doc_timeout
    return None if is_container(head) else options.time_limit(size)


def _outcome_uri(outcome: dict) -> str:
    return outcome["record"]["source"]["uri"] if "record" in outcome else outcome["quarantine"]["uri"]


def quarantine(source: Source, data: bytes, error: str, reason: str, message: str) -> dict:
    return {"quarantine": {
        "uri": source.uri, "error": error, "reason": reason, "message": message[:2000],
        "sha256": hashlib.sha256(data).hexdigest() if data else None, "size": len(data) if data else None,
    }}


def process_for_writer(source: Source, options: Options, run_id: str | None = None, packed: bool = False) -> dict:
    """process_source, with each record's duplicate fingerprint sketched here, in the worker: the sketch
    is 70% of the one writer's work per record, so the writer keeps up with many more workers.
    `packed`: each record comes back serialised for staging (output.parts.pack), for the same reason."""
    from output.dedup import fingerprint
    from output.parts import pack

    outcome = process_source(source, options, run_id)
    for each in outcome.get("outcomes", [outcome]):
        if "record" in each:
            each["fingerprint"] = fingerprint(each["record"])
            if packed:
                pack(each)
    return outcome


def worker_count(options: Options) -> int:
    return options.workers or os.cpu_count() or 1


def process_batch(sources: list[Source], options: Options, run_id: str | None = None, packed: bool = False) -> list[dict]:
    """Outcomes in input order; each document runs in a worker process under the time limit.
    `packed`: records come back packed for staging (process_for_writer), not as dicts.

    Inside a daemonic process (a Dask worker, say), which may not start children, documents run
    in-process: the cluster supplies the parallelism, and the time limit is not enforced there.
    """
    if multiprocessing.current_process().daemon:
        return [process_for_writer(s, options, run_id, packed) for s in sources]
    pool = _get_pool(worker_count(options))
    futures = [pool.schedule(process_for_writer, args=(s, options, run_id, packed), timeout=time_limit(s, options)) for s in sources]
    return [_outcome(s, f, options) for s, f in zip(sources, futures)]


def _outcome(source: Source, future, options: Options) -> dict:
    from pebble import ProcessExpired

    try:
        return future.result()
    except FutureTimeout:
        return quarantine(source, b"", "ExtractionTimeout", "timeout",
                          f"extraction took longer than {time_limit(source, options):g} s; the worker was stopped")
    except ProcessExpired as exc:
        return quarantine(source, b"", "WorkerCrashed", "worker_crashed",
                          f"the extraction process died (exit code {exc.exitcode}): likely a crash or out-of-memory kill")
    except Exception as exc:  # e.g. a result that cannot be sent back between processes
        return quarantine(source, b"", type(exc).__name__, "internal_error", str(exc))


def _get_pool(size: int):
    """One pool per process, reused across batches and runs (starting workers costs ~0.3 s each)."""
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != size or not _pool.active:
            from pebble import ProcessPool

            if _pool is not None:
                _pool.stop()
            # forkserver, not fork: the parent runs Prefect's threads and event loops, which fork would copy mid-flight.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(WARM_START)  # no effect once the fork server runs (the CLI starts it early)
            _pool = ProcessPool(max_workers=size, max_tasks=RECYCLE_AFTER, context=context)
            _pool_size = size
        return _pool


@atexit.register
def _stop_pool() -> None:
    if _pool is not None:
        _pool.stop()
        _pool.join(timeout=5)
