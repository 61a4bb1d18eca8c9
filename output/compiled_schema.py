"""fastjsonschema validators whose byte-code is kept in a cache file between processes.

Compiling the record schema costs ~45 ms CPU in every process (fastjsonschema writes 180 KB of
Python, which is then byte-compiled): a tenth of `docingest extract`'s start-up. The byte-code is
stored under $DOCINGEST_CACHE (default: $XDG_CACHE_HOME/docingest, else ~/.cache/docingest) in a
file named by a hash of the schema, the options, fastjsonschema's version and Python's byte-code
magic number, so any change of one of them compiles anew. A cache that cannot be read or written
only means compiling in memory, as fastjsonschema.compile does.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import tempfile
from importlib.util import MAGIC_NUMBER
from pathlib import Path

CACHE_ENV = "DOCINGEST_CACHE"


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "docingest"


def validator(definition: dict, **options):
    """The function fastjsonschema.compile(definition, **options) returns, byte-code read from the cache."""
    import fastjsonschema
    from fastjsonschema.ref_resolver import RefResolver

    key = hashlib.sha256(json.dumps([definition, options, fastjsonschema.VERSION], sort_keys=True).encode()
                         + MAGIC_NUMBER).hexdigest()[:32]
    path = cache_dir() / f"schema-{key}.pyc"
    code = _load(path)
    if code is None:
        code = compile(fastjsonschema.compile_to_code(definition, **options), f"<schema {key}>", "exec")
        _store(path, code)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - fastjsonschema's own generated code, as fastjsonschema.compile runs it
    return namespace[RefResolver.from_schema(definition, handlers={}, store={}).get_scope_name()]


def _load(path: Path):
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):  # absent, unreadable or truncated: compile again
        return None


def _store(path: Path, code) -> None:
    """Written to a temporary file and renamed, so a concurrent process never reads half a file."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
            tmp.write(marshal.dumps(code))
        os.replace(tmp.name, path)
    except OSError:  # read-only home, full disk: the validator works without the cache
        if tmp is not None:
            Path(tmp.name).unlink(missing_ok=True)
