"""Fuzzing every extractor with hypothesis: no exception but a named IngestError escapes, no hang.

A few hundred cases run by default; the few thousand of the long run are marked slow (CI runs
both). Each case must finish within the hypothesis deadline.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.pipeline import extract_document
from output.errors import IngestError

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


# A short run of each (300 cases in all) in the default suite; the long one under the slow marker.
RUNS = [pytest.param(75, id="short"), pytest.param(1000, id="long", marks=pytest.mark.slow)]


def _fuzz(strategy, examples: int) -> None:
    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def case(data):
        _outcome(data)

    case()


@pytest.mark.parametrize("examples", RUNS)
def test_fuzz_raw_bytes(examples):
    _fuzz(st.binary(max_size=4096), examples)


@pytest.mark.parametrize("examples", RUNS)
def test_fuzz_html(examples):
    _fuzz(html_docs(), examples)


@pytest.mark.parametrize("examples", RUNS)
def test_fuzz_text(examples):
    _fuzz(text_docs(), examples)


@pytest.mark.parametrize("examples", [pytest.param(75, id="short"), pytest.param(300, id="long", marks=pytest.mark.slow)])
def test_fuzz_pdf(examples):
    _fuzz(pdf_docs(), examples)
