"""Main-text and forum-post extraction of docingest beside its peers, each scored as its benchmark publishes.

usage: python -m benchmarks.extraction [--dataset aeb|wcxb|posts|all] [--tools docingest,trafilatura,...]
                                       [--limit N] [--worst N]

- aeb: 4-word shingles of \\w+ words; per-page counts normalised by their sum; P = mean over pages
  with a prediction, R = mean over pages with gold (Scrapinghub article-extraction-benchmark).
- wcxb: bag of lower-cased \\w+ tokens, P/R/F1 per page averaged over pages (WCXB).
- posts: per thread, is the post count right; per post in order, author (where gold names a user,
  not a profile link), date (where gold shows a year), token F1 of the post text (WEB-FORUM-52).
Pages/s is measured on extraction alone (bytes in, text out), one process, files already in memory,
after one untimed warm-up call per tool.
Peers (trafilatura, readability, resiliparse) are the `bench` extra; a missing one is skipped.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.html import extract_html  # noqa: E402
from normalizers.dates import parse_date  # noqa: E402

EVAL = Path("/work/shared/eval")
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"(?:19|20)\d\d|'\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
_LINKISH = re.compile(r"^(?:https?:|/|\.{0,2}/|\w[\w.-]*\.php|members/|user_info)|[?=]")


# ---------------------------------------------------------------- datasets

def load_aeb(limit: int | None) -> list[tuple[str, bytes, str]]:
    gold = json.loads((EVAL / "aeb-dev/ground-truth.json").read_text())
    items = sorted(gold.items())[:limit]
    return [(k, gzip.open(EVAL / f"aeb-dev/html/{k}.html.gz").read(), v["articleBody"]) for k, v in items]


def load_wcxb(limit: int | None) -> list[tuple[str, bytes, str]]:
    out = []
    for path in sorted((EVAL / "wcxb-forum-dev/ground-truth").glob("*.json"))[:limit]:
        gold = json.loads(path.read_text())["ground_truth"].get("main_content")
        if gold is None:  # a page annotated with snippets only has nothing to score against
            continue
        out.append((path.stem, gzip.open(EVAL / f"wcxb-forum-dev/html/{path.stem}.html.gz").read(), gold))
    return out


def load_posts(limit: int | None) -> list[tuple[str, bytes, dict]]:
    gold = json.loads((EVAL / "forum-posts-dev/gold.json").read_text())
    return [(k, (EVAL / f"forum-posts-dev/{k}.html").read_bytes(), v) for k, v in sorted(gold.items())[:limit]]


# ---------------------------------------------------------------- tools: bytes -> text (or posts)

PROFILES = True  # --no-profiles: forum engine profiles off, the structural post detector alone


def docingest_text(data: bytes, url: str = "") -> str:
    return extract_html(data, uri=url, profiles=PROFILES).text()


def docingest_posts(data: bytes, url: str = "") -> list[dict]:
    draft = extract_html(data, uri=url, profiles=PROFILES)
    if draft.kind != "forum_thread":
        return [{"user": None, "raw": None, "date": None, "text": draft.text()}]
    # the gold post text is what the post shows, quoted passages included: ours holds them apart in `quotes`
    return [{"user": p.author, "raw": p.posted_raw, "date": p.posted,
             "text": "\n\n".join([q.text for q in p.quotes] + [p.text])} for p in draft.posts]


def _peers() -> dict:
    peers = {}
    try:
        import trafilatura

        peers["trafilatura"] = lambda d, u="": trafilatura.extract(d, url=u or None) or ""  # comments on by default
        peers["trafilatura-nocomments"] = lambda d, u="": trafilatura.extract(d, url=u or None, include_comments=False) or ""
    except ImportError:
        pass
    try:
        import lxml.html
        from readability import Document

        def readability(d, u=""):
            summary = Document(d.decode("utf-8", "replace")).summary(html_partial=True)
            return lxml.html.fromstring(summary).text_content() if summary.strip() else ""

        peers["readability"] = readability
    except ImportError:
        pass
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding

        peers["resiliparse"] = lambda d, u="": extract_plain_text(bytes_to_str(d, detect_encoding(d)), main_content=True)
    except ImportError:
        pass
    return peers


# ---------------------------------------------------------------- scoring

def shingles(text: str, n: int = 4) -> collections.Counter:
    words = _WORD.findall(text.lower())
    return collections.Counter(tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def aeb_counts(pred: str, gold: str) -> tuple[float, float, float]:
    """AEB: shared/extra/missing shingles, normalised by their sum (tp, fp, fn)."""
    p, g = shingles(pred), shingles(gold)
    tp, fp, fn = sum((p & g).values()), sum((p - g).values()), sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aeb_score(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    precisions, recalls = [], []
    for pred, gold in pairs:
        tp, fp, fn = aeb_counts(pred, gold)
        if pred.strip():
            precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        if gold.strip():
            recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    p, r = mean(precisions), mean(recalls)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def token_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """WCXB token measure for one page."""
    p = collections.Counter(_WORD.findall(pred.lower()))
    g = collections.Counter(_WORD.findall(gold.lower()))
    common = sum((p & g).values())
    if not p and not g:  # an image-only post ('.') has no words to find: finding none is right
        return 1.0, 1.0, 1.0
    if not common:
        return 0.0, 0.0, 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return prec, rec, 2 * prec * rec / (prec + rec)


def wcxb_score(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    scores = [token_prf(pred, gold) for pred, gold in pairs]
    return tuple(mean(s[i] for s in scores) for i in range(3))


def _norm(s: str | None) -> str:
    return " ".join(_WORD.findall((s or "").lower()))


def date_matches(gold_raw: str, raw: str | None, iso: str | None) -> bool:
    """As shown on the page, or the same calendar day once both are parsed."""
    if _norm(gold_raw) and _norm(gold_raw) == _norm(raw):
        return True
    want = parse_date(gold_raw, day_first=True) or parse_date(gold_raw, day_first=False)
    return bool(want and iso and want[:10] == iso[:10])


def posts_score(results: list[tuple[dict, list[dict]]]) -> dict:
    count_ok = author_hits = author_n = date_hits = date_n = 0
    f1s = []
    for gold, posts in results:
        want = gold["posts"]
        count_ok += len(posts) == len(want)
        for i, g in enumerate(want):
            got = posts[i] if i < len(posts) else {"user": None, "raw": None, "date": None, "text": ""}
            if g["user"] and not _LINKISH.search(g["user"]):
                author_n += 1
                author_hits += _norm(g["user"]) == _norm(got["user"])
            if _YEAR.search(g["datetime"] or ""):
                date_n += 1
                date_hits += date_matches(g["datetime"], got["raw"], got["date"])
            f1s.append(token_prf(got["text"] or "", g["text"])[2])
    return {"threads": len(results), "count_ok": count_ok, "author": author_hits / author_n if author_n else None,
            "date": date_hits / date_n if date_n else None, "text_f1": mean(f1s)}


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


# ---------------------------------------------------------------- runner

def timed(fn, pages) -> tuple[list, float]:
    """Outputs of fn over pages (a crash scores as empty output) and pages per second."""
    out = []
    try:  # one untimed call first: lazy imports and caches (dateparser, htmldate) are start-up cost, not per page
        fn(pages[0][1])
    except Exception:
        pass
    start = time.perf_counter()
    for _id, data, gold in pages:
        url = gold.get("url", "") if isinstance(gold, dict) else ""
        try:
            out.append(fn(data, url))
        except Exception as exc:  # a peer's crash is a miss, not the end of the run
            print(f"  ! {getattr(fn, '__name__', fn)} on {_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            out.append("" if fn is not docingest_posts else [])
    return out, len(pages) / (time.perf_counter() - start)


def run_text(name: str, pages, tools: list[str], worst: int) -> None:
    score = aeb_score if name == "aeb" else wcxb_score
    fns = {"docingest": docingest_text, **_peers()}
    print(f"\n{name}: {len(pages)} pages ({'AEB shingle' if name == 'aeb' else 'WCXB token'} P/R/F1)")
    print(f"{'tool':22s} {'P':>6s} {'R':>6s} {'F1':>6s} {'pages/s':>8s}")
    for tool in tools:
        if tool not in fns:
            continue
        preds, speed = timed(fns[tool], pages)
        p, r, f = score(list(zip(preds, (g for _i, _d, g in pages))))
        print(f"{tool:22s} {p:6.3f} {r:6.3f} {f:6.3f} {speed:8.1f}")
        if tool == "docingest" and worst:
            per = sorted(((score([(pr, g)])[2], i) for pr, (i, _d, g) in zip(preds, pages)))[:worst]
            print("  worst: " + ", ".join(f"{i[:12]} {f:.2f}" for f, i in per))


def run_posts(pages, worst: int) -> None:
    posts, speed = timed(docingest_posts, pages)
    s = posts_score([(g, p) for (_i, _d, g), p in zip(pages, posts)])
    print(f"\nposts: {s['threads']} threads (count right / author / date / post-text F1)")
    print(f"{'tool':22s} {'count':>7s} {'author':>7s} {'date':>6s} {'textF1':>7s} {'pages/s':>8s}")
    print(f"{'docingest':22s} {s['count_ok']:3d}/{s['threads']:<3d} {s['author']:7.3f} {s['date']:6.3f} "
          f"{s['text_f1']:7.3f} {speed:8.1f}")
    print(f"{'harvest-webforum 1.1':22s} {'49/58':>7s} {0.62:7.3f} {0.77:6.3f} {0.89:7.3f} {'(published)':>8s}")
    if worst:
        for (i, _d, g), p in zip(pages, posts):
            one = posts_score([(g, p)])
            if one["count_ok"] == 0 or (one["author"] or 1) < 1 or (one["date"] or 1) < 1 or one["text_f1"] < 0.8:
                a, d = (f"{one[k]:.2f}" if one[k] is not None else " -- " for k in ("author", "date"))  # --: not scored
                print(f"  {i[:50]:50s} n={len(p)}/{len(g['posts'])} a={a} d={d} f={one['text_f1']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="all", choices=["aeb", "wcxb", "posts", "all"])
    parser.add_argument("--tools", default="docingest,trafilatura,trafilatura-nocomments,readability,resiliparse")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each dataset (for quick runs)")
    parser.add_argument("--worst", type=int, default=0, help="list docingest's N worst pages")
    parser.add_argument("--no-profiles", action="store_true", help="forum engine profiles off (structural detector alone)")
    args = parser.parse_args()
    global PROFILES
    PROFILES = not args.no_profiles
    tools = args.tools.split(",")
    if args.dataset in ("aeb", "all"):  # articles: trafilatura's defaults are the published baseline
        run_text("aeb", load_aeb(args.limit), [t for t in tools if t != "trafilatura-nocomments"], args.worst)
    if args.dataset in ("wcxb", "all"):
        run_text("wcxb", load_wcxb(args.limit), tools, args.worst)
    if args.dataset in ("posts", "all"):
        run_posts(load_posts(args.limit), args.worst)


if __name__ == "__main__":
    main()
