"""The words that number pages, as regex alternations: one list (data/pagination.json) for every reader
that meets 'Page 3 of 10' — the PDF furniture at the page edge and the forum chrome between posts — so
a language added there is known to both.

>>> import re
>>> bool(re.fullmatch(rf"(?:{PAGE})\\s*\\d+\\s*(?:{OF})\\s*\\d+", "Seite 3 von 10", re.IGNORECASE))
True
>>> bool(re.fullmatch(rf"(?:{PAGE})\\s*\\d+", "صفحه 12"))
True
"""
from __future__ import annotations

import re

from normalizers import vocab


def _alternation(key: str) -> str:
    """Every language's words under `key`, escaped, longest first (so 'pg.' is tried before 'pg')."""
    words = {word for group in vocab.load("pagination")[key].values() for word in group}
    return "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))


PAGE = _alternation("page")  # the word for 'page'
OF = _alternation("of")  # the word between a page and the page count
