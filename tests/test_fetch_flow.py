"""The `ingest` flow over URLs, feeds and files: first run, unchanged rerun, changed rerun."""
from __future__ import annotations

import json

from http_fixtures import site  # noqa: F401  (pytest fixture)

from flows.ingest import ingest
from output.reader import accounted

OPTIONS = {"allow_private_hosts": True, "retry_backoff": 0.01, "host_rate": 1000.0}


def _manifest(out, run_id) -> dict:
    """The run's manifest with its input outcomes read in from their file."""
    manifest = json.loads((out / f"manifest-{run_id}.json").read_text())
    return {**manifest, "accounted": list(accounted(out, manifest))}


def _outcomes(manifest) -> dict:
    return {a["uri"]: (a["outcome"], a.get("reason")) for a in manifest["accounted"]}


def test_scheduled_reruns_emit_only_new_or_changed_documents(site, tmp_path, prefect_harness):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "river.txt").write_text("Water Levels Rise\n\nThe river rose by two metres overnight and the bridge was closed.\n")
    (docs / "budget.txt").write_text("Budget Talks\n\nThe council met on Monday to discuss the new budget for the schools.\n")
    pages = ["/article.html", "/changing.html", "/plain.html", "/missing", "/flaky", "/private/secret.html", "/feed.rss"]
    inputs = [site.url(p) for p in pages] + [str(docs)]
    out = tmp_path / "out"

    first = ingest(inputs=inputs, out=str(out), options=OPTIONS)
    assert first["records"] == 8 and first["quarantine_reasons"] == {"http_404": 1, "robots_disallowed": 1}
    records = [json.loads(l) for p in out.glob("records-*.jsonl") for l in p.read_text().splitlines()]
    by_uri = {r["source"]["uri"]: r for r in records}
    assert by_uri[site.url("/feed/a2.html")]["source"]["http"]["status"] == 200
    assert by_uri[site.url("/changing.html")]["source"]["http"]["etag"] == '"v1"'
    assert site.hits["/flaky"] == 2

    second = ingest(inputs=inputs, out=str(out), options=OPTIONS)
    assert second["records"] == 0 and second["skipped"] == 8 and second["quarantined"] == 2
    seen = _outcomes(_manifest(out, second["run_id"]))
    assert seen[site.url("/changing.html")] == ("skipped_unchanged", "not_modified")  # a 304
    assert seen[site.url("/plain.html")][0] == "skipped_unchanged"  # no validators: same bytes, same id
    assert seen[str((docs / "river.txt").resolve())] == ("skipped_unchanged", "unchanged_file")  # not even read

    site.version = 2
    (docs / "budget.txt").write_text("Budget Passed\n\nThe council approved the new budget for the schools on Tuesday.\n")
    third = ingest(inputs=inputs, out=str(out), options=OPTIONS)
    assert third["records"] == 2 and third["skipped"] == 6
    fresh = {a["uri"] for a in _manifest(out, third["run_id"])["accounted"] if a["outcome"] == "record"}
    assert fresh == {site.url("/changing.html"), str((docs / "budget.txt").resolve())}


def test_manifest_and_records_hold_no_secrets(site, tmp_path, prefect_harness):
    secret = site.url("/token.html?access_token=s3cr3t").replace("http://", "http://bob:hunter2@")
    out = tmp_path / "out"
    summary = ingest(inputs=[secret, site.url("/missing?key=s3cr3t")], out=str(out), options=OPTIONS)
    assert summary["records"] == 1 and summary["quarantined"] == 1
    for path in out.iterdir():
        if path.suffix in (".json", ".jsonl"):
            text = path.read_text()
            assert "s3cr3t" not in text and "hunter2" not in text, path.name
