"""Exact duplicates are skipped, near-duplicates and retold stories are linked, also across runs."""
from __future__ import annotations

import json

import pytest

from extractors.pipeline import extract_document
from output import dedup
from output.reader import accounted, iter_records
from output.record import validate
from output.writer import RunWriter

STORY = ("Flood Closes Bridge in Lower Town\n\n"
         "The river rose by two metres overnight, flooding the lower town and closing the old stone bridge "
         "that links the market to the station. Emergency crews moved forty families to the school gym.\n\n"
         "Officials said the water would recede by Friday. The mayor asked residents to avoid the riverbank, "
         "to boil tap water until further notice and to report damaged power lines to the utility at once.\n\n"
         "Farmers upstream said the early snowmelt and three days of heavy rain had left the fields under water, "
         "and that the spring planting would be delayed by at least two weeks across the valley.\n")
OTHER = ("Council Approves New Library\n\n"
         "The town council voted on Tuesday to build a new public library on the site of the old cinema, "
         "ending a debate that has run for more than ten years. Construction is set to begin next spring.\n\n"
         "The library will hold a children's wing, a makerspace and a cafe run by a local charity, "
         "and the architects promised that the building would use half the energy of the current one.\n")
PERSIAN = ("سیل در شهر\n\n"
           "رودخانه در شب گذشته دو متر بالا آمد و بخش پایینی شهر را زیر آب برد و پل سنگی قدیمی را بست. "
           "گروه‌های امدادی چهل خانواده را به سالن ورزشی مدرسه منتقل کردند و شهردار از مردم خواست که از کنار رودخانه دور بمانند.\n\n"
           "کشاورزان گفتند که ذوب زودهنگام برف و سه روز باران سنگین کشتزارها را زیر آب برده است و کاشت بهاره دست کم دو هفته عقب می‌افتد.\n")


def _rec(text: str, uri: str) -> dict:
    return extract_document(text.encode(), uri)


def _write(out, *records, **kwargs):
    with RunWriter(out, **kwargs) as w:
        written = [w.write_record(r) for r in records]
        summary = w.close()
    manifest = json.loads((out / summary["manifest"]).read_text())
    return written, summary, list(accounted(out, manifest))


def test_normalise_folds_case_punctuation_marks_and_legacy_arabic_letters():
    assert dedup.normalise("The  RIVER, rose!") == dedup.normalise("the river rose")
    assert dedup.normalise("كتاب يك") == dedup.normalise("کتاب یک")  # Arabic kaf/yeh as typed on old keyboards
    assert dedup.normalise("می‌رود") == dedup.normalise("می رود")  # ZWNJ or space
    assert dedup.normalise("کِتاب ۱۲") == dedup.normalise("کتاب 12")  # harakat, Persian digits
    assert dedup.normalise("नमस्ते दुनिया").split() == ["नमसत", "दनय"]  # marks dropped, words kept whole
    assert dedup.normalise("東京都") == "東 京 都"  # unspaced scripts: one token per character


def test_exact_copy_with_other_punctuation_is_skipped_with_duplicate_of(tmp_path):
    copy = STORY.replace(",", "").replace(".", " .").replace("Flood", "FLOOD")
    (first, second), summary, accounted = _write(tmp_path, _rec(STORY, "a"), _rec(copy, "b"))
    assert first and not second
    original = accounted[0]["id"]
    assert accounted[1] == {"uri": "b", "outcome": "skipped_duplicate", "id": accounted[1]["id"], "duplicate_of": original}
    assert summary["duplicates"] == 1 and summary["records"] == 1


def test_duplicates_and_near_duplicates_across_runs(tmp_path):
    """Run twice into the same output: the second run links to and skips against the first."""
    _write(tmp_path, _rec(STORY, "site-a/story"), _rec(OTHER, "site-a/library"))
    repost = STORY.replace("Farmers upstream said", "Farmers upstream told our reporter") + "\nRead more at site A.\n"
    written, summary, accounted = _write(tmp_path, _rec(STORY, "site-b/copy"), _rec(repost, "site-c/repost"))
    assert written == [False, True] and summary["duplicates"] == 1
    records = list(iter_records(tmp_path))
    assert len(records) == 3
    first, library, repost_rec = records
    assert [link["id"] for link in repost_rec["near_duplicates"]] == [first["id"]]
    assert 0.8 <= repost_rec["near_duplicates"][0]["similarity"] < 1
    assert library["near_duplicates"] == [] and library["related"] == []
    for record in records:
        validate(record)


def test_persian_legacy_spelling_is_an_exact_duplicate(tmp_path):
    legacy = PERSIAN.replace("ی", "ي").replace("ک", "ك").replace("\u200c", " ")  # old keyboards: no ZWNJ
    written, summary, _ = _write(tmp_path, _rec(PERSIAN, "fa/1"), _rec(legacy, "fa/2"))
    assert written == [True, False] and summary["duplicates"] == 1


def test_persian_near_duplicate_is_linked(tmp_path):
    edited = PERSIAN.replace("چهل خانواده", "پنجاه خانواده") + "\nمنبع: خبرگزاری محلی\n"
    _write(tmp_path, _rec(PERSIAN, "fa/1"))
    _write(tmp_path, _rec(edited, "fa/2"))
    first, second = iter_records(tmp_path)
    assert [link["id"] for link in second["near_duplicates"]] == [first["id"]]


def test_threshold_is_configurable(tmp_path):
    half = STORY.split("\n\n")
    shorter = "\n\n".join(half[:3]) + "\n"
    _write(tmp_path, _rec(STORY, "a"))
    _write(tmp_path, _rec(shorter, "b"), near_dup_threshold=0.99)
    assert list(iter_records(tmp_path))[1]["near_duplicates"] == []


def test_forum_post_quoting_a_whole_article_is_linked_at_post_level(tmp_path):
    article = _rec(STORY, "news/story")
    thread = _rec(OTHER, "forum/thread")
    thread["kind"] = "forum_thread"
    thread["posts"] = [
        {"author": "ann", "posted": None, "text": "Did you see this? " + STORY, "quotes": []},
        {"author": "bob", "posted": None, "text": "Terrible news for the valley.", "quotes": []},
    ]
    _write(tmp_path, article, thread)
    _, forum = iter_records(tmp_path)
    assert forum["near_duplicates"][0]["id"] == article["id"] and forum["near_duplicates"][0]["post"] == 0
    validate(forum)


def test_seed_stories_retold_are_related_not_duplicates(shared_dir, tmp_path):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    _write(tmp_path, *(extract_document(p.read_bytes(), str(p)) for p in seeds))
    by_seed = {r["source"]["uri"].rsplit("/", 1)[1][:3]: r for r in iter_records(tmp_path)}
    assert len(by_seed) == 5
    assert all(r["near_duplicates"] == [] for r in by_seed.values())
    assert [link["id"] for link in by_seed["004"]["related"]] == [by_seed["001"]["id"]]
    assert all(r["related"] == [] for seed, r in by_seed.items() if seed != "004")


def test_crash_keeps_state_consistent_with_shards(tmp_path):
    """Links and text keys of a shard that never reached disk are rolled back with it."""
    with pytest.raises(RuntimeError):
        with RunWriter(tmp_path) as w:
            w.write_record(_rec(STORY, "a"))
            raise RuntimeError("crash")
    (written,), _, _ = _write(tmp_path, _rec(STORY, "b"))
    assert written
    [record] = iter_records(tmp_path)
    assert record["near_duplicates"] == []


def test_recovered_shard_is_registered_for_dedup(tmp_path):
    _write(tmp_path, _rec(STORY, "a"))
    (tmp_path / "_state.sqlite").unlink()
    (written,), summary, _ = _write(tmp_path, _rec(STORY, "b"))
    assert not written and summary["duplicates"] == 1


def test_manifest_counts_duplicates(tmp_path):
    _, summary, _ = _write(tmp_path, _rec(STORY, "a"), _rec(STORY + "\n", "b"))
    manifest = json.loads((tmp_path / summary["manifest"]).read_text())
    assert manifest["counts"]["duplicates"] == 1
    assert [a["outcome"] for a in accounted(tmp_path, manifest)] == ["record", "skipped_duplicate"]
