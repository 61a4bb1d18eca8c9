"""Expanding what the user named into documents, and reading their bytes.

Inputs may be files, directories (recursive), glob patterns, `@list.txt` files of paths or
URLs, or http(s) URLs. Expansion is deterministic (sorted) so runs are reproducible.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from output.errors import FetchError, TooLarge

# Files a user never means as documents when pointing at a directory.
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass(frozen=True)
class Source:
    uri: str  # what the record's source.uri says: an absolute path or a URL
    path: str | None = None  # local file to read; None for URLs


class InputNotFound(FetchError):
    reason = "not_found"


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def expand_inputs(inputs: list[str], *, include: list[str] | None = None, exclude: list[str] | None = None) -> tuple[list[Source], list[tuple[str, str]]]:
    """Sources for every input, plus (input, message) for inputs that matched nothing."""
    sources: list[Source] = []
    missing: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(src: Source) -> None:
        if src.uri not in seen:
            seen.add(src.uri)
            sources.append(src)

    for raw in inputs:
        for src, problem in _expand_one(raw.strip(), include, exclude):
            if problem:
                missing.append((raw, problem))
            else:
                add(src)
    return sources, missing


def _expand_one(raw: str, include, exclude):
    if not raw:
        return
    if is_url(raw):
        yield Source(raw), None
        return
    if raw.startswith("@"):
        listing = Path(raw[1:])
        if not listing.is_file():
            yield None, f"list file {listing} does not exist"
            return
        for line in listing.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                yield from _expand_one(line, include, exclude)
        return
    path = Path(raw)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.name not in _SKIP_NAMES)
        files = [p for p in files if _wanted(p.relative_to(path), include, exclude)]
        if not files:
            yield None, f"directory {path} holds no matching files"
        for p in files:
            yield Source(str(p.resolve()), str(p.resolve())), None
        return
    if path.is_file():
        yield Source(str(path.resolve()), str(path.resolve())), None
        return
    matches = sorted(glob.glob(raw, recursive=True))
    files = [Path(m) for m in matches if Path(m).is_file()]
    if not files:
        yield None, f"{raw} matches no file"
    for p in files:
        yield Source(str(p.resolve()), str(p.resolve())), None


def _wanted(rel: Path, include, exclude) -> bool:
    name = str(rel)
    if any(part.startswith(".") for part in rel.parts):
        return False
    if include and not any(rel.match(pat) or glob.fnmatch.fnmatch(name, pat) for pat in include):
        return False
    if exclude and any(rel.match(pat) or glob.fnmatch.fnmatch(name, pat) for pat in exclude):
        return False
    return True


def read_local(path: str, max_bytes: int) -> bytes:
    """Read at most max_bytes + 1 so a huge file is refused without loading it whole."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputNotFound(f"{path} no longer exists") from exc
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        size = os.path.getsize(path)
        raise TooLarge(f"{size} bytes is over the {max_bytes}-byte cap")
    return data
