"""Input expansion: directories, globs, @lists, URLs, feeds and sitemaps (from a real local server)."""
from __future__ import annotations

from http_fixtures import site  # noqa: F401  (pytest fixture)

from extractors.pipeline import Options
from flows.feeds import parse_feed
from flows.sources import expand_inputs

OPTIONS = Options(allow_private_hosts=True, host_rate=1000.0)


def _uris(inputs, **kw):
    sources, problems = expand_inputs(inputs, options=OPTIONS, **kw)
    return [s.uri for s in sources], problems


def test_directories_recurse_with_include_and_exclude_globs(tmp_path):
    for rel in ("a.html", "sub/b.txt", "sub/deep/c.html", "sub/skip.html", ".git/d.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    uris, _ = _uris([str(tmp_path)], include=["*.html"], exclude=["sub/skip.html"])
    assert [u.removeprefix(str(tmp_path)) for u in uris] == ["/a.html", "/sub/deep/c.html"]


def test_list_files_mix_paths_urls_comments_and_flags(tmp_path, site):
    (tmp_path / "a.txt").write_text("x")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# sources\n{tmp_path / 'a.txt'}\n\n{site.url('/article.html')}\n{site.url('/plain.html')} no-robots\n")
    sources, problems = expand_inputs([f"@{listing}"], options=OPTIONS)
    assert [(s.uri, s.robots) for s in sources] == [
        (str(tmp_path / "a.txt"), True), (site.url("/article.html"), True), (site.url("/plain.html"), False)]
    assert problems == []


def test_rss_atom_and_sitemap_index_expand_to_article_urls(site):
    uris, problems = _uris([site.url("/feed.rss"), site.url("/atom.xml"), site.url("/sitemap.xml")])
    assert uris == [site.url(p) for p in ("/feed/a1.html", "/feed/a2.html", "/feed/b1.html", "/feed/b2.html",
                                          "/feed/b3.html", "/article.html", "/plain.html")]
    assert problems == [] and site.hits["/sitemap-news.xml"] == 1


def test_a_feed_like_url_that_is_a_page_is_ingested_from_the_bytes_already_fetched(site):
    sources, _ = expand_inputs([site.url("/news-feed.html")], options=OPTIONS)
    assert len(sources) == 1 and b"Not A Feed" in sources[0].fetched.content


def test_an_unreachable_feed_is_a_quarantine_entry(site):
    _, problems = _uris([site.url("/missing-feed.xml?token=abc")])
    assert problems == [{"uri": site.url("/missing-feed.xml?token=REDACTED"), "error": "HTTPStatusError",
                         "reason": "http_404", "message": f"HTTP 404 for {site.url('/missing-feed.xml?token=REDACTED')}"}]


def test_missing_inputs_are_reported(tmp_path):
    _, problems = _uris([str(tmp_path / "nope.txt"), f"@{tmp_path / 'nope.list'}"])
    assert [p["reason"] for p in problems] == ["not_found", "not_found"]


def test_feed_parser_ignores_external_entities_and_non_http_links(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<rss><channel><item><link>https://x.org/&x;</link></item>'
           '<item><link>javascript:alert(1)</link></item></channel></rss>').encode()
    links = parse_feed(xxe, "https://x.org/feed")
    assert links is not None and not any("TOPSECRET" in u for u in links.articles)
    assert all(u.startswith("https://x.org/") for u in links.articles)


def test_feed_parser_says_none_for_html_and_garbage():
    assert parse_feed(b"<!doctype html><html><body><p>hi</p></body></html>", "https://x.org/") is None
    assert parse_feed(b"\x00\x01 not xml", "https://x.org/") is None
