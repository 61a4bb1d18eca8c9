"""Duplicate keys and MinHash sketches of record text, and the links they give.

Exact duplicates share `text_key` (a hash of the normalised text). Near-duplicates and related
stories are found with MinHash + LSH: each text gets two signatures, one over word shingles
(copies, reposts: `near_duplicates`) and one over content words (the same story retold in other
words: `related`). The writer stores signatures and LSH bucket keys in the output's state, so a
later run links to records of earlier runs without loading them.

MinHash is computed here rather than with datasketch: hashing each shingle in Python cost 7 ms
for a 10 kB text; hashing each word once and combining shingles in numpy costs well under 1 ms.
"""
from __future__ import annotations

import functools
import hashlib
import re
import sys
import unicodedata
import zlib
from dataclasses import dataclass, field

import numpy as np

NUM_PERM = 128  # permutations per signature: similarity estimates are within ±0.04 (one sd)
SHINGLE_WORDS = 3  # a copy with changed punctuation or a dropped sentence keeps most 3-word shingles
DUP_BANDS, DUP_ROWS = 16, 8  # LSH candidates from Jaccard ~0.7 up: below the 0.8 default, so few misses
TOPIC_BANDS, TOPIC_ROWS = 64, 2  # candidates from ~0.13 up: retold stories share 0.2-0.3 of content words
NEAR_DUP_THRESHOLD = 0.8  # Jaccard of shingles: reposts with a new header/footer stay above it
RELATED_THRESHOLD = 0.23  # Jaccard of content words: retold stories measured 0.24-0.32, other stories on one topic up to 0.227 (benchmarks/dedup.py)
MIN_POST_WORDS = 50  # shorter posts ("Agree 100%") are not matched on their own: too little to tell
MAX_CANDIDATES = 1000  # per lookup: bounds the cost when one story has been copied thousands of times
MAX_LINKS = 10  # closest links kept per list

# Legacy Arabic-script spellings folded to the Persian/Urdu ones, so they do not hide a copy. A near copy of
# normalizers.calendars' _FOLD and DIGITS, kept here on purpose: output/ may not import normalizers/ (layers),
# and a key's folding must not change when the date reader's does, or stored keys stop matching.
_LETTER_FOLDS = {"ي": "ی", "ى": "ی", "ك": "ک", "ہ": "ه", "ـ": None, "\u200c": " ", "\u200d": None}
_DIGITS = {ord(d): str(i % 10) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")}
# Scripts written without spaces: each character is a token, so shingles are character n-grams.
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
_TOKEN = re.compile(f"[{_UNSPACED}]|[^\\W_]+")
_ABJAD = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f]")  # short vowels unwritten: words are short


@functools.cache
def _fold_table() -> dict[int, str | None]:
    """Drop combining marks (accents, Arabic harakat) and fold legacy letters and digits."""
    table: dict[int, str | None] = {cp: None for cp in range(sys.maxunicode + 1)
                                    if unicodedata.category(chr(cp)).startswith("M")}
    table.update(str.maketrans(_LETTER_FOLDS))
    table.update(_DIGITS)
    return table


def normalise(text: str) -> str:
    """Text as compared for duplicates: casefolded words without marks or punctuation.

    >>> normalise("Ali’s  CAFÉ — open!")
    'ali s cafe open'
    >>> normalise("كتاب عربي") == normalise("کتاب عربی")
    True
    """
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_fold_table())
    return " ".join(_TOKEN.findall(folded))


def text_key(normalised: str) -> bytes | None:
    """Exact-duplicate key; None for empty text, which is never called a duplicate."""
    return hashlib.blake2b(normalised.encode(), digest_size=16).digest() if normalised else None


def _is_content(word: str) -> bool:
    """A crude, language-free stop-word filter: short words are mostly function words."""
    n = len(word)
    return n >= 4 or (n == 3 and bool(_ABJAD.match(word))) or (n == 1 and bool(_UNSPACED_CHAR.match(word)))


@functools.cache
def _constants(name: str, n: int) -> np.ndarray:
    """Fixed odd 64-bit multipliers: signatures are persisted, so they must never change."""
    return np.array([int.from_bytes(hashlib.blake2b(f"{name}{i}".encode(), digest_size=8).digest(), "little") | 1
                     for i in range(n)], dtype=np.uint64)


def _vocabulary(words: list[str]) -> dict[str, int]:
    """A 32-bit hash of each distinct word: hashed once, however often the word occurs."""
    return {w: zlib.crc32(w.encode()) for w in set(words)}


def _minhash(items: np.ndarray) -> np.ndarray:
    """Min over NUM_PERM multiply-shift hashes of 64-bit items; chunked so huge texts stay in memory."""
    a, b = _constants("perm-a", NUM_PERM)[:, None], _constants("perm-b", NUM_PERM)[:, None]
    mins = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint64)
    for start in range(0, len(items), 4096):
        hashed = np.multiply(a, items[None, start:start + 4096])  # in place from here: 10x faster
        hashed += b
        hashed >>= np.uint64(32)
        np.minimum(mins, hashed.min(axis=1), out=mins)
    return mins.astype(np.uint32)


def shingle_signature(words: list[str], vocab: dict[str, int]) -> np.ndarray:
    """Signature of the text's SHINGLE_WORDS-word shingles."""
    hashed = np.fromiter(map(vocab.__getitem__, words), dtype=np.uint64, count=len(words))
    k = min(SHINGLE_WORDS, len(hashed))
    mult = _constants("shingle", SHINGLE_WORDS)
    shingles = sum(hashed[i:len(hashed) - k + 1 + i] * mult[i] for i in range(k))
    return _minhash(np.unique(shingles))


def topic_signature(vocab: dict[str, int]) -> np.ndarray:
    """Signature of the text's content words (see `_is_content`)."""
    return _minhash(np.fromiter((h for w, h in vocab.items() if _is_content(w)), dtype=np.uint64))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def _band_keys(signature: np.ndarray, kind: str, bands: int, rows: int) -> list[int]:
    """LSH bucket keys, one per band, as signed 64-bit ints for SQLite."""
    banded = signature[:bands * rows].reshape(bands, rows).astype(np.uint64)
    keys = (banded * _constants(f"{kind}-rows", rows)).sum(axis=1) + _constants(f"{kind}-bands", bands)
    return keys.view(np.int64).tolist()


def dup_keys(signature: np.ndarray) -> list[int]:
    return _band_keys(signature, "dup", DUP_BANDS, DUP_ROWS)


def topic_keys(signature: np.ndarray) -> list[int]:
    return _band_keys(signature, "topic", TOPIC_BANDS, TOPIC_ROWS)


@dataclass
class Fingerprint:
    """What the state keeps of one record: its exact key, its sketches and their LSH bucket keys. Made
    where the record is made (a worker), so the one writer only looks the keys up and stores them."""

    key: bytes | None
    shingles: np.ndarray | None = None
    topic: np.ndarray | None = None
    shingle_keys: list[int] = field(default_factory=list)
    topic_keys: list[int] = field(default_factory=list)
    posts: list[tuple[int, np.ndarray, list[int]]] = field(default_factory=list)  # (post index, shingle signature, its keys)


def fingerprint(record: dict) -> Fingerprint:
    """Sketch a record's text, and each long forum post on its own (a post may quote a whole article)."""
    norm = normalise(record["text"])
    fp = Fingerprint(text_key(norm))
    if fp.key is None:
        return fp
    words = norm.split()
    vocab = _vocabulary(words)
    fp.shingles, fp.topic = shingle_signature(words, vocab), topic_signature(vocab)
    fp.shingle_keys, fp.topic_keys = dup_keys(fp.shingles), topic_keys(fp.topic)
    for i, post in enumerate(record.get("posts") or []):
        body = " ".join([post["text"], *(q["text"] for q in post.get("quotes") or [])])
        post_words = normalise(body).split()
        if len(post_words) >= MIN_POST_WORDS:
            signature = shingle_signature(post_words, _vocabulary(post_words))
            fp.posts.append((i, signature, dup_keys(signature)))
    return fp


def _sorted_links(links) -> list[dict]:
    return sorted(links, key=lambda link: (-link["similarity"], link["id"]))[:MAX_LINKS]


def find_links(fp: Fingerprint, record_id: str, state, near: float = NEAR_DUP_THRESHOLD,
               related: float = RELATED_THRESHOLD) -> tuple[list[dict], list[dict]]:
    """(near_duplicates, related) of a record among the sketches `state` holds, closest first.

    A near-duplicate link names the post of this record (`post`) or of the other (`target_post`)
    when the match is a single forum post rather than the whole text.
    """
    if fp.key is None:
        return [], []
    near_links: dict[tuple, dict] = {}
    for post, sig, keys in [(None, fp.shingles, fp.shingle_keys), *fp.posts]:
        candidates = state.sketch_candidates(keys, MAX_CANDIDATES, "shingles")
        for (other_id, other_post, _), score in zip(candidates, _scores(sig, candidates)):
            if other_id != record_id and score >= near:
                link = {"id": other_id, "similarity": round(score, 3), "post": post, "target_post": other_post}
                near_links[(other_id, post, other_post)] = {k: v for k, v in link.items() if v is not None}
    near_dups = _sorted_links(near_links.values())
    seen = {record_id, *(link["id"] for link in near_dups)}
    related_links = []
    candidates = state.sketch_candidates(fp.topic_keys, MAX_CANDIDATES, "topic")
    for (other_id, _, _), score in zip(candidates, _scores(fp.topic, candidates)):
        if score >= related and other_id not in seen:
            related_links.append({"id": other_id, "similarity": round(score, 3)})
            seen.add(other_id)
    return near_dups, _sorted_links(related_links)


def _scores(signature: np.ndarray, candidates: list[tuple]) -> list[float]:
    """`similarity` of `signature` with each candidate's stored signature (its last field), in one pass."""
    if not candidates:
        return []
    others = np.frombuffer(b"".join(c[-1] for c in candidates), dtype="<u4").reshape(len(candidates), len(signature))
    return (np.count_nonzero(others == signature, axis=1) / len(signature)).tolist()


def register(fp: Fingerprint, record_id: str, state) -> None:
    """Store a record's sketches so later records (and later runs) can link to it."""
    if fp.key is None:
        return
    state.add_sketch(record_id, None, fp.shingles.tobytes(), fp.topic.tobytes(), fp.shingle_keys + fp.topic_keys)
    for post, sig, keys in fp.posts:
        state.add_sketch(record_id, post, sig.tobytes(), None, keys)
