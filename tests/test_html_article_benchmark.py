"""The extraction benchmark's own code on a handful of validation pages: the records carry what the
tables are built from (fields and ranges, never a score threshold). Skipped without ../shared/eval."""
import pytest

from benchmarks import extraction
from benchmarks.splits import EVAL

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not beside the checkout")

FIELDS = {"set", "id", "part", "page_type", "tool", "text", "p", "r", "f1"}


@pytest.mark.parametrize("name", ["aeb-dev", "wcxb-dev"])
def test_records_of_validation_pages(name):
    pages = extraction.load_text_set(name, "validation", limit=3)
    assert len(pages) == 3 and {p.part for p in pages} == {"validation"}
    assert all(p.data and isinstance(p.gold, str) and p.page_type for p in pages)
    records, speed = extraction.evaluate(name, pages, ["docingest", "get_text"])
    assert set(speed) == {"docingest", "get_text"} and all(v > 0 for v in speed.values())
    assert len(records) == 2 * len(pages)
    for rec in records:
        assert set(rec) == FIELDS and rec["set"] == name and rec["part"] == "validation"
        assert isinstance(rec["text"], str) and all(0.0 <= rec[k] <= 1.0 for k in ("p", "r", "f1"))
    n, p, r, f = extraction.aggregate(name, [x for x in records if x["tool"] == "docingest"])
    assert n == 3 and all(0.0 <= v <= 1.0 for v in (p, r, f))


def test_parts_never_mix():
    tune = {p.id for p in extraction.load_text_set("wcxb-dev", "tune", limit=5)}
    validation = {p.id for p in extraction.load_text_set("wcxb-dev", "validation", limit=5)}
    assert tune and validation and not tune & validation
