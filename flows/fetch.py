"""HTTP fetching with httpx, safe and polite by default.

Only http(s); loopback, private, link-local, multicast and IPv4-mapped targets are refused
unless allowed (SSRF). The check sits in the connection itself (`PinnedBackend`): the name is
resolved once, every address vetted, and the socket opened to the vetted address, while TLS
(SNI, certificate) and the Host header keep the name, so a DNS answer that changes between a
check and the connect (rebinding) cannot reach the local network. Every redirect hop opens its
own connection, so it is checked again; hops are counted. Bodies are capped after decompression,
so a gzip bomb stops at the cap. Each host gets a rate limit and a concurrency cap (per
process); 429/5xx/timeouts are retried with backoff; robots.txt is honoured; stored
ETag/Last-Modified make a rerun cost a 304, not a download. URLs in messages are redacted.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from extractors.pipeline import now_iso
from flows.process import quarantine
from flows.sources import Source, redact_url
from output.errors import FetchError, IngestError, TooLarge

USER_AGENT = "docingest/0.1 (+https://github.com/docingest/docingest)"
ROBOTS_AGENT = "docingest"  # the token robots.txt groups are matched against
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 60.0  # seconds: a server asking for longer is treated as down for this run
DEADLINE_FACTOR = 3  # a whole response may take this many fetch_timeouts: a slow drip cannot hold a worker
ROBOTS_MAX_BYTES = 512 * 1024  # Google reads the first 500 KiB of a robots.txt
ROBOTS_TTL = 3600.0  # seconds a robots.txt is trusted by a long-lived worker
FETCH_THREADS = 8  # downloads in flight per batch; the host gate keeps each site polite


class BlockedURL(FetchError):
    reason = "blocked_url"


class RobotsDisallowed(FetchError):
    reason = "robots_disallowed"


class TooManyRedirects(FetchError):
    reason = "too_many_redirects"


class FetchTimeout(FetchError):
    reason = "fetch_timeout"


class HTTPStatusError(FetchError):
    """A final 4xx/5xx; `reason` is http_<status>, e.g. http_404, so quarantines filter by it."""

    status = 0


@dataclass
class Fetched:
    content: bytes
    http: dict  # status, final_url (redacted), etag, last_modified: the record's source.http
    charset: str | None
    unchanged: bool = False  # a 304: the copy from the last run is still current
    at: str | None = None  # when the bytes came (ISO, UTC), or a WARC record's capture date: what an age ('2 hours ago') on the page is read against


class _Retry(Exception):
    def __init__(self, error: FetchError, wait: float = 0.0) -> None:
        super().__init__(str(error))
        self.error, self.wait = error, wait


def fetch(source: Source, options) -> Fetched:
    """Download one source (conditional on its stored validators); raises FetchError subclasses."""
    if options.respect_robots and source.robots:
        _check_robots(source.fetch_url, options)
    headers = {}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    return _with_retries(source.fetch_url, options, headers)


def fetch_sources(sources: list[Source], options) -> list:
    """Each URL source downloaded (on threads): the Source with its bytes, or an outcome
    ({"unchanged": ...} or {"quarantine": ...}); local and already fetched sources pass through."""
    todo = [i for i, s in enumerate(sources) if s.path is None and s.fetched is None]
    out: list = list(sources)
    if todo:
        with ThreadPoolExecutor(min(FETCH_THREADS, len(todo)), thread_name_prefix="fetch") as pool:
            for i, loaded in zip(todo, pool.map(lambda i: _load(sources[i], options), todo)):
                out[i] = loaded
    return out


def _load(source: Source, options):
    try:
        fetched = fetch(source, options)
    except IngestError as exc:
        return quarantine(source, b"", type(exc).__name__, exc.reason, str(exc))
    except Exception as exc:  # a bug or a response we did not foresee: one quarantine entry, not a failed batch
        return quarantine(source, b"", type(exc).__name__, "internal_error", redact_url(str(exc)))
    if fetched.unchanged:
        return {"unchanged": {"uri": source.uri, "http": fetched.http}}
    return replace(source, fetched=fetched)


# -- one URL, with retries ----------------------------------------------------------------
def _with_retries(url: str, options, headers: dict) -> Fetched:
    host = httpx.URL(url).host
    delay, retries_left = options.retry_backoff, options.fetch_retries
    while True:
        try:
            with _gate.slot(host, options):
                return _download(url, options, headers)
        except _Retry as retry:
            if retries_left == 0 or retry.wait > MAX_RETRY_AFTER:
                raise retry.error from None
            time.sleep(max(delay, retry.wait))
            delay, retries_left = delay * 2, retries_left - 1


def _download(url: str, options, headers: dict) -> Fetched:
    deadline = time.monotonic() + options.fetch_timeout * DEADLINE_FACTOR
    try:
        request = _client(options.allow_private_hosts).build_request("GET", url, headers=headers, timeout=options.fetch_timeout)
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise BlockedURL(f"not a valid URL: {redact_url(url)}") from exc
    try:
        for _ in range(options.max_redirects + 1):
            _check_scheme(request.url)
            resp = _client(options.allow_private_hosts).send(request, stream=True)
            try:
                if resp.next_request is None:
                    return _read(resp, options, deadline)
                request = resp.next_request
            finally:
                resp.close()
    except httpx.TimeoutException as exc:
        raise _Retry(FetchTimeout(f"no answer within {options.fetch_timeout:g} s from {redact_url(url)}")) from exc
    except httpx.TransportError as exc:
        raise _Retry(FetchError(f"{type(exc).__name__} for {redact_url(url)}: {redact_url(str(exc))}")) from exc
    raise TooManyRedirects(f"more than {options.max_redirects} redirects from {redact_url(url)}")


def _read(resp: httpx.Response, options, deadline: float) -> Fetched:
    url = redact_url(str(resp.url))
    http = {"status": resp.status_code, "final_url": url, "etag": resp.headers.get("etag"),
            "last_modified": resp.headers.get("last-modified")}
    if resp.status_code == 304:
        return Fetched(b"", http, None, unchanged=True)
    if resp.status_code >= 400 or resp.status_code < 200:
        error = HTTPStatusError(f"HTTP {resp.status_code} for {url}")
        error.status, error.reason = resp.status_code, f"http_{resp.status_code}"
        if resp.status_code in RETRY_STATUSES:
            raise _Retry(error, _retry_after(resp.headers.get("retry-after")))
        raise error
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise TooLarge(f"{url} declares {declared} bytes, over the {options.max_bytes}-byte cap")
    inflate = _decompressor(resp.headers.get("content-encoding", ""), url)
    chunks, size = [], 0
    for raw in resp.iter_raw():
        if time.monotonic() > deadline:
            raise _Retry(FetchTimeout(f"{url} took longer than {options.fetch_timeout * DEADLINE_FACTOR:g} s to send"))
        chunk = inflate.decompress(raw, options.max_bytes - size + 1) if inflate else raw
        size += len(chunk)
        if size > options.max_bytes or (inflate and inflate.unconsumed_tail):
            raise TooLarge(f"{url} is over the {options.max_bytes}-byte cap (after decompression)")
        chunks.append(chunk)
    return Fetched(b"".join(chunks), http, resp.charset_encoding, at=now_iso())


def _decompressor(encoding: str, url: str):
    """A zlib stream for the body's Content-Encoding, so its output can be bounded chunk by chunk."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(zlib.MAX_WBITS | 32)  # +32: gzip or zlib header, detected
    raise FetchError(f"{url} uses Content-Encoding {encoding!r}, which docingest does not decode")


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header (only the delta form; dates are rare and fall back to backoff)."""
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0


def _check_scheme(url: httpx.URL) -> None:
    if url.scheme not in ("http", "https"):
        raise BlockedURL(f"only http and https are fetched, not {url.scheme}: {redact_url(str(url))}")


def resolve(host: str, port: int) -> list[str]:
    """Every address the name has now (one DNS lookup; tests replace it to play a rebinding server)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror}") from exc
    return list(dict.fromkeys(info[4][0] for info in infos))


def is_public(address: str) -> bool:
    """A globally routed unicast address; IPv4-mapped IPv6 is refused outright (no resolver has a
    reason to answer with it, and stacks route it to the IPv4 side, loopback included).

    >>> [is_public(a) for a in ("93.184.216.34", "127.0.0.1", "10.1.2.3", "169.254.169.254", "224.0.0.1")]
    [True, False, False, False, False]
    >>> [is_public(a) for a in ("2606:4700::1", "::1", "fe80::1", "fc00::1", "ff02::1", "::ffff:93.184.216.34")]
    [True, False, False, False, False, False]
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(ip, "ipv4_mapped", None) is not None:
        return False
    return ip.is_global and not ip.is_multicast


class PinnedBackend(httpcore.SyncBackend):
    """Opens each connection to an address vetted in the same step as the lookup.

    httpcore hands over the URL's host name; we resolve it once, refuse the connection if any
    answer is not public (unless private hosts are allowed), and connect to the first vetted
    address. TLS is layered above this socket with the name, so SNI and certificate checks are
    unchanged, and the Host header never left the request."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout=None, local_address=None, socket_options=None):
        addresses = resolve(host, port)
        if not self.allow_private:
            for address in addresses:
                if not is_public(address):
                    raise BlockedURL(f"{host} resolves to the non-public address {address}; "
                                     "allow_private_hosts (--allow-private-hosts) permits it")
        if not addresses:
            raise FetchError(f"cannot resolve {host}: no address")
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


def pinned_transport(allow_private: bool, verify=True) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through `PinnedBackend`.

    httpx does not take a network backend, so the transport's pool (`_pool`, the one attribute
    HTTPTransport.handle_request uses) is rebuilt with it; tests/test_fetch_pinning.py proves it
    (httpx is held below 1.0 in pyproject)."""
    transport = httpx.HTTPTransport(verify=verify, trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
        max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0,  # httpx's own defaults
        network_backend=PinnedBackend(allow_private))
    return transport


# -- shared per process: the client, the host gate, robots.txt ----------------------------
_client_lock = threading.Lock()
_clients: dict[bool, httpx.Client] = {}


def _client(allow_private: bool) -> httpx.Client:
    """One pooled client per process and private-host policy; redirects are followed by hand so
    each hop is checked. trust_env=False: a proxy from the environment would resolve names itself,
    out of reach of the address check."""
    with _client_lock:
        if allow_private not in _clients:
            # gzip/deflate only: those are the encodings whose output we can bound while streaming.
            _clients[allow_private] = httpx.Client(
                follow_redirects=False, trust_env=False, transport=pinned_transport(allow_private),
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})
        return _clients[allow_private]


class _HostGate:
    """At most `host_concurrency` requests in flight and `host_rate` starts per second, per host."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[tuple[str, int], threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, options):
        with self._lock:
            key = (host, options.host_concurrency)
            slots = self._slots.setdefault(key, threading.BoundedSemaphore(max(1, options.host_concurrency)))
        with slots:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, 0.0))
                self._next_start[host] = start + 1.0 / options.host_rate
            time.sleep(start - now)
            yield


_gate = _HostGate()
_robots_lock = threading.Lock()
_robots: dict[str, tuple[float, RobotFileParser]] = {}


def _check_robots(url: str, options) -> None:
    parsed = httpx.URL(url)
    origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
    with _robots_lock:
        cached = _robots.get(origin)
    if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
        cached = (time.monotonic(), _load_robots(origin, options))
        with _robots_lock:
            _robots[origin] = cached
    if not cached[1].can_fetch(ROBOTS_AGENT, url):
        raise RobotsDisallowed(f"robots.txt of {redact_url(origin)} disallows {redact_url(url)}")


def _load_robots(origin: str, options) -> RobotFileParser:
    """The site's rules; like the standard library: 401/403 forbid all, other 4xx allow all.

    Other failures (5xx, timeouts) raise, so the page is quarantined with that error and the
    next page asks again."""
    parser = RobotFileParser()
    try:
        fetched = _with_retries(f"{origin}/robots.txt", options.with_(max_bytes=ROBOTS_MAX_BYTES), {})
        parser.parse(fetched.content.decode("utf-8", "replace").splitlines())
    except HTTPStatusError as exc:
        if exc.status in (401, 403):
            parser.disallow_all = True
        elif 400 <= exc.status < 500:
            parser.allow_all = True
        else:
            raise
    except TooLarge:
        parser.allow_all = True  # Google's rule: rules past the limit are ignored; a huge file is not a ban
    return parser
