"""Line-level boilerplate: what a line *is* (menu, share bar, comment form…) and where the main text is.

Two tools, both over plain lines so the text, forum and PDF extractors share them:

- `classify_line(line)` names the boilerplate a single line matches (a reason slug such as
  "comment_footer" or "share_bar") or returns None. The patterns are data, one file per
  language: normalizers/data/boilerplate_<lang>.json, {reason: [whole-line regex, ...]}.
- `main_content(lines)` finds the main text among a page's lines, jusText/boilerpipe style:
  each line is graded by its length and function-word density, then the densest run of text is
  kept (menus, link lists and footers are runs of short lines with few function words).

>>> classify_line("Leave a Reply")
'comment_footer'
>>> classify_line("Ваш e-mail не будет опубликован. Обязательные поля помечены *")
'comment_footer'
>>> classify_line("The Taliban want foreign forces to leave Afghanistan.") is None
True
"""
from __future__ import annotations

import functools
import re
import re._constants as sre_constants  # the parser's op codes, to read a pattern's shape (GUARD_CHARS)
import re._parser as sre_parse
from dataclasses import dataclass

from normalizers import vocab
from normalizers.dates import parse_date

STOPWORDS = "boilerplate_stopwords"  # the function-word vocabulary; every other boilerplate_* file holds patterns

# Grading thresholds (in words; a CJK character counts as half a word).
GOOD_WORDS = 12  # a sentence-sized line ending like one; shorter or unpunctuated lines are "near" text
LONG_WORDS = 30  # so long it is text whatever its function-word density (lists of names, quotes)
NEAR_WORDS = 5  # shorter lines are headings, labels or menu items
GOOD_DENSITY = 0.22  # running text in every listed language sits well above this; menus near 0
NEAR_DENSITY = 0.12  # a long line below this is a list of names or keywords, not prose
# Region scores: text adds its length in words, chrome subtracts per line, so an ad break of a
# line or two inside an article is bridged (paragraphs are 30-80 words) while a menu is not.
# Measured on the text-dump dev pages: penalties from 2 to 7 raise article F1 .855 -> .884.
SHORT_PENALTY = 7.0
BAD_PENALTY = 7.0
DATE_MAX_WORDS = 8
DATE_PENALTY = 40.0  # a date line between paragraphs means a list of teasers, not one article
NEAR_WEIGHT = 0.5  # a short sentence counts half; an unpunctuated near line (headline) counts nothing
# A second run of text is kept when it is at least this share of the best one (articles split by
# an inline "related" box); smaller runs elsewhere on the page are teasers and sidebars.
SECOND_REGION_SHARE = 0.35
# A run of text ends in a teaser list when this many paragraphs of at most TEASER_MAX_WORDS words
# each sit alone under a headline of TEASER_HEADLINE_WORDS or more words (see teaser_tail).
TEASER_MIN_ITEMS = 3
TEASER_MAX_WORDS = 60
TEASER_HEADLINE_WORDS = 3
# classify_line remembers its answer for lines up to this long (menus, labels, footers, cover lines;
# prose is longer and rarely repeats), the last this many: at most ~1.6 MB held.
REMEMBERED_CHARS, REMEMBERED_LINES = 200, 2048
# A pattern that opens with `.*` is tried at every character of a line from its end back (copyright,
# cookie notices: 10-20 us on a 300-character line each); it is first asked whether the run of this
# many or more literal characters it must contain occurs at all (the same engine and flags: exact).
GUARD_CHARS = 4
# A line ending in an ellipsis was cut at a fixed length (a teaser, a link title), not ended by its writer.
_CUT_MARKS = ("...", "…")

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_](?:[\w'’\-\u200c]*\w)?")
_SENTENCE_END = re.compile(r"[.!?。！？؟۔…:;\"”»)\]]\s*$")


@functools.cache
def _sources() -> dict[str, list[str]]:
    """Every boilerplate_<lang>.json's patterns merged by reason."""
    merged: dict[str, list[str]] = {}
    for name in vocab.names("boilerplate_"):
        if name == STOPWORDS:
            continue
        for reason, pats in vocab.load(name).items():
            if not reason.startswith("_"):
                merged.setdefault(reason, []).extend(pats)
    return merged


@functools.cache
def _tests() -> dict[str, tuple]:
    """Per reason, one compiled alternation of its patterns, but those that open with `.*` apart behind
    their literal's search: (fullmatch of the others or None, [(literal search, fullmatch), ...]). A line
    matches the reason when one of its patterns matches the whole line, as it would the alternation of all."""
    tests = {}
    for reason, pats in _sources().items():
        guarded, plain = [], []
        for p in pats:
            literal = _required_literal(p)
            if len(literal) >= GUARD_CHARS:
                guarded.append((re.compile(re.escape(literal), re.I).search, re.compile(p, re.I).fullmatch))
            else:
                plain.append(p)
        rest = re.compile("|".join(f"(?:{p})" for p in plain), re.I).fullmatch if plain else None
        tests[reason] = (rest, guarded)
    return tests


def _required_literal(pattern: str) -> str:
    """The longest run of literal characters at the top level of a pattern that opens with `.*`
    (which any whole-line match contains), else ""."""
    items = list(sre_parse.parse(pattern, re.I))
    opens = items and items[0][0] in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
    if not (opens and items[0][1][1] is sre_constants.MAXREPEAT and list(items[0][1][2]) == [(sre_constants.ANY, None)]):
        return ""
    best = run = ""
    for op, arg in items:
        run = run + chr(arg) if op is sre_constants.LITERAL else ""
        best = max(best, run, key=len)
    return best


@functools.cache
def stopwords() -> frozenset[str]:
    """Function words of every listed language together: no language guess is needed to grade a line."""
    data = vocab.load(STOPWORDS)
    return frozenset(w for lang, words in data.items() if not lang.startswith("_") for w in words.split())


def reasons() -> list[str]:
    """The reason slugs the pattern files define."""
    return sorted(_sources())


def classify_line(line: str) -> str | None:
    """Reason slug of the first boilerplate pattern the whole line matches, else None.

    >>> classify_line("Your email address will not be published. Required fields are marked *")
    'comment_footer'
    >>> classify_line("© 2019 Hearst Communications, Inc.")
    'copyright'
    """
    text = line.strip()
    if not text:
        return None
    return _remembered(text) if len(text) <= REMEMBERED_CHARS else _classified(text)


@functools.lru_cache(maxsize=REMEMBERED_LINES)
def _remembered(text: str) -> str | None:
    """`_classified`, remembered: the same line is asked about again and again (a document's first
    page is graded, then read for its head; menus, footers and cover lines recur across documents),
    and a miss runs all 16 reasons' patterns (10-50 us a line)."""
    return _classified(text)


def _classified(text: str) -> str | None:
    return next((reason for reason in _tests() if _matches(text, reason)), None)


def matches(line: str, reason: str) -> bool:
    """The whole line matches one of `reason`'s patterns: one reason's test, for a caller that needs
    only that one (a forum post's lines are asked whether they are markup; all reasons cost ~8x more).

    >>> matches('<td align="left">', "markup"), matches("Leave a Reply", "markup")
    (True, False)
    """
    text = line.strip()
    return bool(text) and _matches(text, reason)


def _matches(text: str, reason: str) -> bool:
    rest, guarded = _tests()[reason]
    return bool(rest and rest(text) or guarded and any(search(text) and fullmatch(text) for search, fullmatch in guarded))


def tokens(line: str) -> list[str]:
    """Lower-cased words; CJK scripts are split per character since they do not space words."""
    lowered = line.lower()
    words = _WORD.findall(lowered)
    if not _CJK.search(lowered):  # most lines: no word to split (a search a word cost 20 us a long line)
        return words
    out: list[str] = []
    for word in words:
        out.extend(_CJK.findall(word) if _CJK.search(word) else [word])
    return out


def word_count(line: str) -> float:
    """Words in a line, a CJK character counting half (about two characters per word)."""
    return _word_count(line, tokens(line))


def _word_count(line: str, toks: list[str]) -> float:
    # No letter changes script when lower-cased: a line without CJK has no CJK token.
    cjk = sum(1 for t in toks if _CJK.fullmatch(t)) if _CJK.search(line) else 0
    return len(toks) - cjk / 2


def stopword_density(line: str) -> float:
    """Share of a line's words that are function words: high in prose, near zero in menus."""
    return _stopword_density(tokens(line))


def _stopword_density(toks: list[str]) -> float:
    if not toks:
        return 0.0
    stop = stopwords()
    return sum(t in stop for t in toks) / len(toks)


def ends_sentence(line: str) -> bool:
    """The line ends a unit of prose: its last mark is end punctuation or a closing quote or bracket.

    A different question from normalizers.unicode.ends_sentence, which looks through closing marks for
    the punctuation inside them (is this sentence over, or did a page break cut it?). Here a closing
    mark alone is enough: a dump line ending '(Reuters)' or '"The Road"' is finished, not wrapped.
    Reading dump lines with the other's rule lowered the text-dumps articles F1 (.906 -> .902), and
    with this rule over its characters (adding ' ’ › ؛) to .905, so each keeps its own.

    >>> ends_sentence("Reported by Jane Doe (Reuters)"), ends_sentence("Home | News | Sport")
    (True, False)
    """
    return bool(_SENTENCE_END.search(line))


@dataclass(frozen=True)
class Grade:
    """How text-like one line is: "good", "near", "short" or "bad" (with the pattern reason)."""

    kind: str
    words: float
    reason: str | None = None
    sentence: bool = False  # ends like a sentence: prose, where a headline or menu item would not


def grade_line(line: str) -> Grade:
    """Grade one line by boilerplate patterns, length and function-word density.

    >>> grade_line("Home").kind
    'bad'
    >>> grade_line("Islamic State has still been able to expand its ranks by offering small salaries.").kind
    'good'
    """
    reason = classify_line(line)
    toks = tokens(line)  # once for both the count and the density
    words = _word_count(line, toks)
    if words <= DATE_MAX_WORDS and parse_date(line.strip(" -–—|·•"), day_first=True):
        return Grade("bad", words, "date")
    if reason:
        return Grade("bad", words, reason)
    density = _stopword_density(toks)
    sentence = ends_sentence(line) and not line.rstrip().endswith(_CUT_MARKS)
    if (words >= LONG_WORDS and density >= NEAR_DENSITY) or (words >= GOOD_WORDS and density >= GOOD_DENSITY and sentence):
        return Grade("good", words)
    if words >= NEAR_WORDS and (density >= GOOD_DENSITY or sentence):
        return Grade("near", words, sentence=sentence)
    return Grade("short", words)


def _line_score(g: Grade) -> float:
    if g.reason == "date":
        return -DATE_PENALTY
    if g.kind == "good":
        return g.words
    if g.kind == "near":
        return g.words * NEAR_WEIGHT if g.sentence else 0.0
    return -(BAD_PENALTY if g.kind == "bad" else SHORT_PENALTY)


def best_region(scores: list[float], lo: int = 0, hi: int | None = None) -> tuple[int, int, float]:
    """Maximum-sum run [start, end) of `scores[lo:hi]` (Kadane); (lo, lo, 0.0) when nothing is positive.

    >>> best_region([-1, 5, -2, 4, -9, 3])
    (1, 4, 7.0)
    """
    hi = len(scores) if hi is None else hi
    best, cur, start, span = 0.0, 0.0, lo, (lo, lo)
    for i in range(lo, hi):
        if cur <= 0:
            cur, start = 0.0, i
        cur += scores[i]
        if cur > best:
            best, span = cur, (start, i + 1)
    return span[0], span[1], best


def main_regions(grades: list[Grade]) -> list[tuple[int, int]]:
    """The best run of text, plus a second one before or after it when nearly as strong."""
    scores = [_line_score(g) for g in grades]
    start, end, best = best_region(scores)
    if best <= 0:
        return []
    regions = [(start, end)]
    before = best_region(scores, 0, start)
    after = best_region(scores, end)
    for s, e, value in (before, after):
        if value >= SECOND_REGION_SHARE * best:
            regions.append((s, e))
    return sorted((s, teaser_tail(grades, s, e)) for s, e in regions)


def _is_prose(g: Grade) -> bool:
    return g.kind == "good" or (g.kind == "near" and g.sentence)


def teaser_tail(grades: list[Grade], start: int, end: int) -> int:
    """Where a list of teasers closing the run [start, end) begins, else `end`: TEASER_MIN_ITEMS or
    more single short paragraphs, each under its own headline (related stories: a title, maybe a
    name or date, a one-paragraph summary). An article's sections run several paragraphs each."""
    i = end
    while i > start and not _is_prose(grades[i - 1]):
        i -= 1
    cut, items = end, 0
    while i > start:
        p = i - 1
        h = p
        while h > start and not _is_prose(grades[h - 1]):
            h -= 1
        headed = any(g.kind in ("near", "short") and not g.sentence and g.words >= TEASER_HEADLINE_WORDS for g in grades[h:p])
        if h <= start or not headed or grades[p].words > TEASER_MAX_WORDS:
            break
        items, cut, i = items + 1, h, h
    return cut if items >= TEASER_MIN_ITEMS else end


def main_content(lines: list[str]) -> list[str | None]:
    """Per line: None to keep it as main text, or the reason it is not.

    Inside the main region, prose is kept and so are short lines that introduce prose (headings);
    everything else is "outside_main" or, for recognised chrome, its pattern reason.
    """
    grades = [grade_line(line) for line in lines]
    verdict: list[str | None] = [g.reason or "outside_main" for g in grades]
    for start, end in main_regions(grades):
        for i in range(start, end):
            g = grades[i]
            if g.kind in ("good", "near") or (g.kind == "short" and _is_heading(lines, grades, i, end)):
                verdict[i] = None
            elif g.kind == "short":
                verdict[i] = "short_line"
    return verdict


def _is_heading(lines: list[str], grades: list[Grade], i: int, end: int) -> bool:
    """A short line of two or more words followed directly by prose, e.g. a subheading."""
    return grades[i].words >= 2 and i + 1 < end and grades[i + 1].kind == "good" and not ends_sentence(lines[i])
