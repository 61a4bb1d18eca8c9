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
import re
import unicodedata

Glyph = tuple[str, float, float]

RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
# Gaps between glyphs, as a share of the font size. Letters of one word touch (0); the narrowest
# word space measured in XeLaTeX Persian was 0.2 em (while a gap after a non-joining letter
# reaches 0.13 em) and Latin spaces are 0.25 em or more.
WORD_GAP_EM = 0.15
TOUCH_EM = 0.05

# Letters that never join the letter after them: a boundary after them needs no ZWNJ.
RIGHT_JOINING = set("اآأإٱدذرزژوؤةەۀۆۇۈۉۊۋۍۮۯ")
BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">", "«": "»", "‹": "›"}
MIRROR = {**BRACKET_PAIRS, **{v: k for k, v in BRACKET_PAIRS.items()}}
# XePersian fonts map "heh before ZWNJ" (نمونه‌ی) to U+06D5 AE, a letter Persian never uses;
# Sorani Kurdish does, so lines with its own letters are left alone.
XEPERSIAN_HEH = re.compile("\u06d5(?=[\u0620-\u064a\u067e-\u06d3\ufb50-\ufefc])")
SORANI_LETTERS = re.compile("[ۆێڵڕڤ]")
ZWNJ = "\u200c"


def has_rtl(text: str) -> bool:
    return RTL_CHARS.search(text) is not None


@functools.lru_cache(maxsize=4096)  # called once per glyph; a document uses a few hundred characters
def _kind(ch: str) -> str:
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


class _Cluster:
    """A base glyph and the zero-width marks (or ActualText letters) that ride on it."""

    __slots__ = ("text", "x0", "x1", "kind")

    def __init__(self, ch: str, x0: float, x1: float):
        self.text, self.x0, self.x1, self.kind = ch, x0, x1, _kind(ch)


def _clusters(glyphs: list[Glyph]) -> tuple[list[_Cluster], list[float]]:
    """Group glyphs into clusters; spaces are set aside (their x kept), gaps decide spacing later."""
    clusters: list[_Cluster] = []
    spaces: list[float] = []
    for ch, x0, x1 in glyphs:
        if clusters and (x1 - x0 < 0.01 or unicodedata.combining(ch)):
            clusters[-1].text += ch  # ActualText strings arrive whole at one spot, spaces and all
        elif ch.isspace():
            spaces.append(x0)
        else:
            clusters.append(_Cluster(ch, x0, x1))
    clusters.sort(key=lambda c: (c.x0 + c.x1) / 2)
    spaces.sort()
    return clusters, spaces


def _needs_zwnj(before: str, after: str) -> bool:
    """True when two touching letters of one word were drawn unjoined (logical order)."""
    first, second = before[-1], after[0]
    if _form(first) not in ("final", "isolated") or _form(second) not in ("initial", "isolated"):
        return False
    return unicodedata.normalize("NFKC", first)[-1] not in RIGHT_JOINING


def _separator(left: _Cluster, right: _Cluster, spaces: list[float], size: float, rtl: bool) -> tuple[str, bool]:
    """What sits between two clusters adjacent on the page (a space, a ZWNJ or nothing), and
    whether the PDF failed to say so with a space glyph of its own."""
    gap, touch = right.x0 - left.x1, TOUCH_EM * size
    i = bisect.bisect_left(spaces, left.x1 - touch)  # spaces are sorted (_clusters)
    spaced = i < len(spaces) and spaces[i] <= right.x0 + touch
    if gap > WORD_GAP_EM * size:
        return " ", not spaced
    if left.kind != "R" or right.kind != "R" or gap > touch:
        return (" ", False) if spaced else ("", False)
    if spaced:  # a space glyph with no advance between two letters is how ZWNJ gets drawn
        return ZWNJ, True
    before, after = (right.text, left.text) if rtl else (left.text, right.text)
    return (ZWNJ, True) if _needs_zwnj(before, after) else ("", False)


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
    opened = sum(t in BRACKET_PAIRS for t in tokens[start:end]) - sum(t in BRACKET_PAIRS.values() for t in tokens[start:end])
    while opened > 0 and end < len(tokens) and tokens[end] in BRACKET_PAIRS.values():
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


def fold_presentation_forms(text: str) -> str:
    """NFKC on Arabic presentation forms only (the rest of the text is left as it is).

    >>> fold_presentation_forms("ﻻ ﺑﺎ x²")
    'لا با x²'
    """
    return PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()).strip(), text)


def logical_line(glyphs: list[Glyph], size: float) -> tuple[str, list[str]]:
    """The logical text of one visual line, and the names of the fixes that changed it."""
    clusters, spaces = _clusters(glyphs)
    if not clusters:
        return "", []
    strong = [c.kind for c in clusters if c.kind in "RL"]
    rtl = strong.count("R") > strong.count("L")
    tokens, kinds, fixes = [clusters[0].text], [clusters[0].kind], set()
    for left, right in zip(clusters, clusters[1:]):
        sep, recovered = _separator(left, right, spaces, size, rtl)
        if sep:
            tokens.append(sep)
            kinds.append("W")
        if recovered:
            fixes.add("zwnj_from_glyph_gaps" if sep == ZWNJ else "spaces_from_glyph_gaps")
        tokens.append(right.text)
        kinds.append(right.kind)
    if "R" in kinds:
        tokens, rtl_flags = _reorder(tokens, kinds, rtl)
        fixes.add("rtl_reordered")
        if _unmirror(tokens, rtl_flags):
            fixes.add("brackets_unmirrored")
    text = "".join(tokens)
    if XEPERSIAN_HEH.search(text) and not SORANI_LETTERS.search(text):
        text = XEPERSIAN_HEH.sub("ه" + ZWNJ, text)
        fixes.add("xepersian_heh")
    folded = fold_presentation_forms(text)
    if folded != text:
        fixes.add("presentation_forms_folded")
    return folded, sorted(fixes)
