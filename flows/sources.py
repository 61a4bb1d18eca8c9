"""Expanding what the user named into documents, and reading their bytes.

Inputs may be files, directories (recursive), glob patterns, `@list.txt` files of paths or
URLs, http(s) URLs, and sitemaps or RSS/Atom feeds (their article URLs become the sources).
A URL may be followed by ` no-robots` to skip robots.txt for that source only. Expansion is
deterministic (sorted) so runs are reproducible.
"""
from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from normalizers.unicode import escape_undecodable
from output.errors import EmptyFeed, FetchError, IngestError, LinkOutsideInput, NotARegularFile, TooLarge, Unreadable

# Files a user never means as documents when pointing at a directory.
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
# URL paths worth fetching at expansion time to see whether they are a feed or sitemap; a
# false positive costs nothing, the page is then ingested from the bytes already fetched.
_FEEDISH = re.compile(r"(sitemap|feed|rss|atom)|\.(xml|rss|atom|rdf)$")
MAX_SITEMAP_DEPTH = 2  # a sitemap index of sitemaps; deeper nesting is a loop or a trap
NO_ROBOTS = "no-robots"  # per-source flag after a URL: this site is yours or you have permission
# Query parameters whose values are secrets: replaced before a URL reaches a record, log or manifest.
_SECRET_PARAMS = re.compile(
    r"(^|[_-])(token|access[_-]?token|api[_-]?key|apikey|key|secret|password|passwd|pwd|auth|"
    r"signature|sig|session|sessionid|sid|credential)s?$|^x-amz-(signature|credential|security-token)$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    uri: str  # what the record's source.uri says: an absolute path or a URL with secrets redacted
    path: str | None = None  # local file to read; None for URLs
    url: str | None = None  # the URL to fetch when it differs from `uri` (it holds a secret)
    robots: bool = True  # False: robots.txt is not consulted for this source
    etag: str | None = None  # validators from the last fetch, for a conditional GET
    last_modified: str | None = None
    fetched: object | None = None  # a flows.fetch.Fetched once the bytes are here

    @property
    def fetch_url(self) -> str:
        return self.url or self.uri


class InputNotFound(FetchError):
    reason = "not_found"


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def redact_url(url: str) -> str:
    """`url` without userinfo and with token-like query values replaced; other text unchanged.

    >>> redact_url("https://bob:pw@example.org/a?id=3&access_token=abc")
    'https://example.org/a?id=3&access_token=REDACTED'
    """
    if not is_url(url):
        return url
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    secret = any(_SECRET_PARAMS.search(k) for k, _ in pairs)
    if "@" not in parts.netloc and not secret:
        return url  # untouched, so the URI (and the record id derived from it) stays what the user gave
    query = urlencode([(k, "REDACTED" if _SECRET_PARAMS.search(k) else v) for k, v in pairs], safe="/:,") if secret else parts.query
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, query, parts.fragment))


def resolve_input(raw: str) -> str:
    """An input as a manifest keeps it: paths, globs and @lists made absolute (so the run can be checked
    from any directory), URLs unchanged.

    >>> resolve_input("@/lists/../sources.txt"), resolve_input("https://example.org/a")
    ('@/sources.txt', 'https://example.org/a')
    """
    text = raw.strip()
    if not text or is_url(text.split()[0]):
        return text
    if text.startswith("@"):
        return "@" + escape_undecodable(os.path.abspath(text[1:]))
    return escape_undecodable(os.path.abspath(text))


def local_source(path: Path) -> Source:
    """A local file: its uri valid Unicode (escape_undecodable), its path the real name it is opened by."""
    real = str(path.resolve())
    return Source(escape_undecodable(real), real)


def url_source(url: str, robots: bool = True) -> Source:
    safe = redact_url(url)
    return Source(safe, url=None if safe == url else url, robots=robots)


def expand_inputs(inputs: list[str], *, include: list[str] | None = None, exclude: list[str] | None = None,
                  options=None) -> tuple[list[Source], list[dict]]:
    """Sources for every input, plus quarantine entries (uri, error, reason, message) for inputs that failed."""
    sources: list[Source] = []
    problems: list[dict] = []
    seen: set[str] = set()
    for raw in inputs:
        for item in _expand_one(raw.strip(), include, exclude, options):
            if isinstance(item, dict):
                problems.append({"uri": redact_url(raw.strip()), **item})
            elif item.uri not in seen:
                seen.add(item.uri)
                sources.append(item)
    return sources, problems


def _missing(message: str) -> dict:
    return {"error": "InputNotFound", "reason": "not_found", "message": message}


def _problem(error: IngestError, uri: str | None = None) -> dict:
    """A quarantine entry for an input found while expanding; `uri` when it is not the input as given."""
    return {"error": type(error).__name__, "reason": error.reason, "message": str(error), **({"uri": uri} if uri else {})}


def _expand_one(raw: str, include, exclude, options):
    if not raw:
        return
    if is_url(raw.split()[0]):
        url, *flags = raw.split()
        yield from _expand_url(url, NO_ROBOTS not in flags, options, MAX_SITEMAP_DEPTH)
        return
    if raw.startswith("@"):
        listing = Path(raw[1:])
        if not listing.is_file():
            yield _missing(f"list file {listing} does not exist")
            return
        for line in listing.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                yield from _expand_one(line, include, exclude, options)
        return
    path = Path(raw)
    if path.is_dir():
        entries = sorted(p for p in path.rglob("*") if not p.is_dir() and p.name not in _SKIP_NAMES)
        entries = [p for p in entries if _wanted(p.relative_to(path), include, exclude)]
        if not any(p.is_file() for p in entries):
            yield _missing(f"directory {path} holds no matching files")
        root = path.resolve()
        for p in entries:
            if not p.is_file():
                yield _problem(NotARegularFile("no regular file (a broken or looping symlink, a FIFO, a socket or a device)"),
                               escape_undecodable(str(p)))
            elif p.is_symlink() and not (target := p.resolve()).is_relative_to(root):
                yield _problem(LinkOutsideInput(f"a symlink to {escape_undecodable(str(target))}, outside the input "
                                                f"directory: not followed (name the target to read it)"), escape_undecodable(str(p)))
            else:
                yield local_source(p)
        return
    if path.is_file():
        yield local_source(path)
        return
    matches = sorted(glob.glob(raw, recursive=True))
    files = [Path(m) for m in matches if Path(m).is_file()]
    if not files:
        yield _missing(f"{raw} matches no file")
    for p in files:
        yield local_source(p)


def _expand_url(url: str, robots: bool, options, depth: int):
    """The URL itself, or the article URLs of the feed/sitemap it turns out to be."""
    source = url_source(url, robots)
    if options is None or not _FEEDISH.search(urlsplit(url).path.lower()):
        yield source
        return
    from flows.feeds import parse_feed
    from flows.fetch import fetch

    try:
        fetched = fetch(source, options)
    except IngestError as exc:
        yield {"error": type(exc).__name__, "reason": exc.reason, "message": str(exc)}
        return
    links = parse_feed(fetched.content, fetched.http["final_url"])
    if links is None:  # not a feed after all: a document, already downloaded
        yield replace(source, fetched=fetched)
        return
    if not links.articles and not links.sitemaps:
        yield _problem(EmptyFeed(f"{source.uri} is a feed or sitemap that lists no http(s) link"))
        return
    for article in links.articles:
        yield url_source(article, robots)
    for nested in links.sitemaps:
        if depth > 0:
            yield from _expand_url(nested, robots, options, depth - 1)


def _wanted(rel: Path, include, exclude) -> bool:
    name = str(rel)
    if any(part.startswith(".") for part in rel.parts):
        return False
    if include and not any(rel.match(pat) or glob.fnmatch.fnmatch(name, pat) for pat in include):
        return False
    if exclude and any(rel.match(pat) or glob.fnmatch.fnmatch(name, pat) for pat in exclude):
        return False
    return True


def read_local(path: str, max_bytes: int) -> bytes:
    """Read at most max_bytes + 1 so a huge file is refused without loading it whole."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputNotFound(f"{escape_undecodable(path)} no longer exists") from exc
    except OSError as exc:
        raise Unreadable(f"cannot read {escape_undecodable(path)}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        size = os.path.getsize(path)
        raise TooLarge(f"{size} bytes is over the {max_bytes}-byte cap")
    return data
