"""PDF extraction per file: Arabic-script letters kept, U+FFFD left, and pages/second, beside raw
`page.get_text()` and pdfminer.six on the same files in the same run.

Usage: .venv/bin/python benchmarks/pdf.py [--pages 200] [--repeat 3] [--only NAME]
Files: the real PDFs in ../shared/eval/pdf (validation: read their numbers only), the committed
fixtures in tests/fixtures/pdf (made by scripts/make_pdf_fixtures.py), and two generated long PDFs
(English with running header/footer; the same with a Persian block every third page).

- kept: share of the Arabic-script letters that raw get_text() finds which the draft (title + text,
  OCR on) still has, letters counted as a multiset after NFKC and with Arabic/Persian yeh and kaf as one.
  pdfminer's column is the same share for its extract_text(). Files whose text layer has no
  Arabic letters (broken ToUnicode, scans) show "-": their tests compare with the source text.
- furniture: the same share for the lines the draft strips (running headers and footers, page
  numbers, masthead): kept + furniture = 1 means no other letter was lost.
- FFFD: U+FFFD in raw get_text(), in the record's text, in pdfminer's text.
- speed: pages/second of CPU time, median of --repeat interleaved rounds; ours with OCR off (OCR'd pages are excluded from the
  target); ours/raw = ours / raw get_text (target >= 0.5); dict/raw = MuPDF building the spans alone,
  rawdict/raw = MuPDF building the glyph positions alone: the ceilings of the Python reading (the
  compiled reader, extractors/_stext.c, reads the TextPage itself and needs neither); trace/raw =
  MuPDF's `get_texttrace()` alone (glyphs as tuples, no lines or blocks).
- FFFD raw is 0 where get_text() prints unmapped glyphs as glyph ids ("random letters") instead.
pdfminer.six is a benchmark-only dependency (`pip install -e .[bench]`); without it its columns are "-".
"""
from __future__ import annotations

import argparse
import io
import logging
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pymupdf  # noqa: E402

import pdf_fixtures  # noqa: E402
from extractors.pdf import extract_pdf  # noqa: E402
from extractors.pdf_layout import FLAGS  # noqa: E402

REAL = ROOT.parent / "shared" / "eval" / "pdf"
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
SAME_LETTER = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
MIXED_PAGES = 60  # the Persian blocks embed their font page by page: 200 pages make a 250 MB file
MIN_SECONDS = 0.3  # small files are run again until a measurement lasts this long


def letters(text: str) -> Counter:
    text = unicodedata.normalize("NFKC", text).translate(SAME_LETTER)
    return Counter(c for c in text if ARABIC_LETTER.match(c))


def kept(want: Counter, text: str) -> str:
    if not want:
        return "-"
    have = letters(text)
    return f"{sum(min(n, have[c]) for c, n in want.items()) / sum(want.values()):.3f}"


def raw(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "".join(page.get_text() for page in doc)


def spans(data: bytes) -> None:
    """The floor of the span reading (left-to-right pages): MuPDF building `dict` for every page."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            page.get_textpage(flags=FLAGS).extractDICT()


def rawdict(data: bytes) -> None:
    """The floor of any glyph-level reading: MuPDF building `rawdict` for every page as we ask for
    it (our flags), no Python work."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            page.get_textpage(flags=FLAGS).extractRAWDICT()


def texttrace(data: bytes) -> None:
    """The other glyph-level source: one run of each page through MuPDF's trace device, no TextPage."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            page.get_texttrace()


def ours(data: bytes) -> None:
    extract_pdf(data, uri="bench.pdf", ocr=False)


def pdfminer_text(data: bytes) -> str | None:
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        return None
    return extract_text(io.BytesIO(data))


def seconds(fn, data: bytes) -> float:
    """CPU seconds of one call, averaged over as many calls as make MIN_SECONDS (the machine is
    shared: CPU time of this process, not wall time)."""
    calls, start = 0, time.process_time()
    while True:
        fn(data)
        calls += 1
        elapsed = time.process_time() - start
        if elapsed >= MIN_SECONDS:
            return elapsed / calls


def median_seconds(fns: dict, data: bytes, repeat: int) -> dict:
    """Median of `repeat` rounds for each function, rounds interleaved so that load hits all alike
    (the machine is shared: the median, not the best, of what each side met)."""
    rounds: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            rounds[name].append(seconds(fn, data))
    return {name: statistics.median(times) for name, times in rounds.items()}


# Where extract_pdf's CPU time goes (--stages): (label, module, attribute) of the functions timed,
# each time net of the timed calls inside it. Few calls per page each: the timers cost little.
STAGES = (
    ("open", "extractors.pdf", "_open"), ("open", "pymupdf", "Document.close"),
    ("MuPDF page", "pymupdf", "Document.load_page"), ("MuPDF TextPage", "pymupdf", "Page.get_textpage"),
    ("MuPDF dict/rawdict/text", "pymupdf", "TextPage.extractDICT"), ("MuPDF dict/rawdict/text", "pymupdf", "TextPage.extractRAWDICT"),
    ("MuPDF dict/rawdict/text", "pymupdf", "TextPage.extractText"), ("bomb check", "extractors.pdf", "_check_contents"),
    ("font programs", "extractors.pdf_glyphs", "GlyphRepair.page"), ("lines", "extractors.pdf", "read_page"),
    ("right-to-left", "extractors.pdf_layout", "logical_line"), ("right-to-left", "extractors.pdf_layout", "written_in_order"),
    ("tables", "extractors.pdf_layout", "_tables"), ("furniture+paragraphs", "extractors.pdf", "_body"),
    ("first-page text rules", "extractors.pdf", "extract_text"), ("cover", "extractors.pdf", "read_cover"),
    ("metadata", "extractors.pdf", "read_meta"), ("metadata", "extractors.pdf", "_xmp"), ("rest", "extractors.pdf", "extract_pdf"),
)


def stage_times(data: bytes, calls: int) -> dict[str, float]:
    """CPU seconds per call of extract_pdf by stage (each stage net of the stages it calls)."""
    spent: Counter = Counter()
    inner: list[float] = []

    def timed(label, fn):
        def run(*args, **kwargs):
            start = time.process_time()
            inner.append(0.0)
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.process_time() - start
                spent[label] += elapsed - inner.pop()
                if inner:
                    inner[-1] += elapsed
        return run

    import importlib
    patched = []
    for label, module, attribute in STAGES:
        owner = importlib.import_module(module)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        patched.append((owner, name, getattr(owner, name)))
        setattr(owner, name, timed(label, patched[-1][2]))
    try:
        from extractors import pdf
        for _ in range(calls):
            pdf.extract_pdf(data, uri="bench.pdf", ocr=False)
    finally:
        for owner, name, fn in reversed(patched):
            setattr(owner, name, fn)
    return {label: spent[label] / calls for label, _, _ in STAGES}


def print_stages(files: dict[str, bytes]) -> None:
    labels = list(dict.fromkeys(label for label, _, _ in STAGES))
    print("| file | raw ms/page | ours ms/page | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * (len(labels) + 2))
    for name, data in files.items():
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            pages = doc.page_count
        calls = max(3, round(MIN_SECONDS / max(seconds(ours, data), 1e-4)))
        stages = stage_times(data, calls)
        print(f"| {name} | {1000 * seconds(raw, data) / pages:.2f} | {1000 * sum(stages.values()) / pages:.2f} | "
              + " | ".join(f"{1000 * stages[label] / pages:.2f}" for label in labels) + " |")


def corpora(pages: int) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted(REAL.glob("*.pdf"))}
    files.update({p.name: p.read_bytes() for p in sorted(FIXTURES.glob("*.pdf"))})
    files[f"generated english ({pages} p.)"] = pdf_fixtures.long_pdf(pages)
    if pdf_fixtures.have_font():
        mixed = min(pages, MIXED_PAGES)
        files[f"generated english+persian ({mixed} p.)"] = pdf_fixtures.long_pdf(mixed, persian_every=3)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="run the files whose name contains this")
    parser.add_argument("--stages", action="store_true", help="CPU ms per page by stage of extract_pdf instead")
    args = parser.parse_args()
    logging.getLogger("extractors.pdf").setLevel(logging.ERROR)  # the "not OCR'd" warning, once per timed call
    if args.stages:
        files = corpora(args.pages)
        files["generated english (1 p.)"] = pdf_fixtures.long_pdf(1)
        print_stages({name: data for name, data in files.items() if not args.only or args.only in name})
        return
    print("| file | pages | OCR'd | letters | kept | furniture | kept pdfminer | FFFD raw | FFFD ours | FFFD pdfminer "
          "| raw p/s | ours p/s | pdfminer p/s | dict/raw | rawdict/raw | trace/raw | ours/raw |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, data in corpora(args.pages).items():
        if args.only and args.only not in name:
            continue
        base = raw(data)
        want = letters(base)
        draft = extract_pdf(data, uri=name)  # OCR on: what a record holds
        mine = f"{draft.title or ''}\n{draft.text()}"
        furniture = "\n".join(s.text for s in draft.stripped)
        miner = pdfminer_text(data)
        pages = draft.pdf["pages"]
        median = median_seconds({"raw": raw, "ours": ours, "dict": spans, "rawdict": rawdict, "trace": texttrace}, data, args.repeat)
        raw_pps, our_pps, dict_pps, floor_pps, trace_pps = (pages / median[k] for k in ("raw", "ours", "dict", "rawdict", "trace"))
        miner_pps = f"{pages / seconds(pdfminer_text, data):.0f}" if miner is not None else "-"
        print(f"| {name} | {pages} | {len(draft.pdf['ocr_pages'])} | {sum(want.values())} | {kept(want, mine)} | {kept(want, furniture)} "
              f"| {kept(want, miner) if miner is not None else '-'} | {base.count(chr(0xFFFD))} | {mine.count(chr(0xFFFD))} "
              f"| {miner.count(chr(0xFFFD)) if miner is not None else '-'} | {raw_pps:.0f} | {our_pps:.0f} | {miner_pps} "
              f"| {dict_pps / raw_pps:.2f} | {floor_pps / raw_pps:.2f} | {trace_pps / raw_pps:.2f} | {our_pps / raw_pps:.2f} |")


if __name__ == "__main__":
    main()
