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


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and symlinks as POSIX makes them")
def test_entries_of_a_directory_that_are_no_files_are_named_not_dropped(tmp_path):
    (tmp_path / "page.html").write_bytes(PAGE)
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block the run forever
    sources, problems = expand_inputs([str(tmp_path)])
    assert [s.uri.rsplit("/", 1)[1] for s in sources] == ["page.html"]
    assert sorted((p["uri"].rsplit("/", 1)[1], p["reason"], p["error"]) for p in problems) == [
        ("dangling.html", "not_a_file", "NotARegularFile"), ("loop-a", "not_a_file", "NotARegularFile"),
        ("loop-b", "not_a_file", "NotARegularFile"), ("pipe.txt", "not_a_file", "NotARegularFile")]


@pytest.mark.skipif(os.name != "posix", reason="symlinks as POSIX makes them")
def test_a_symlink_leaving_the_input_directory_is_named_not_followed(tmp_path):
    inside, outside = tmp_path / "in", tmp_path / "secret"
    (inside / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "id_rsa").write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY-----")
    (inside / "page.html").write_bytes(PAGE)
    (inside / "sub" / "same-page.html").symlink_to(inside / "page.html")  # inside the tree: followed
    (inside / "key.txt").symlink_to(outside / "id_rsa")
    sources, problems = expand_inputs([str(inside)])
    assert sorted(s.uri.rsplit("/", 1)[1] for s in sources) == ["page.html"]  # the link inside resolves to the same file
    assert [(p["uri"].rsplit("/", 1)[1], p["error"], p["reason"]) for p in problems] == [
        ("key.txt", "LinkOutsideInput", "link_outside_input")]
    assert "id_rsa" in problems[0]["message"] and "name the target" in problems[0]["message"]
    [named], none = expand_inputs([str(inside / "key.txt")])  # a link named on the command line is the user's choice
    assert not none and named.path.endswith("id_rsa")


def _feed_answers(monkeypatch, body: bytes) -> None:
    import flows.fetch
    from flows.fetch import Fetched

    monkeypatch.setattr(flows.fetch, "fetch", lambda source, options: Fetched(body, {"final_url": source.uri}, None))


def test_a_feed_that_lists_no_link_is_named_not_dropped(monkeypatch):
    _feed_answers(monkeypatch, b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>')
    sources, problems = expand_inputs(["https://example.org/feed.rss"], options=Options())
    assert sources == [] and [(p["uri"], p["error"], p["reason"]) for p in problems] == [
        ("https://example.org/feed.rss", "EmptyFeed", "empty_feed")]


def test_billion_laughs_in_a_feed_are_never_expanded(monkeypatch):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
              + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
              + b']><rss version="2.0"><channel><item><link>https://example.org/&j;</link></item></channel></rss>')
    _feed_answers(monkeypatch, laughs)
    sources, problems = expand_inputs(["https://example.org/feed.rss"], options=Options())
    assert [s.uri for s in sources] == ["https://example.org/"] and not problems  # 10^10 a's never made


@pytest.mark.skipif(os.name != "posix", reason="file names that are not UTF-8 exist on POSIX file systems")
def test_a_file_gone_or_turned_into_a_directory_after_listing_is_named(tmp_path):
    from pathlib import Path

    from flows.sources import local_source

    gone = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"gone\xff.html")))
    (tmp_path / "now-a-dir.html").mkdir()
    outcomes = [process_source(local_source(p), Options())["quarantine"] for p in (gone, tmp_path / "now-a-dir.html")]
    assert [(q["error"], q["reason"]) for q in outcomes] == [("InputNotFound", "not_found"), ("Unreadable", "unreadable")]
    orjson.dumps(outcomes)  # the message names the file printably
