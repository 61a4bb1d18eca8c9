"""`docingest verify` catches each broken promise it is meant to catch."""
from __future__ import annotations

import json

from extractors.pipeline import extract_document
from flows.cli import main
from flows.verify import verify
from output.writer import RunWriter

TEXT = b"River Report\n\nThe river rose by two metres overnight and the bridge was closed to traffic.\n"


def _good_output(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_bytes(TEXT)
    out = tmp_path / "out"
    with RunWriter(out, inputs=[str(src)], sources=[str(src.resolve())]) as w:
        w.write_record(extract_document(TEXT, str(src.resolve())))
    return out, src


def test_clean_output_passes(tmp_path, capsys):
    out, _ = _good_output(tmp_path)
    assert verify(out).ok
    assert main(["verify", str(out)]) == 0
    assert "ok" in capsys.readouterr().out


def test_truncated_line_is_reported(tmp_path):
    out, _ = _good_output(tmp_path)
    [shard] = out.glob("records-*.jsonl")
    shard.write_bytes(shard.read_bytes()[:-40])
    problems = " ".join(verify(out).problems)
    assert "truncated" in problems and "sha256 differs" in problems


def test_duplicate_ids_are_reported(tmp_path):
    out, _ = _good_output(tmp_path)
    [shard] = out.glob("records-*.jsonl")
    (out / "records-copy.jsonl").write_bytes(shard.read_bytes())
    assert any("duplicate record id" in p for p in verify(out).problems)


def test_unaccounted_input_is_reported(tmp_path, capsys):
    out, src = _good_output(tmp_path)
    manifest = next(out.glob("manifest-*.json"))
    data = json.loads(manifest.read_text())
    data["sources"] = [str(src.resolve()), str(src.parent.resolve() / "doc2.txt")]
    manifest.write_text(json.dumps(data))
    report = verify(out)
    assert any("doc2.txt has no record" in p for p in report.problems)
    assert main(["verify", str(out)]) == 1


def test_a_directory_that_grew_after_the_run_still_verifies(tmp_path):
    """verify checks what the run recorded, not what the inputs expand to today."""
    out, src = _good_output(tmp_path)
    (src.parent / "doc2.txt").write_bytes(TEXT)
    assert verify(out).ok


def test_container_parts_must_each_be_accounted(tmp_path):
    src = tmp_path / "crawl.warc.gz"
    out = tmp_path / "out"
    with RunWriter(out, inputs=[str(src)], sources=[str(src)]) as w:
        w.write_container(str(src), ["https://example.org/a", "https://example.org/b"], {"request": 2})
        w.write_record(extract_document(TEXT, "https://example.org/a"))
    report = verify(out)
    assert report.inputs_checked == 1
    assert report.problems == [f"{next(out.glob('manifest-*.json')).name}: https://example.org/b (inside {src}) "
                               "has no record, quarantine entry or skip"]


def test_compressed_shards_verify(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_bytes(TEXT)
    for compress in ("gz", "zst"):
        out = tmp_path / compress
        with RunWriter(out, inputs=[str(src)], compress=compress) as w:
            w.write_record(extract_document(TEXT, str(src.resolve())))
        report = verify(out)
        assert report.ok and report.records == 1, report.problems
        [shard] = out.glob("records-*")
        shard.write_bytes(shard.read_bytes()[:20])
        assert not verify(out).ok


def test_sources_are_read_from_the_file_the_manifest_names(tmp_path):
    out, src = _good_output(tmp_path)
    manifest = next(out.glob("manifest-*.json"))
    listed = out / json.loads(manifest.read_text())["sources"]["file"]
    assert [json.loads(line) for line in listed.read_text().splitlines()] == [{"uri": str(src.resolve())}]
    assert verify(out).inputs_checked == 1
    listed.write_text(listed.read_text() + json.dumps({"uri": str(src.parent.resolve() / "doc2.txt")}) + "\n")
    problems = " ".join(verify(out).problems)
    assert "sha256 differs" in problems and "doc2.txt has no record" in problems
    listed.unlink()
    assert any(f"lists {listed.name}, which is missing" in p for p in verify(out).problems)


def test_a_manifest_with_inline_lists_still_verifies(tmp_path):
    """Manifests written before the lists moved to files of their own keep `sources` and `accounted` inline."""
    out, src = _good_output(tmp_path)
    manifest = next(out.glob("manifest-*.json"))
    data = json.loads(manifest.read_text())
    for key in ("sources", "accounted"):
        listed = out / data[key]["file"]
        data[key] = [json.loads(line) for line in listed.read_text().splitlines()]
        listed.unlink()
    data["sources"] = [entry["uri"] for entry in data["sources"]]  # the old form: bare uris
    manifest.write_text(json.dumps(data))
    report = verify(out)
    assert report.ok and report.inputs_checked == 1, report.problems
