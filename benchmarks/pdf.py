"""Pages per second of extract_pdf beside raw `page.get_text()` on the same 200-page PDFs.

Usage: .venv/bin/python benchmarks/pdf.py [--pages 200] [--repeat 3]
The PDFs are generated (tests/pdf_fixtures.py): English with running header/footer, and the same
with a Persian block every third page (which takes the glyph-level right-to-left path).
Each figure is the best of --repeat runs, so a busy shared machine disturbs it less.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pymupdf  # noqa: E402

import pdf_fixtures  # noqa: E402
from extractors.pdf import extract_pdf  # noqa: E402


def raw(data: bytes) -> None:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            page.get_text()


def ours(data: bytes) -> None:
    extract_pdf(data, uri="bench.pdf")


def best(fn, data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpora = {"english": pdf_fixtures.long_pdf(args.pages)}
    if pdf_fixtures.have_font():
        corpora["english+persian"] = pdf_fixtures.long_pdf(args.pages, persian_every=3)
    print(f"| PDF ({args.pages} pages) | raw get_text() p/s | extract_pdf p/s | ratio |")
    print("|---|---:|---:|---:|")
    for name, data in corpora.items():
        base = args.pages / best(raw, data, args.repeat)
        mine = args.pages / best(ours, data, args.repeat)
        print(f"| {name} | {base:.0f} | {mine:.0f} | {mine / base:.2f} |")


if __name__ == "__main__":
    main()
