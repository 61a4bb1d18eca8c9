"""Containers opened into documents: WARC captures, gzip/zstd/bzip2 streams, with caps against bombs."""
from __future__ import annotations

import bz2
import gzip
import json

import pytest
import zstandard

from extractors.pipeline import Options
from extractors.unpack import ARCHIVE_EXPANSION, MAX_DEPTH, unpack
from flows.ingest import each_document
from flows.process import process_source
from flows.sources import Source
from flows.verify import verify
from output.errors import CorruptInput, DecompressionBomb
from output.reader import accounted
from output.stats import collect
from output.writer import RunWriter
from tests.warc_fixtures import ROOT, capture, gzip_members, http_response, sample_crawl, warc_record

PAGE = (ROOT / "samples" / "article.html").read_bytes()


def test_warc_captures_become_parts_and_other_records_are_counted():
    parts = list(unpack(gzip_members(sample_crawl()), "/in/crawl.warc.gz", 1 << 20))
    documents = [p for p in parts if not p.skipped]
    assert [p.uri for p in documents] == ["https://news.example.org/2024/03/solar-farm",
                                          "https://forum.example.org/t/rain-gauge-drift"]
    assert sorted(p.skipped for p in parts if p.skipped) == ["http_3xx", "metadata", "metadata", "metadata",
                                                              "request", "request", "request", "warcinfo"]
    first = documents[0]
    assert first.data == PAGE and first.charset == "utf-8" and first.http["status"] == 200
    assert first.provenance == {"uri": "/in/crawl.warc.gz", "record": 2, "captured_at": "2024-03-06T12:00:00+00:00",
                                "target_uri": first.uri, "warc_record_id": first.provenance["warc_record_id"]}


def test_uncompressed_warc_and_one_compressed_stream_read_the_same():
    records = sample_crawl()
    plain = [(p.skipped, p.data) for p in unpack(b"".join(records), "/in/c.warc", 1 << 20)]
    for compress in (gzip.compress, bz2.compress, zstandard.ZstdCompressor().compress):
        one_stream = [(p.skipped, p.data) for p in unpack(compress(b"".join(records)), "/in/c.warc.x", 1 << 20)]
        assert plain == one_stream and len(plain) == 10


def test_content_encoded_capture_is_decoded():
    body = gzip.compress(PAGE)
    record = warc_record("response", "https://example.org/z", http_response(body, extra="Content-Encoding: gzip\r\n"),
                         content_type="application/http; msgtype=response")
    [part] = unpack(record, "/in/z.warc", 1 << 20)
    assert part.data == PAGE


def test_truncated_warc_yields_what_came_before_then_names_the_damage():
    data = gzip_members(sample_crawl())
    cut = data[: len(data) // 2]
    parts = []
    with pytest.raises(CorruptInput, match="truncated"):
        for part in unpack(cut, "/in/cut.warc.gz", 1 << 20):
            parts.append(part)
    assert parts and parts[0].skipped == "warcinfo"


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, zstandard.ZstdCompressor().compress])
def test_compressed_document_is_itself_and_a_bomb_is_refused(compress):
    [part] = unpack(compress(PAGE), "/in/page.html.x", 1 << 20)
    assert part.uri == "/in/page.html.x" and part.data == PAGE
    with pytest.raises(DecompressionBomb, match="beyond the 10000-byte cap"):
        list(unpack(compress(b"\0" * 5_000_000), "/in/bomb.x", 10_000))


def test_warc_documents_together_are_capped_too():
    records = [r for i in range(ARCHIVE_EXPANSION + 2) for r in capture(f"https://example.org/{i}", b"<p>" + b"x" * 900 + b"</p>")]
    with pytest.raises(DecompressionBomb, match="holds more than"):
        list(unpack(gzip_members(records), "/in/many.warc.gz", 1000))


def test_damaged_and_deeply_nested_streams_are_corrupt_input():
    with pytest.raises(CorruptInput, match="not valid compressed data"):
        list(unpack(b"\x1f\x8b\x08\x00" + b"garbage" * 20, "/in/bad.gz", 1 << 20))
    nested = PAGE
    for _ in range(MAX_DEPTH + 1):
        nested = gzip.compress(nested)
    with pytest.raises(CorruptInput, match="nests containers"):
        list(unpack(nested, "/in/deep.gz", 1 << 20))


def test_process_source_gives_one_outcome_per_capture(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip_members(sample_crawl()))
    outcome = process_source(Source(str(path), str(path)), Options())
    container = outcome["container"]
    assert container["skipped"] == {"warcinfo": 1, "request": 3, "metadata": 3, "http_3xx": 1}
    kinds = [o["record"]["kind"] for o in outcome["outcomes"]]
    assert kinds == ["article", "forum_thread"]
    source = outcome["outcomes"][1]["record"]["source"]
    assert source["uri"] == "https://forum.example.org/t/rain-gauge-drift"
    assert source["container"]["uri"] == str(path) and source["container"]["captured_at"].startswith("2024-03-06")


def test_compressed_single_document_is_a_plain_outcome(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE))
    outcome = process_source(Source(str(path), str(path)), Options())
    assert outcome["record"]["source"]["uri"] == str(path) and outcome["record"]["title"]
    bomb = tmp_path / "bomb.gz"
    bomb.write_bytes(gzip.compress(b"a" * 3_000_000))
    assert process_source(Source(str(bomb), str(bomb)), Options(max_bytes=100_000))["quarantine"]["reason"] == "decompression_bomb"


def test_a_truncated_warc_keeps_its_good_captures_and_quarantines_the_rest(tmp_path):
    data = gzip_members(sample_crawl())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    outcome = process_source(Source(str(path), str(path)), Options())
    assert "record" in outcome["outcomes"][0]
    last = outcome["outcomes"][-1]["quarantine"]
    assert last["reason"] == "corrupt" and last["uri"].startswith(f"{path}#after-")


def test_manifest_accounts_for_a_warc_and_verify_passes(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip_members(sample_crawl()))
    out = tmp_path / "out"
    outcome = process_source(Source(str(path), str(path)), Options())
    with RunWriter(out, inputs=[str(path)], sources=[str(path)]) as writer:
        for each in each_document([outcome], writer):
            writer.write_record(each["record"])
        summary = writer.close()
    assert summary["records"] == 2 and summary["not_documents"] == 8
    manifest = json.loads(next(out.glob("manifest-*.json")).read_text())
    [container] = [a for a in accounted(out, manifest) if a["outcome"] == "container"]
    assert container["uri"] == str(path) and len(container["parts"]) == 2 and container["skipped"]["request"] == 3
    report = verify(out)
    assert report.ok and report.inputs_checked == 1, report.problems
    assert collect(out).not_documents == 8  # `docingest stats` counts them too


def test_a_capture_whose_encoded_body_does_not_decode_is_quarantined_and_the_next_one_read(tmp_path):
    cut = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(PAGE)[:40]
    records = [warc_record("response", "https://example.org/cut", cut, content_type="application/http; msgtype=response"),
               *capture("https://example.org/whole", PAGE)]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip_members(records))
    outcomes = process_source(Source(str(path), str(path)), Options())["outcomes"]
    assert [("quarantine", o["quarantine"]["uri"], o["quarantine"]["reason"]) if "quarantine" in o
            else ("record", o["record"]["source"]["uri"], None) for o in outcomes] == [
        ("quarantine", "https://example.org/cut", "corrupt"), ("record", "https://example.org/whole", None)]
    assert "does not decode" in outcomes[0]["quarantine"]["message"]  # was 'empty': a cut body is no empty page
