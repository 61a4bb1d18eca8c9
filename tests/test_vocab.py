"""One reader for normalizers/data: every vocabulary file parses, and no module opens them itself."""
from __future__ import annotations

import itertools
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


def _word_lists(node, where: str):
    """(place, lower-cased words) of every list of strings in a vocabulary, '_doc' keys skipped; a list of
    lists (a month table: the spellings of each month) counts as one list of all its words too."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not key.startswith("_"):
                yield from _word_lists(value, f"{where}.{key}")
    elif isinstance(node, list):
        inner = [w for value in node if isinstance(value, list) for w in value]
        words = {w.lower() for w in [*node, *inner] if isinstance(w, str)}
        if words:
            yield where, words
        for i, value in enumerate(node):
            if isinstance(value, (dict, list)):
                yield from _word_lists(value, f"{where}[{i}]")


def _shared_lists() -> set[tuple[str, str]]:
    """Pairs of lists in two different vocabulary files sharing at least 4 words and half the smaller
    list: one concept written down twice (the forum member labels once were, in html_forum and forum_member)."""
    lists = [found for name in vocab.names("") for found in _word_lists(vocab.load(name), name)]
    return {(a, b) for (a, words_a), (b, words_b) in itertools.combinations(lists, 2)
            if a.split(".")[0] != b.split(".")[0] and len(shared := words_a & words_b) >= 4
            and len(shared) >= min(len(words_a), len(words_b)) / 2}


# Pairs that share words without being one concept written twice, each with its reason; keep this short.
DIFFERENT_CONCEPTS = {
    # Dari, Pashto and Urdu each write the English month names with the same letters: three languages'
    # month tables, not a copy (Dari is not among dateparser's languages, so it has no base to borrow).
    ("calendar_gregorian.months.prs", "month_names.months.ps"),
    ("calendar_gregorian.months.prs", "month_names.months.ur"),
}


def test_no_concept_is_written_down_in_two_vocabularies():
    copies = _shared_lists() - DIFFERENT_CONCEPTS
    assert copies == set(), "one list per concept: read it from one file through normalizers.vocab.load"


def _with_a_copy(monkeypatch, original: str, copy: dict) -> None:
    """The vocabularies seen are `original` and a second file, zz_copy, holding `copy`."""
    real_load = vocab.load
    monkeypatch.setattr(vocab, "load", lambda name: copy if name == "zz_copy" else real_load(name))
    monkeypatch.setattr(vocab, "names", lambda prefix: [original, "zz_copy"])


def test_a_list_copied_into_a_second_vocabulary_is_caught(monkeypatch):
    _with_a_copy(monkeypatch, "forum_member", {"member_fields": {"since": vocab.load("forum_member")["labels"]["joined"]}})
    assert ("forum_member.labels.joined", "zz_copy.member_fields.since") in _shared_lists()


def test_a_month_table_copied_into_a_second_vocabulary_is_caught(monkeypatch):
    _with_a_copy(monkeypatch, "month_names", {"months": {"ur": vocab.load("month_names")["months"]["ur"]}})
    assert ("month_names.months.ur", "zz_copy.months.ur") in _shared_lists()
