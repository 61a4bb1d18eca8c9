"""Fuzzing every extractor with hypothesis: no exception but a named IngestError escapes, no hang.

Slow (a few thousand cases); CI runs it. Each case must finish within the hypothesis deadline.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.pipeline import extract_document
from output.errors import IngestError

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=1000, deadline=timedelta(seconds=10), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = st.sampled_from(["the", "bridge", "river", "پل", "رودخانه", "کابل", "мост", "река", "Brücke", "said:", "Reply",
                         "Source:", "By", "12.05.2023", "Sep 26, 2018", "Location", "Country", "\u200c", "\u202e", "\x00", "&amp;", "&#0;"])
TAGS = st.sampled_from(["div", "p", "article", "span", "a", "table", "tr", "td", "li", "ul", "blockquote", "time", "script",
                        "style", "h1", "header", "footer", "nav", "aside", "br", "meta", "title", "body", "html", "!--"])


def _outcome(data: bytes) -> None:
    try:
        record = extract_document(data, "fuzz://case")
    except IngestError as exc:
        assert exc.reason
        return
    assert isinstance(record["text"], str) and record["id"]


@st.composite
def html_docs(draw):
    parts = ["<!DOCTYPE html><html><body>"]
    for _ in range(draw(st.integers(1, 60))):
        tag = draw(TAGS)
        attrs = draw(st.sampled_from(["", ' class="post"', ' class="message-body"', ' id="content"', ' class="comment"', ' itemprop="articleBody"']))
        text = " ".join(draw(st.lists(WORDS, max_size=12)))
        parts.append(f"<{tag}{attrs}>{text}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts).encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1256", "latin-1"])), errors="ignore")


@st.composite
def text_docs(draw):
    lines = [" ".join(draw(st.lists(WORDS, max_size=15))) for _ in range(draw(st.integers(0, 40)))]
    return "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "cp1256", "utf-16-le"])), errors="ignore")


@st.composite
def pdf_docs(draw):
    import pymupdf

    doc = pymupdf.open()
    for _ in range(draw(st.integers(1, 3))):
        page = doc.new_page()
        page.insert_text((72, 72), " ".join(draw(st.lists(WORDS, max_size=10))).encode("latin-1", "ignore").decode("latin-1"))
    data = doc.tobytes()  # carries a fresh timestamp and id: draw the cut as a fraction, not a length
    cut = draw(st.floats(0, 1))
    return data[: int(cut * len(data))] if draw(st.booleans()) else data


@FUZZ
@given(st.binary(max_size=4096))
def test_fuzz_raw_bytes(data):
    _outcome(data)


@FUZZ
@given(html_docs())
def test_fuzz_html(data):
    _outcome(data)


@FUZZ
@given(text_docs())
def test_fuzz_text(data):
    _outcome(data)


@settings(FUZZ, max_examples=300)
@given(pdf_docs())
def test_fuzz_pdf(data):
    _outcome(data)
