"""Unicode clean-up of decoded text. (stub, to be replaced)"""
from __future__ import annotations

import unicodedata


def normalize(text: str) -> tuple[str, list[str]]:
    out = unicodedata.normalize("NFC", text)
    return out, (["unicode_nfc"] if out != text else [])


def join_broken_paragraphs(paragraphs: list[str]) -> tuple[list[str], bool]:
    return paragraphs, False
