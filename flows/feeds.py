"""Article URLs out of sitemaps, sitemap indexes, RSS 2.0/1.0 and Atom feeds.

Parsed with entity expansion and network access off, so a hostile feed cannot read local
files (XXE) or blow up memory (billion laughs).
"""
from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urljoin

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


class FeedLinks(NamedTuple):
    articles: list[str]  # pages to ingest
    sitemaps: list[str]  # nested sitemaps (from a sitemap index), to expand in turn


def parse_feed(data: bytes, base_url: str) -> FeedLinks | None:
    """The links a feed or sitemap lists, resolved against `base_url`; None when `data` is neither.

    >>> parse_feed(b'<urlset><url><loc>/a</loc></url></urlset>', 'https://x.org/sitemap.xml').articles
    ['https://x.org/a']
    """
    try:
        root = etree.fromstring(data.lstrip(), _PARSER)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    kind = etree.QName(root).localname.lower()
    if kind == "urlset":
        return FeedLinks(_resolve(_texts(root, "url", "loc"), base_url), [])
    if kind == "sitemapindex":
        return FeedLinks([], _resolve(_texts(root, "sitemap", "loc"), base_url))
    if kind in ("rss", "rdf"):
        return FeedLinks(_resolve(_texts(root, "item", "link"), base_url), [])
    if kind == "feed":
        return FeedLinks(_resolve(_atom_links(root), base_url), [])
    return None


def _children(node, name: str):
    return [c for c in node.iter() if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _texts(root, parent: str, child: str) -> list[str]:
    """Text of the first `child` of every `parent`, namespaces ignored (feeds mix them freely)."""
    out = []
    for node in _children(root, parent):
        found = [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == child]
        if found and (found[0].text or "").strip():
            out.append(found[0].text.strip())
    return out


def _atom_links(root) -> list[str]:
    out = []
    for entry in _children(root, "entry"):
        links = [c for c in entry if isinstance(c.tag, str) and etree.QName(c).localname == "link"]
        alternate = [l for l in links if l.get("rel", "alternate") == "alternate" and l.get("href")]
        if alternate:
            out.append(alternate[0].get("href").strip())
    return out


def _resolve(links: list[str], base_url: str) -> list[str]:
    """Absolute http(s) links, first occurrence kept."""
    seen: dict[str, None] = {}
    for link in links:
        url = urljoin(base_url, link)
        if url.startswith(("http://", "https://")):
            seen.setdefault(url)
    return list(seen)
