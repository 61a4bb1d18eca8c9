"""Hostile inputs, generated here: each ends in exactly one record or one quarantine entry.

Every case runs through `process_batch`, i.e. in a worker process under the per-document time
limit, exactly as a real run does.
"""
from __future__ import annotations

import base64
import gzip
import json
import os
import random

import pytest

from extractors.pipeline import Options, extract_document
from flows.process import process_batch
from flows.sources import Source

OPTS = Options(workers=2, doc_timeout=60)
PROSE = "The committee published its report on the state of the river and the bridges in the valley. "


def _html_nested(depth: int) -> bytes:
    return (b"<html><body>" + b"<div>" * depth + PROSE.encode() * 5 + b"</div>" * depth + b"</body></html>")


def _pdf_bytes(pages: int = 2, text: str = PROSE) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    for _ in range(pages):
        doc.new_page().insert_text((72, 72), text[:90])
    return doc.tobytes()


def _encrypted_pdf() -> bytes:
    import pymupdf

    doc = pymupdf.open(stream=_pdf_bytes(), filetype="pdf")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")


CASES = {
    "zero.txt": lambda: b"",
    "random.bin": lambda: random.Random(1).randbytes(64 * 1024),
    "image.html": lambda: b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(2048),
    "nested-100k.html": lambda: _html_nested(100_000),
    "invalid-utf8.txt": lambda: ("Bridge Report\n\n" + PROSE * 5).encode() + b"\xff\xfe\xfa" + PROSE.encode(),
    "utf16-no-bom.txt": lambda: ("Bridge Report\n\n" + PROSE * 5).encode("utf-16-le"),
    "mixed-encodings.txt": lambda: ("Bridge Report\n\n" + PROSE).encode() + ("Kabul " + "گزارش کمیته درباره پل‌ها" * 3).encode("utf-8") + " café".encode("cp1252") + "\n\nمردم کابل".encode("cp1256"),
    "nul-bytes.txt": lambda: ("Bridge Report\n\n" + PROSE * 3).encode().replace(b" the ", b" the\x00"),
    "one-mb-line.txt": lambda: (PROSE * (1024 * 1024 // len(PROSE))).encode(),
    "no-body.html": lambda: b"<!DOCTYPE html><html><head><title>Only a head</title></head></html>",
    "truncated.html": lambda: b"<!DOCTYPE html><html><head><title>Cut</title></head><body><article><p>" + PROSE.encode() * 4,
    "entities.html": lambda: (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                              b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>&lol2; &xxe; ' + PROSE.encode() * 3 + b"</p></body></html>"),
    "encrypted.pdf": _encrypted_pdf,
    "truncated.pdf": lambda: _pdf_bytes(3)[:700],
    "gzip-bomb.txt": lambda: gzip.compress(b"\0" * (20 * 1024 * 1024)),
    "bidi-controls.txt": lambda: ("Bridge Report\n\nThe file name was evil\u202etxt.exe and the report said so. " + PROSE * 3 + "\x07\x1b[31m").encode(),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    sources = []
    for name, make in CASES.items():
        path = folder / name
        path.write_bytes(make())
        sources.append(Source(str(path), str(path)))
    results = process_batch(sources, OPTS)
    return {name: result for name, result in zip(CASES, results)}


@pytest.mark.parametrize("name", list(CASES))
def test_each_hostile_input_has_exactly_one_outcome(outcomes, name):
    outcome = {k: v for k, v in outcomes[name].items() if k != "fingerprint"}  # a record's dedup sketch rides along
    assert len(outcome) == 1 and set(outcome) <= {"record", "quarantine"}
    if "quarantine" in outcome:
        q = outcome["quarantine"]
        assert q["reason"] and q["message"] and q["error"]
        assert q["reason"] != "internal_error", q  # a named error, not a crash


def test_expected_quarantine_reasons(outcomes):
    reason = {n: o["quarantine"]["reason"] for n, o in outcomes.items() if "quarantine" in o}
    assert reason["zero.txt"] == "empty"
    assert reason["random.bin"] == "unsupported_format"
    assert reason["image.html"] == "unsupported_format"
    assert reason["encrypted.pdf"] == "encrypted"
    assert reason["gzip-bomb.txt"] == "unsupported_format"


def test_text_survives_bad_bytes(outcomes):
    for name in ("invalid-utf8.txt", "utf16-no-bom.txt", "nul-bytes.txt", "one-mb-line.txt", "mixed-encodings.txt"):
        record = outcomes[name]["record"]
        assert "committee published its report" in record["text"], name
        assert "\x00" not in record["text"]


def test_entities_are_not_expanded_from_outside(outcomes):
    outcome = outcomes["entities.html"]
    text = outcome.get("record", {}).get("text", "")
    assert "root:" not in text  # no XXE: /etc/passwd never read


def test_bidi_overrides_stay_visible(outcomes):
    text = outcomes["bidi-controls.txt"]["record"]["text"]
    assert "\u202e" in text and "\x07" not in text and "\x1b" not in text


@pytest.mark.slow
def test_200_mb_file_is_capped_and_quarantined(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        block = PROSE.encode() * 10_000
        while fh.tell() < 200 * 1024 * 1024:
            fh.write(block)
    [outcome] = process_batch([Source(str(path), str(path))], OPTS)
    assert outcome["quarantine"]["reason"] == "too_large"


# -- inputs that used to cost minutes -----------------------------------------------------------
# Each runs through extract_document (what `docingest extract` does) and must keep its text; the
# pytest-timeout bound is generous (the measured times, in benchmarks/slowest.py's output and
# docs/reliability.md, are a few seconds), so it fails only when a step turns quadratic again.
WORDS = "river bridge council road budget winter repair village water school market farmer station".split()


def _long_token() -> bytes:
    """600 KB without a space (an address-like run of letters, digits, dots, slashes and @)."""
    rnd = random.Random(1)
    token = "".join(rnd.choice("abcdefghij0123456789/._-@") for _ in range(600_000))
    return f"Bridge Report\n\n{PROSE * 3}\n\n{token}\n\n{PROSE * 3}\n".encode()


def _arabic_run() -> bytes:
    rnd = random.Random(2)
    return ("گزارش\n\n" + "".join(rnd.choice("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") for _ in range(400_000))).encode()


def _minified_json_pre() -> bytes:
    rows = [{"id": i, "name": f"item{i}", "tags": ["a", "b"], "url": f"https://example.org/{i}?q=x&y=z"} for i in range(12_000)]
    return (f"<html><head><title>API dump</title></head><body><h1>API dump</h1><p>{PROSE * 2}</p><pre>"
            f"{json.dumps(rows, separators=(',', ':'))}</pre></body></html>").encode()


def _many_paragraphs() -> bytes:
    rnd = random.Random(4)
    paragraphs = "".join(f"<p>The {rnd.choice(WORDS)} and the {rnd.choice(WORDS)} near the {rnd.choice(WORDS)}.</p>"
                         for _ in range(60_000))
    return f"<html><head><title>Many</title></head><body><article>{paragraphs}</article></body></html>".encode()


def _svg_data_uris() -> bytes:
    svg = base64.b64encode(random.Random(3).randbytes(150_000)).decode()
    body = "".join(f'<p>{PROSE * 3}</p><img src="data:image/svg+xml;base64,{svg}" alt="chart {i}">' for i in range(6))
    return f"<html><head><title>Charts</title></head><body><article><h1>Charts of the river</h1>{body}</article></body></html>".encode()


def _letter_run(letter: str, kind: str) -> bytes:
    run = letter * (200_000 // len(letter))
    if kind == "html":
        return (f"<html><head><title>T</title></head><body><article><h1>The river</h1><p>{PROSE}</p>"
                f"<p>{run}</p></article></body></html>").encode()
    return f"Bridge Report\n\n{PROSE}\n\n{run}\n\n{PROSE}\n".encode()


def _kept(make, uri: str) -> dict:
    return extract_document(make(), uri)


@pytest.mark.timeout(120)
def test_a_600_kb_token_keeps_the_text_around_it():
    record = _kept(_long_token, "file:///token.txt")
    assert "committee published its report" in record["text"]


@pytest.mark.timeout(120)
def test_400k_arabic_letters_without_a_space_are_kept():
    record = _kept(_arabic_run, "file:///arabic.txt")
    assert len(record["text"]) > 390_000


@pytest.mark.timeout(120)
def test_a_pre_of_minified_json_is_kept_whole():
    record = _kept(_minified_json_pre, "file:///dump.html")
    assert '"id":11999' in record["text"]


@pytest.mark.timeout(120)
def test_inline_svg_data_uris_do_not_reach_the_text():
    record = _kept(_svg_data_uris, "file:///charts.html")
    assert "committee published its report" in record["text"] and "base64" not in record["text"]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_60000_short_paragraphs_are_all_kept():
    record = _kept(_many_paragraphs, "file:///many.html")
    assert record["stats"]["paragraphs"] >= 59_000


LETTERS = {"latin": "a", "cyrillic": "б", "arabic": "ب", "persian": "ی\u200c", "cjk": "中", "devanagari": "क",
           "hebrew": "ש", "digits": "7", "dashes": "-", "dots": ".", "at-signs": "@", "no-break spaces": "\u00a0",
           "en spaces": "\u2000", "pipes": " | ", "commas": ", "}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("kind", ["txt", "html"])
@pytest.mark.parametrize("name", list(LETTERS))
def test_a_run_of_one_character_in_any_script_ends_in_one_record(name, kind):
    record = extract_document(_letter_run(LETTERS[name], kind), f"file:///run.{kind}")
    assert "committee published its report" in record["text"]
