"""The html_*.json vocabularies, loaded and compiled once at import (the code that walks trees stays free of them).

>>> rx = concept_regex({"share_bar": ["share"], "advertising": ["ad\\\\b"]})
>>> rx.search("post social-share").lastgroup
'share_bar'
>>> rx.search("header shadow") is None
True
"""
from __future__ import annotations

import json
import re
from functools import cache
from normalizers import vocab
from normalizers.unicode import ARABIC_TO_PERSIAN



@cache
def load(name: str) -> dict:
    """One vocabulary file by its short name: load("boilerplate") reads html_boilerplate.json."""
    return vocab.load(f"html_{name}")


def concept_regex(groups: dict[str, list[str]]) -> re.Pattern:
    """One alternation with a named group per concept, each fragment anchored at a word start.

    `match.lastgroup` names the concept, so a caller learns why an element matched.
    """
    parts = [f"(?P<{name}>{'|'.join(frags)})" for name, frags in groups.items() if not name.startswith("_")]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(parts) + ")")


_ARABIC_LETTERS = str.maketrans({**ARABIC_TO_PERSIAN, "\u200c": " "})


def fold(text: str) -> str:
    """Arabic yeh/kaf as Persian ones, ZWNJ as a space: Persian pages use either spelling.

    >>> fold("بيشتر بخوانيد") == fold("بیشتر بخوانید")
    True
    """
    return text.translate(_ARABIC_LETTERS)


def phrase_regex(groups: dict[str, dict[str, list[str]]]) -> re.Pattern:
    """Start-of-block phrases of every language, grouped by concept (languages are merged: a
    Persian page quoting an English share bar still has a share bar). Match it on fold(text)."""
    parts = []
    for name, by_lang in groups.items():
        if name.startswith("_"):
            continue
        phrases = sorted({fold(p) for words in by_lang.values() for p in words}, key=len, reverse=True)
        parts.append(f"(?P<{name}>{'|'.join(map(re.escape, phrases))})")
    return re.compile(r"^\W{0,3}(?:" + "|".join(parts) + ")", re.I)
