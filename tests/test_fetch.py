"""The fetcher against a real HTTP server on 127.0.0.1: every outcome, seen from both sides."""
from __future__ import annotations

import time

import pytest
from http_fixtures import site  # noqa: F401  (pytest fixture)

from extractors.pipeline import Options
from flows.fetch import fetch, fetch_sources
from flows.process import process_source
from flows.sources import Source, redact_url, url_source

# The fixture server is on loopback, so tests opt in; short waits keep retries quick.
FAST = Options(allow_private_hosts=True, retry_backoff=0.01, fetch_timeout=2.0, host_rate=1000.0,
               host_concurrency=8, max_bytes=4 * 1024 * 1024)


def outcome(site, path: str, options: Options = FAST, **source) -> dict:
    """What the flow would get for one URL: a record, an unchanged marker or a quarantine entry."""
    loaded = fetch_sources([Source(site.url(path), **source)], options)[0]
    return process_source(loaded, options) if isinstance(loaded, Source) else loaded


def test_page_becomes_a_record_with_http_metadata(site):
    record = outcome(site, "/article.html")["record"]
    assert record["title"] == "Water Levels Rise"
    assert record["source"]["http"] == {"status": 200, "final_url": site.url("/article.html"), "etag": '"a1"',
                                        "last_modified": "Tue, 04 Mar 2025 08:00:00 GMT"}


def test_redirects_are_followed_and_bounded(site):
    record = outcome(site, "/hop/3")["record"]
    assert record["source"]["uri"] == site.url("/hop/3")
    assert record["source"]["http"]["final_url"] == site.url("/article.html")
    q = outcome(site, "/hop/9")["quarantine"]
    assert q["reason"] == "too_many_redirects" and site.hits["/hop/4"] == 1 and site.hits["/hop/3"] == 1


def test_404_is_quarantined_without_retrying(site):
    q = outcome(site, "/missing")["quarantine"]
    assert (q["error"], q["reason"], q["message"]) == ("HTTPStatusError", "http_404", f"HTTP 404 for {site.url('/missing')}")
    assert site.hits["/missing"] == 1


@pytest.mark.parametrize("path", ["/flaky", "/limited"])
def test_500_or_429_then_200_is_retried_into_a_record(site, path):
    assert "record" in outcome(site, path)
    assert site.hits[path] == 2


def test_a_server_that_stays_down_is_quarantined_after_the_retries(site):
    q = outcome(site, "/down", FAST.with_(fetch_retries=2))["quarantine"]
    assert q["reason"] == "http_503" and site.hits["/down"] == 3


def test_backoff_doubles_between_retries(site):
    start = time.monotonic()
    outcome(site, "/down", FAST.with_(fetch_retries=2, retry_backoff=0.2))
    assert time.monotonic() - start >= 0.2 + 0.4


def test_slow_answer_past_the_timeout_is_quarantined(site):
    q = outcome(site, "/slow", FAST.with_(fetch_timeout=0.3, fetch_retries=0))["quarantine"]
    assert q["reason"] == "fetch_timeout" and "0.3 s" in q["message"]


@pytest.mark.parametrize("path", ["/huge", "/huge-undeclared", "/bomb"])
def test_bodies_past_the_size_cap_are_refused(site, path):
    """100 MB declared, 100 MB streamed without a length, and 100 MB inside 100 KB of gzip."""
    q = outcome(site, path, FAST.with_(max_bytes=1024 * 1024))["quarantine"]
    assert q["reason"] == "too_large" and "cap" in q["message"]


def test_robots_txt_is_respected_by_default_and_can_be_turned_off(site):
    assert outcome(site, "/private/secret.html")["quarantine"]["reason"] == "robots_disallowed"
    assert site.hits["/private/secret.html"] == 0
    assert "record" in outcome(site, "/private/secret.html", robots=False)  # per source
    assert "record" in outcome(site, "/private/secret.html", FAST.with_(respect_robots=False))  # per run
    assert site.hits["/robots.txt"] == 1  # cached per host


def test_private_hosts_and_other_schemes_are_refused_by_default(site):
    q = outcome(site, "/article.html", FAST.with_(allow_private_hosts=False))["quarantine"]
    assert q["reason"] == "blocked_url" and "allow_private_hosts" in q["message"]
    assert "127.0.0.1" in q["message"] and site.hits["/article.html"] == 0
    for url in (f"http://localhost:{site.port}/article.html", "ftp://example.org/file.txt", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"):
        q = fetch_sources([Source(url)], Options(respect_robots=False))[0]["quarantine"]
        assert q["reason"] == "blocked_url", url


def test_every_redirect_hop_is_checked(site):
    """A page may not bounce the fetcher onto another scheme (or, by default, the local network)."""
    q = outcome(site, "/to-ftp")["quarantine"]
    assert q["reason"] == "blocked_url" and "ftp" in q["message"]


def test_conditional_get_reports_unchanged_then_a_changed_page(site):
    first = fetch(Source(site.url("/changing.html")), FAST)
    assert first.http["etag"] == '"v1"' and b"Version 1" in first.content
    again = fetch_sources([Source(site.url("/changing.html"), etag=first.http["etag"])], FAST)[0]
    assert again == {"unchanged": {"uri": site.url("/changing.html"), "http": {
        "status": 304, "final_url": site.url("/changing.html"), "etag": '"v1"', "last_modified": None}}}
    site.version = 2
    changed = fetch(Source(site.url("/changing.html"), etag=first.http["etag"]), FAST)
    assert not changed.unchanged and b"Version 2" in changed.content


def test_secrets_never_reach_the_record_or_quarantine(site):
    secret_url = site.url("/token.html?id=7&access_token=s3cr3t").replace("http://", "http://bob:hunter2@")
    record = outcome_for(url_source(secret_url))["record"]
    assert "s3cr3t" not in str(record) and "hunter2" not in str(record)
    assert record["source"]["uri"] == site.url("/token.html?id=7&access_token=REDACTED")
    missing = outcome_for(url_source(site.url("/missing?api_key=s3cr3t")))["quarantine"]
    assert "s3cr3t" not in str(missing) and missing["reason"] == "http_404"


def outcome_for(source: Source) -> dict:
    loaded = fetch_sources([source], FAST)[0]
    return process_source(loaded, FAST) if isinstance(loaded, Source) else loaded


def test_redaction_keeps_ordinary_urls_and_paths_untouched():
    assert redact_url("/data/a?token=1.txt") == "/data/a?token=1.txt"
    assert redact_url("https://example.org/a?page=2&q=kabul+news%2C") == "https://example.org/a?page=2&q=kabul+news%2C"
    assert redact_url("https://x.org/?X-Amz-Signature=ab&sig=cd&key=ef") == \
        "https://x.org/?X-Amz-Signature=REDACTED&sig=REDACTED&key=REDACTED"


def test_per_host_rate_limit_spaces_request_starts(site):
    options = FAST.with_(host_rate=10.0, host_concurrency=1)
    fetch_sources([Source(site.url(f"/gate/{i}")) for i in range(4)], options)
    starts = site.starts["/gate/"]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert len(starts) == 4 and min(gaps) >= 0.09


def test_per_host_concurrency_cap_holds_with_many_threads(site):
    fetch_sources([Source(site.url(f"/gate/{i}")) for i in range(6)], FAST.with_(host_concurrency=2))
    assert len(site.starts["/gate/"]) == 6 and site.max_active == 2


def test_requests_say_who_is_asking(site):
    from flows.fetch import USER_AGENT

    assert "docingest" in USER_AGENT and "+http" in USER_AGENT
    fetch(Source(site.url("/article.html")), FAST)
    assert site.user_agents and set(site.user_agents) == {USER_AGENT}
