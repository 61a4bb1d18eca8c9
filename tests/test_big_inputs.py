"""The big inputs of benchmarks/big_inputs.py, made small: every one is read whole into one record.

Speed is measured in the benchmark (ratios beside trafilatura); here only what the reader keeps."""
import re

import pytest

from benchmarks.big_inputs import INPUTS, br_lines, paragraphs, persian_text, plain_text
from extractors.pipeline import extract_document

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


@pytest.mark.parametrize("make", [br_lines, paragraphs])
def test_a_long_page_keeps_every_line(make):
    record = extract_document(make(SIZE), "file:///big.html")
    lines_in = re.findall(r"[A-Z][^<>]*\.", make(SIZE).decode())  # each generated sentence, between tags
    assert lines_in and all(line in record["text"] for line in lines_in)
