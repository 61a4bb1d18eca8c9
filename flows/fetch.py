"""HTTP fetching with httpx: timeouts, a size cap and bounded redirects."""
from __future__ import annotations

from dataclasses import dataclass

from output.errors import FetchError, TooLarge

USER_AGENT = "docingest/0.1 (+https://github.com/docingest/docingest)"


@dataclass
class Fetched:
    content: bytes
    http: dict
    charset: str | None


def fetch(url: str, options) -> Fetched:
    import httpx

    try:
        with httpx.Client(follow_redirects=True, max_redirects=5, timeout=20.0,
                          headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as resp:
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > options.max_bytes:
                        raise TooLarge(f"response from {url} is over the {options.max_bytes}-byte cap")
                    chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc
    if resp.status_code >= 400:
        raise FetchError(f"HTTP {resp.status_code} for {url}")
    http = {"status": resp.status_code, "final_url": str(resp.url), "etag": resp.headers.get("etag"),
            "last_modified": resp.headers.get("last-modified")}
    return Fetched(b"".join(chunks), http, resp.charset_encoding)
