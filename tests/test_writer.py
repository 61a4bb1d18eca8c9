"""The writer: atomic shards, quarantine, manifests, idempotent reruns, one run per directory."""
from __future__ import annotations

import json

import pytest

from extractors.pipeline import extract_document
from output.reader import accounted
from output.writer import OutputLocked, RunWriter

ARTICLE = ("A Headline About Rivers\n\n"
           "The river rose by two metres overnight, flooding the lower town and closing the bridge.\n\n"
           "Officials said the water would recede by Friday, and schools would reopen next week.\n").encode()


def _record(uri="file:///a.txt", data=ARTICLE):
    return extract_document(data, uri)


def _lines(out):
    return [json.loads(line) for p in sorted(out.glob("records-*.jsonl")) for line in p.read_text().splitlines()]


def test_records_manifest_and_quarantine(tmp_path):
    with RunWriter(tmp_path, inputs=["x"]) as w:
        assert w.write_record(_record())
        w.write_quarantine(uri="/bad.bin", error="UnsupportedFormat", reason="unsupported_format", message="binary")
        summary = w.close()
    assert summary["records"] == 1 and summary["quarantined"] == 1
    assert len(_lines(tmp_path)) == 1
    [q] = list(tmp_path.glob("quarantine-*.jsonl"))
    entry = json.loads(q.read_text())
    assert entry["reason"] == "unsupported_format" and entry["uri"] == "/bad.bin"
    manifest = json.loads((tmp_path / summary["manifest"]).read_text())
    assert manifest["counts"]["records"] == 1 and manifest["counts"]["quarantined"] == 1
    assert {f["file"] for f in manifest["files"]} == {p.name for p in tmp_path.glob("*.jsonl")} - {manifest["accounted"]["file"]}
    assert all(len(f["sha256"]) == 64 for f in manifest["files"])
    assert [a["outcome"] for a in accounted(tmp_path, manifest)] == ["record", "quarantined"]
    assert not list(tmp_path.glob("*.partial"))


def test_rerun_writes_no_duplicates(tmp_path):
    for _ in range(2):
        with RunWriter(tmp_path) as w:
            w.write_record(_record())
            w.write_record(_record())  # same document twice in one run
    assert len(_lines(tmp_path)) == 1


def test_changed_content_is_a_new_record(tmp_path):
    with RunWriter(tmp_path) as w:
        w.write_record(_record())
    with RunWriter(tmp_path) as w:
        w.write_record(_record(data=ARTICLE + b"\nA correction was appended to the story later that day.\n"))
    assert len(_lines(tmp_path)) == 2


def test_shards_and_gzip(tmp_path):
    import gzip

    with RunWriter(tmp_path, shard_records=2, compress="gz") as w:
        for i in range(5):
            w.write_record(_record(uri=f"file:///{i}.txt", data=ARTICLE.replace(b"two", str(i).encode())))
    shards = sorted(tmp_path.glob("records-*.jsonl.gz"))
    assert len(shards) == 3
    assert sum(len(gzip.open(p, "rt").read().splitlines()) for p in shards) == 5


def test_second_writer_on_same_directory_refuses(tmp_path):
    with RunWriter(tmp_path):
        with pytest.raises(OutputLocked, match="another docingest run"):
            RunWriter(tmp_path).__enter__()


def test_failed_run_leaves_no_partial_files(tmp_path):
    with pytest.raises(RuntimeError):
        with RunWriter(tmp_path) as w:
            w.write_record(_record())
            raise RuntimeError("crash")
    assert not list(tmp_path.glob("records-*")) and not list(tmp_path.glob("*.partial"))


def test_input_outcomes_stream_to_a_file_the_manifest_names_and_verify_checks(tmp_path):
    """Bounded memory: each input's outcome is on disk when it is written, not in a list until the end."""
    from flows.verify import verify

    with RunWriter(tmp_path) as w:
        for n in range(3):
            w.write_quarantine(uri=f"/bad{n}.bin", error="UnsupportedFormat", reason="unsupported_format", message="binary")
        w._accounted.handle.flush()
        [partial] = tmp_path.glob(".manifest-*.accounted.jsonl.partial")
        assert len(partial.read_bytes().splitlines()) == 3
        summary = w.close()
    manifest = json.loads((tmp_path / summary["manifest"]).read_text())
    assert manifest["counts"]["inputs"] == manifest["accounted"]["entries"] == 3
    assert [a["uri"] for a in accounted(tmp_path, manifest)] == ["/bad0.bin", "/bad1.bin", "/bad2.bin"]
    assert verify(tmp_path).ok
    outcomes = tmp_path / manifest["accounted"]["file"]
    outcomes.write_text(outcomes.read_text().replace("/bad2.bin", "/other.bin"))
    assert any("changed since it was written" in p for p in verify(tmp_path).problems)


def test_shard_on_disk_but_not_in_state_is_recovered(tmp_path):
    """A crash between renaming a shard and updating the state must not cause duplicates."""
    with RunWriter(tmp_path) as w:
        w.write_record(_record())
    (tmp_path / "_state.sqlite").unlink()
    with RunWriter(tmp_path) as w:
        assert not w.write_record(_record())
    assert len(_lines(tmp_path)) == 1


def test_checkpoints_commit_records_and_quarantine_while_the_run_goes(tmp_path):
    """Every `checkpoint_docs` inputs the open files are renamed into place: a reader (or a crash)
    sees them before the run ends, and quarantine entries never pile up in memory."""
    with RunWriter(tmp_path, checkpoint_docs=3) as w:
        for i in range(4):
            w.write_record(_record(f"file:///a{i}.txt", ARTICLE.replace(b"two metres", f"{i + 2} metres".encode())))
        for i in range(5):
            w.write_quarantine(uri=f"/bad{i}.bin", error="UnsupportedFormat", reason="unsupported_format", message="binary")
        committed = sorted(p.name.split("-")[0] for p in tmp_path.glob("*.jsonl"))
        assert committed == ["quarantine", "quarantine", "records", "records"]  # before close()
        summary = w.close()
    assert summary["records"] == 4 and summary["quarantined"] == 5
    assert sum(1 for p in tmp_path.glob("quarantine-*.jsonl") for _ in p.read_text().splitlines()) == 5


def test_a_run_after_an_interrupted_one_reports_what_that_run_had_written(tmp_path):
    with pytest.raises(RuntimeError):
        with RunWriter(tmp_path, checkpoint_docs=1) as w:
            w.write_record(_record("file:///a.txt"))
            w.write_quarantine(uri="/bad.bin", error="UnsupportedFormat", reason="unsupported_format", message="binary")
            raise RuntimeError("the run stops here")
    with RunWriter(tmp_path) as w:
        assert list(w.resumed_quarantine()) == ["/bad.bin"]
        assert not w.write_record(_record("file:///a.txt"))  # already written by the interrupted run
        manifest = json.loads((tmp_path / w.close()["manifest"]).read_text())
    [earlier] = manifest["resumed_from"]
    assert (earlier["records"], earlier["quarantined"]) == (1, 1)
    assert manifest["counts"]["written_by_interrupted_runs"] == 2
    with RunWriter(tmp_path) as w:  # reported once: the next run builds on a finished run
        assert w.resumed_from == []
