"""Duplicate detection: precision and recall of near-duplicate and related links, and per-record cost.

usage: python benchmarks/dedup.py [SHARED_DIR]

Pairs are built from real text in shared/eval and shared/seeds, and every pair goes through the
real RunWriter (state store, LSH, thresholds), the first record in one run, the second in the next:
- near-duplicates: an article and a repost of it (new header and footer, straight quotes, one
  sentence dropped, legacy Arabic letters for Persian/Urdu), and a forum thread one post of which
  quotes the article; negatives are different stories, many on the same topic.
- related: the same story from two sources (seeds 001/004, AEB pages of one event from different
  sites); negatives are two stories on one topic (seeds 000-003, AEB pages of one topic).
"""
from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from output import dedup  # noqa: E402
from output.writer import RunWriter  # noqa: E402

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
# AEB pages that tell one story (same event, other site) or one topic (other story), by URL fragment.
SAME_STORY = [("foxbusiness.com/markets/home-depot", "barrons.com/articles/home-depot"),
              ("msn.com/en-us/health", "livescience.com/feather"), ("gizmodo.com/a-man", "livescience.com/feather"),
              ("gizmodo.com/a-man", "msn.com/en-us/health")]
SAME_TOPIC = [("cbsnews.com/news/impeachment", "hosted.ap.org/berkshireeagle"),
              ("theguardian.com/commentisfree/2019/nov/18", "express.co.uk/news/world/1206313"),
              ("uma-palinha", "a-fantastica-loja")]


def record(text: str, uri: str, posts: list[str] | None = None) -> dict:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return {"id": hashlib.sha256(f"{uri}\n{sha}".encode()).hexdigest()[:32], "kind": "forum_thread" if posts else "article",
            "language": "und", "text": text, "source": {"uri": uri, "sha256": sha}, "pipeline": {"run_id": None},
            "posts": [{"author": None, "posted": None, "text": p, "quotes": []} for p in posts or []]}


def repost(text: str, rng: random.Random) -> str:
    """What a copying site does: its own header and footer, straight quotes, a sentence dropped."""
    sentences = re.split(r"(?<=[.!?؟।])\s+", text.replace("“", '"').replace("”", '"').replace("’", "'"))
    if len(sentences) >= 10:
        sentences.pop(rng.randrange(len(sentences)))
    body = " ".join(sentences)
    if re.search("[\u0600-\u06ff]", body):
        body = body.replace("ی", "ي").replace("ک", "ك").replace("\u200c", " ")
    return f"Source: reposted from a partner site\n\n{body}\n\nShare this story. All rights reserved."


def _arabic_share(line: str) -> float:
    letters = [ch for ch in line if ch.isalpha()]
    return sum("\u0600" <= ch <= "\u06ff" for ch in letters) / max(len(letters), 1)


def forum(text: str) -> dict:
    posts = ["Has anyone seen this? Thoughts welcome.", "Copying the full article here:\n\n" + text,
             "Thanks for posting, worrying news."]
    return record("\n\n".join(posts), "forum/thread-" + hashlib.md5(text.encode()).hexdigest()[:8], posts)


def links(first: dict, second: dict) -> dict:
    """Write `first` in one run and `second` in the next; return the links the second one got."""
    with tempfile.TemporaryDirectory() as out:
        with RunWriter(out) as w:
            w.write_record(first)
        with RunWriter(out) as w:
            written = w.write_record(second)
    return {"near": [l["id"] for l in second.get("near_duplicates", [])] if written else [first["id"]],
            "related": [l["id"] for l in second.get("related", [])]}


def pr(results: list[tuple[bool, bool]]) -> tuple[float, float, int, int]:
    tp = sum(want and got for want, got in results)
    fp = sum(got and not want for want, got in results)
    fn = sum(want and not got for want, got in results)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), sum(w for w, _ in results), sum(not w for w, _ in results)


def main() -> None:
    rng = random.Random(7)
    aeb = json.loads((SHARED / "eval/aeb-dev/ground-truth.json").read_text())
    by_url = {v["url"]: v["articleBody"] for v in aeb.values()}
    page = lambda frag: next(t for u, t in by_url.items() if frag in u)  # noqa: E731
    articles = [t for t in by_url.values() if len(t) > 1500]
    for lang in ("fa", "ur"):
        lines = [line for line in (SHARED / f"eval/langid/lingua/sentences/{lang}.txt").read_text().splitlines()
                 if _arabic_share(line) > 0.8]  # the Leipzig crawl also holds templated page chrome
        articles += [" ".join(lines[i:i + 15]) for i in range(0, 600, 15)]
    seeds = {p.name[:3]: json.loads(p.read_text()) for p in sorted((SHARED / "seeds-gold").glob("*.json"))}
    seed_text = {k: g.get("text") or "\n\n".join(p["text"] for p in g["posts"]) for k, g in seeds.items()}

    near, related, cases = [], [], []
    for i, text in enumerate(articles):
        # a copy's `related` is not asked: the same story, linked as a near-duplicate or else as related
        cases.append(("repost", record(text, f"a/{i}"), record(repost(text, rng), f"b/{i}"), True, None))
        cases.append(("forum quote", record(text, f"a/{i}"), forum(text), True, None))
        other = articles[(i + 1) % len(articles)]
        cases.append(("other story", record(text, f"a/{i}"), record(other, f"c/{i}"), False, False))
    for a, b in SAME_STORY:
        cases.append(("same story", record(page(a), a), record(page(b), b), False, True))
    for a, b in SAME_TOPIC:
        cases.append(("same topic", record(page(a), a), record(page(b), b), False, False))
    for a, b in itertools.combinations(sorted(seed_text), 2):
        retold = (a, b) == ("001", "004")
        cases.append((f"seeds {a}-{b}", record(seed_text[a], a), record(seed_text[b], b), False, retold))

    for name, first, second, want_near, want_related in cases:
        got = links(first, second)
        near.append((want_near, first["id"] in got["near"]))
        if want_related is not None:
            related.append((want_related, first["id"] in got["related"]))
        if name.startswith(("same", "seeds")) or want_near != (first["id"] in got["near"]):
            fa, fb = dedup.fingerprint(first), dedup.fingerprint(second)
            print(f"  {name:16s} near={first['id'] in got['near']!s:5s} related={first['id'] in got['related']!s:5s} "
                  f"want={want_near!s:5s}/{want_related!s:5s} shingle similarity {dedup.similarity(fa.shingles, fb.shingles):.3f}, "
                  f"content-word similarity {dedup.similarity(fa.topic, fb.topic):.3f}")
    p, r, npos, nneg = pr(near)
    print(f"near-duplicates (Jaccard >= {dedup.NEAR_DUP_THRESHOLD}): precision {p:.3f} recall {r:.3f} "
          f"({npos} positive, {nneg} negative pairs)")
    p, r, npos, nneg = pr(related)
    print(f"related (content words >= {dedup.RELATED_THRESHOLD}): precision {p:.3f} recall {r:.3f} "
          f"({npos} positive, {nneg} negative pairs)")

    corpus = [record(t, f"x/{i}") for i, t in enumerate(articles * 3)]
    start = time.process_time()  # CPU time: wall time on a shared machine says more about the neighbours
    for rec in corpus:
        dedup.fingerprint(rec)
    fp_ms = (time.process_time() - start) / len(corpus) * 1e3
    with tempfile.TemporaryDirectory() as out:
        start = time.process_time()
        with RunWriter(out) as w:
            for i, rec in enumerate(corpus):
                w.write_record(record(rec["text"] + f" ({i})", f"y/{i}"))
        per = (time.process_time() - start) / len(corpus)
    chars = sum(len(r["text"]) for r in corpus) / len(corpus)
    print(f"CPU cost: fingerprint {fp_ms:.2f} ms/record, write_record with dedup {per * 1e3:.2f} ms/record "
          f"({1 / per:.0f} records/s, mean {chars:.0f} chars, {len(corpus)} records)")


if __name__ == "__main__":
    main()
