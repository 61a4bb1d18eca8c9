"""One document, bytes to validated record: sniff -> decode -> extract -> normalize -> detect.

Plain functions only (no Prefect), so `docingest extract FILE` and the flow share them.
Every failure is an `IngestError` subclass the caller turns into a quarantine entry.
"""
from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from extractors.memory import release_freed_memory
from extractors.sniff import binary_kind, sniff
from normalizers import language as lang_id
from normalizers.relative_dates import resolve_at
from normalizers.yearless_dates import printed_calendar
from normalizers.encoding import decode_bytes, repair_mojibake
from normalizers.unicode import join_broken_paragraphs, normalize
from output.draft import Draft
from output.errors import EmptyInput, NoContent, TooLarge, UnsupportedFormat
from output.record import build_record

# Agency and mail formats: sniffed format -> (module, function), imported only when such a file comes.
WIRE_EXTRACTORS = {
    "nitf": ("extractors.wire.nitf", "extract_nitf"),
    "newsml": ("extractors.wire.newsml", "extract_newsml"),
    "newsml1": ("extractors.wire.newsml1", "extract_newsml1"),
    "ninjs": ("extractors.wire.ninjs", "extract_ninjs"),
    "iptc7901": ("extractors.wire.iptc7901", "extract_7901"),
    "email": ("extractors.wire.mail", "extract_email"),
}
DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # beyond this a document is quarantined, not parsed


@dataclass(frozen=True)
class Options:
    """Per-run (or per-source) settings; every field has a default that suits most corpora."""

    detector: str | None = None  # None: the default chosen in normalizers.language
    language_override: str | None = None  # e.g. "prs" for a Kabul site: tag on purpose, never guessed
    max_bytes: int = DEFAULT_MAX_BYTES
    # seconds one document may take before it is quarantined as "timeout": the slowest wcxb-dev page takes
    # 2.8 s and the slowest generated hostile page 17 s (benchmarks/slowest.py, tests/test_hostile.py); 60 s
    # leaves room for a loaded machine and stops a stuck worker in a minute, not two
    doc_timeout: float = 60.0
    # more seconds for each MB past the first: a 20 MB page or text file is a real document that takes 20-70 s on
    # an idle machine (benchmarks/big_inputs.py), twice that on a loaded one, and losing it to the limit loses its
    # text; a hang is stopped all the same, a minute or two later
    doc_timeout_per_mb: float = 5.0
    workers: int = 0  # extraction processes per run; 0 = one per CPU core
    fetch_timeout: float = 20.0  # seconds per HTTP request (connect, each read, and the whole body)
    fetch_retries: int = 3  # extra attempts on 429/5xx/timeouts: rides out brief outages, gives up fast on dead hosts
    retry_backoff: float = 1.0  # seconds before the first retry, doubled each time (Retry-After wins when larger)
    max_redirects: int = 5  # browsers allow ~20; real articles need 1-3, more is usually a loop
    host_rate: float = 2.0  # requests per second per host and process: polite for news sites
    host_concurrency: int = 2  # requests in flight per host and process
    respect_robots: bool = True  # off only for sites you own or have permission to crawl
    allow_private_hosts: bool = False  # loopback/private/link-local targets are refused (SSRF); tests opt in
    ocr: bool = True  # OCR PDF pages without a usable text layer (Tesseract); off: they are flagged needs_ocr

    def with_(self, **changes) -> "Options":
        return replace(self, **changes)

    def time_limit(self, size: int | None) -> float:
        """Seconds a document of `size` bytes may take (None: size unknown, the base limit).

        >>> Options().time_limit(100_000), Options().time_limit(20_000_000)
        (60.0, 155.0)
        """
        return self.doc_timeout + self.doc_timeout_per_mb * max(0.0, (size or 0) / 1e6 - 1)


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def extract_document(
    data: bytes,
    uri: str,
    *,
    options: Options | None = None,
    fetched_at: str | None = None,
    run_id: str | None = None,
    http: dict | None = None,
    declared_encoding: str | None = None,
) -> dict:
    """Turn the bytes of one document into a validated record (raises IngestError on bad input)."""
    options = options or Options()
    if not data or not data.strip():
        raise EmptyInput("input is empty (0 bytes or only whitespace)")
    if len(data) > options.max_bytes:
        raise TooLarge(f"{len(data)} bytes is over the {options.max_bytes}-byte cap")
    fmt = sniff(data)
    if fmt == "binary":
        raise UnsupportedFormat(f"binary data ({binary_kind(data[:16]) or 'unknown format'}), not HTML, PDF or text")
    if fmt == "feed":
        raise UnsupportedFormat("an RSS/Atom feed or a sitemap: it lists documents rather than holding one (`docingest run FEED_URL` ingests what it lists)")
    draft = _extract(fmt, data, uri, declared_encoding, ocr=options.ocr)
    release_freed_memory(len(data))  # the parse tree is gone: the record's own work reuses its memory
    _normalize(draft)
    if not draft.text().strip() and not draft.warnings:
        raise NoContent(f"no text found in this {fmt} document")
    _date_age(draft, fetched_at)
    _date_calendar(draft)
    detector = lang_id.get_detector(options.detector)
    language = _tag_languages(draft, detector, options.language_override)
    source = {
        "uri": uri,
        "fetched_at": fetched_at or now_iso(),
        "format": fmt,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "encoding": draft.encoding,
    }
    if http:
        source["http"] = http
    return build_record(draft, source=source, language=language, run_id=run_id, detector=detector.name)


def _extract(fmt: str, data: bytes, uri: str, declared_encoding: str | None, *, ocr: bool = True) -> Draft:
    if fmt == "pdf":
        from extractors.pdf import extract_pdf

        return extract_pdf(data, uri=uri, ocr=ocr)
    if fmt == "html":
        from extractors.html import extract_html

        return extract_html(data, uri=uri, declared_encoding=declared_encoding)
    if fmt in WIRE_EXTRACTORS:
        module, name = WIRE_EXTRACTORS[fmt]
        return getattr(importlib.import_module(module), name)(data, uri)
    from extractors.text import extract_text

    decoded = decode_bytes(data, declared_encoding)
    text, repaired = repair_mojibake(decoded.text)
    text, fixed = normalize(text)
    draft = extract_text(text, uri=uri)
    draft.encoding = decoded.encoding
    for name in decoded.fixes + repaired + fixed:
        draft.fix(name)
    return draft


def _normalize(draft: Draft) -> None:
    """Run the Unicode normalizers over every emitted string (idempotent, so repeats are free)."""

    def norm(s: str | None) -> str | None:
        if s is None:
            return None
        out, fixes = normalize(s)
        for name in fixes:
            draft.fix(name)
        return out.strip()

    for attr in ("title", "subtitle", "dateline", "publisher", "original_source"):
        setattr(draft, attr, norm(getattr(draft, attr)) or None)
    draft.authors = [a for a in (norm(a) for a in draft.authors) if a]
    paragraphs, joined = join_broken_paragraphs([norm(p) for p in draft.paragraphs])
    draft.paragraphs = [p for p in paragraphs if p]
    if joined:
        draft.fix("paragraphs_joined")
    for post in draft.posts:
        post.text = norm(post.text) or ""
        for quote in post.quotes:
            quote.text = norm(quote.text) or ""
    draft.captions = [c for c in (norm(c) for c in draft.captions) if c]


def _tag_languages(draft: Draft, detector, override: str | None) -> dict:
    """Document, block, post and stripped-line languages.

    The text decides; a declared variety the models cannot tell from its base (prs, fa-AF: Dari is
    `fa` to every model), or the Dari text signal when sure, refines it; a per-source override is
    applied last, on purpose. What the page declared and what the text alone said are both kept.
    """
    # a thread's posts are its body's paragraphs: detect each once
    detector = lang_id.OncePerText(detector, (post.text for post in draft.posts))
    text = draft.text()
    detected = lang_id.detect_document(text, detector)
    variety = lang_id.choose_variety(detected, draft.language_hint, text)
    doc = lang_id.override_document(lang_id.override_document(detected, variety), override)

    def refine(lang: str) -> str:
        return lang if lang == "und" else lang_id.apply_override(lang_id.apply_override(lang, variety), override)

    for post in draft.posts:
        post.language = refine(lang_id.detect_document(post.text, detector).lang)
    for line, lang in zip(draft.stripped, lang_id.tag_lines([s.text for s in draft.stripped], detector)):
        line.lang = refine(lang)
    declared = lang_id.declared_language(draft.language_hint)
    return {"language": doc.lang, "language_confidence": doc.confidence, "languages": doc.shares,
            "blocks": doc.blocks, "detector_version": detector.version,
            **({"language_declared": declared} if declared else {}),
            **({"language_detected": detected.lang} if detected.lang != doc.lang else {})}


def _date_age(draft: Draft, fetched_at: str | None) -> None:
    """A page printing only its age ('2 hours ago', kept in published_raw) is dated against the fetch time the
    caller gives; without one it stays as printed (the time of this run would make two runs' records differ)."""
    if not draft.published and draft.published_raw and fetched_at:
        draft.published = resolve_at(draft.published_raw, fetched_at)
    for post in draft.posts if fetched_at else ():  # a post printing only its age ('2y', 'vor 3 Tagen'), the same way
        if not post.posted and post.posted_raw and (when := resolve_at(post.posted_raw, fetched_at)):
            post.posted, post.date_precision = when, "relative"


def _date_calendar(draft: Draft) -> None:
    """Name the calendar the published date was printed in (the ISO date is always Gregorian)."""
    if draft.published and draft.published_raw and not draft.published_calendar:  # an extractor may know it (PDF cover dates)
        draft.published_calendar = printed_calendar(draft.published_raw)  # a year-less day's too
