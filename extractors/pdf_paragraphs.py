"""Body lines to paragraphs: lines joined where they were wrapped, split where a paragraph ends.

A line was wrapped (the paragraph goes on) when it ran so close to its column's far edge that the
next line's first word could not have fit. A paragraph ends at a short line, a vertical gap, an
indent or a change of font size. At a page or column break the paragraph goes on when the last
line was wrapped and the next starts in lower case (or is in a caseless script). Hyphenated words
are rejoined, unless the document itself writes the hyphenated form ("Pashtun-centric").
"""
from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from extractors.pdf_layout import Line
from normalizers.unicode import ends_sentence

PARAGRAPH_GAP = 0.6  # em of white space between lines that starts a new paragraph
INDENT = 1.5  # em of first-line indent that starts a new paragraph (MuPDF's own RTL layout drifts 1.2)
CHAR_EM = 0.55  # average letter width in em, to estimate whether the next word would have fit
SIZE_STEP = 0.5  # points: a different font size is a different paragraph (title, heading, body)
HYPHENATED = re.compile(r"(\w+)[-\u2010\u00ad]$")
_WORD_CHAR = re.compile(r"\w")
LINE_END_HYPHENS = ("-", "\u2010", "\u00ad")
WORD_TAIL = 100  # characters at a paragraph's end that can hold its last (hyphenated) word


@dataclass
class Paragraph:
    lines: list[str] = field(default_factory=list)
    size: float = 0.0
    page: int = 0
    bold: bool = False
    last: Line | None = None


def _wrapped(line: Line, nxt: Line) -> bool:
    """True when the next line's first word would not have fit at the end of `line`."""
    left, right = line.frame
    room = (line.x0 - left) if line.rtl else (right - line.x1)
    words = nxt.text.split(None, 1)
    first = words[0] if words else ""
    return room < (len(first) + 1) * CHAR_EM * line.size


def _indented(line: Line) -> bool:
    left, right = line.frame
    return (right - line.x1 if line.rtl else line.x0 - left) > INDENT * line.size


def usual_gaps(lines: list[Line]) -> dict[float, float]:
    """Font size -> the median white space between a page's consecutive lines of that size.

    Line spacing is the font's and the writer's choice (Word and LibreOffice set Persian fonts'
    lines far apart), so a paragraph break is a gap larger than the page's usual one, not a fixed one.
    """
    gaps: dict[float, list[float]] = {}
    for prev, nxt in zip(lines, lines[1:]):
        gap = nxt.y0 - prev.y1
        if abs(prev.size - nxt.size) <= SIZE_STEP and prev.frame == nxt.frame and -prev.size < gap < 2 * prev.size:
            gaps.setdefault(round(prev.size), []).append(gap)
    return {size: sorted(g)[len(g) // 2] for size, g in gaps.items()}


def continues(prev: Line, nxt: Line, *, same_column: bool, usual_gap: float | None = None) -> bool:
    """Does `nxt` go on with the paragraph that `prev` is the last line of so far?"""
    if prev.table_row or nxt.table_row or abs(prev.size - nxt.size) > SIZE_STEP or not _wrapped(prev, nxt):
        return False
    if same_column:
        allowed = PARAGRAPH_GAP * prev.size
        if usual_gap is not None:
            allowed = max(allowed, usual_gap + PARAGRAPH_GAP / 2 * prev.size)
        return nxt.y0 - prev.y1 <= allowed and not (_indented(nxt) and not _indented(prev))
    if HYPHENATED.search(prev.text.rstrip()):
        return True
    start = nxt.text.lstrip()[:1]
    return not ends_sentence(prev.text) and (start.islower() or nxt.rtl)


class Builder:
    """Takes body lines page by page, in reading order; `paragraphs()` gives the finished text."""

    def __init__(self) -> None:
        self.paras: list[Paragraph] = []
        self.joined_across = 0

    def add(self, line: Line, page: int, *, new_column: bool, usual_gap: float | None = None) -> None:
        cur = self.paras[-1] if self.paras else None
        if cur is not None and cur.last is not None and continues(cur.last, line, same_column=not new_column, usual_gap=usual_gap):
            cur.lines.append(line.text.strip())
            self.joined_across += new_column
        else:
            cur = Paragraph(size=line.size, page=page, bold=line.bold)
            cur.lines.append(line.text.strip())
            self.paras.append(cur)
        cur.last = line

    def paragraphs(self) -> tuple[list[Paragraph], int]:
        """Paragraphs with their lines joined into one string each, and how many hyphens were dropped."""
        hyphens = any(ln.endswith(LINE_END_HYPHENS) for p in self.paras for ln in p.lines[:-1])
        vocabulary = _Written("\n".join(ln for p in self.paras for ln in p.lines)) if hyphens else set()
        dropped = 0
        for para in self.paras:
            text, n = join_lines(para.lines, vocabulary)
            para.lines, para.last = [text], None
            dropped += n
        return self.paras, dropped


class _Written:
    """`"well-known" in vocabulary`: the document writes that hyphenated word as a word of its own.

    Only the few words hyphenated at line ends are ever asked about: each is looked for in the
    lower-cased text when asked (a set of every word of a long document costs more than all of that)."""

    def __init__(self, text: str):
        self.text = text.lower()
        self.known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        if word not in self.known:  # the word first: a pattern that starts with a literal is searched for fast
            found = re.finditer(rf"{re.escape(word)}(?!\w|-\w)", self.text)
            self.known[word] = any(m.start() == 0 or not _WORD_CHAR.match(self.text, m.start() - 1) for m in found)
        return self.known[word]


def join_lines(lines: list[str], vocabulary: Container[str]) -> tuple[str, int]:
    """One paragraph's lines as one string, rejoining words hyphenated at line ends.

    >>> join_lines(["a well-", "known Afg-", "hanistan"], {"well-known"})
    ('a well-known Afghanistan', 1)
    """
    if not lines:
        return "", 0
    parts, dropped = [lines[0]], 0  # joined once at the end: a long paragraph is not copied per line
    for line in lines[1:]:
        if parts[-1].endswith(LINE_END_HYPHENS):
            text = "".join(parts)
            # Only the end matters (searching the whole text would be quadratic).
            m = HYPHENATED.search(text[-WORD_TAIL:])
            head = line.split(None, 1)[0] if line.split() else ""
            if m and head[:1].islower():
                word = re.match(r"\w+", head)
                tail = word.group() if word else head
                if text.endswith("\u00ad") or f"{m.group(1)}-{tail}".lower() not in vocabulary:
                    parts, dropped = [text[:-1], line], dropped + 1
                else:
                    parts = [text[:-1], "-", line]
                continue
        parts += (" ", line)
    return "".join(parts), dropped
