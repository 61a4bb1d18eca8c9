"""Token P/R/F1 of the plain-text extractor on the text-dump dev pages, next to published baselines.

usage: python -m benchmarks.text_dumps [DUMPS_DIR] [--worst N]

Scoring is WCXB's: bag of lower-cased \\w+ tokens, precision/recall/F1 per page, averaged over
pages. A forum_thread draft is scored on its posts' text (Draft.text()), an article on its body.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.text import extract_text  # noqa: E402
from normalizers.encoding import decode_bytes, repair_mojibake  # noqa: E402
from normalizers.unicode import normalize  # noqa: E402

DEFAULT_DIR = Path("/work/shared/eval/text-dumps-dev")
# Published on the held-out counterpart (see the eval README): (articles, forums) token F1.
BASELINES = {
    "raw dump": (0.62, 0.63),
    "jusText (lines as paragraphs)": (0.636, 0.716),
    "trafilatura": (0.580, 0.711),
}
_WORD = re.compile(r"\w+")


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    """WCXB token measure for one page."""
    p = collections.Counter(_WORD.findall(pred.lower()))
    g = collections.Counter(_WORD.findall(gold.lower()))
    common = sum((p & g).values())
    if not common:
        return 0.0, 0.0, 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return prec, rec, 2 * prec * rec / (prec + rec)


def clean(data: bytes) -> str:
    """The text the pipeline's text path would hand on: decode, repair mojibake, normalize, extract."""
    text, _ = repair_mojibake(decode_bytes(data).text)
    text, _ = normalize(text)
    return extract_text(text).text()


def run_family(folder: Path) -> tuple[list[tuple[str, tuple[float, float, float]]], float]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    scores = []
    start = time.perf_counter()
    for doc_id, want in sorted(gold.items()):
        path = folder / f"{doc_id}.txt"
        if path.exists():
            scores.append((doc_id, prf(clean(path.read_bytes()), want)))
    return scores, time.perf_counter() - start


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dumps", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--worst", type=int, default=0, help="also list the N lowest-F1 pages per family")
    args = parser.parse_args()
    results = {}
    for family in ("articles", "forums"):
        scores, secs = run_family(args.dumps / family)
        results[family] = scores
        p, r, f = (mean(s[1][i] for s in scores) for i in range(3))
        print(f"{family:9s} n={len(scores):3d}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  {len(scores) / secs:7.1f} docs/s")
    print()
    print(f"{'extractor':32s} {'articles F1':>11s} {'forums F1':>10s}")
    for name, (a, f) in BASELINES.items():
        print(f"{name:32s} {a:11.3f} {f:10.3f}")
    ours = [mean(s[1][2] for s in results[fam]) for fam in ("articles", "forums")]
    print(f"{'docingest extract_text':32s} {ours[0]:11.3f} {ours[1]:10.3f}")
    for family, scores in results.items():
        for doc_id, (p, r, f) in sorted(scores, key=lambda s: s[1][2])[: args.worst]:
            print(f"  worst {family} {doc_id[:16]}  P {p:.2f} R {r:.2f} F1 {f:.2f}")


if __name__ == "__main__":
    main()
