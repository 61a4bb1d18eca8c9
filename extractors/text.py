"""Plain-text extractor (stub, to be replaced)."""
from __future__ import annotations

from output.draft import Draft


def extract_text(text: str, *, uri: str = "") -> Draft:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    draft = Draft(kind="article", extractor="text")
    if blocks:
        draft.title = blocks[0]
        draft.paragraphs = blocks[1:]
    return draft
