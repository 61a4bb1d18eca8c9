"""The one loader for the vocabularies in normalizers/data/: month names, boilerplate phrases,
quote marks, member labels, calendar words... one JSON file per concept, read once per process.

Every module asks here instead of opening files itself, so a vocabulary has one home and one
reader, and a test can list every file. The returned data is shared: read it, never change it.

>>> "months" in load("calendar_gregorian")
True
>>> "boilerplate_en" in names("boilerplate_")
True
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).with_name("data")


@functools.cache
def load(name: str) -> dict:
    """normalizers/data/<name>.json, parsed once per process."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def names(prefix: str) -> list[str]:
    """The vocabularies whose name starts with `prefix`, sorted (e.g. every boilerplate_<lang>)."""
    return sorted(path.stem for path in DATA.glob(f"{prefix}*.json"))
