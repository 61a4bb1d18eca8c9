"""Language-identification benchmark: every detector side by side, per language and per set, in one run.

Sets come from ../shared/eval/langid (see its README): lingua sentences, word pairs and single
words, UD Pashto sentences, UDHR paragraphs, and mixed documents assembled here from those
sentences. Prints Markdown tables (accuracy %, blocks/s, memory) for docs/language.md.

    .venv/bin/python benchmarks/langid.py [--limit 250] [--docs 200] [--detectors a,b]
"""
from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from normalizers import language as lid  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "langid"
OURS = ["en", "fa", "prs", "ur", "ar", "ru", "tr", "de", "fr", "es", "ps", "tg", "uz-Latn", "uz-Cyrl"]
GOLD = {"prs": "fa", "uz-Latn": "uz", "uz-Cyrl": "uz", "kmr": "ku", "ckb": "ku"}  # ckb.txt holds Kurmanji
OUR_CODES = {"en", "fa", "ur", "ar", "ru", "tr", "de", "fr", "es", "ps", "tg", "uz"}
SHORT_SETS = ("word pairs", "single words")


DETECTORS = ["script+fasttext+cld2", "script+fasttext", "fasttext", "script+cld2", "cld2", "langdetect"]


def read_lines(path: Path, limit: int) -> list[str]:
    """Evenly spaced non-empty lines, so a limit still covers the whole file."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit and len(lines) > limit:
        step = len(lines) / limit
        lines = [lines[int(i * step)] for i in range(limit)]
    return lines


def load_sets(limit: int) -> dict[str, dict[str, list[str]]]:
    """set name -> file language -> lines."""
    sets: dict[str, dict[str, list[str]]] = {}
    for folder, name in [("sentences", "sentences"), ("word-pairs", "word pairs"), ("single-words", "single words")]:
        sets[name] = {p.stem: read_lines(p, limit) for p in sorted((EVAL / "lingua" / folder).glob("*.txt"))}
    sets["sentences"]["ps"] = read_lines(EVAL / "ud-pashto" / "ud_sentences.txt", limit)
    sets["UDHR"] = {p.stem: read_lines(p, limit) for p in sorted((EVAL / "udhr").glob("*.txt"))}
    return sets


def sentence_pool(sets: dict) -> dict[str, list[str]]:
    """Sentences per our language: lingua and UD Pashto first, UDHR where nothing else exists."""
    pool: dict[str, list[str]] = defaultdict(list)
    for lang in OURS:
        pool[lang] = list(sets["sentences"].get(lang) or sets["UDHR"][lang])
    pool["ps"] += sets["UDHR"]["ps"]
    return pool


def mixed_documents(pool: dict[str, list[str]], n: int, seed: int = 0) -> list[list[tuple[str, str]]]:
    """Documents of 3-6 paragraphs (1-3 sentences each): a main language and 1-2 others, e.g. a masthead."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        main = rng.choice(OURS)
        others = rng.sample([lang for lang in OURS if GOLD.get(lang, lang) != GOLD.get(main, main)], rng.randint(1, 2))
        langs = [main] * rng.randint(3, 4) + others
        rng.shuffle(langs)
        docs.append([(lang, " ".join(rng.sample(pool[lang], rng.randint(1, 3)))) for lang in langs])
    return docs


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


class Run:
    """One detector over every set: correct/total per (set, language), time spent, memory added."""

    def __init__(self, name: str) -> None:
        gc.collect()
        before = rss_mb()
        self.detector = lid.get_detector(name)
        self.detector.detect("warm up the model before timing")
        self.memory = rss_mb() - before
        self.name = name
        self.hits: Counter = Counter()
        self.answered: Counter = Counter()
        self.as_ours: Counter = Counter()
        self.seen: Counter = Counter()
        self.blocks = 0
        self.seconds = 0.0

    def score(self, key: tuple[str, str], gold: str, got: str) -> None:
        self.seen[key] += 1
        self.answered[key] += got != "und"
        self.as_ours[key] += got in OUR_CODES
        self.hits[key] += got == gold

    def lines(self, set_name: str, lang: str, lines: list[str]) -> None:
        start = time.process_time()  # CPU time of this one process: the machine is shared
        guesses = [self.detector.detect(line).lang for line in lines]
        self.seconds += time.process_time() - start
        self.blocks += len(lines)
        for got in guesses:
            self.score((set_name, lang), GOLD.get(lang, lang), got)

    def documents(self, docs: list[list[tuple[str, str]]]) -> None:
        for doc in docs:
            text = "\n\n".join(p for _, p in doc)
            chars: Counter = Counter()
            for lang, p in doc:
                chars[GOLD.get(lang, lang)] += len(p)
            main = chars.most_common(1)[0][0]
            result = lid.detect_document(text, self.detector)
            for (lang, _), block in zip(doc, result.blocks):
                self.score(("mixed: paragraphs", lang), GOLD.get(lang, lang), block["lang"])
            self.score(("mixed: doc, largest share", "all"), main, result.lang)
            self.score(("mixed: doc, one label", "all"), main, self.detector.detect(text).lang)

    def pct(self, key: tuple[str, str]) -> float | None:
        return 100 * self.hits[key] / self.seen[key] if self.seen[key] else None

    def cell(self, set_name: str, lang: str) -> str:
        key = (set_name, lang)
        if not self.seen[key]:
            return "–"
        if set_name in SHORT_SETS:  # answers may be "und": show how often it answered, and how well
            answered = self.answered[key]
            precision = 100 * self.hits[key] / answered if answered else 0
            return f"{self.pct(key):.0f} ({precision:.0f}/{100 * answered / self.seen[key]:.0f})"
        return f"{self.pct(key):.1f}"


def table(runs: list[Run], set_name: str, langs: list[str]) -> list[str]:
    out = [f"| {set_name} | " + " | ".join(r.name for r in runs) + " |", "|---" * (len(runs) + 1) + "|"]
    for lang in langs:
        if any(r.seen[(set_name, lang)] for r in runs):
            out.append(f"| {lang} | " + " | ".join(r.cell(set_name, lang) for r in runs) + " |")
    return out


def forced(runs: list[Run], langs: list[str]) -> list[str]:
    """Other languages: accuracy / % labelled as one of ours (the harm a prior for our languages does)."""
    out = ["| other languages: correct / called ours | " + " | ".join(r.name for r in runs) + " |",
           "|---" * (len(runs) + 1) + "|"]
    for lang in langs:
        key = ("sentences", lang) if runs[0].seen[("sentences", lang)] else ("UDHR", lang)
        cells = [f"{r.pct(key):.1f} / {100 * r.as_ours[key] / r.seen[key]:.1f}" for r in runs]
        out.append(f"| {lang} ({key[0]}) | " + " | ".join(cells) + " |")
    return out


def summary(runs: list[Run]) -> list[str]:
    out = ["| detector | version | blocks/s (CPU time, one core) | +memory MB | worst of our 13 (sentences/UDHR) | mixed paragraphs | doc: largest share | doc: one label |",
           "|---|---|---|---|---|---|---|---|"]
    for r in runs:
        worst = min(
            (r.pct(("sentences", lang)) if r.seen[("sentences", lang)] else r.pct(("UDHR", lang)), lang) for lang in OURS
        )
        para = sum(r.hits[k] for k in r.seen if k[0] == "mixed: paragraphs") / max(
            1, sum(r.seen[k] for k in r.seen if k[0] == "mixed: paragraphs"))
        out.append(
            f"| {r.name} | {r.detector.version} | {r.blocks / r.seconds:,.0f} | {r.memory:.0f} | {worst[0]:.1f} ({worst[1]}) "
            f"| {100 * para:.1f} | {r.pct(('mixed: doc, largest share', 'all')):.1f} | {r.pct(('mixed: doc, one label', 'all')):.1f} |"
        )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=250, help="lines per file and set (0: all)")
    parser.add_argument("--docs", type=int, default=200, help="mixed documents")
    parser.add_argument("--detectors", default=",".join(DETECTORS))
    args = parser.parse_args(argv)
    sets = load_sets(args.limit)
    docs = mixed_documents(sentence_pool(load_sets(0)), args.docs)
    others = sorted({lang for files in sets.values() for lang in files} - set(OURS))
    runs = []
    for name in args.detectors.split(","):
        try:
            run = Run(name)
        except ImportError as e:  # a benchmark-only peer that is not installed
            print(f"skipping {name}: {e}", file=sys.stderr)
            continue
        for set_name, files in sets.items():
            for lang, lines in files.items():
                run.lines(set_name, lang, lines)
        run.documents(docs)
        runs.append(run)
        print(f"{name}: done", file=sys.stderr)
    print("\n".join(summary(runs)))
    for set_name in ("sentences", "UDHR", "mixed: paragraphs", "word pairs", "single words"):
        print()
        print("\n".join(table(runs, set_name, OURS)))
    print()
    print("\n".join(forced(runs, others)))


if __name__ == "__main__":
    main()
