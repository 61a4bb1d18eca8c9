"""FastWARC vs warcio on the same generated WARC: records/s reading every payload, and what each
does with a truncated file. Decided which reader extractors/unpack.py uses (numbers printed, not asserted).

Usage: .venv/bin/python benchmarks/warc_readers.py [--records N] [--repeat R]
"""
from __future__ import annotations

import argparse
import gzip
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / ".." / "shared" / "eval" / "wcxb-dev" / "html"


def page_bodies(limit: int) -> list[bytes]:
    """Real pages from the eval set (any split: only their size and markup matter here), cycled to `limit`."""
    files = sorted(PAGES.glob("*.html.gz"))[:200]
    bodies = [gzip.decompress(f.read_bytes()) for f in files] or [b"<html><body><p>x</p></body></html>"]
    return [bodies[i % len(bodies)] for i in range(limit)]


def write_warc(path: Path, records: int) -> None:
    """A gzip'd WARC as crawlers write it: warcinfo, then request + response + metadata per page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("bench.warc.gz", {"software": "docingest bench"}))
        for i, body in enumerate(page_bodies(records)):
            uri = f"https://example.org/page/{i}"
            req = StatusAndHeaders("GET /page HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=req))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
            writer.write_record(writer.create_warc_record(uri, "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\n"),
                                                          warc_content_type="text/plain"))


def read_fastwarc(data: bytes) -> tuple[int, int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = size = 0
    for record in ArchiveIterator(io.BytesIO(data), record_types=WarcRecordType.response, parse_http=True):
        size += len(record.reader.read())
        count += 1
    return count, size


def read_warcio(data: bytes) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    count = size = 0
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type == "response":
            size += len(record.content_stream().read())
            count += 1
    return count, size


def robustness(reader, data: bytes) -> str:
    """What a reader makes of the file cut at 60%: records read before it stopped, and how it stopped."""
    cut = data[: int(len(data) * 0.6)]
    count = 0
    try:
        count = reader(cut)[0]
        return f"{count} records, no error"
    except Exception as exc:  # each library raises its own kind; reporting it is the point
        return f"raised {type(exc).__name__}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000, help="response records in the generated WARC")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per reader (best is kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        write_warc(path, args.records)
        data = path.read_bytes()
    print(f"WARC: {args.records} responses (+ requests, metadata), {len(data) / 1e6:.1f} MB gzip'd")
    results = {}
    for name, reader in (("fastwarc", read_fastwarc), ("warcio", read_warcio)):
        best = min(_timed(reader, data) for _ in range(args.repeat))
        results[name] = best
        print(f"{name:9s} {args.records / best:8.0f} responses/s  ({best:.2f} s)  truncated at 60%: {robustness(reader, data)}")
    print(f"fastwarc / warcio speed: {results['warcio'] / results['fastwarc']:.1f}x")
    return 0


def _timed(reader, data: bytes) -> float:
    start = time.perf_counter()
    reader(data)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
