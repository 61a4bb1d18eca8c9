"""WARC files written by hand (the format is plain text headers), so tests need no WARC writer.

`samples/crawl.warc.gz` is made by `python -m tests.warc_fixtures samples/crawl.warc.gz`.
"""
from __future__ import annotations

import gzip
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def warc_record(kind: str, target: str | None, block: bytes, *, content_type: str, date: str = "2024-03-06T12:00:00Z") -> bytes:
    headers = [("WARC-Type", kind), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind}:{target}')}>"),
               ("WARC-Date", date)]
    if target:
        headers.append(("WARC-Target-URI", target))
    headers += [("Content-Type", content_type), ("Content-Length", str(len(block)))]
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode() + block + b"\r\n\r\n"


def http_response(body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8", extra: str = "") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    return head.encode() + body


def capture(target: str, body: bytes, **kwargs) -> list[bytes]:
    """What a crawler writes for one page: the request, the response and a metadata record."""
    request = f"GET / HTTP/1.1\r\nHost: {target.split('/')[2]}\r\n\r\n".encode()
    return [warc_record("request", target, request, content_type="application/http; msgtype=request"),
            warc_record("response", target, http_response(body, **kwargs), content_type="application/http; msgtype=response"),
            warc_record("metadata", target, b"fetchTimeMs: 120\r\n", content_type="application/warc-fields")]


def gzip_members(records: list[bytes]) -> bytes:
    """A .warc.gz: one gzip member per record, as crawlers write them (so readers can seek)."""
    return b"".join(gzip.compress(r, mtime=0) for r in records)


def sample_crawl() -> list[bytes]:
    """Two pages of the samples as a crawl would store them, a redirect, and the warcinfo record."""
    info = warc_record("warcinfo", None, b"software: docingest tests\r\nformat: WARC File Format 1.1\r\n",
                       content_type="application/warc-fields")
    records = [info]
    records += capture("https://news.example.org/2024/03/solar-farm", (ROOT / "samples" / "article.html").read_bytes())
    records += capture("https://forum.example.org/t/rain-gauge-drift", (ROOT / "samples" / "forum-thread.html").read_bytes())
    records += capture("https://forum.example.org/t/old-link", b"", status="301 Moved Permanently",
                       extra="Location: https://forum.example.org/t/rain-gauge-drift\r\n")
    return records


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(gzip_members(sample_crawl()))
