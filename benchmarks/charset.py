"""Charset detection and Windows-1256 mojibake repair, measured on real sentences.

Part 1 encodes short lingua sentences in their legacy code pages and asks chardet,
charset-normalizer and our `decode_bytes` (no declared charset) to read them back; a
sample counts as right when the decoded text equals the original. Part 2 damages
Arabic-script lines the ways the web does and measures how many `repair_mojibake`
restores exactly, and how many clean lines (all languages) it wrongly changes.

Run: .venv/bin/python benchmarks/charset.py [--limit N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import chardet  # noqa: E402
import charset_normalizer  # noqa: E402

from normalizers.encoding import decode_bytes, repair_cp1256, repair_mojibake  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "langid"  # shared/ sits beside the checkout
SENTENCES = EVAL / "lingua" / "sentences"
UDHR = EVAL / "udhr"

LEGACY_PAGES = (
    ("fa", "windows-1256"),
    ("ar", "windows-1256"),
    ("ar", "iso-8859-6"),
    ("ur", "windows-1256"),
    ("ru", "windows-1251"),
    ("ru", "koi8-r"),
    ("uk", "koi8-u"),
    ("de", "windows-1252"),
    ("fr", "windows-1252"),
    ("tr", "windows-1254"),
    ("he", "windows-1255"),
)
# What Windows' "best fit" writes for characters a code page lacks (Persian yeh, digits…),
# so Persian and Urdu samples look like real legacy pages instead of strings of "?".
BEST_FIT = str.maketrans({"\u06cc": "\u064a", "\u06d4": ".", **{chr(0x06F0 + d): str(d) for d in range(10)}})

# (udhr/ckb.txt is Kurmanji in Latin script, so it is not among them.)
ARABIC_SCRIPT_FILES = [SENTENCES / f"{lang}.txt" for lang in ("fa", "ar", "ur")] + [
    UDHR / f"{lang}.txt" for lang in ("fa", "prs", "ar", "ur", "ps")
]


def legacy_samples(lang: str, page: str, limit: int) -> list[bytes]:
    """Non-ASCII sentences of `lang` as a legacy page would store them."""
    lines = (SENTENCES / f"{lang}.txt").read_text(encoding="utf-8").splitlines()[:limit]
    encoded = (line.translate(BEST_FIT).encode(page, errors="replace") for line in lines)
    return [data for data in encoded if not data.isascii()]


def chardet_guess(data: bytes) -> str | None:
    return chardet.detect(data, compat_names=False)["encoding"]


def chardet_web_guess(data: bytes) -> str | None:
    """chardet limited to what web pages use (no Mac, DOS or mainframe code pages)."""
    era = chardet.EncodingEra.MODERN_WEB | chardet.EncodingEra.LEGACY_ISO
    return chardet.detect(data, compat_names=False, encoding_era=era)["encoding"]


def charset_normalizer_guess(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return best.encoding if best else None


def decode_with(guess: Callable[[bytes], str | None]) -> Callable[[bytes], str | None]:
    def decode(data: bytes) -> str | None:
        try:
            return data.decode(guess(data) or "")
        except (LookupError, UnicodeDecodeError):
            return None

    return decode


DECODERS = {
    "chardet": decode_with(chardet_guess),
    "chardet (web eras)": decode_with(chardet_web_guess),
    "charset-normalizer": decode_with(charset_normalizer_guess),
    "decode_bytes": lambda data: decode_bytes(data).text,
}


def measure_detection(limit: int) -> None:
    names = list(DECODERS)
    print(f"{'lang':<5}{'code page':<14}{'n':>6}" + "".join(f"{n:>22}" for n in names))
    for lang, page in LEGACY_PAGES:
        samples = legacy_samples(lang, page, limit)
        cells = []
        for name in names:
            started = time.perf_counter()
            right = sum(DECODERS[name](data) == data.decode(page) for data in samples)
            ms = (time.perf_counter() - started) * 1000 / max(len(samples), 1)
            cells.append(f"{right / max(len(samples), 1):>12.1%} {ms:>6.2f} ms")
        print(f"{lang:<5}{page:<14}{len(samples):>6}" + "".join(f"{c:>22}" for c in cells))


# ---------------------------------------------------------------- mojibake


def as_cp1256(text: str) -> str:
    """UTF-8 bytes read as Windows-1256: the commonest Persian mojibake."""
    return text.encode("utf-8").decode("cp1256")


def shy_dropped(text: str) -> str:
    """…then the invisible soft hyphen (byte 0xAD of "ح") stripped by a cleaner."""
    return as_cp1256(text).replace("\u00ad", "")


def second_half(text: str) -> str:
    """Only the second half of the line damaged (a template joined with a bad field)."""
    words = text.split(" ")
    half = len(words) // 2
    return " ".join(words[:half] + [as_cp1256(" ".join(words[half:]))])


def twice(text: str) -> str:
    """Double encoding: the mojibake saved as UTF-8 and read as Windows-1256 again."""
    return as_cp1256(as_cp1256(text))


def old_table(text: str) -> str:
    """Read with a decoder that passes bytes it has no character for through as C1 controls."""
    legacy_undefined = {0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x98, 0x9A, 0x9D, 0x9E, 0x9F}
    return "".join(chr(b) if b in legacy_undefined else bytes([b]).decode("cp1256") for b in text.encode("utf-8"))


DAMAGES = (as_cp1256, shy_dropped, second_half, twice, old_table)


def read_lines(path: Path, limit: int) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines()[:limit] if line.strip()]


def measure_repair(limit: int) -> None:
    lines = [line for path in ARABIC_SCRIPT_FILES for line in read_lines(path, limit)]
    print(f"\nWindows-1256 mojibake repair on {len(lines)} Arabic-script lines (fa, prs, ar, ur, ps)")
    print(f"{'damage':<14}{'damaged':>9}{'repaired':>10}")
    for damage in DAMAGES:
        pairs = [(line, damage(line)) for line in lines]
        pairs = [(clean, bad) for clean, bad in pairs if bad != clean]
        right = sum(repair_mojibake(bad)[0] == clean for clean, bad in pairs)
        print(f"{damage.__name__:<14}{len(pairs):>9}{right / max(len(pairs), 1):>10.1%}")

    all_clean = [line for path in sorted(SENTENCES.glob("*.txt")) + sorted(UDHR.glob("*.txt")) for line in read_lines(path, limit)]
    touched = sum(repair_cp1256(line)[1] for line in all_clean)
    print(f"\nfalse positives of the Windows-1256 repair on {len(all_clean)} clean lines (all languages): {touched}")
    changed = sum(repair_mojibake(line)[0] != line for line in lines)
    print(f"clean Arabic-script lines changed by repair_mojibake (ftfy included): {changed} of {len(lines)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="lines per file")
    args = parser.parse_args()
    measure_detection(args.limit)
    measure_repair(args.limit)


if __name__ == "__main__":
    main()
