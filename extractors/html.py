"""HTML extractor entry point (stub, to be replaced)."""
from __future__ import annotations

from output.draft import Draft


def extract_html(data: bytes, *, uri: str = "", declared_encoding: str | None = None) -> Draft:
    from bs4 import BeautifulSoup

    from normalizers.encoding import decode_bytes

    decoded = decode_bytes(data, declared_encoding)
    soup = BeautifulSoup(decoded.text, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer"]):
        tag.decompose()
    draft = Draft(kind="article", extractor="html", encoding=decoded.encoding)
    draft.title = soup.title.get_text(strip=True) if soup.title else None
    draft.paragraphs = [p.get_text(" ", strip=True) for p in soup.find_all("p") if p.get_text(strip=True)]
    return draft
