"""Who wrote a page: JSON-LD author, <meta> author, then byline markup and "By …" lines near the headline.

The first source that names a person answers. A site or organisation name is not an author
unless nothing names a person and it is not the site itself (a desk or an agency credited by the
page). Vocabularies (role words, degrees, byline prefixes, byline markup) are in
normalizers/data/html_metadata.json.
"""
from __future__ import annotations

import html
import re

from lxml import etree

from extractors.html_dates import elements_near, find_date_span, squeezed_text
from normalizers import vocab
from normalizers.data.html_vocab import load
from normalizers.metadata import is_name, parse_byline

_VOCAB = load("metadata")
# "By", "Written by", and labels run into it ("Text by", "Author Posted by"): up to two words before the prefix
_BYLINE = re.compile(r"^(?:[^\W\d_]+\s+){0,2}?(?:" + "|".join(map(re.escape, _VOCAB["byline_prefixes"])) + r")\s*[:：]?\s+", re.I)
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|^@|\.(?:com|org|net)\b")
_LIST_SPLIT = re.compile(r"\s*[,;،|•·]\s*")
_NAME_SPLIT = re.compile(r"\s*(?:\band\b|\bund\b|\bet\b|\by\b|&| و |\bи\b)\s*")
_ROLE = re.compile(r"\b(?:" + "|".join(_VOCAB["author_roles"]["words"]) + r")s?\b", re.I)
_CREDENTIAL = re.compile(r"^(?:" + "|".join(_VOCAB["author_roles"]["credentials"]) + r")$", re.I)
_BYLINE_XPATHS = [etree.XPath(x) for x in _VOCAB["byline_xpaths"]]
_AUTHOR_MARK = re.compile(r"author|byline|writer|contributor", re.I)
# every word that opens a byline: prefixes ("By"), labels of every language ("Author", metadata_labels.json) and their companions ("Posted")
_BYLINE_WORDS = _VOCAB["byline_prefixes"] + _VOCAB["byline_companions"]["words"] + [
    w for lang, words in vocab.load("metadata_labels")["byline_labels"].items() if not lang.startswith("_") for w in words]
_OPENS_BYLINE = re.compile(r"^(?:[^\W\d_]+\s+){0,2}?(?:" + "|".join(map(re.escape, sorted(set(_BYLINE_WORDS), key=len, reverse=True))) + r")(?!\w)", re.I)
_LABEL_COLON = re.compile(r"^(?:by|von|par|por|door|di)\s*[:：]\s*", re.I)  # "by: Ziyi Xu"
_LAST_FIRST = re.compile(r"^([^\W\d_][\w'’. -]*),\s*([^\W\d_][\w'’. -]*)$")  # citation_author "Roy, Aniruddha"
_SQUASH = re.compile(r"[\W_]+")
_MAX_AUTHOR = 80  # longer "author" strings are sentences, not names
_MAX_RAW_WORDS = 14  # a raw author value longer than this is a bio or a sentence, not a byline
_LABELS = {w.lower() for w in _BYLINE_WORDS}
_HANDLE = re.compile(r"^[a-z0-9._-]+$")  # 'andrew.keaveney', 'kffnirmitap': a login, weaker than a printed name


def names_of(value) -> list[str]:
    """Names from the shapes JSON-LD uses: str, {name}, lists of either."""
    return [n for n, _ in _typed_names(value)]


def _typed_names(value) -> list[tuple[str, bool]]:
    """(name, is_organisation) for each JSON-LD author/publisher entry."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else None
        kind = str(item.get("@type", "")).lower() if isinstance(item, dict) else ""
        if isinstance(name, str) and name.strip():
            out.append((name, "organization" in kind or "organisation" in kind))
    return out


def page_authors(root, ld: dict, metas: dict[str, list[str]], headline, sites: list[str | None]) -> list[str]:
    """The page's authors, most explicit source first; the site's own name is never one."""
    typed = _typed_names(ld.get("author"))
    meta = [_last_first(v) if k.startswith("citation") else v for k in _VOCAB["meta"]["authors"] for v in metas.get(k, [])]
    meta += _labelled_meta(metas)
    named = [n for n in meta if not _HANDLE.match(n.strip())]
    site_only: list[str] = []
    for group in ([n for n, org in typed if not org], named, lambda: _near_headline(root, headline), meta,
                  lambda: _markup(root), [n for n, org in typed if org], lambda: _byline_lines(root.iter(), labelled_only=True)):
        names = clean_authors(group() if callable(group) else group)
        if names and all(is_site_name(n, sites) for n in names):  # a personal site's owner: kept if no one else is named
            site_only = site_only or names
        elif names:
            return names
    return site_only


def _labelled_meta(metas: dict[str, list[str]]) -> list[str]:
    """twitter:labelN "Written by" + twitter:dataN "Jane Doe"."""
    out = []
    for key, values in metas.items():
        if key.startswith("twitter:label") and _is_byline_label(values[0]):
            out += metas.get(key.replace("label", "data"), [])[:1]
    return out


def _is_byline_label(text: str) -> bool:
    """'Written by', 'Author:', 'By': a label that introduces a name printed next to it."""
    return " ".join(text.lower().strip(" :").split()) in _LABELS


def _byline_lines(elements, labelled_only: bool = False) -> list[str]:
    """Names from "By …"/"Author: …" lines, or from a name printed right after a bare "Written by" label.
    `labelled_only` (a whole-page scan) reads only lines that open with such a word."""
    after_label = False
    for el in elements:
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        text = squeezed_text(el, _MAX_AUTHOR * 2) or ""
        if not text or len(text) > _MAX_AUTHOR * 2 or labelled_only and not after_label and not _OPENS_BYLINE.match(text):
            continue
        if after_label and is_name(text):
            return [text]
        after_label = _is_byline_label(text)
        byline = parse_byline(_LABEL_COLON.sub("By ", _BYLINE.sub("By ", text, count=1), count=1))
        if byline and byline.authors:
            return byline.authors
    return []


def _last_first(value: str) -> str:
    """'Roy, Aniruddha' -> 'Aniruddha Roy' (citation meta tags write the family name first)."""
    m = _LAST_FIRST.match(value.strip())
    return f"{m[2].strip()} {m[1].strip()}" if m and len(value.split()) <= 4 else value


def _near_headline(root, headline) -> list[str]:
    """Names printed by the headline: author-marked elements and links, else a "By …" line."""
    if headline is None:
        return []
    marked, near = [], elements_near(root, headline)
    for el in near:
        text = squeezed_text(el, _MAX_AUTHOR * 2) or ""
        if not text or len(text) > _MAX_AUTHOR * 2:
            continue
        attrs = " ".join(filter(None, [el.get("class"), el.get("rel"), el.get("itemprop"), el.get("href"), el.get("id")]))
        if _AUTHOR_MARK.search(attrs) and not _has_marked_child(el):
            marked.append(text)
    return marked[:1] or _byline_lines(near)


def _has_marked_child(el) -> bool:
    return any(isinstance(c.tag, str) and _AUTHOR_MARK.search(" ".join(filter(None, [c.get("class"), c.get("rel"), c.get("itemprop"), c.get("href")])))
               for c in el.iterdescendants())


def _markup(root) -> list[str]:
    """Names in byline markup anywhere on the page, from the first kind that has any (most explicit first)."""
    for xpath in _BYLINE_XPATHS:
        names = [el.text_content() for el in xpath(root)[:3]]
        names = [n for n in names if n.strip()]
        if names:
            return names
    return []


def is_site_name(name: str, sites: list[str | None]) -> bool:
    """The name of the site itself (publisher, og:site_name, the domain's own label): 'USA TODAY' on usatoday.com.

    >>> is_site_name("USA TODAY", [None, None, "www.usatoday.com"]), is_site_name("Jane Doe", ["Daily Post", "dailypost.com"])
    (True, False)
    """
    key = _SQUASH.sub("", name.lower())
    if not key:
        return False
    for site in filter(None, sites):
        labels = [_SQUASH.sub("", part) for part in site.lower().split(".")]
        if key == _SQUASH.sub("", site.lower()) or key in labels:
            return True
    return False


def clean_authors(raws: list[str]) -> list[str]:
    """Names without "By", URLs, sentences, roles or degrees, split where one string lists several.

    >>> clean_authors(["By Jane Doe and John Roe", "https://x.com/jd", "Jane Doe"])
    ['Jane Doe', 'John Roe']
    >>> clean_authors(["By JANE DOE and JOHN ROE, Associated Press", "Rachel Poe, MS, RD", "Associated Press"])
    ['JANE DOE', 'JOHN ROE', 'Rachel Poe']
    >>> clean_authors(["Analysis by The Associated Press"])
    ['The Associated Press']
    >>> clean_authors(["Maria &amp; Katerina"])
    ['Maria', 'Katerina']
    """
    names: list[str] = []
    for raw in raws:
        raw = " ".join(html.unescape(raw).split())
        if len(raw.split()) > _MAX_RAW_WORDS:
            continue
        dated = find_date_span(raw) if any(c.isdigit() for c in raw) else None
        if dated:  # "Andrew Gerrand 4 August 2010", "By Lisa Moe | 20 Nov 2019": the date is not part of the name
            raw = raw.replace(dated[1], " ").strip(" ,|-–—·•")
        parts = _LIST_SPLIT.split(_BYLINE.sub("", raw))
        for i, part in enumerate(parts):
            if not i or not _role(part):
                names += [n.strip(" .|-–—:") for n in _NAME_SPLIT.split(_BYLINE.sub("", part))]
    names = [n for n in names if n and not _URLISH.search(n) and len(n) <= _MAX_AUTHOR and not _is_byline_label(n)
             and any(c.isalpha() for c in n) and not any(c.isdigit() for c in n)]  # a date is not a name
    people = [n for n in names if not _role(n)]
    out: list[str] = []
    for name in people or names[:1]:  # an agency or a desk is the author only when no person is named
        if name not in out:
            out.append(name)
    return out


def _role(part: str) -> bool:
    """A listed part that is a role, employer or degree ("AP National Writer", "MS"), not a person."""
    return bool(_ROLE.search(part) or _CREDENTIAL.match(part.strip(" .")))
