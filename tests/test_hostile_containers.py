"""A container (WARC, .gz) runs as one pool task, yet the time limit is per document: a slow document inside
is quarantined as `timeout` and the others still become records, however many the container holds."""
from __future__ import annotations

import time

import pytest
from warc_fixtures import gzip_members, http_response, warc_record

import flows.process as proc
from extractors.pipeline import Options
from flows.process import process_source, time_limit
from flows.sources import Source

PAGE = b"<html><head><title>River</title></head><body><article><p>" + b"The committee published its report on the river. " * 4 + b"</p></article></body></html>"


def _warc(targets: list[str]) -> bytes:
    return gzip_members([warc_record("response", t, http_response(PAGE), content_type="application/http; msgtype=response")
                         for t in targets])


@pytest.mark.timeout(60)
def test_a_slow_document_in_a_warc_is_quarantined_and_the_others_are_records(tmp_path, monkeypatch):
    extract = proc.extract_document

    def stalls_on_slow(data, uri, **kwargs):
        if "/slow" in uri:
            try:  # an extractor's broad `except` must not swallow the limit for good
                time.sleep(30)
            except Exception:
                time.sleep(30)
        return extract(data, uri, **kwargs)

    monkeypatch.setattr(proc, "extract_document", stalls_on_slow)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(["https://example.org/a", "https://example.org/slow", "https://example.org/b"]))
    outcome = process_source(Source(str(path), str(path)), Options(doc_timeout=0.5))  # in the main thread, as in a worker
    by_uri = {o["quarantine"]["uri"] if "quarantine" in o else o["record"]["source"]["uri"]: o for o in outcome["outcomes"]}
    assert by_uri["https://example.org/slow"]["quarantine"]["reason"] == "timeout"
    assert "committee published" in by_uri["https://example.org/a"]["record"]["text"]
    assert "committee published" in by_uri["https://example.org/b"]["record"]["text"]


def test_a_container_gets_no_pool_limit_a_document_gets_the_per_document_one(tmp_path):
    warc, page = tmp_path / "crawl.warc.gz", tmp_path / "page.html"
    warc.write_bytes(_warc(["https://example.org/a"]))
    page.write_bytes(PAGE)
    options = Options(doc_timeout=7)
    assert time_limit(Source(str(warc), str(warc)), options) is None
    assert time_limit(Source(str(page), str(page)), options) == 7
    assert time_limit(Source(str(tmp_path / "gone.html"), str(tmp_path / "gone.html")), options) == 7


def test_a_big_document_gets_more_time_by_its_size(tmp_path):
    """A 20 MB page is a real document that takes a minute or more: its limit grows with its size, a small one's does not."""
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 20_999_997)
    options = Options(doc_timeout=60, doc_timeout_per_mb=5)
    assert time_limit(Source(str(big), str(big)), options) == 60 + 5 * 20
    assert options.time_limit(500_000) == 60 and options.time_limit(None) == 60
