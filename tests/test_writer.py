"""The writer: atomic shards, quarantine, manifests, idempotent reruns, one run per directory."""
from __future__ import annotations

import json
import signal
import tracemalloc

import pytest

from extractors.pipeline import extract_document
from output.reader import accounted, sources
from output.writer import OutputLocked, RunWriter
from tests.test_crash import _assert_whole, _corpus, _drive

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


def test_sources_stream_to_a_file_the_manifest_names_with_their_count(tmp_path):
    """The documents the inputs expanded to are on disk from the start, not held in a list for the run."""
    with RunWriter(tmp_path, sources=(f"/data/doc{i}.txt" for i in range(3))) as w:
        [partial] = tmp_path.glob(".manifest-*.sources.jsonl.partial")
        summary = w.close()
    manifest = json.loads((tmp_path / summary["manifest"]).read_text())
    assert manifest["sources"]["file"] == summary["manifest"].removesuffix(".json") + ".sources.jsonl"
    assert manifest["sources"]["entries"] == 3 and len(manifest["sources"]["sha256"]) == 64
    assert list(sources(tmp_path, manifest)) == ["/data/doc0.txt", "/data/doc1.txt", "/data/doc2.txt"]
    assert not partial.exists() and not list(tmp_path.glob("*.partial"))


def test_a_run_without_sources_writes_no_sources_file(tmp_path):
    with RunWriter(tmp_path) as w:
        manifest = json.loads((tmp_path / w.close()["manifest"]).read_text())
    assert "sources" not in manifest and not list(tmp_path.glob("*.sources.jsonl"))


def test_memory_does_not_grow_with_the_number_of_sources(tmp_path):
    """Bounded memory: 200,000 sources cost the writer and their reader what 40,000 do (held in a list,
    200,000 uris of this length would take ~20 MB). Both lists fill more than the 1 MiB chunk the
    file's hash is read in."""
    def peak(n: int) -> int:
        out = tmp_path / str(n)
        tracemalloc.start()
        with RunWriter(out, sources=(f"https://example.org/section/page-{i:07d}.html" for i in range(n))) as w:
            manifest = json.loads((out / w.close()["manifest"]).read_text())
        assert sum(1 for _ in sources(out, manifest)) == n
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(40_000), peak(200_000)
    assert large < small + 512 * 1024, (small, large)


@pytest.mark.parametrize("failpoint", ["checkpoint_committed:2", "manifest:1"])
def test_a_kill_between_a_checkpoint_and_the_manifest_then_a_rerun_lists_every_source_once(tmp_path, failpoint):
    """Killed after a checkpoint (sources file still partial) or after the list files were renamed but
    before the manifest: the rerun removes what no manifest names, and its own sources file lists every input."""
    src, out = _corpus(tmp_path / "in"), tmp_path / "out"
    killed = _drive(src, out, failpoint)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-800:]
    assert not list(out.glob("manifest-*.json"))
    assert list(out.glob(".manifest-*.sources.jsonl.partial")) or list(out.glob("manifest-*.sources.jsonl"))
    assert _drive(src, out).returncode == 0
    _assert_whole(out)  # verify reads the sources file the new manifest names
    [manifest] = out.glob("manifest-*.json")
    assert sorted(out.glob("manifest-*.*.jsonl")) == sorted(out.glob(f"{manifest.stem}.*.jsonl"))
    listed = list(sources(out, json.loads(manifest.read_text())))
    assert sorted(listed) == sorted(str(p.resolve()) for p in src.iterdir())


def _staged_run(out, records, packed: bool = False, **kwargs) -> dict:
    """`records` through the workers' path: staged by output.parts.stage (packed by the worker first, as the
    flow's workers do, if `packed`), decided by the writer, finalized."""
    from output.dedup import fingerprint
    from output.parts import pack, stage

    outcomes = [{"record": r, "fingerprint": fingerprint(r)} for r in records]
    with RunWriter(out, **kwargs) as w:
        staged = stage([pack(o) for o in outcomes] if packed else outcomes, out, w.run_id)
        w.open_part(staged["part"])
        for outcome in staged["outcomes"]:
            w.write_staged(outcome)
        w.close_part()
        return w.close()


def _linked_records() -> list[dict]:
    """A story, a copy of it (skipped), a retelling (near-duplicate link), an agency update (supersedes)."""
    long = ARTICLE + "".join(f"Street {i} was cleared by crew number {i * 3} before noon on the {i}th day.\n"
                             for i in range(20)).encode()
    story, copy = _record("file:///a.txt", long), _record("file:///copy.txt", long)
    retold = _record("file:///b.txt", long + b"The mayor thanked the volunteers who filled sandbags all night.\n")
    first, update = _record("file:///w1.txt", b"Wire\n\nThe port reopened on Tuesday after the storm passed.\n"), \
        _record("file:///w2.txt", b"Wire\n\nThe port reopened on Tuesday after the storm passed, officials said.\n")
    first["delivery"], update["delivery"] = {"guid": "urn:item:1", "version": 1}, {"guid": "urn:item:1", "version": 2}
    return [story, copy, retold, first, update]


def test_shards_written_from_staged_parts_hold_the_bytes_the_writer_would_write(tmp_path):
    """The workers' path (stage, decide, finalize) gives byte for byte the shard the writer writes itself,
    links and agency updates included, and the manifest names every shard with who wrote it."""
    import copy

    records = _linked_records()
    with RunWriter(tmp_path / "here") as w:
        for record in copy.deepcopy(records):
            w.write_record(record)
    summary = _staged_run(tmp_path / "staged", copy.deepcopy(records))
    _staged_run(tmp_path / "packed", records, packed=True)
    [here], [staged], [packed] = (sorted((tmp_path / d).glob("records-*.jsonl")) for d in ("here", "staged", "packed"))
    assert staged.read_bytes() == here.read_bytes() == packed.read_bytes()
    lines = _lines(tmp_path / "staged")
    assert [r["source"]["uri"] for r in lines] == ["file:///a.txt", "file:///b.txt", "file:///w1.txt", "file:///w2.txt"]
    assert lines[1]["near_duplicates"] and lines[3]["delivery"]["supersedes"] == lines[2]["id"]
    assert summary["duplicates"] == 1 and summary["records"] == 4
    [entry] = summary["files"]
    assert entry["file"] == staged.name and entry["records"] == 4 and entry["written_by"]["pid"] > 0
    assert [p.name for p in (tmp_path / "staged").glob(".*")] == [".docingest.lock"]  # no staged part left


def test_a_staged_part_without_changes_is_renamed_and_a_split_one_is_rewritten(tmp_path):
    from output.parts import PartPlan

    assert PartPlan(".part-x.jsonl.partial", 2, [("records-x-00000.jsonl", [(0, None), (1, None)])]).is_rename()
    assert not PartPlan(".part-x.jsonl.partial", 2, [("records-x-00000.jsonl", [(1, None)])]).is_rename()
    assert not PartPlan(".part-x.jsonl.partial", 1, [("records-x-00000.jsonl", [(0, None)])], compress="gz").is_rename()
    records = [_record(f"file:///{i}.txt", ARTICLE.replace(b"two", f"{i}".encode()) + b"x" * i) for i in range(5)]
    summary = _staged_run(tmp_path, records, shard_records=2, compress="gz")
    assert [f["records"] for f in summary["files"]] == [2, 2, 1]
    assert [r["source"]["uri"] for r in _lines_gz(tmp_path)] == [f"file:///{i}.txt" for i in range(5)]


def _lines_gz(out):
    import gzip

    return [json.loads(line) for p in sorted(out.glob("records-*.jsonl.gz")) for line in gzip.open(p, "rt")]


def test_a_staged_part_no_plan_names_is_removed_when_the_run_closes(tmp_path):
    """A batch staged by a worker that died before answering is staged again elsewhere: the lost copy goes."""
    with RunWriter(tmp_path) as w:
        lost = tmp_path / f".part-{w.run_id}-0123456789ab.jsonl.partial"
        lost.write_bytes(b'{"id": "half"}\n')
    assert not lost.exists() and not list(tmp_path.glob("records-*"))
