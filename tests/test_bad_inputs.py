"""Every bad input ends in a record or a quarantine entry with a clear reason, never a crash."""
from __future__ import annotations

import os

import pytest

from extractors.pipeline import Options
from flows.process import process_source
from extractors.pipeline import extract_document
from flows.sources import Source, expand_inputs

PERSIAN = "افغانستان در سال‌های اخیر با چالش‌های زیادی روبرو بوده است. مردم این کشور امیدوارند که صلح برقرار شود.\n\n" * 3


def run(tmp_path, name: str, data: bytes, **opts):
    path = tmp_path / name
    path.write_bytes(data)
    return process_source(Source(str(path), str(path)), Options(**opts))


def test_empty_file(tmp_path):
    q = run(tmp_path, "empty.txt", b"")["quarantine"]
    assert q["reason"] == "empty" and q["error"] == "EmptyInput"


def test_whitespace_only(tmp_path):
    assert run(tmp_path, "blank.txt", b" \n\n\t \n")["quarantine"]["reason"] == "empty"


def test_binary_junk(tmp_path):
    q = run(tmp_path, "junk.html", os.urandom(4096) + b"\x00" * 64)["quarantine"]
    assert q["reason"] == "unsupported_format" and "binary" in q["message"]
    assert len(q["sha256"]) == 64


def test_png_renamed_html(tmp_path):
    q = run(tmp_path, "image.html", b"\x89PNG\r\n\x1a\n" + os.urandom(512))["quarantine"]
    assert q["reason"] == "unsupported_format" and "png" in q["message"]


def test_invalid_utf8_still_a_record(tmp_path):
    data = ("A Title\n\nThe café opened in the morning and served coffee to the whole street.\n").encode("utf-8")
    data = data.replace("é".encode(), b"\xe9")  # a latin-1 byte inside UTF-8 text
    rec = run(tmp_path, "mixed.txt", data)["record"]
    assert "caf" in rec["text"] and rec["source"]["encoding"]


def test_windows_1256_persian_file(tmp_path):
    rec = run(tmp_path, "fa.txt", ("عنوان خبر\n\n" + PERSIAN).encode("cp1256", errors="replace"))["record"]
    assert "افغانستان" in rec["text"]
    assert rec["source"]["encoding"].lower().replace("-", "") in {"windows1256", "cp1256"}


def test_file_over_the_cap_is_quarantined_without_reading_it_all(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        line = b"This is a very long text file with many repeated lines of ordinary prose.\n"
        for _ in range((50 * 1024 * 1024) // len(line) + 1):
            fh.write(line)
    q = process_source(Source(str(path), str(path)), Options(max_bytes=10 * 1024 * 1024))["quarantine"]
    assert q["reason"] == "too_large" and "cap" in q["message"]


@pytest.mark.slow
def test_50_mb_text_file_under_default_cap_becomes_a_record(tmp_path):
    para = b"The council met on Monday to discuss the new budget and the repair of the old bridge.\n\n"
    rec = run(tmp_path, "big.txt", b"Budget Talks\n\n" + para * ((50 * 1024 * 1024) // len(para)))
    assert "record" in rec or rec["quarantine"]["reason"] in {"too_large", "timeout"}


def test_missing_inputs_are_reported(tmp_path):
    sources, missing = expand_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")])
    assert sources == [] and len(missing) == 2


def test_unexpected_exception_is_quarantined(tmp_path, monkeypatch):
    import flows.process as proc

    def boom(*a, **k):
        raise ValueError("extractor bug")

    monkeypatch.setattr(proc, "extract_document", boom)
    q = run(tmp_path, "a.txt", b"hello world")["quarantine"]
    assert q["error"] == "ValueError" and q["reason"] == "internal_error" and "extractor bug" in q["message"]


def test_batch_keeps_order_and_enforces_the_time_limit(tmp_path):
    from flows.process import process_batch

    good = tmp_path / "good.txt"
    good.write_text("Water Levels Rise\n\nThe river rose by two metres overnight and the bridge was closed.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sources = [Source(str(p), str(p)) for p in (good, empty, good)]
    outcomes = process_batch(sources, Options(workers=2))
    assert ["record" in o for o in outcomes] == [True, False, True]
    big = tmp_path / "big.txt"
    big.write_text("Budget Talks\n\n" + "The council met on Monday to discuss the new budget for the bridge.\n\n" * 100_000)
    slow = process_batch([Source(str(big), str(big))], Options(workers=1, doc_timeout=0.05, doc_timeout_per_mb=0))
    assert slow[0]["quarantine"]["reason"] == "timeout"


def test_record_that_breaks_the_schema_is_quarantined_not_written(tmp_path, monkeypatch):
    import flows.process as proc
    from output.record import validate

    good = extract_document(b"River Report\n\nThe river rose by two metres overnight and the bridge closed.\n", "/x.txt")
    broken = dict(good, language="english")  # not an ISO 639 code
    monkeypatch.setattr(proc, "extract_document", lambda *a, **k: validate(broken))
    q = run(tmp_path, "a.txt", b"hello world")["quarantine"]
    assert q["error"] == "SchemaViolation" and q["reason"] == "schema_violation" and "language" in q["message"]


def test_a_worker_that_dies_is_quarantined_and_the_pool_recovers(tmp_path):
    from flows.process import _get_pool, _outcome, process_batch

    source = Source("/crash.txt", "/crash.txt")
    dying = _get_pool(1).schedule(os._exit, args=(9,))  # what a segfault or an OOM kill looks like from outside
    q = _outcome(source, dying, Options(workers=1))["quarantine"]
    assert q["reason"] == "worker_crashed" and "exit code" in q["message"]
    good = tmp_path / "good.txt"
    good.write_text("Water Levels Rise\n\nThe river rose by two metres overnight and the bridge was closed.\n")
    assert "record" in process_batch([Source(str(good), str(good))], Options(workers=1))[0]
