"""Page-type accuracy of extractors/page_type.py against WCXB's `_internal.page_type.primary`, tune and
validation side by side, with the confusion matrix; forum threads from wcxb-forum-dev and forum-posts-dev.

usage: python -m benchmarks.page_type [--limit N] [--fit] [--speed] [--routing]

- Gold names are WCXB's (article, service, product, collection, listing, documentation): the same words
  as ours. WCXB has no home-page class: it labels a site's front page by what it holds, so our
  `homepage` (a root page listing items) is scored as `listing`.
- Forum sets have no page-type label: every page there is a thread, so the gold is `forum_thread`.
- `--fit` refits the model weights (normalizers/data/page_type_weights.json) on TUNE pages only:
  multinomial logistic regression with an L2 penalty over the evidence `extractors.page_type.evidence`
  returns, features standardised by their tune mean and spread.
- `--routing` (instead of the accuracy tables): what the type changes downstream. WCXB token F1 (benchmarks.extraction's measure) per
  predicted type for the two text paths — the article extractor and the items path of
  extractors/html_listing.py — so each type goes where it scores higher on tune (validation confirms);
  and how many wcxb-dev pages (no forums there) come out as kind forum_thread, and how many forum-set
  threads still do, with the forum detector offered every page (before) or only thread candidates.
- Speed: milliseconds per page of the classifier alone, beside the whole `extract_html` call on the
  same pages (same run, one process), so the ratio says what page typing adds.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.splits import EVAL, ids  # noqa: E402
from benchmarks.extraction import token_prf  # noqa: E402
from extractors import html as html_extractor  # noqa: E402
from extractors.html import extract_html, parse_page  # noqa: E402
from extractors.html_forum_generic import page_attributes  # noqa: E402
from extractors.page_type import PAGE_TYPES, classify, evidence  # noqa: E402
from normalizers.encoding import decode_bytes, html_declared_charset  # noqa: E402

WEIGHTS = ROOT / "normalizers" / "data" / "page_type_weights.json"
SCORED_AS = {"homepage": "listing"}  # our name -> WCXB's, where WCXB has no class of its own
FITTED = ("article", "forum_thread", "listing", "collection", "product", "documentation", "service")
L2 = 10.0  # penalty on the squared weights (features standardised): keeps rare cues from deciding alone; 1-10 tie in
# 5-fold cross-validation by site within tune, the stronger one is kept
STEPS, RATE = 3000, 0.5


def load(part: str, limit: int | None = None) -> list[tuple[str, str, str, bytes]]:
    """(set/id, url, gold type, html bytes) of one part of every set that says what its pages are."""
    out = []
    for fid in sorted(ids("wcxb-dev", part))[:limit]:
        gold = json.loads((EVAL / f"wcxb-dev/ground-truth/{fid}.json").read_text())
        html = gzip.open(EVAL / f"wcxb-dev/html/{fid}.html.gz").read()
        out.append((f"wcxb-dev/{fid}", gold.get("url", ""), gold["_internal"]["page_type"]["primary"], html))
    for fid in sorted(ids("wcxb-forum-dev", part))[:limit]:
        gold = json.loads((EVAL / f"wcxb-forum-dev/ground-truth/{fid}.json").read_text())
        out.append((f"wcxb-forum-dev/{fid}", gold.get("url", ""), "forum_thread",
                    gzip.open(EVAL / f"wcxb-forum-dev/html/{fid}.html.gz").read()))
    posts = json.loads((EVAL / "forum-posts-dev/gold.json").read_text())
    for name in sorted(ids("forum-posts-dev", part))[:limit]:
        out.append((f"forum-posts-dev/{name}", posts[name]["url"], "forum_thread", (EVAL / f"forum-posts-dev/{name}.html").read_bytes()))
    return out


def tree(html: bytes):
    decoded = decode_bytes(html, declared=html_declared_charset(html))
    return parse_page(decoded.text)


# ---------------------------------------------------------------- fitting (tune only)

def fit(pages: list) -> dict:
    import numpy as np

    rows, labels = [], []
    for _, url, gold, html in pages:
        root = tree(html)
        if root is not None:
            rows.append(evidence(root, url))
            labels.append(FITTED.index(gold))
    names = sorted(set().union(*rows))
    x = np.array([[r.get(n, np.nan) for n in names] for r in rows])  # a page without a web address lacks the URL's evidence
    mean = np.nanmean(x, 0)
    x = np.where(np.isnan(x), mean, x)  # ... and stands at the mean there, as extractors.page_type scores it
    scale = x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    y = np.eye(len(FITTED))[labels]
    w, b = np.zeros((len(FITTED), len(names))), np.zeros(len(FITTED))
    for _ in range(STEPS):
        logits = z @ w.T + b
        p = np.exp(logits - logits.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        grad = (p - y) / len(z)
        w -= RATE * (grad.T @ z + L2 * w / len(z))
        b -= RATE * grad.sum(0)
    return {"_doc": "Weights of extractors/page_type.py, written by `python -m benchmarks.page_type --fit` from the tune split; "
                    "do not edit by hand.",
            "features": names, "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(), "classes": list(FITTED),
            "weights": w.round(5).tolist(), "bias": b.round(5).tolist()}


# ---------------------------------------------------------------- measuring

def predict(pages: list, timing: bool = False) -> tuple[list[tuple[str, str]], float, float]:
    """[(gold, predicted)], classifier seconds, extract_html seconds (timed only when asked)."""
    pairs, spent, whole = [], 0.0, 0.0
    for _, url, gold, html in pages:
        root = tree(html)
        attrs = page_attributes(root) if root is not None else {}  # shared with the forum detector in extract_html
        start = time.perf_counter()
        kind = classify(root, url, attrs) if root is not None else "other"
        spent += time.perf_counter() - start
        pairs.append((gold, SCORED_AS.get(kind, kind)))
        if timing:
            start = time.perf_counter()
            try:
                extract_html(html, uri=url)
            except Exception:  # noqa: BLE001  (a page without text still took its time)
                pass
            whole += time.perf_counter() - start
    return pairs, spent, whole


def report(name: str, pairs: list[tuple[str, str]]) -> None:
    golds = [g for g in PAGE_TYPES if any(gold == g for gold, _ in pairs)]
    preds = [p for p in PAGE_TYPES if any(pred == p for _, pred in pairs)]
    matrix = collections.Counter(pairs)
    print(f"\n{name}: confusion matrix (rows gold, columns predicted)")
    print(f"{'':14}" + "".join(f"{p[:9]:>10}" for p in preds) + f"{'recall':>10}")
    for g in golds:
        n = sum(matrix[(g, p)] for p in PAGE_TYPES)
        print(f"{g:14}" + "".join(f"{matrix[(g, p)]:>10}" for p in preds) + f"{matrix[(g, g)] / n:>10.3f}")
    print(f"{'precision':14}" + "".join(
        f"{matrix[(p, p)] / max(1, sum(matrix[(g, p)] for g in PAGE_TYPES)):>10.3f}" for p in preds))


def accuracy(pairs: list[tuple[str, str]], only=None) -> tuple[float, int]:
    chosen = [(g, p) for g, p in pairs if only is None or only(g)]
    return (sum(g == p for g, p in chosen) / len(chosen) if chosen else 0.0), len(chosen)


def _extract(html: bytes, url: str):
    try:
        return extract_html(html, uri=url)
    except Exception:  # noqa: BLE001  (a page the extractor refuses scores as empty)
        return None


def routing(parts: dict) -> None:
    """Token F1 per predicted type by text path, and forum_thread counts with the forum gate off and on."""
    saved = html_extractor.ITEM_PAGES, html_extractor.FORUM_GAP
    f1 = collections.defaultdict(list)  # (part, predicted type, path) -> [F1]
    threads = collections.Counter()  # (part, set, gate) -> pages extracted as threads
    sizes = collections.Counter()
    try:
        for part, pages in parts.items():
            for key, url, gold, html in pages:
                corpus, name = key.split("/")
                sizes[(part, corpus)] += 1
                html_extractor.ITEM_PAGES, html_extractor.FORUM_GAP = saved
                after = _extract(html, url)
                threads[(part, corpus, "after")] += bool(after and after.kind == "forum_thread")
                if after is not None and after.kind != "forum_thread":  # the gate may have kept the detector away
                    html_extractor.FORUM_GAP = float("inf")
                    before = _extract(html, url)
                    threads[(part, corpus, "before")] += bool(before and before.kind == "forum_thread")
                    html_extractor.FORUM_GAP = saved[1]
                else:
                    threads[(part, corpus, "before")] += bool(after)
                if corpus != "wcxb-dev":
                    continue
                gold_text = json.loads((EVAL / f"wcxb-dev/ground-truth/{name}.json").read_text())["ground_truth"].get("main_content")
                if not gold_text:  # annotated with snippets only: nothing to score against
                    continue
                kind = SCORED_AS.get(after.page_type, after.page_type) if after else "other"
                for path, routed in (("article", frozenset()), ("items", frozenset(PAGE_TYPES))):
                    html_extractor.ITEM_PAGES = routed
                    same = after is not None and (after.page_type in saved[0]) == (path == "items")  # the routed run was this path
                    draft = after if same else _extract(html, url)
                    f1[(part, kind, path)].append(token_prf(draft.text() if draft else "", gold_text)[2])
    finally:
        html_extractor.ITEM_PAGES, html_extractor.FORUM_GAP = saved
    print(f"\nWCXB token F1 by predicted type and text path{'':4}{'tune':>22}{'validation':>22}")
    print(f"{'type':16}{'pages t/v':>12}" + "".join(f"{p:>11}" for _ in range(2) for p in ("article", "items")))
    for kind in PAGE_TYPES:
        n = [len(f1[(part, kind, "article")]) for part in parts]
        if any(n):
            cells = [sum(f1[(part, kind, p)]) / max(1, len(f1[(part, kind, p)])) for part in parts for p in ("article", "items")]
            print(f"{kind:16}{n[0]:>6}/{n[1]:<5}" + "".join(f"{c:>11.3f}" for c in cells))
    print(f"\nkind forum_thread, pages{'':10}" + "".join(f"{part + ' ' + g:>18}" for part in parts for g in ("before", "after")))
    for corpus in ("wcxb-dev", "wcxb-forum-dev", "forum-posts-dev"):
        cells = [f"{threads[(part, corpus, g)]:>11} / {sizes[(part, corpus)]:<4}" for part in parts for g in ("before", "after")]
        print(f"{corpus:34}" + "".join(cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="at most N pages of each set and part (development runs)")
    ap.add_argument("--fit", action="store_true", help="refit the weights on the tune split, then measure")
    ap.add_argument("--speed", action="store_true", help="also time extract_html on the same pages")
    ap.add_argument("--routing", action="store_true", help="instead of accuracy: text paths and the forum gate by page type")
    args = ap.parse_args(argv)
    parts = {part: load(part, args.limit) for part in ("tune", "validation")}
    if args.fit:
        WEIGHTS.write_text(json.dumps(fit(parts["tune"])) + "\n", encoding="utf-8")
        from normalizers import vocab

        vocab.load.cache_clear()  # the classifier reads the new weights
    if args.routing:
        routing(parts)
        return 0
    results = {}
    for part, pages in parts.items():
        pairs, spent, whole = predict(pages, timing=args.speed)
        results[part] = pairs
        ms = 1000 * spent / max(1, len(pages))
        tail = f", extract_html {1000 * whole / len(pages):.1f} ms/page (typing = {spent / whole:.1%} of it)" if whole else ""
        print(f"{part}: classifier {ms:.2f} ms/page{tail}")
    print(f"\n{'':34}{'tune':>14}{'validation':>14}")
    rows = [("wcxb-dev accuracy (all types)", lambda g: g != "forum_thread")]
    rows += [(f"  {t}", (lambda t: lambda g: g == t)(t)) for t in FITTED if t != "forum_thread"]
    rows += [("forum sets: typed forum_thread", lambda g: g == "forum_thread")]
    for label, only in rows:
        cells = [accuracy(results[p], only) for p in ("tune", "validation")]
        print(f"{label:34}" + "".join(f"{a:>9.3f} ({n:>3})" for a, n in cells))
    for part in ("tune", "validation"):
        report(part, results[part])
    return 0


if __name__ == "__main__":
    sys.exit(main())
