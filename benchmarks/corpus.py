"""A mixed corpus of any size for the end-to-end benchmark, written to disk one document at a time.

Made from the shared eval pages and the seeds: real article and forum pages with a random share of
their paragraphs dropped, real text dumps with lines dropped, and new articles (plain text, small
HTML pages, short PDFs) whose paragraphs are drawn from the gold texts and the language-ID
sentences (Persian, Arabic, Russian, Urdu... beside English). Every document differs in its text,
so deduplication links some of them but collapses none. A few empty and binary inputs exercise
the quarantine. Deterministic for a given seed; nothing is held in memory but the pools.

    .venv/bin/python -m benchmarks.corpus OUT_DIR [-n 20000] [--seed 0]
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

_P_BLOCK = re.compile(rb"<p[ >].*?</p>", re.S | re.I)
LANGS = ("fa", "ar", "ru", "ur", "de", "fr", "tr", "es")  # languages of the generated non-English articles
# Share of each kind: mostly small generated documents (as a crawl of news items is), real pages,
# text dumps and PDFs in smaller shares, and a few bad inputs that must be quarantined.
MIX = {"text": 0.32, "html": 0.36, "page": 0.12, "forum": 0.03, "dump": 0.1, "pdf": 0.05, "bad": 0.02}


class Pools:
    """Everything documents are made from, loaded once."""

    def __init__(self) -> None:
        gold = json.loads((EVAL / "aeb-dev/ground-truth.json").read_text())
        dumps = [json.loads((EVAL / f"text-dumps-dev/{k}/gold.json").read_text()) for k in ("articles", "forums")]
        bodies = [v["articleBody"] for v in gold.values()] + [t for d in dumps for t in d.values()]
        bodies += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        self.english = [p.strip() for b in bodies for p in b.split("\n\n") if len(p.strip()) > 80]
        sentences = EVAL / "langid/lingua/sentences"
        self.sentences = {lang: (sentences / f"{lang}.txt").read_text(encoding="utf-8").split("\n")[:2000]
                          for lang in LANGS}
        self.pages = [gzip.open(p).read() for p in sorted((EVAL / "aeb-dev/html").glob("*.html.gz"))]
        self.forums = [p.read_bytes() for p in sorted((EVAL / "forum-posts-dev").glob("*.html"))]
        self.dumps = [p.read_bytes() for p in sorted((EVAL / "text-dumps-dev").glob("*/*.txt"))]


def _paragraphs(rng: random.Random, pools: Pools, lang: str) -> list[str]:
    if lang == "en":
        return rng.sample(pools.english, rng.randint(3, 9))
    lines = pools.sentences[lang]
    return [" ".join(rng.sample(lines, rng.randint(2, 4))) for _ in range(rng.randint(3, 8))]


def _byline(rng: random.Random, i: int) -> tuple[str, str]:
    return f"Reporter {i % 997}", f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])} {rng.randint(2015, 2024)}"


def text_article(rng: random.Random, pools: Pools, i: int) -> bytes:
    lang = "en" if rng.random() < 0.6 else rng.choice(LANGS)
    paras = _paragraphs(rng, pools, lang)
    author, date = _byline(rng, i)
    return "\n\n".join([paras[0][:90], f"By {author}", date, *paras[1:]]).encode()


def html_article(rng: random.Random, pools: Pools, i: int) -> bytes:
    lang = "en" if rng.random() < 0.6 else rng.choice(LANGS)
    paras = [html.escape(p) for p in _paragraphs(rng, pools, lang)]
    author, date = _byline(rng, i)
    nav = "".join(f'<li><a href="/s/{k}">Section {k}</a></li>' for k in range(12))
    body = "".join(f"<p>{p}</p>" for p in paras[1:])
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{paras[0][:80]} | Daily {i % 50}</title>'
            f'<meta name="author" content="{author}"><meta property="article:published_time" content="{date}">'
            f'</head><body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>{paras[0][:80]}</h1>'
            f'<p class="byline">By {author}, {date}</p>{body}</article></main>'
            f'<footer><p>© Daily {i % 50}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>').encode()


def _drop(rng: random.Random, blocks: list[bytes], share: float) -> list[bytes]:
    """Blocks with a random `share` of them removed (the first always kept)."""
    return blocks[:1] + [b for b in blocks[1:] if rng.random() >= share]


def real_page(rng: random.Random, pages: list[bytes]) -> bytes:
    """A real page with about a third of its <p> elements taken out."""
    page = rng.choice(pages)
    kept = set(_drop(rng, _P_BLOCK.findall(page), 0.35))
    return _P_BLOCK.sub(lambda m: m.group(0) if m.group(0) in kept else b"", page)


def text_dump(rng: random.Random, pools: Pools) -> bytes:
    return b"\n".join(_drop(rng, rng.choice(pools.dumps).split(b"\n"), 0.2))


def pdf_article(rng: random.Random, pools: Pools) -> bytes:
    import pymupdf

    from pdf_fixtures import Writer

    doc = pymupdf.open()
    writer = Writer(doc)
    writer.new_page()
    for p in rng.sample(pools.english, rng.randint(4, 14)):
        writer.paragraph(p.encode("latin-1", "replace").decode("latin-1"))  # the fixture fonts are Latin only
    return doc.tobytes(garbage=1)


def bad_input(rng: random.Random) -> bytes:
    return rng.choice([b"", b" \n\t ", b"\x89PNG\r\n\x1a\n" + rng.randbytes(2000), rng.randbytes(3000)])


def document(i: int, pools: Pools, seed: int = 0) -> tuple[str, bytes]:
    """Document number `i` of the corpus: (file name, bytes); the same for the same seed."""
    rng = random.Random(f"{seed}-{i}")
    kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    make = {
        "text": lambda: (".txt", text_article(rng, pools, i)),
        "html": lambda: (".html", html_article(rng, pools, i)),
        "page": lambda: (".html", real_page(rng, pools.pages)),
        "forum": lambda: (".html", real_page(rng, pools.forums)),
        "dump": lambda: (".txt", text_dump(rng, pools)),
        "pdf": lambda: (".pdf", pdf_article(rng, pools)),
        "bad": lambda: (".bin", bad_input(rng)),
    }
    suffix, data = make[kind]()
    return f"{i:06d}-{kind}{suffix}", data


def write_corpus(out: Path, n: int, seed: int = 0) -> list[Path]:
    """Write documents 0..n-1 into `out` (existing ones are kept: a larger corpus extends a smaller one)."""
    out.mkdir(parents=True, exist_ok=True)
    pools, paths = None, []
    existing = {p.name[:6]: p for p in out.iterdir()}
    for i in range(n):
        hit = existing.get(f"{i:06d}")
        if hit is None:
            pools = pools or Pools()
            name, data = document(i, pools, seed)
            hit = out / name
            hit.write_bytes(data)
        paths.append(hit)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.n, args.seed)
    print(f"{len(paths)} documents, {sum(p.stat().st_size for p in paths) / 2**20:.0f} MB in {args.out}")


if __name__ == "__main__":
    main()
