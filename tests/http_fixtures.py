"""A real HTTP server on 127.0.0.1 (a free port) serving every case the fetcher must handle.

Pages, feeds, a sitemap index, redirects, 404, 500-then-200, 429-then-200, a slow answer, a
100 MB body (declared and undeclared), a gzip bomb, a page that changes between runs, and
robots.txt. It counts hits per path and records when requests start, so tests can assert
retries, rate limits and conditional GETs from the server's side.
"""
from __future__ import annotations

import gzip
import threading
import time
from collections import Counter, defaultdict
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

HUGE = 100 * 1024 * 1024
LAST_MODIFIED = "Tue, 04 Mar 2025 08:00:00 GMT"


def article(title: str, body: str = "The river rose by two metres overnight and the old bridge was closed to traffic.") -> bytes:
    paragraphs = "".join(f"<p>{body} Paragraph {i} adds detail about {title.lower()}.</p>" for i in range(4))
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>").encode()


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """100 MB of spaces in about 100 KB of gzip."""
    return gzip.compress(b" " * HUGE, compresslevel=9)


class FixtureServer:
    def __init__(self) -> None:
        self.hits: Counter = Counter()
        self.starts: dict[str, list[float]] = defaultdict(list)
        self.user_agents: list[str] = []
        self.version = 1  # of /changing.html; bump it to change the page
        self.active = self.max_active = 0
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> "FixtureServer":
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, req: BaseHTTPRequestHandler, path: str) -> None:
        hits = self.hits[path]
        if path == "/robots.txt":
            return send(req, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path == "/article.html":
            return conditional(req, article("Water Levels Rise"), '"a1"')
        if path == "/changing.html":
            return conditional(req, article(f"Budget Version {self.version}"), f'"v{self.version}"')
        if path in ("/plain.html", "/private/secret.html", "/token.html") or path.startswith("/feed/"):
            return send(req, 200, article(f"Page {path.strip('/').replace('/', ' ')}"))
        if path == "/redirect":
            return send(req, 302, b"", headers={"Location": "/article.html"})
        if path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            return send(req, 302, b"", headers={"Location": f"/hop/{n - 1}" if n else "/article.html"})
        if path == "/to-ftp":
            return send(req, 301, b"", headers={"Location": "ftp://127.0.0.1/file.txt"})
        if path == "/missing":
            return send(req, 404, b"not here", "text/plain")
        if path == "/flaky":
            return send(req, 500, b"oops", "text/plain") if hits == 1 else send(req, 200, article("Flaky Recovered"))
        if path == "/limited":
            if hits == 1:
                return send(req, 429, b"slow down", "text/plain", {"Retry-After": "0"})
            return send(req, 200, article("Rate Limited Then Served"))
        if path == "/down":
            return send(req, 503, b"maintenance", "text/plain")
        if path == "/slow":
            time.sleep(3)
            return send(req, 200, article("Too Slow"))
        if path in ("/huge", "/huge-undeclared"):
            return stream_huge(req, declare=path == "/huge")
        if path == "/bomb":
            return send(req, 200, gzip_bomb(), headers={"Content-Encoding": "gzip"})
        if path.startswith("/gate/"):
            return self.gated(req)
        if path == "/feed.rss":
            return send(req, 200, rss(self), "application/rss+xml")
        if path == "/atom.xml":
            return send(req, 200, atom(self), "application/atom+xml")
        if path == "/sitemap.xml":
            return send(req, 200, (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                   b"<sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>"), "application/xml")
        if path == "/sitemap-news.xml":
            return send(req, 200, (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                   b"<url><loc>/article.html</loc></url><url><loc>/plain.html</loc></url></urlset>"), "application/xml")
        if path == "/news-feed.html":  # named like a feed, but a page
            return send(req, 200, article("Not A Feed"))
        return send(req, 404, b"no such fixture", "text/plain")

    def gated(self, req) -> None:
        with self._lock:
            self.starts["/gate/"].append(time.monotonic())
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        time.sleep(0.2)
        with self._lock:
            self.active -= 1
        send(req, 200, article("Gated Page"))


def rss(server: FixtureServer) -> bytes:
    items = "".join(f"<item><title>A{i}</title><link>{server.url(f'/feed/a{i}.html')}</link></item>" for i in (1, 2))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'.encode()


def atom(server: FixtureServer) -> bytes:
    entries = "".join(f'<entry><title>B{i}</title><link rel="alternate" href="/feed/b{i}.html"/></entry>' for i in (1, 2, 3))
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>{entries}</feed>'.encode()


def send(req, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers: dict | None = None) -> None:
    req.send_response(status)
    req.send_header("Content-Type", ctype)
    req.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        req.send_header(k, v)
    req.end_headers()
    req.wfile.write(body)


def conditional(req, body: bytes, etag: str) -> None:
    """200 with validators, or 304 when the client already holds this version."""
    if req.headers.get("If-None-Match") == etag:
        req.send_response(304)
        req.send_header("ETag", etag)
        req.end_headers()
        return
    send(req, 200, body, headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})


def stream_huge(req, declare: bool) -> None:
    """100 MB, generated as it is sent; the client hanging up early is the expected end."""
    req.send_response(200)
    req.send_header("Content-Type", "text/plain")
    if declare:
        req.send_header("Content-Length", str(HUGE))
    req.end_headers()
    chunk = b"x" * (1 << 20)
    for _ in range(HUGE // len(chunk)):
        req.wfile.write(chunk)


def _handler(server: FixtureServer):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            with server._lock:
                server.hits[path] += 1
                server.user_agents.append(self.headers.get("User-Agent"))
            try:
                server.route(self, path)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a cap or a timeout): that is what the test wanted

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

    return Handler


@pytest.fixture
def site():
    with FixtureServer() as server:
        yield server
