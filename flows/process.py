"""One source to one outcome — a record or a quarantine entry — and never an exception.

This is the unit the Prefect tasks map over in batches; it imports no Prefect.
"""
from __future__ import annotations

import hashlib
import traceback

from extractors.pipeline import Options, extract_document
from flows.sources import Source, read_local
from output.errors import IngestError


def process_source(source: Source, options: Options, run_id: str | None = None) -> dict:
    """{"record": {...}} or {"quarantine": {...}} for one source."""
    data = b""
    try:
        if source.path is None:
            from flows.fetch import fetch  # HTTP sources

            fetched = fetch(source.uri, options)
            data, http, declared = fetched.content, fetched.http, fetched.charset
        else:
            data, http, declared = read_local(source.path, options.max_bytes), None, None
        record = extract_document(data, source.uri, options=options, run_id=run_id, http=http, declared_encoding=declared)
        return {"record": record}
    except IngestError as exc:
        return _quarantine(source, data, type(exc).__name__, exc.reason, str(exc))
    except RecursionError:
        return _quarantine(source, data, "RecursionError", "too_deep", "document structure is nested too deeply to parse")
    except MemoryError:
        return _quarantine(source, data, "MemoryError", "too_large", "document needs more memory than allowed")
    except Exception as exc:  # a bug or an input we did not foresee: keep the run going, keep the trace
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        return _quarantine(source, data, type(exc).__name__, "internal_error", message)


def _quarantine(source: Source, data: bytes, error: str, reason: str, message: str) -> dict:
    return {"quarantine": {
        "uri": source.uri, "error": error, "reason": reason, "message": message[:2000],
        "sha256": hashlib.sha256(data).hexdigest() if data else None, "size": len(data) if data else None,
    }}


def process_batch(sources: list[Source], options: Options, run_id: str | None = None) -> list[dict]:
    return [process_source(s, options, run_id) for s in sources]
