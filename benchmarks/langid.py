"""Language-identification benchmark: detectors side by side, tune and validation split, per language.

Lines come from ../shared/eval/langid (see its README): lingua sentences, UD Pashto sentences and
UDHR paragraphs (the only Tajik, Uzbek and Dari there is). The gate is short sentences of at least
25 characters, on the validation ids of `benchmarks.splits` (thresholds are tuned on the tune ids
only). Dari is scored as the pipeline sees a page that declares it: the declared `prs` refines a
`fa` verdict. Also: a confusion matrix, mixed documents assembled from the split's own sentences
(per-paragraph accuracy), 25-45-character pieces of the gate lines, word pairs, the Dari-vs-Persian
text signal, other languages.

    .venv/bin/python benchmarks/langid.py [--limit 300] [--docs 200] [--detectors a,b]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.splits import ids  # noqa: E402
from normalizers import language as lid  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "langid"
OURS = ["en", "fa", "prs", "ps", "ur", "ar", "ru", "tr", "de", "fr", "es", "tg", "uz-Latn", "uz-Cyrl"]
GOLD = {"uz-Latn": "uz", "uz-Cyrl": "uz", "ckb": "ku", "kmr": "ku"}  # ckb.txt holds Kurmanji
FILE_LANG = {"ud_sentences": "ps"}
MIN_CHARS = 25  # the "short sentence"
PARTS = ("tune", "validation")
DETECTORS = ["script+fasttext+cld2", "langdetect"]
DECLARED = {"prs": "prs"}
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "langid" / "persian_varieties.tsv"  # what the page declares for these files (UDHR Dari: a Dari page)


def gold(lang: str) -> str:
    return GOLD.get(lang, lang)


def family(lang: str) -> str:
    """Dari and Persian are one family here: a document declared Dari refines every Persian block."""
    return "fa" if lang == "prs" else gold(lang)


def read(folder: str, part: str, limit: int, min_chars: int = MIN_CHARS) -> dict[str, list[str]]:
    """file language -> lines of one split part (evenly spaced when over `limit`)."""
    wanted = ids("langid", part)
    out: dict[str, list[str]] = {}
    for path in sorted((EVAL / folder).glob("*.txt")):
        rel = path.relative_to(EVAL).as_posix()
        lines = [line.strip() for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if f"{rel}:{n}" in wanted and len(line.strip()) >= min_chars]
        if limit and len(lines) > limit:
            step = len(lines) / limit
            lines = [lines[int(i * step)] for i in range(limit)]
        out[FILE_LANG.get(path.stem, path.stem)] = lines
    return out


def sentences(part: str, limit: int) -> dict[str, list[str]]:
    """Gate lines per language: lingua and UD Pashto sentences, UDHR where there is nothing else, and
    UDHR Pashto/Dari too (their only other source)."""
    lingua, udhr, ud = read("lingua/sentences", part, limit), read("udhr", part, limit), read("ud-pashto", part, limit)
    pool = {lang: list(lingua.get(lang) or udhr.get(lang, [])) for lang in set(lingua) | set(udhr)}
    pool["ps"] = ud["ps"] + udhr["ps"]
    return pool


PIECE_CHARS = (25, 45)  # "short sentence": word windows of this many characters cut from the gate lines


def short_pieces(pool: dict[str, list[str]], per_language: int = 400) -> dict[str, list[str]]:
    """The first 25-45-character word window of each gate line (lingua's "sentences" are mostly long)."""
    lo, hi = PIECE_CHARS
    out: dict[str, list[str]] = {}
    for lang, lines in pool.items():
        pieces = []
        for line in lines:
            words: list[str] = []
            for word in line.split():
                words.append(word)
                if len(" ".join(words)) >= lo:
                    break
            piece = " ".join(words)
            if lo <= len(piece) <= hi:
                pieces.append(piece)
        out[lang] = pieces[:per_language]
    return out


def mixed_documents(pool: dict[str, list[str]], n: int, seed: int = 0) -> list[list[tuple[str, str]]]:
    """Documents of 4-6 paragraphs (1-3 sentences each): a main language and 1-2 others (a masthead, a quote)."""
    rng = random.Random(seed)
    langs_ok = [lang for lang in OURS if len(pool.get(lang, ())) >= 3]
    docs = []
    for _ in range(n):
        main = rng.choice(langs_ok)
        want_others = rng.randint(1, 2)
        others: list[str] = []
        for lang in rng.sample(langs_ok, len(langs_ok)):  # 1-2 others, each of its own family
            if len(others) < want_others and family(lang) not in {family(x) for x in [main, *others]}:
                others.append(lang)
        langs = [main] * rng.randint(3, 4) + others
        rng.shuffle(langs)
        docs.append([(lang, " ".join(rng.sample(pool[lang], rng.randint(1, 3)))) for lang in langs])
    return docs


class Run:
    """One detector: correct/total per (table, part, language), confusions, CPU time."""

    def __init__(self, name: str) -> None:
        self.detector = lid.get_detector(name)
        self.detector.detect("warm up the model before timing")
        self.name = name
        self.hits: Counter = Counter()
        self.seen: Counter = Counter()
        self.confusion: dict[str, Counter] = defaultdict(Counter)  # validation gate only
        self.blocks = 0
        self.seconds = 0.0

    def label(self, text: str, lang: str) -> str:
        return lid.apply_override(self.detector.detect(text).lang, DECLARED.get(lang))

    def lines(self, table: str, part: str, lang: str, lines: list[str]) -> None:
        start = time.process_time()  # CPU time of this one process: the machine is shared
        got = [self.label(line, lang) for line in lines]
        self.seconds += time.process_time() - start
        self.blocks += len(lines)
        for g in got:
            self.seen[(table, part, lang)] += 1
            self.hits[(table, part, lang)] += g == gold(lang)
            if table == "sentences" and part == "validation":
                self.confusion[lang][g] += 1

    def documents(self, part: str, docs: list[list[tuple[str, str]]]) -> None:
        for doc in docs:
            declared = next((DECLARED[lang] for lang, _ in doc if lang in DECLARED), None)
            result = lid.override_document(lid.detect_document("\n\n".join(p for _, p in doc), self.detector), declared)
            for (lang, _), block in zip(doc, result.blocks):
                self.seen[("mixed paragraphs", part, lang)] += 1
                self.hits[("mixed paragraphs", part, lang)] += block["lang"] == gold(lang)

    def pct(self, key) -> float | None:
        return 100 * self.hits[key] / self.seen[key] if self.seen[key] else None

    def overall(self, table: str, part: str) -> float:
        keys = [k for k in self.seen if k[:2] == (table, part)]
        return 100 * sum(self.hits[k] for k in keys) / max(1, sum(self.seen[k] for k in keys))


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}"


def side_by_side(runs: list[Run], table: str, langs: list[str]) -> list[str]:
    head = " | ".join(f"{r.name} {p}" for r in runs for p in PARTS)
    out = [f"| {table} (n tune/val) | {head} |", "|---" * (1 + len(runs) * len(PARTS)) + "|"]
    for lang in langs:
        n = "/".join(str(runs[0].seen[(table, p, lang)]) for p in PARTS)
        cells = " | ".join(fmt(r.pct((table, p, lang))) for r in runs for p in PARTS)
        out.append(f"| {lang} ({n}) | {cells} |")
    cells = " | ".join(fmt(r.overall(table, p)) for r in runs for p in PARTS)
    out.append(f"| all | {cells} |")
    return out


def confusion(run: Run) -> list[str]:
    cols = sorted({g for row in run.confusion.values() for g in row}, key=lambda g: (g not in map(gold, OURS), g))
    out = [f"| {run.name}, validation: gold \\ got | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for lang in OURS:
        row = run.confusion.get(lang, Counter())
        out.append(f"| {lang} | " + " | ".join(str(row[c]) if row[c] else "·" for c in cols) + " |")
    return out


def dari_signal(part: str) -> list[str]:
    """How often the text alone says prs (or fa) on Dari and Persian lines, and how often it is right.

    lingua's fa file is web text from Iran and Afghanistan alike, labelled fa: its "said prs" lines
    are read by hand, not counted as errors blindly (see docs/language.md)."""
    udhr, lingua = read("udhr", part, 0), read("lingua/sentences", part, 0)
    out = [f"| Dari signal, {part} | lines | said prs | said fa | undecided | precision |", "|---|---|---|---|---|---|"]
    fixtures = [line.split("\t") for line in FIXTURES.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    sets = [("UDHR prs", "prs", udhr["prs"]), ("UDHR fa", "fa", udhr["fa"]), ("lingua fa", "fa", lingua["fa"])]
    if part == "validation":  # written after the word lists, never tuned on: counted once, here
        sets += [(f"fixtures {lang}", lang, [t for label, t in fixtures if label == lang]) for lang in ("prs", "fa")]
    for name, lang, lines in sets:
        said = Counter(lid.persian_variety(line) for line in lines)
        decided = said["prs"] + said["fa"]
        out.append(f"| {name} | {len(lines)} | {said['prs']} | {said['fa']} | {said[None]} | "
                   f"{fmt(100 * said[lang] / decided if decided else None)} |")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="lines per file and part (0: all)")
    parser.add_argument("--docs", type=int, default=200, help="mixed documents per part")
    parser.add_argument("--detectors", default=",".join(DETECTORS))
    args = parser.parse_args(argv)
    gate = {p: sentences(p, args.limit) for p in PARTS}
    pairs = {p: read("lingua/word-pairs", p, args.limit, 0) for p in PARTS}
    pieces = {p: short_pieces(sentences(p, 0)) for p in PARTS}
    docs = {p: mixed_documents(sentences(p, 0), args.docs) for p in PARTS}
    others = sorted(set(gate["validation"]) - set(OURS))
    runs = []
    for name in args.detectors.split(","):
        run = Run(name)
        for p in PARTS:
            for lang, lines in gate[p].items():
                run.lines("sentences", p, lang, lines)
            for lang, lines in pieces[p].items():
                run.lines("short pieces", p, lang, lines)
            for lang, lines in pairs[p].items():
                run.lines("word pairs", p, lang, lines)
            run.documents(p, docs[p])
        runs.append(run)
        print(f"{name}: done", file=sys.stderr)
    print("| detector | version | lines/s (CPU, one core) | worst of ours, validation | mixed paragraphs, validation |")
    print("|---|---|---|---|---|")
    for r in runs:
        worst = min((r.pct(("sentences", "validation", lang)) or 0.0, lang) for lang in OURS)
        print(f"| {r.name} | {r.detector.version} | {r.blocks / r.seconds:,.0f} | {worst[0]:.1f} ({worst[1]}) "
              f"| {r.overall('mixed paragraphs', 'validation'):.2f} |")
    for table, langs in (("sentences", OURS), ("short pieces", OURS), ("mixed paragraphs", OURS), ("word pairs", OURS),
                         ("sentences", others)):
        print()
        print("\n".join(side_by_side(runs, table, [lang for lang in langs if runs[0].seen[(table, "tune", lang)]])))
    for r in runs:
        print()
        print("\n".join(confusion(r)))
    for p in PARTS:
        print()
        print("\n".join(dari_signal(p)))


if __name__ == "__main__":
    main()
