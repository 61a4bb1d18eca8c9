"""Language identification behind a small pluggable interface. (stub, to be replaced)"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Guess:
    lang: str  # ISO 639-1, or "und"
    confidence: float


@dataclass
class DocumentLanguage:
    lang: str
    confidence: float
    shares: list[dict] = field(default_factory=list)  # [{"lang": "en", "share": 0.93}], by characters
    blocks: list[dict] = field(default_factory=list)  # [{"start", "end", "lang", "confidence"}] over the text


class LangdetectDetector:
    name = "langdetect"

    def __init__(self) -> None:
        from langdetect import DetectorFactory

        DetectorFactory.seed = 0

    def detect(self, text: str) -> Guess:
        from langdetect import detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            return Guess("und", 0.0)
        return Guess(best.lang.split("-")[0], round(best.prob, 3))


def get_detector(name: str | None = None) -> LangdetectDetector:
    return LangdetectDetector()


def detect_document(text: str, detector=None) -> DocumentLanguage:
    detector = detector or get_detector()
    g = detector.detect(text)
    return DocumentLanguage(g.lang, g.confidence, [{"lang": g.lang, "share": 1.0}] if g.lang != "und" else [])



def tag_lines(lines: list[str], detector=None) -> list[str]:
    """Languages of a group of short lines (e.g. a masthead), tagged jointly so neighbours lend evidence."""
    detector = detector or get_detector()
    return [detector.detect(line).lang for line in lines]
