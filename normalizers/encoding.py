"""Bytes to text: BOM, strict UTF-8, then charset detection; mojibake repair. (stub, to be replaced)"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Decoded:
    text: str
    encoding: str
    fixes: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252", ["charset_detected"])


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    return text, []
