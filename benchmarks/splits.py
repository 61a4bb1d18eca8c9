"""Tune/validation split of every labelled set in ../shared/eval, by site.

Rules are fitted and debugged on tune pages only; validation pages are looked at only through
aggregate numbers (DEVELOPERS.md). A page's part follows from its site alone — a stable hash of the
registrable domain — so every page of one site lands on the same side, and a site added later keeps
the part it would always have had. Sets without sites (language lines) split by the line's own hash.

    python -m benchmarks.splits          # rewrite benchmarks/splits/*.txt from ../shared/eval
    python -m benchmarks.splits --check  # fail when a committed list differs from what the rule gives

Benchmarks read the committed lists (`ids(name, part)`), so a change in the rule shows in review.

>>> site_of("https://www.bbc.co.uk/news/x")
'bbc.co.uk'
>>> site_of("http://forum.example.com/t/1")
'example.com'
>>> part_of("example.com") in ("tune", "validation")
True
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"  # the shared folder sits beside the checkout (CI lays it the same way)
LISTS = Path(__file__).resolve().parent / "splits"
VALIDATION_PERCENT = 30
PARTS = ("tune", "validation")

# second-level labels under which registries sell names (bbc.co.uk, abc.net.au): the site is one label deeper
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go", "gob", "nic"}


def site_of(url: str) -> str:
    """Registrable domain of a URL (approximate public-suffix rule; enough to keep a site on one side)."""
    host = (urlsplit(url).hostname or url).lower().rstrip(".")
    labels = [x for x in host.split(".") if x]
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def part_of(key: str) -> str:
    """'validation' for ~30% of keys, 'tune' for the rest; stable across runs and machines."""
    bucket = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "validation" if bucket < VALIDATION_PERCENT else "tune"


# ---------------------------------------------------------------- one function per labelled set: {id: site key}

def _aeb() -> dict[str, str]:
    gold = json.loads((EVAL / "aeb-dev/ground-truth.json").read_text())
    return {k: site_of(v["url"]) for k, v in gold.items()}


_PAGE_URL = re.compile(rb"""<(?:link[^>]+rel=["']canonical["'][^>]*href|meta[^>]+property=["']og:url["'][^>]*content)=["'](https?://[^"']+)""", re.I)


def _wcxb(folder: str) -> dict[str, str]:
    """The gold's URL, else the page's own canonical/og:url, else the page id (a site of its own)."""
    out = {}
    for path in sorted((EVAL / folder / "ground-truth").glob("*.json")):
        url = json.loads(path.read_text()).get("url")
        if not url:
            found = _PAGE_URL.search(gzip.open(EVAL / folder / "html" / f"{path.stem}.html.gz").read())
            url = found.group(1).decode("ascii", "replace") if found else None
        out[path.stem] = site_of(url) if url else f"page:{folder}/{path.stem}"
    return out


def _forum_posts() -> dict[str, str]:
    gold = json.loads((EVAL / "forum-posts-dev/gold.json").read_text())
    return {k: site_of(v["url"]) for k, v in gold.items()}


def _text_dumps(kind: str, pages: dict[str, str]) -> dict[str, str]:
    """Text dumps are the dev pages as text: each keeps the site (and so the part) of its page."""
    ids = json.loads((EVAL / f"text-dumps-dev/{kind}/gold.json").read_text())
    return {k: pages.get(k, k) for k in ids}


def _langid() -> dict[str, str]:
    """Language lines have no site: `<file>:<line number>` keyed by the line's own text."""
    out = {}
    for path in sorted(EVAL.glob("langid/**/*")):
        if path.is_file() and path.suffix in ("", ".txt") and path.name != "README.md":
            rel = path.relative_to(EVAL / "langid").as_posix()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    out[f"{rel}:{n}"] = line.strip()
    return out


def _pdf() -> dict[str, str]:
    """The real PDFs are too few to tune on: all are validation (tuning uses generated fixtures)."""
    return {p.name: "" for p in sorted((EVAL / "pdf").glob("*.pdf"))}


def sets() -> dict[str, dict[str, str]]:
    aeb, forum = _aeb(), _wcxb("wcxb-forum-dev")
    return {
        "aeb-dev": aeb,
        "wcxb-dev": _wcxb("wcxb-dev"),
        "wcxb-forum-dev": forum,
        "forum-posts-dev": _forum_posts(),
        "text-dumps-articles": _text_dumps("articles", aeb),
        "text-dumps-forums": _text_dumps("forums", forum),
        "langid": _langid(),
        "pdf": _pdf(),
    }


def assign(name: str, keys: dict[str, str]) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {p: [] for p in PARTS}
    for item, key in sorted(keys.items()):
        parts["validation" if name == "pdf" else part_of(key)].append(item)
    return parts


def ids(name: str, part: str) -> set[str]:
    """The committed ids of one part of one set (what benchmarks filter on)."""
    return set((LISTS / f"{name}-{part}.txt").read_text(encoding="utf-8").split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed lists instead of writing")
    args = ap.parse_args(argv)
    LISTS.mkdir(exist_ok=True)
    stale = []
    for name, keys in sets().items():
        for part, items in assign(name, keys).items():
            path = LISTS / f"{name}-{part}.txt"
            text = "".join(f"{i}\n" for i in items)
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(path.name)
            else:
                path.write_text(text, encoding="utf-8")
            print(f"{name:22} {part:10} {len(items):6}")
    if stale:
        print("stale:", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
