"""Corpus stats: the same counts from `docingest stats`, the flow's table artifact and the HTML report."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from extractors.pipeline import extract_document
from output.report import render
from output.stats import collect
from output.writer import RunWriter

TEXT = ("Water Levels Rise in {town}\n\n"
        "The river rose by {n} metres overnight in {town}, flooding the lower streets and closing the old bridge "
        "that links the market to the railway station, officials said on {day}.\n")


def _corpus(out):
    with RunWriter(out) as w:
        for i, (town, lang, day) in enumerate([("Kabul", "prs", "2024-03-01"), ("Herat", "fa", "2024-03-01"),
                                               ("Lahore", "ur", "2024-04-15"), ("Oslo", "en", None)]):
            record = extract_document(TEXT.format(town=town, n=i + 2, day=day or "Monday").encode(), f"file:///{town}.txt")
            record.update(language=lang, published=day, publisher=f"{town} Times")
            w.write_record(record)
        w.write_record(extract_document(TEXT.format(town="Kabul", n=2, day="2024-03-01").encode(), "file:///copy.txt"))
        w.write_quarantine(uri="/bad.bin", error="UnsupportedFormat", reason="unsupported_format", message="binary")
        return w.summary


def test_collect_counts_by_every_group(tmp_path):
    summary = _corpus(tmp_path)
    stats = collect(tmp_path)
    assert stats.records == 4 and stats.duplicates == 1 and stats.quarantined == 1
    assert stats.by["language"] == {"prs": 1, "fa": 1, "ur": 1, "en": 1}
    assert stats.by["month"] == {"2024-03": 2, "2024-04": 1, "unknown": 1}
    assert stats.by["day"] == {"2024-03-01": 2, "2024-04-15": 1}
    assert stats.by["publisher"]["Kabul Times"] == 1 and stats.by["quarantine"] == {"unsupported_format": 1}
    assert stats.by["kind"] == summary.stats.by["kind"]  # the run's own stats count the same way


def test_stats_cli_prints_tables_json_and_html(tmp_path):
    _corpus(tmp_path)
    cli = [sys.executable, "-m", "flows.cli", "stats", str(tmp_path)]
    text = subprocess.run(cli, capture_output=True, text=True, check=True).stdout
    assert "language" in text and "unsupported_format" in text and "Lahore Times" in text
    counts = json.loads(subprocess.run([*cli, "--json"], capture_output=True, text=True, check=True).stdout)
    assert counts["duplicates"] == 1 and counts["by_kind"] == {"article": 4}
    report = tmp_path / "report.html"
    subprocess.run([*cli, "--html", str(report)], capture_output=True, check=True)
    html = report.read_text()
    assert html.count("<svg") == 3 and "<script" not in html and "http" not in html.split("xmlns")[0]


def test_report_escapes_values():
    from output.stats import Stats

    stats = Stats()
    stats.add_record({"kind": "article", "language": "en", "publisher": "<b>Evil & Co</b>", "published": None})
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in render(stats)


def _browser() -> str | None:
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium (scripts/ci-system-deps.sh installs it)")
def test_report_renders_in_a_headless_browser(tmp_path):
    import pymupdf

    _corpus(tmp_path)
    report, shot = tmp_path / "report.html", tmp_path / "report.png"
    subprocess.run([sys.executable, "-m", "flows.cli", "stats", str(tmp_path), "--html", str(report)], check=True,
                   capture_output=True)
    subprocess.run([_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={shot}", "--window-size=1100,1000", report.as_uri()],
                   check=True, capture_output=True, timeout=120)
    pixels = pymupdf.Pixmap(str(shot))
    assert (pixels.width, pixels.height) == (1100, 1000)
    colours = {pixels.pixel(x, y) for x in range(0, pixels.width, 5) for y in range(0, pixels.height, 5)}
    assert len(colours) > 20  # text and coloured bars, not a blank or error page
    bar_blue = (0x3B, 0x6E, 0xA5)
    assert any(tuple(c[:3]) == bar_blue for c in colours)


def test_an_input_quarantined_by_every_rerun_counts_once(tmp_path):
    for _ in range(2):  # a rerun quarantines the same bad file again
        with RunWriter(tmp_path) as w:
            w.write_quarantine(uri="/bad.bin", error="UnsupportedFormat", reason="unsupported_format", message="binary")
            w.write_quarantine(uri="/later-fixed.txt", error="EmptyInput", reason="empty", message="0 bytes")
    with RunWriter(tmp_path, run_id="99999999T000000.000000Z-fixed") as w:  # the empty file got its text
        w.write_record(extract_document(TEXT.format(town="Kabul", n=2, day="Monday").encode(), "/later-fixed.txt",
                                        run_id="99999999T000000.000000Z-fixed"))
    stats = collect(tmp_path)
    assert stats.quarantined == 1 and stats.by["quarantine"] == {"unsupported_format": 1}
    assert stats.records == 1
