"""benchmarks/forum_posts.py on a few validation threads: the records' post fields are well formed and
the scoring reads them (what the numbers are is the benchmark's business, not a test's)."""
import dataclasses
import json
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
pytestmark = pytest.mark.skipif(not (EVAL / "forum-posts-dev" / "gold.json").exists(), reason="../shared/eval is absent")


@pytest.fixture(scope="module")
def threads():
    from benchmarks.forum_posts import load_posts

    return load_posts("validation", limit=3)


def post_validator():
    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[1] / "output" / "record.schema.json").read_text())
    return jsonschema.Draft202012Validator({"$defs": schema["$defs"], **schema["$defs"]["post"]})


def test_benchmark_threads_come_from_the_validation_split(threads):
    from benchmarks.splits import ids

    assert len(threads) == 3 and {name for name, _d, _g in threads} <= ids("forum-posts-dev", "validation")


def test_every_post_record_matches_the_schema_and_says_how_precise_its_date_is(threads):
    from extractors.html import extract_html

    check = post_validator()
    for _name, data, gold in threads:
        draft = extract_html(data, uri=gold["url"])
        for post in draft.posts:
            check.validate(dataclasses.asdict(post))
            if post.posted:
                assert post.date_precision in ("year", "month", "day", "time", "relative")
            else:
                assert post.date_precision in (None, "as_written")
                assert post.date_precision is None or post.posted_raw


def test_benchmark_rows_carry_the_scored_fields_and_the_score_reads_them(threads):
    from benchmarks.forum_posts import docingest_posts, posts_score, thread_counts

    results = []
    for _name, data, gold in threads:
        rows = docingest_posts(data, gold["url"])
        assert rows and all(set(r) == {"user", "raw", "date", "text"} for r in rows)
        counts = thread_counts(gold, rows)
        assert len(counts["f1s"]) == len(gold["posts"]) and all(0.0 <= f <= 1.0 for f in counts["f1s"])
        assert counts["author_hits"] <= counts["author_n"] and counts["date_hits"] <= counts["date_n"]
        results.append((gold, rows))
    score = posts_score(results)
    assert score["threads"] == 3 and 0 <= score["count_ok"] <= 3 and 0.0 <= score["text_f1"] <= 1.0
