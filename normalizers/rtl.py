"""Arabic-script lines from PDF glyphs: visual order to logical text.

A PDF only says where each glyph was drawn. Producers disagree on the order they write glyphs in
(XeLaTeX writes runs out of order, WeasyPrint uses ActualText, MuPDF's own `sort=True` reverses
Persian words), so the one reliable signal is position: sort glyphs left to right, then undo the
bidi layout. Word spaces and ZWNJ are read from the gaps between glyphs, brackets are un-mirrored,
and presentation forms are folded to letters only *after* reordering (NFKC first turns the
lam-alef ligature into "ال").

A glyph is `(char, x0, x1)` in the order the PDF wrote it; `size` is the font size in points.

>>> logical_line([("ﻡ", 0, 5), ("ﻼ", 5, 12), ("ﺳ", 12, 18)], 12)[0]
'سلام'
>>> logical_line([(")", 0, 3), ("۱", 3, 8), ("۲", 8, 13), ("(", 13, 16), ("ﺏ", 19, 25)], 12)[0]
'ب (۱۲)'
"""
from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata

Glyph = tuple[str, float, float]

RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Gaps between glyphs, as a share of the font size. Letters of one word touch (0); the narrowest
# word space measured in XeLaTeX Persian was 0.2 em (while a gap after a non-joining letter
# reaches 0.13 em) and Latin spaces are 0.25 em or more.
WORD_GAP_EM = 0.15
TOUCH_EM = 0.05

# Letters that never join the letter after them: a boundary after them needs no ZWNJ.
RIGHT_JOINING = set("اآأإٱدذرزژوؤةەۀۆۇۈۉۊۋۍۮۯ")
BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">", "«": "»", "‹": "›"}
CLOSING_BRACKETS = frozenset(BRACKET_PAIRS.values())
MIRROR = {**BRACKET_PAIRS, **{v: k for k, v in BRACKET_PAIRS.items()}}
# XePersian fonts map "heh before ZWNJ" (نمونه‌ی) to U+06D5 AE, a letter Persian never uses;
# Sorani Kurdish does, so lines with its own letters are left alone.
XEPERSIAN_HEH = re.compile("\u06d5(?=[\u0620-\u064a\u067e-\u06d3\ufb50-\ufefc])")
SORANI_LETTERS = re.compile("[ۆێڵڕڤ]")
ZWNJ = "\u200c"


def has_rtl(text: str) -> bool:
    return RTL_CHARS.search(text) is not None


@functools.lru_cache(maxsize=4096)  # called once per glyph; a document uses a few hundred characters
def bidi_kind(ch: str) -> str:
    """R (right-to-left letter), L (left-to-right letter), N (digit) or W (neutral)."""
    bidi = unicodedata.bidirectional(ch)
    if bidi in ("R", "AL"):
        return "R"
    if bidi == "L":
        return "L"
    if bidi in ("EN", "AN"):
        return "N"
    return "W"


@functools.lru_cache(maxsize=4096)
def _form(ch: str) -> str:
    """Joining form of a presentation-form letter ('final', 'initial', ...) or '' for a plain letter."""
    decomposition = unicodedata.decomposition(ch)
    return decomposition[1:decomposition.index(">")] if decomposition.startswith("<") else ""


def _clusters(glyphs: list[Glyph]) -> tuple[list[list], list[float]]:
    """Group glyphs into clusters [text, x0, x1, kind]: a base glyph and the zero-width marks (or
    ActualText letters) that ride on it, sorted by position. Spaces are set aside (their x kept):
    gaps decide spacing later."""
    clusters: list[list] = []
    spaces: list[float] = []
    combining = unicodedata.combining
    for ch, x0, x1 in glyphs:
        if clusters and (x1 - x0 < 0.01 or combining(ch)):
            clusters[-1][0] += ch  # ActualText strings arrive whole at one spot, spaces and all
        elif ch.isspace():
            spaces.append(x0)
        else:
            clusters.append([ch, x0, x1, bidi_kind(ch)])
    clusters.sort(key=_centre)
    spaces.sort()
    return clusters, spaces


def _centre(cluster: list) -> float:
    return cluster[1] + cluster[2]


@functools.lru_cache(maxsize=4096)
def ends_unjoined(ch: str) -> bool:
    """A final or isolated form of a letter that joins the next one: a word goes on unjoined after it."""
    return _form(ch) in ("final", "isolated") and unicodedata.normalize("NFKC", ch)[-1] not in RIGHT_JOINING


@functools.lru_cache(maxsize=4096)
def starts_unjoined(ch: str) -> bool:
    return _form(ch) in ("initial", "isolated")


def _needs_zwnj(before: str, after: str) -> bool:
    """True when two touching letters of one word were drawn unjoined (logical order)."""
    return ends_unjoined(before[-1]) and starts_unjoined(after[0])


def _separators(clusters: list[list], spaces: list[float], size: float, rtl: bool) -> tuple[list[str], set[str]]:
    """What sits between each two clusters adjacent on the page (a space, a ZWNJ or nothing), and
    the fixes for the ones the PDF failed to say with a space glyph of its own."""
    touch, word_gap = TOUCH_EM * size, WORD_GAP_EM * size
    out: list[str] = []
    fixes: set[str] = set()
    left = clusters[0]
    for right in clusters[1:]:
        gap = right[1] - left[2]
        spaced = False
        if spaces:  # sorted (_clusters)
            i = bisect.bisect_left(spaces, left[2] - touch)
            spaced = i < len(spaces) and spaces[i] <= right[1] + touch
        if gap > word_gap:
            out.append(" ")
            if not spaced:
                fixes.add("spaces_from_glyph_gaps")
        elif left[3] != "R" or right[3] != "R" or gap > touch:
            out.append(" " if spaced else "")
        elif spaced:  # a space glyph with no advance between two letters is how ZWNJ gets drawn
            out.append(ZWNJ)
            fixes.add("zwnj_from_glyph_gaps")
        elif _needs_zwnj(right[0], left[0]) if rtl else _needs_zwnj(left[0], right[0]):
            out.append(ZWNJ)
            fixes.add("zwnj_from_glyph_gaps")
        else:
            out.append("")
        left = right
    return out, fixes


def _runs(kinds: list[str], inner: set[str], edge: set[str], tokens: list[str] | None = None) -> list[tuple[int, int]]:
    """Maximal [start, end) spans that start and end on an `edge` kind and hold only `inner` kinds.

    With `tokens`, a span also takes the closing brackets of brackets it opened: "O(n)" is one run."""
    runs, start, last = [], None, None
    for i, kind in enumerate(kinds + ["$"]):
        if kind in edge:
            start = i if start is None else start
            last = i
        elif kind not in inner:
            if start is not None:
                runs.append((start, _closing(tokens, start, last + 1) if tokens else last + 1))
            start = last = None
    return runs


def _closing(tokens: list[str], start: int, end: int) -> int:
    """Extend [start, end) over closing brackets that match brackets opened inside it."""
    inside = tokens[start:end]
    opened = sum(map(BRACKET_PAIRS.__contains__, inside))  # counted in C: this runs for every run of every line
    if not opened:
        return end
    opened -= sum(map(CLOSING_BRACKETS.__contains__, inside))
    while opened > 0 and end < len(tokens) and tokens[end] in CLOSING_BRACKETS:
        end, opened = end + 1, opened - 1
    return end


def _reversed_keeping(tokens: list, kinds: list[str], keep: set[str], text: list[str]) -> list:
    """Reverse a visual run, but keep runs of `keep` kinds (with neutrals inside) in their order."""
    pieces, i = [], 0
    for start, end in _runs(kinds, keep | {"W"}, keep, text):
        pieces.extend([t] for t in tokens[i:start])
        pieces.append(tokens[start:end])
        i = end
    pieces.extend([t] for t in tokens[i:])
    return [t for piece in reversed(pieces) for t in piece]


def _reorder(tokens: list[str], kinds: list[str], rtl: bool) -> tuple[list[str], list[bool]]:
    """Visual tokens to logical ones, and for each whether it sits in right-to-left text."""
    if rtl and "L" not in kinds and "N" not in kinds:  # most lines: nothing left to right to keep
        return tokens[::-1], [True] * len(tokens)
    if rtl:
        out = _reversed_keeping(tokens, kinds, {"L", "N"}, tokens)
        ltr = {t_i for s, e in _runs(kinds, {"L", "N", "W"}, {"L", "N"}, tokens) for t_i in range(s, e)}
        flags = [i not in ltr for i in range(len(tokens))]
        return out, _reversed_keeping(flags, kinds, {"L", "N"}, tokens)
    out, flags, i = [], [], 0
    for start, end in _runs(kinds, {"R", "N", "W"}, {"R"}):
        out += tokens[i:start] + _reversed_keeping(tokens[start:end], kinds[start:end], {"N"}, tokens[start:end])
        flags += [False] * (start - i) + [True] * (end - start)
        i = end
    return out + tokens[i:], flags + [False] * (len(tokens) - i)


def _unmirror(tokens: list[str], rtl_flags: list[bool]) -> bool:
    """Swap brackets drawn mirrored: in right-to-left text the first bracket must open."""
    brackets = [i for i, t in enumerate(tokens) if rtl_flags[i] and t in MIRROR]
    if not brackets or tokens[brackets[0]] in BRACKET_PAIRS:
        return False
    for i in brackets:
        tokens[i] = MIRROR[tokens[i]]
    return True


@functools.cache
def folding_table() -> dict[int, str]:
    """Presentation form -> its letters (NFKC), for str.translate: one pass instead of one call per glyph
    (and for extractors/_stext.c's `finished`, the compiled twin of `_finished`)."""
    table = {}
    for first, last in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFC)):
        for code in range(first, last + 1):
            folded = unicodedata.normalize("NFKC", chr(code)).strip()
            if folded != chr(code):
                table[code] = folded
    return table


def fold_presentation_forms(text: str) -> str:
    """NFKC on Arabic presentation forms only (the rest of the text is left as it is).

    >>> fold_presentation_forms("ﻻ ﺑﺎ x²")
    'لا با x²'
    """
    return text.translate(folding_table())


@functools.cache
def _unjoined_boundary() -> re.Pattern:
    """Between a letter drawn in a final or isolated form that could have joined on and a letter
    drawn in an initial or isolated form: where `_needs_zwnj` holds, as a pattern over a whole line."""
    forms = [chr(c) for first, last in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFC)) for c in range(first, last + 1)]
    ends = "".join(ch for ch in forms if ends_unjoined(ch))
    starts = "".join(ch for ch in forms if starts_unjoined(ch))
    return re.compile(f"(?<=[{re.escape(ends)}])(?=[{re.escape(starts)}])")


_SPACE = re.compile(r"\s")
_APART = "\x00"  # marks letters apart by less than a word space: no ZWNJ between them
_BRACKETS = re.compile("[" + re.escape("".join(MIRROR)) + "]")
_MIRRORED = str.maketrans(MIRROR)
_first, _second, _third = (operator.itemgetter(i) for i in range(3))


def _one_way_parts(glyphs: list[Glyph], size: float) -> tuple[str, set[str]] | None:
    """The glyph-level half of `_written_one_way`: the line's letters in logical order with what
    sits between words (a space, a ZWNJ, or `_APART`), and the fixes so far; None for other lines.
    extractors/_stext.c has the same function compiled (`one_way_parts`)."""
    texts = list(map(_first, glyphs))
    x0s, x1s = list(map(_second, glyphs)), list(map(_third, glyphs))
    joined = "".join(texts)
    if min(map(operator.sub, x1s, x0s)) < 0.01 or any(map(unicodedata.combining, texts)):
        return None
    spaces: list[float] = []
    if _SPACE.search(joined):  # set aside, as `_clusters` does: gaps decide, a space glyph only confirms
        blank = list(map(str.isspace, texts))
        spaces = sorted(itertools.compress(x0s, blank))
        inked = list(map(operator.not_, blank))
        texts, x0s, x1s = (list(itertools.compress(v, inked)) for v in (texts, x0s, x1s))
    kinds = set(map(bidi_kind, set(texts)))
    if "R" not in kinds or not kinds <= {"R", "W"} or _APART in joined:
        return None
    centres = list(map(operator.add, x0s, x1s))
    if not all(map(operator.gt, centres, centres[1:])):  # not right to left: left to right, or give up
        if not all(map(operator.lt, centres, centres[1:])):
            return None
        texts.reverse(), x0s.reverse(), x1s.reverse(), centres.reverse()
    touch, word_gap = TOUCH_EM * size, WORD_GAP_EM * size
    # Logical neighbours i, i + 1: the next one is drawn to the left of this one.
    gaps = list(map(operator.sub, x0s, x1s[1:]))
    apart = set(itertools.compress(range(len(gaps)), map(operator.lt, itertools.repeat(touch), gaps)))
    spaced = _spaced(spaces, x0s, x1s, centres, touch)
    parts, start, fixes = [], 0, {"rtl_reordered"}
    for i in sorted(apart | spaced):  # elsewhere letters of one word: joined, or a ZWNJ their forms call for (below)
        gap = gaps[i]
        if gap > word_gap:
            sep = " "
            if i not in spaced:
                fixes.add("spaces_from_glyph_gaps")
        elif gap > touch or bidi_kind(texts[i]) != "R" or bidi_kind(texts[i + 1]) != "R":
            sep = " " if i in spaced else _APART
        else:  # a space glyph with no advance between two letters is how ZWNJ gets drawn
            sep = ZWNJ
            fixes.add("zwnj_from_glyph_gaps")
        parts += ("".join(texts[start : i + 1]), sep)
        start = i + 1
    parts.append("".join(texts[start:]))
    return "".join(parts), fixes


def _written_one_way(glyphs: list[Glyph], size: float, parts=_one_way_parts) -> tuple[str, set[str]] | None:
    """`logical_line` of the common right-to-left line, computed over whole lists instead of glyph
    by glyph: glyphs drawn one after another in one direction (XeLaTeX writes logical order), none
    riding on another, nothing left to right or numeric. None for other lines. `parts`: the
    glyph-level half, `_one_way_parts` or its compiled twin."""
    found = parts(glyphs, size)
    if found is None:
        return None
    text, fixes = found
    text, zwnj = _unjoined_boundary().subn(ZWNJ, text)
    if zwnj:
        fixes.add("zwnj_from_glyph_gaps")
    text = text.replace(_APART, "")
    bracket = _BRACKETS.search(text)
    if bracket and bracket.group() not in BRACKET_PAIRS:
        text = text.translate(_MIRRORED)
        fixes.add("brackets_unmirrored")
    return text, fixes


def _spaced(spaces: list[float], x0s: list[float], x1s: list[float], centres: list[float], touch: float) -> set[int]:
    """Neighbours i, i + 1 (drawn right to left) with a space glyph between them, their gap widened
    by `touch` each side. Such a pair has c[i] >= 2(x - touch) and c[i + 1] <= 2(x + touch) for
    the glyph centres c (doubled), which decrease: a short run of candidates found by bisection."""
    found: set[int] = set()
    falling = list(map(operator.neg, centres)) if spaces else []
    for x in spaces:
        last = bisect.bisect_right(falling, -2 * (x - touch)) - 1
        first = max(bisect.bisect_left(falling, -2 * (x + touch)) - 1, 0)
        found.update(i for i in range(first, min(last, len(x0s) - 2) + 1) if x1s[i + 1] - touch <= x <= x0s[i] + touch)
    return found


def logical_line(glyphs: list[Glyph], size: float, compiled=None) -> tuple[str, list[str]]:
    """The logical text of one visual line, and the names of the fixes that changed it.
    `compiled`: a module with compiled twins of `_one_way_parts`, `_logical_parts` and `_finished`
    (extractors._stext), same results."""
    finished = compiled.finished if compiled else _finished
    simple = _written_one_way(glyphs, size, compiled.one_way_parts if compiled else _one_way_parts) if glyphs else None
    if simple:
        return finished(*simple)
    return finished(*(compiled.logical_parts if compiled else _logical_parts)(glyphs, size))


def _logical_parts(glyphs: list[Glyph], size: float) -> tuple[str, set[str]]:
    """Any line's glyphs (visual order) to its text in logical order, before `_finished`, and the fixes."""
    clusters, spaces = _clusters(glyphs)
    if not clusters:
        return "", set()
    kinds = [c[3] for c in clusters]
    rtl = kinds.count("R") > kinds.count("L")
    separators, fixes = _separators(clusters, spaces, size, rtl)
    tokens = [clusters[0][0]]
    if any(separators):
        token_kinds = [kinds[0]]
        for sep, cluster in zip(separators, clusters[1:]):
            if sep:
                tokens.append(sep)
                token_kinds.append("W")
            tokens.append(cluster[0])
            token_kinds.append(cluster[3])
        kinds = token_kinds
    else:
        tokens = [c[0] for c in clusters]
    if "R" in kinds:
        tokens, rtl_flags = _reorder(tokens, kinds, rtl)
        fixes.add("rtl_reordered")
        if _unmirror(tokens, rtl_flags):
            fixes.add("brackets_unmirrored")
    return "".join(tokens), fixes


def _finished(text: str, fixes: set[str]) -> tuple[str, list[str]]:
    """XePersian's heh mended and presentation forms folded, once the line is in logical order."""
    if "\u06d5" in text and XEPERSIAN_HEH.search(text) and not SORANI_LETTERS.search(text):
        text = XEPERSIAN_HEH.sub("ه" + ZWNJ, text)
        fixes.add("xepersian_heh")
    folded = fold_presentation_forms(text)
    if folded != text:
        fixes.add("presentation_forms_folded")
    return folded, sorted(fixes)
