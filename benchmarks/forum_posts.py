"""Forum posts on unseen forums: docingest beside harvest-webforum, tune and validation split by site.

usage: python -m benchmarks.forum_posts [--part tune|validation|both] [--limit N] [--worst N] [--no-text]

- forum-posts-dev (WEB-FORUM-52 style gold, ../shared/eval/README.md): per thread, is the post count
  right; per post in page order, author (where gold names a user, not a profile link), date (where
  gold shows a year: as printed, or the same day once parsed), token F1 of the post text.
- wcxb-forum-dev: the thread's main text as one string, WCXB token F1, docingest beside trafilatura
  (comments on: a thread's replies are its content).
Threads/s is extraction alone (bytes in, posts out), one process, pages in memory, one untimed warm-up
call per tool; both tools run in the same process, so the ratio is what to read, not the figure.
`--worst` lists tune threads only: validation is read through its aggregate numbers alone.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.extraction import mean, token_prf, wcxb_score  # noqa: E402  (the WCXB token measure)
from benchmarks.splits import ids  # noqa: E402
from extractors.html import extract_html  # noqa: E402
from normalizers.dates import infer_day_first, parse_date  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"  # the shared folder sits beside the checkout
POSTS_SET, THREADS_SET = "forum-posts-dev", "wcxb-forum-dev"
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"(?:19|20)\d\d|'\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")  # gold dates that name a year are scored
_LINKISH = re.compile(r"^(?:https?:|/|\.{0,2}/|\w[\w.-]*\.php|members/|user_info)|[?=]")  # gold user given as a profile link
_NO_POST = {"user": None, "raw": None, "date": None, "text": ""}


# ---------------------------------------------------------------- data

def load_posts(part: str, limit: int | None = None) -> list[tuple[str, bytes, dict]]:
    """(name, page bytes, gold {url, posts}) of one part of forum-posts-dev, sorted by name."""
    gold = json.loads((EVAL / POSTS_SET / "gold.json").read_text(encoding="utf-8"))
    names = sorted(ids(POSTS_SET, part) & gold.keys())[:limit]
    return [(k, (EVAL / POSTS_SET / f"{k}.html").read_bytes(), gold[k]) for k in names]


def load_threads(part: str, limit: int | None = None) -> list[tuple[str, bytes, dict]]:
    """(id, page bytes, {main_content, url}) of one part of wcxb-forum-dev; pages without gold text are skipped."""
    out = []
    for name in sorted(ids(THREADS_SET, part))[:limit]:
        gold = json.loads((EVAL / THREADS_SET / "ground-truth" / f"{name}.json").read_text(encoding="utf-8"))
        text = gold["ground_truth"].get("main_content")
        if text is not None:  # a page annotated with snippets only has nothing to score against
            page = gzip.open(EVAL / THREADS_SET / "html" / f"{name}.html.gz").read()
            out.append((name, page, {"main_content": text, "url": gold.get("url", "")}))
    return out


# ---------------------------------------------------------------- tools: bytes -> posts

def docingest_posts(data: bytes, url: str = "") -> list[dict]:
    """A thread's posts; a page not read as a thread is one post holding its text."""
    draft = extract_html(data, uri=url)
    if draft.kind != "forum_thread":
        return [{**_NO_POST, "text": draft.text()}]
    # the gold post text is what the post shows, quoted passages included: ours holds them apart in `quotes`
    return [{"user": p.author, "raw": p.posted_raw, "date": p.posted,
             "text": "\n\n".join([q.text for q in p.quotes] + [p.text])} for p in draft.posts]


def harvest_posts(data: bytes, url: str = "") -> list[dict]:
    """harvest-webforum's extract_data; its dates are the strings it found, parsed here with the thread's day order."""
    from harvest import extract_data

    posts = extract_data(data.decode("utf-8", "replace"), url)["posts"]
    raws = [p.get("datetime") or "" for p in posts]
    day_first = infer_day_first([r for r in raws if r])
    return [{"user": p.get("user"), "raw": raw or None, "date": parse_date(raw, day_first=day_first) if raw else None,
             "text": p.get("post_text") or ""} for p, raw in zip(posts, raws)]


def docingest_text(data: bytes, url: str = "") -> str:
    return extract_html(data, uri=url).text()


def trafilatura_text(data: bytes, url: str = "") -> str:
    import trafilatura

    return trafilatura.extract(data, url=url or None, include_comments=True) or ""


POST_TOOLS = {"docingest": docingest_posts, "harvest-webforum": harvest_posts}
TEXT_TOOLS = {"docingest": docingest_text, "trafilatura": trafilatura_text}


# ---------------------------------------------------------------- scoring

def _norm(s: str | None) -> str:
    return " ".join(_WORD.findall((s or "").lower()))


def date_matches(gold_raw: str, raw: str | None, iso: str | None) -> bool:
    """As shown on the page, or the same calendar day once both are parsed."""
    if _norm(gold_raw) and _norm(gold_raw) == _norm(raw):
        return True
    want = parse_date(gold_raw, day_first=True) or parse_date(gold_raw, day_first=False)
    return bool(want and iso and want[:10] == iso[:10])


def thread_counts(gold: dict, posts: list[dict]) -> dict:
    """One thread's hits and totals: count right, authors, dates, and the text F1 of each gold post."""
    out = {"count_ok": int(len(posts) == len(gold["posts"])), "author_hits": 0, "author_n": 0,
           "date_hits": 0, "date_n": 0, "f1s": []}
    for i, want in enumerate(gold["posts"]):
        got = posts[i] if i < len(posts) else _NO_POST
        if want["user"] and not _LINKISH.search(want["user"]):
            out["author_n"] += 1
            out["author_hits"] += _norm(want["user"]) == _norm(got["user"])
        if _YEAR.search(want["datetime"] or ""):
            out["date_n"] += 1
            out["date_hits"] += date_matches(want["datetime"], got["raw"], got["date"])
        out["f1s"].append(token_prf(got["text"] or "", want["text"])[2])
    return out


def posts_score(results: list[tuple[dict, list[dict]]]) -> dict:
    """Count right (threads), author and date accuracy (posts), mean post-text token F1 (posts)."""
    counts = [thread_counts(gold, posts) for gold, posts in results]
    total = {k: sum(c[k] for c in counts) for k in ("count_ok", "author_hits", "author_n", "date_hits", "date_n")}
    return {"threads": len(results), "count_ok": total["count_ok"],
            "author": total["author_hits"] / total["author_n"] if total["author_n"] else None,
            "date": total["date_hits"] / total["date_n"] if total["date_n"] else None,
            "text_f1": mean(f for c in counts for f in c["f1s"])}


# ---------------------------------------------------------------- runner

def timed(fn, pages) -> tuple[list, float]:
    """Outputs of fn over pages (a crash is an empty output) and pages per second."""
    try:  # one untimed call: lazy imports and caches (dateparser) are start-up cost, not per page
        fn(pages[0][1])
    except Exception:
        pass
    out = []
    start = time.perf_counter()
    for name, data, gold in pages:
        try:
            out.append(fn(data, gold.get("url", "")))
        except Exception as exc:  # a crash is a miss, not the end of the run
            print(f"  ! {fn.__name__} on {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            out.append([] if fn in POST_TOOLS.values() else "")
    return out, len(pages) / (time.perf_counter() - start)


def _fmt(x: float | None) -> str:
    return f"{x:6.3f}" if x is not None else "    --"


def run_posts(part: str, limit: int | None, worst: int) -> dict:
    pages = load_posts(part, limit)
    print(f"\n{POSTS_SET} {part}: {len(pages)} threads (count right / author / date / post-text token F1)")
    print(f"{'tool':18s} {'count':>7s} {'author':>6s} {'date':>6s} {'textF1':>6s} {'thr/s':>7s}")
    scores = {}
    for tool, fn in POST_TOOLS.items():
        posts, speed = timed(fn, pages)
        s = scores[tool] = posts_score([(g, p) for (_n, _d, g), p in zip(pages, posts)])
        print(f"{tool:18s} {s['count_ok']:3d}/{s['threads']:<3d} {_fmt(s['author'])} {_fmt(s['date'])} {_fmt(s['text_f1'])} {speed:7.1f}")
        if tool == "docingest" and worst and part == "tune":
            _print_worst(pages, posts, worst)
    return scores


def _print_worst(pages, posts, worst: int) -> None:
    """Tune threads where a post-level measure misses, worst text F1 first."""
    rows = []
    for (name, _d, gold), got in zip(pages, posts):
        one = posts_score([(gold, got)])
        if not one["count_ok"] or any(one[k] is not None and one[k] < 1 for k in ("author", "date")) or one["text_f1"] < 0.9:
            rows.append((one["text_f1"], name, len(got), len(gold["posts"]), one))
    for f1, name, n, want, one in sorted(rows)[:worst]:
        print(f"  {name[:55]:55s} n={n}/{want} a={_fmt(one['author'])} d={_fmt(one['date'])} f={f1:.2f}")


def run_threads(part: str, limit: int | None) -> dict:
    pages = load_threads(part, limit)
    print(f"\n{THREADS_SET} {part}: {len(pages)} pages (WCXB token P/R/F1 of the main text)")
    print(f"{'tool':18s} {'P':>6s} {'R':>6s} {'F1':>6s} {'pages/s':>7s}")
    scores = {}
    for tool, fn in TEXT_TOOLS.items():
        texts, speed = timed(fn, pages)
        p, r, f = scores[tool] = wcxb_score([(t, g["main_content"]) for t, (_n, _d, g) in zip(texts, pages)])
        print(f"{tool:18s} {p:6.3f} {r:6.3f} {f:6.3f} {speed:7.1f}")
    return scores


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="both", choices=["tune", "validation", "both"])
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each part (quick runs)")
    ap.add_argument("--worst", type=int, default=0, help="list docingest's N worst tune threads")
    ap.add_argument("--no-text", action="store_true", help="skip the wcxb-forum-dev main-text table")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)  # the peers' per-page warnings (one of harvest's is malformed and prints a traceback)
    for part in (["tune", "validation"] if args.part == "both" else [args.part]):
        run_posts(part, args.limit, args.worst)
        if not args.no_text:
            run_threads(part, args.limit)


if __name__ == "__main__":
    main()
