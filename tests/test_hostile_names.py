"""Hostile file names and file-system shapes: each input still ends in one record or one named quarantine entry,
and nothing the run writes (manifest, records) chokes on the name."""
from __future__ import annotations

import os

import orjson
import pytest

from extractors.pipeline import Options
from flows.process import process_source
from flows.sources import expand_inputs, resolve_input

PAGE = b"<html><head><title>Bridge</title></head><body><article><p>" + b"The committee published its report on the river. " * 4 + b"</p></article></body></html>"


@pytest.mark.skipif(os.name != "posix", reason="file names that are not UTF-8 exist on POSIX file systems")
def test_a_file_name_that_is_not_utf8_is_read_and_recorded_under_a_printable_uri(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9\nnew.html"), "wb") as fh:
        fh.write(PAGE)
    [source], problems = expand_inputs([str(tmp_path)])
    assert not problems and source.uri.endswith("caf\\xe9\nnew.html")
    outcome = process_source(source, Options())
    assert "committee published" in outcome["record"]["text"]
    orjson.dumps(outcome)  # surrogates in a uri used to fail here, in the writer, and stop the whole run
    orjson.dumps(resolve_input(os.fsdecode(os.path.join(folder, b"caf\xe9\nnew.html"))))
