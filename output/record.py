"""The record model: a draft plus provenance becomes a validated JSON record (schema v1)."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from importlib import metadata
from pathlib import Path

from output.draft import Draft
from output.errors import IngestError

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("record.schema.json")


class SchemaViolation(IngestError):
    """A record that does not match record.schema.json; never written, its input is quarantined."""

    reason = "schema_violation"


@functools.cache
def pipeline_version() -> str:
    try:
        return metadata.version("docingest")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0+unknown"


@functools.cache
def _schema() -> dict:
    """record.schema.json with each local `#/$defs/x` replaced by its definition."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return _inline_refs(schema, schema.pop("$defs", {}))


def _inline_refs(node, defs: dict):
    if isinstance(node, list):
        return [_inline_refs(n, defs) for n in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/") and len(node) == 1:
        return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
    return {k: _inline_refs(v, defs) for k, v in node.items()}


@functools.cache
def _fast_check():
    """The schema compiled to Python (fastjsonschema): 0.3 ms a record where jsonschema took 5-8 ms.

    With the $refs inlined the schema uses only keywords that draft-07 reads the same way. Its byte-code
    is cached between processes (output/compiled_schema.py: 45 ms of every start-up).
    """
    from output.compiled_schema import validator

    return validator({**_schema(), "$schema": "http://json-schema.org/draft-07/schema#"}, use_default=False)


@functools.cache
def _validator():
    """jsonschema, only for records the fast check rejects: it words the error with its path."""
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


def record_id(uri: str, sha256: str) -> str:
    """Same source and same content give the same id, so reruns are idempotent."""
    return hashlib.sha256(f"{uri}\n{sha256}".encode()).hexdigest()[:32]


def validate(record: dict) -> dict:
    import fastjsonschema

    try:
        _fast_check()(record)
        return record
    except fastjsonschema.JsonSchemaException:
        pass
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        where = "/".join(map(str, e.absolute_path)) or "(record)"
        raise SchemaViolation(f"{where}: {e.message}")
    return record


_WORD_RUN = re.compile(r"\S+")  # the runs str.split() returns: re's \s is the same set of characters


def word_count(text: str) -> int:
    """len(text.split()) without the list: a 20 MB text's 3.5 million words took ~200 MB at once.

    >>> word_count(" one  two\\u2003three\\n"), len(" one  two\\u2003three\\n".split())
    (3, 3)
    """
    return sum(1 for _ in _WORD_RUN.finditer(text))


def build_record(draft: Draft, *, source: dict, language: dict, run_id: str | None, detector: str) -> dict:
    """Assemble the JSON record; `language` holds language, language_confidence, languages, blocks, detector_version."""
    language = dict(language)
    detector_version = language.pop("detector_version", None)
    text = draft.text()
    record = {
        "id": record_id(source["uri"], source["sha256"]),
        "schema_version": SCHEMA_VERSION,
        "kind": draft.kind,
        "page_type": draft.page_type,
        "source": source,
        "title": draft.title,
        "subtitle": draft.subtitle,
        "dateline": draft.dateline,
        "authors": list(draft.authors),
        **({"contributors": [dict(c) for c in draft.contributors]} if draft.contributors else {}),
        **({"institution": draft.institution} if draft.institution else {}),
        "published": draft.published,
        "published_raw": draft.published_raw,
        "published_calendar": draft.published_calendar,
        "modified": draft.modified,
        "original_published": draft.original_published,
        "publisher": draft.publisher,
        "original_source": draft.original_source,
        "canonical_url": draft.canonical_url,
        "next_page": draft.next_page,
        **language,
        "text": text,
        "posts": [dataclasses.asdict(p) for p in draft.posts],
        "captions": list(draft.captions),
        "stripped": [{"text": s.text, "reason": s.reason, "lang": s.lang or "und"} for s in draft.stripped],
        "fixes": list(draft.fixes),
        "warnings": list(draft.warnings),
        "stats": {
            "chars": len(text),
            "words": word_count(text),
            "paragraphs": text.count("\n\n") + 1 if text else 0,
            "posts": len(draft.posts),
            "stripped": len(draft.stripped),
        },
        **({"pdf": dict(draft.pdf)} if draft.pdf is not None else {}),
        **({"delivery": dict(draft.delivery)} if draft.delivery else {}),
        "pipeline": {"version": pipeline_version(), "extractor": draft.extractor, "run_id": run_id, "detector": detector,
                     **({"detector_version": detector_version} if detector_version else {})},
    }
    return validate(record)
