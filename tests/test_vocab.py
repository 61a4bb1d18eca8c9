"""One reader for normalizers/data: every vocabulary file parses, and no module opens them itself."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from normalizers import vocab

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extractors", "normalizers", "output", "flows")


@pytest.mark.parametrize("name", vocab.names(""))
def test_every_vocabulary_parses(name):
    data = vocab.load(name)
    assert isinstance(data, (dict, list)) and data


def test_no_module_reads_a_vocabulary_file_but_the_loader():
    data_dir = re.compile(r'with_name\("data"\)|"normalizers" / "data"|parent / "data"')
    readers = [str(path.relative_to(ROOT)) for package in PACKAGES for path in (ROOT / package).rglob("*.py")
               if path.name != "vocab.py" and data_dir.search(text := path.read_text(encoding="utf-8")) and "json.load" in text]
    assert readers == [], f"read vocabularies through normalizers.vocab.load: {readers}"
