"""Token P/R/F1 of the plain-text extractor on the text-dump dev pages, tune | validation, next to peers
run on the same pages in the same run.

usage: python -m benchmarks.text_dumps [DUMPS_DIR] [--limit N] [--worst N]

Scoring is WCXB's: bag of lower-cased \\w+ tokens, precision/recall/F1 per page, averaged over
pages. A forum_thread draft is scored on its posts' text (Draft.text()), an article on its body.
Pages are split by site (`benchmarks.splits`): rules are fitted on tune pages, `--worst` lists tune
pages only, validation is read only through its averages.

Peers, on the same decoded text:
- the raw dump (every line kept): the floor;
- jusText with each line as a paragraph, with the stoplist that covers most of the page's words
  (jusText needs a language; picking it from the page itself keeps non-English pages fair);
- trafilatura: it reads markup; handed the bare dump it mostly returns None (scored as empty; it finds
  text only where the copy kept stray HTML), so it is also run on the lines wrapped as paragraphs.
"""
from __future__ import annotations

import argparse
import collections
import functools
import html
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.splits import PARTS, ids  # noqa: E402
from extractors.text import extract_text  # noqa: E402
from normalizers.encoding import decode_bytes, repair_mojibake  # noqa: E402
from normalizers.unicode import normalize  # noqa: E402
from output.errors import IngestError  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "text-dumps-dev"  # shared/ sits beside the checkout (CI too)
FAMILIES = ("articles", "forums")
_WORD = re.compile(r"\w+")


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    """WCXB token measure for one page.

    >>> prf("a b c", "a b d")
    (0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
    """
    p = collections.Counter(_WORD.findall(pred.lower()))
    g = collections.Counter(_WORD.findall(gold.lower()))
    common = sum((p & g).values())
    if not common:
        return 0.0, 0.0, 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return prec, rec, 2 * prec * rec / (prec + rec)


def decoded(data: bytes) -> str:
    """What the pipeline's text path hands the extractor: decoded, mojibake repaired, normalized."""
    text, _ = repair_mojibake(decode_bytes(data).text)
    return normalize(text)[0]


def ours(text: str) -> str:
    try:
        return extract_text(text).text()
    except IngestError:  # EmptyInput / NoContent: the pipeline quarantines the page; it scores as empty
        return ""


def raw_dump(text: str) -> str:
    return text


def as_paragraphs(text: str) -> str:
    """Each non-blank line as one <p>: the only structure a copied page still has."""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>{body}</body></html>"


@functools.lru_cache(maxsize=None)
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {name: frozenset(justext.get_stoplist(name)) for name in justext.get_stoplists()}


def _best_stoplist(text: str) -> str:
    words = [w for w in _WORD.findall(text.lower()) if not w.isdigit()]
    return max(_stoplists().items(), key=lambda kv: (sum(w in kv[1] for w in words), kv[0] == "English"))[0]


def justext_lines(text: str) -> str:
    import justext

    stoplist = _stoplists()[_best_stoplist(text)]
    paragraphs = justext.justext(as_paragraphs(text).encode("utf-8"), stoplist, encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_lines(text: str) -> str:
    import trafilatura

    return trafilatura.extract(as_paragraphs(text), include_comments=True) or ""


def trafilatura_bare(text: str) -> str:
    import trafilatura

    return trafilatura.extract(text, include_comments=True) or ""


EXTRACTORS = {
    "docingest extract_text": ours,
    "raw dump": raw_dump,
    "jusText (lines as <p>)": justext_lines,
    "trafilatura (lines as <p>)": trafilatura_lines,
    "trafilatura (bare text)": trafilatura_bare,
}


def pages(folder: Path, family: str, part: str, limit: int) -> list[tuple[str, str, str]]:
    """(id, decoded dump, gold text) of one family's part, in id order."""
    gold = json.loads((folder / family / "gold.json").read_text(encoding="utf-8"))
    wanted = ids(f"text-dumps-{family}", part)
    out = []
    for doc_id in sorted(wanted & set(gold)):
        path = folder / family / f"{doc_id}.txt"
        if path.exists():
            out.append((doc_id, decoded(path.read_bytes()), gold[doc_id]))
    return out[:limit] if limit else out


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dumps", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each family and part")
    parser.add_argument("--worst", type=int, default=0, help="also list the N lowest-F1 TUNE pages per family")
    parser.add_argument("--ours-only", action="store_true", help="skip the peers (while developing)")
    args = parser.parse_args()
    names = list(EXTRACTORS)[:1] if args.ours_only else list(EXTRACTORS)
    scores: dict[tuple[str, str, str], list[tuple[str, tuple[float, float, float]]]] = {}
    seconds: dict[tuple[str, str], float] = collections.defaultdict(float)
    for family in FAMILIES:
        for part in PARTS:
            batch = pages(args.dumps, family, part, args.limit)
            for name in names:
                start = time.process_time()
                outputs = [(doc_id, EXTRACTORS[name](text), gold) for doc_id, text, gold in batch]
                seconds[name, family] += time.process_time() - start
                scores[name, family, part] = [(doc_id, prf(out, gold)) for doc_id, out, gold in outputs]
    header = f"{'extractor':28s}" + "".join(f" {f + ' ' + p:>22s}" for f in FAMILIES for p in PARTS)
    print("token P/R/F1 per page, averaged; same run\n" + header)
    for name in names:
        cells = []
        for family in FAMILIES:
            for part in PARTS:
                s = scores[name, family, part]
                p, r, f = (mean(x[1][i] for x in s) for i in range(3))
                cells.append(f" {f'{p:.3f}/{r:.3f}/{f:.3f} n={len(s)}':>22s}")
        print(f"{name:28s}" + "".join(cells))
    print("\nCPU seconds (process time, all parts): "
          + ", ".join(f"{name} {family} {seconds[name, family]:.2f}" for name in names[:1] for family in FAMILIES))
    for family in FAMILIES:
        tune = scores[names[0], family, "tune"]
        for doc_id, (p, r, f) in sorted(tune, key=lambda s: s[1][2])[: args.worst]:
            print(f"  worst tune {family} {doc_id[:16]}  P {p:.2f} R {r:.2f} F1 {f:.2f}")


if __name__ == "__main__":
    main()
