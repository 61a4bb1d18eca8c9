"""The big inputs of benchmarks/big_inputs.py, made small: every one is read whole into one record.

Speed is measured in the benchmark (ratios beside trafilatura); here only what the reader keeps."""
import re

import pytest

from benchmarks.big_inputs import INPUTS, br_lines, paragraphs, persian_text, plain_text, table, tag_cloud, text_node
from extractors import html_dates
from extractors.pipeline import extract_document
from normalizers import language

SIZE = 60_000  # bytes: a few hundred paragraphs, enough for every per-line path to run


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_each_big_input_is_made_to_its_size_and_the_same_every_time(name):
    make = INPUTS[name][0]
    assert SIZE <= len(make(SIZE)) < 2 * SIZE
    assert make(SIZE) == make(SIZE)


@pytest.mark.parametrize("make", [plain_text, persian_text])
def test_a_long_plain_text_is_one_article_with_every_paragraph(make):
    data = make(SIZE)
    record = extract_document(data, "file:///big.txt")
    assert record["kind"] == "article"
    assert record["text"].split("\n\n") == data.decode().split("\n\n")[1:]  # below the title, all of it


@pytest.mark.parametrize("make", [br_lines, paragraphs, text_node])
def test_a_long_page_keeps_every_line(make):
    record = extract_document(make(SIZE), "file:///big.html")
    lines_in = re.findall(r"[A-Z][^<>.]*\.", make(SIZE).decode())  # each generated sentence
    assert lines_in and all(line in record["text"] for line in lines_in)


def test_a_long_table_of_dated_rows_is_one_article_with_every_row():
    """Its rows carry dates and repeat as posts do; they are a table's rows, every one kept."""
    data = table(SIZE)
    record = extract_document(data, "file:///big.html")
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td>", data.decode())
    assert record["kind"] == "article" and record["posts"] == []
    assert all(f"{i} {item}" in record["text"] for i, item in rows)


TEXTS = ["", "  a  b ", "one\n\ntwo\x00\x00three mail@example.org www.example.org x", "\t\x85é  \u00a0 ok\nhttp://a.b/c d",
         " ".join(f"w{i}{'@x' if i % 7 == 0 else ''}{chr(10) if i % 3 == 0 else ''}" for i in range(200))]


@pytest.mark.parametrize("text", TEXTS)
def test_long_texts_are_squeezed_and_cleaned_a_slice_at_a_time_as_if_whole(text, monkeypatch):
    """A 20 MB text is squeezed (dates) and cleaned (language) a megabyte at a time: re.sub on it whole held
    hundreds of MB of pieces. Cut small here, every slice boundary must give the one-shot answer."""
    whole_clean, whole_squeezed = language.clean(text), html_dates.squeezed(text)
    monkeypatch.setattr(language, "_CLEAN_SLICE", 8)
    monkeypatch.setattr(html_dates, "_SQUEEZE_SLICE", 8)
    assert language.clean(text) == whole_clean
    assert html_dates.squeezed(text) == whole_squeezed == " ".join(text.split())


def test_an_article_beside_a_huge_tag_cloud_keeps_the_article_and_cuts_the_cloud():
    data = tag_cloud(SIZE)
    record = extract_document(data, "file:///big.html")
    paragraphs = re.findall(r"<p>([^<]+)</p>", data.decode())
    assert record["text"].split("\n\n") == paragraphs and "/tag/" not in record["text"]


def test_let_go_frees_the_elements_of_a_dict_last_to_first():
    """lxml frees a cut-out element's proxy after walking the cut-out part from its start for proxies still
    held: freed first to last each costs the walk over those before it (a pruned 60,000-link sidebar took two
    minutes), last to first nothing."""
    from extractors.html_article import let_go

    freed = []

    class Held:
        def __init__(self, n):
            self.n = n

        def __del__(self):
            freed.append(self.n)

    by_element = {Held(n): n for n in range(5)}
    let_go(by_element)
    assert by_element == {} and freed == [4, 3, 2, 1, 0]


def test_the_forum_detector_index_goes_as_soon_as_it_is_dropped():
    """Its columns do not point back at it: no cycle keeps a proxy per element alive until a garbage
    collection after the tree was cut (where lxml frees them slowly: see let_go)."""
    import gc
    import weakref

    from extractors.html import parse
    from extractors.html_forum_generic import _Index

    root = parse("<html><body><div><a href='/u/1'>Ana</a> <time>May 3, 2024</time></div></body></html>")
    index = _Index(root, [], set())
    gone = weakref.ref(index)
    gc.disable()
    try:
        del index
        assert gone() is None
    finally:
        gc.enable()
