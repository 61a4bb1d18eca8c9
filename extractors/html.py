"""HTML bytes to a draft: decode, parse once, read metadata, type the page, then extract by type.

Routing: the page type (extractors/page_type.py) decides the path. A listing, collection or home page
is its items (extractors/html_listing.py), never one block picked as an article body; only a page
the typer finds may be a thread is offered to the forum detector, so a product grid or a service page
with repeated testimonials does not get the forum treatment; the rest goes to the article extractor.

Encoding: HTTP header, then <meta charset>/XML declaration, then detection (`decode_bytes` decides
and checks the declaration against the bytes). A page lxml cannot hold whole (nesting deeper
than libxml2's limit) degrades to BeautifulSoup's flat text with a warning, never a RecursionError.
"""
from __future__ import annotations

import copy
import re
from collections import Counter

import lxml.html
from lxml import etree

from extractors.html_article import clean_text, extract_article
from extractors.html_forum import extract_thread, find_thread
from extractors.html_forum_generic import PostGroup, page_attributes
from extractors.html_forum_tree import append_text_before
from extractors.html_listing import extract_listing, linked_headlines
from extractors.html_dates import ITEM_DATE_PAGES
from extractors.html_metadata import SOLD_PAGES, fill_metadata, items_page_authors, items_page_date
from extractors.page_type import LISTS, typed
from normalizers.encoding import decode_bytes, html_declared_charset, repair_mojibake
from normalizers.metadata import date_in_line, parse_byline, parse_credit, parse_dateline
from output.draft import Draft, Post
from output.errors import CorruptInput, NoContent

_STREAMED_MARK = 'id="S:'  # cheap test on the text before looking for streamed parts in the tree
_STREAMED_PARTS = etree.XPath('/descendant::div[@hidden][starts-with(@id, "S:")]')  # descendant::, not //: see html_dates.other_text_sections
_STREAM_HOLES = etree.XPath('//template[starts-with(@id, "B:")]')
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_REPAIRABLE = re.compile(r"[^\t\n\x0c\x20-\x7e]")  # printable ASCII is never mojibake: ftfy's fixers leave it as it is
_TOO_DEEP = "Excessive depth"
# libxml2 compares each attribute of a tag with the ones before it: n attributes cost n² (200,000 on one
# tag took minutes). Real tags carry tens; a tag this long with more than MAX_ATTRIBUTES keeps its first ones.
_LONG_TAG = re.compile(r"<([a-zA-Z][^\s<>/]{0,64})([^<>]{65536,})>")
_ATTRIBUTE = re.compile(r"""[^\s=<>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
MAX_ATTRIBUTES = 1000
_CREDIT_MAX = 200  # characters: a credit line is short; a long paragraph naming a source is prose
_CREDIT_HEAD, _CREDIT_TAIL = 2, 3  # credit lines sit at the top or the bottom of a repost
_METADATA_HEAD = 3  # a byline, a date line and a second byline or date at most open an article body
# An author's bio closes a post ("Jane Roe is a freelance writer…"), after the last paragraph or two of notes:
# looked for among the last _BIO_TAIL paragraphs, at most _BIO_MAX characters, with the name and job-title
# lines above it (each at most _LABEL_MAX characters, not ending a sentence). WCXB token F1, tune (validation):
# article .9529 -> .9531 (.9396 -> .9402); AEB validation .9791 -> .9793, tune unchanged.
_BIO_TAIL, _BIO_MAX, _LABEL_MAX = 4, 700, 60
# The name opens the bio, or follows a label ending in a colon ("About the author: Jane Roe is…"), a bracket
# ("(Jane Roe is…)") or a byline line ("By Jane Roe\nJane Roe is…"); a sentence naming the author further in
# ("Work with Jane Roe…", "Led by Jane Roe, the team…") is text.
_BIO_LABEL_WORDS = 3
_BIO_LABEL = rf"(?:[^\W\d_]+(?:\s+[^\W\d_]+){{0,{_BIO_LABEL_WORDS - 1}}}\s*[:：]\s*)?[(\[]?"
_SENTENCE_END = (".", "!", "?", ":", "。", "؟")
# The forum detector is asked only when the page typer's forum_thread score is within this of its best: every
# thread of the forum tune pages is (the widest gap, a thread typed as an article, is 2.0), ~4% of WCXB's tune
# pages are; without the gate the detector's repeated-block test takes product grids, testimonials and
# comment sections for threads (benchmarks/page_type.py --routing). At 2.5 the WCXB/AEB tune pages read as
# threads with a gap of 2.1-2.5 were all menus, card grids or an article with its comments; at 2.1: WCXB token F1,
# tune (validation), articles .953 -> .956 (.940 -> .943), all .858 -> .861 (.855 -> .856), AEB tune .967 -> .979
# (.979 unchanged); forum-posts-dev and wcxb-forum-dev unchanged on both parts.
FORUM_GAP = 2.1
# Page types whose repeated paragraphs are distinct entries that read alike (a parameter's "The name of the
# resource." per method, an item summary per card), not a second copy. Dropping repeats there lowered
# documentation F1 (tune .934 -> .931, validation .903 -> .891). As it stands (the other types, paragraphs
# printed exactly twice) WCXB validation moves .849 -> .850 (article .936 -> .937, product .595 -> .597,
# documentation typed as other kinds .903 -> .899), AEB validation .979 unchanged (tune .983 -> .982).
_REPEATED_ENTRIES = LISTS | {"documentation"}
_REPEAT_MIN = 40  # characters: a repeated paragraph this long is a second copy; a shorter one may be a price or label of another item
_STRAY_LINES, _STRAY_LENGTH = 2, 80  # lines shorter than a summary sentence: a label, a heading or a button's message
# Page types whose text is their items (extractors/html_listing.py). WCXB token F1, article path -> items path,
# tune (validation): listing .28 -> .61 (.46 -> .73), collection .44 -> .65 (.56 -> .65). Product (.58 -> .57),
# documentation (.887 -> .891, a tie) and service (.68 -> .74 on tune but .738 -> .734 on validation: not
# confirmed) stay with the article extractor (benchmarks/page_type.py --routing).
ITEM_PAGES = LISTS
# Page types whose headings are links: a list page's item headlines (where the article path reads it, no card grid
# found), documentation's self-linked section headings. Kept there, not dropped as link lines: WCXB token F1,
# tune (validation), listing .643 -> .655 (.640 -> .665), collection .656 -> .657 (.757 -> .753), documentation
# .935 -> .937 (.899 -> .908); on product (.650 -> .640, .597 -> .592) and service pages (tune .821 -> .825,
# validation .769 unchanged) they are buttons and feature links.
_LINKED_HEADINGS = LISTS | {"documentation"}
# Page types with one body that the scorer finds; every other type's text is its whole content region
# (extract_article's whole_region). WCXB token F1 per gold type, tune (validation), scorer's pick -> declared
# main region: product .568 -> .602 (.430 -> .563), service .684 -> .705 (.731 -> .751), documentation
# .895 -> .919 (.822 -> .855), collection .630 -> .654 (.667 -> .741); articles lose (.945 -> .942, .929 -> .920).
_ONE_BODY = frozenset({"article", "forum_thread"})
# An article followed by its readers' comments repeats like a thread: the comments are the posts, the article's
# body the largest block beside them, before the first post. On a page the typer calls something else, such a
# block holding a typical post's text (_OTHER_LEAD) makes the page an article (or list) with comments: the
# article path keeps the body, the comments go to `stripped`, as for a declared article. On a page typed a
# thread, the block must hold _LEAD_PROSE paragraphs of prose (_PROSE_CHARS each) and _LEAD_RATIO typical posts'
# text, and is the thread's lead post (a forum node's opening message): on the tune pages of wcxb-forum-dev the
# blocks before posts that outweigh 3 posts are notices, sidebars and engine-read question boxes holding at most
# 3 such paragraphs; an article body holds many.
_LEAD_PROSE, _PROSE_CHARS, _LEAD_RATIO = 4, 80, 3
_OTHER_LEAD = 1


def extract_html(data: bytes, *, uri: str = "", declared_encoding: str | None = None, profiles: bool = True) -> Draft:
    """One HTML document to a Draft (kind 'article' or 'forum_thread', `page_type` set); raises NoContent/CorruptInput.

    `profiles=False` leaves forum engine profiles out, so the structural detector is measured alone."""
    decoded = decode_bytes(data, declared=declared_encoding or html_declared_charset(data))
    draft = Draft(kind="article", extractor="html", encoding=decoded.encoding)
    for name in decoded.fixes:
        draft.fix(name)
    text = _CONTROL.sub("", _XML_DECL.sub("", decoded.text, count=1))
    del decoded  # the page's string lives on in `text` alone, and only as long as it is read (below)
    root = parse_page(text)
    if root is None:
        _flat_text(text, draft)
    else:
        summary = fill_metadata(root, draft, uri)
        attrs = page_attributes(root)  # one attribute walk serves the page typer and the forum detector
        draft.page_type, forum_gap = typed(root, _web_address(uri, draft), attrs)
        if draft.page_type in LISTS | SOLD_PAGES:  # a byline printed on a page of items is one item's, on a product or service page a seller's
            draft.authors = items_page_authors(root, draft, uri)
        thread = find_thread(root, profiles=profiles, attrs=attrs) if forum_gap <= FORUM_GAP else None
        del attrs  # it holds a proxy per element: freed before the extractors walk the tree
        if thread is None or not thread.engines:
            text = None  # only a forum engine re-reads the source: a 20 MB page's string goes before the tree is walked
        typed_thread = draft.page_type == "forum_thread"
        lead = None
        if thread is not None and thread.generic is not None:
            lead = _lead_body(thread.generic, *((_LEAD_RATIO, _LEAD_PROSE) if typed_thread else (_OTHER_LEAD, 0)))
        if lead is not None and not typed_thread and not any(e.all(root, "post") for e in thread.engines):
            thread = None  # an article (or list) with its comments
        if thread is None and draft.page_type in ITEM_DATE_PAGES:  # a date line printed there is an item's, a release's or an offer's
            items_page_date(root, draft, uri)  # before the extractors reshape the tree
        if thread is not None and extract_thread(thread, text, draft, uri):
            draft.page_type = "forum_thread"
            if lead is not None and draft.extractor == "html_forum:generic":
                _lead_post(lead, draft)
        elif not (draft.page_type in ITEM_PAGES and extract_listing(root, draft)):
            headlines = linked_headlines(root) if draft.page_type in ITEM_PAGES else []  # before the tree is pruned
            extract_article(root, draft, discussion=thread is not None, whole_region=draft.page_type not in _ONE_BODY,
                            linked_headings=draft.page_type in _LINKED_HEADINGS, address=_web_address(uri, draft))
            _credits(draft)
            _metadata_lines(draft)
            _author_bio(draft)
            if draft.page_type in LISTS:
                _drop_stray_lines(draft)
            if not draft.text().strip() and headlines:  # a page of bare links (a news section, a site map)
                draft.paragraphs = headlines
                draft.warnings.append("no text on this page but links: its list of linked headlines is the text")
        if draft.page_type not in _REPEATED_ENTRIES:
            _drop_repeats(draft)
        if not draft.text().strip() and summary:
            draft.paragraphs = [p for p in (clean_text(x) for x in summary.split("\n\n")) if p]
            draft.warnings.append("no text in the page body (rendered by script?): text taken from the page's metadata")
    _repair(draft)
    if not draft.text().strip():
        raise NoContent("no main text in this HTML page (empty body, or only navigation and scripts)")
    return draft


def parse_page(text: str):
    """The page's tree as a reader sees it (streamed sections in place); None when too deep to hold."""
    root = parse(text)
    if root is not None and _STREAMED_MARK in text:
        place_streamed_parts(root)
    return root


def place_streamed_parts(root) -> None:
    """Put the parts of a streamed page where its script would: React's streaming server rendering sends the
    page's sections late, each in a `<div hidden id="S:n">` at the end of the body, and a script moves it into
    the `<template id="B:n">` left in its place. Unmoved, the page's text sits in hidden blocks and its body is
    empty placeholders.

    >>> root = parse('<html><body><main><template id="B:0"></template></main><div hidden id="S:0"><p>Text</p></div></body></html>')
    >>> place_streamed_parts(root)
    >>> lxml.html.tostring(root.find("body")).decode()
    '<body><main><p>Text</p></main></body>'
    """
    holes = {el.get("id")[2:]: el for el in _STREAM_HOLES(root)}
    for part in _STREAMED_PARTS(root):
        hole = holes.get(part.get("id")[2:])
        if hole is None or hole.getparent() is None:
            continue
        if (part.text or "").strip():
            append_text_before(hole, part.text)
        for child in list(part):
            hole.addprevious(child)
        if (hole.tail or "").strip():  # text after the placeholder stays in the flow
            append_text_before(hole, hole.tail)
        hole.getparent().remove(hole)
        part.getparent().remove(part)


def _lead_body(group: PostGroup, ratio: float, prose: int):
    """The article body before a group of posts (see _LEAD_PROSE), or None: the largest block preceding the
    first post beside one of its boxes (so outside every post: they come later), holding `ratio` typical posts'
    text and `prose` paragraphs of prose."""
    index, first = group.index, group.posts[0][0]
    best, most = None, ratio * group.typical
    for step in (first, *first.iterancestors()):
        for block in step.itersiblings(preceding=True):
            size = index.text.get(block, 0) - index.links.get(block, 0)
            if size > most:
                best, most = block, size
    if best is None:
        return None
    if prose and sum(1 for p in best.iter("p") if len(p.text_content().strip()) >= _PROSE_CHARS) < prose:
        return None
    return best


def _lead_post(lead, draft: Draft) -> None:
    """The article body a thread's posts answer opens the thread, by the page's author on the page's date. It is
    read as an article page of its own (a copy: the caller's tree stays whole), so its share buttons, headline and
    byline are left out as on the article path."""
    page = lxml.html.document_fromstring("<html><body></body></html>")
    page.find("body").append(copy.deepcopy(lead))
    body = Draft(kind="article", extractor="html", title=draft.title, authors=draft.authors, page_type="article")
    extract_article(page, body)
    _metadata_lines(body)
    if body.text():
        draft.posts.insert(0, Post(text=body.text(), author=draft.authors[0] if draft.authors else None, posted=draft.published))


def _web_address(uri: str, draft: Draft) -> str:
    """The page's URL: where it was fetched from, else the canonical address it declares ('' when neither)."""
    if uri.startswith(("http://", "https://")):
        return uri
    return draft.canonical_url if (draft.canonical_url or "").startswith(("http://", "https://")) else ""


def parse(text: str):
    """The lxml tree, or None when the page nests deeper than libxml2 will hold."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(_LONG_TAG.sub(_fewer_attributes, text), parser=parser)
    except etree.ParserError as exc:
        raise NoContent(f"HTML parser found no document: {exc}") from exc
    except (ValueError, etree.LxmlError) as exc:
        raise CorruptInput(f"HTML could not be parsed: {exc}") from exc
    if any(_TOO_DEEP in e.message for e in parser.error_log):
        return None
    _join_content_after_html(root)
    return root


def _join_content_after_html(root) -> None:
    """Content after an early `</body></html>` goes into <body>, as a browser puts it: libxml2 opens a second
    <html> for it, beside the document element, where nothing that reads the page would look.

    >>> root = parse("<html><body><nav>Menu</nav></body></html><div><p>The article.</p></div>")
    >>> lxml.html.tostring(root.find("body")).decode()
    '<body><nav>Menu</nav><div><p>The article.</p></div></body>'
    """
    late = [el for el in root.itersiblings() if isinstance(el.tag, str)]
    if not late:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    for html in late:
        for part in list(html):
            if part.tag == "body":
                if part.text and part.text.strip():
                    etree.SubElement(body, "p").text = part.text
                body.extend(list(part))
            elif part.tag == "head":
                body.extend(el for el in part if el.tag in ("script", "template"))  # JSON-LD, streamed parts
            else:
                body.append(part)


def _fewer_attributes(tag: re.Match) -> str:
    """A tag's first MAX_ATTRIBUTES attributes (a long tag with few, a data: URI say, stays as it is).

    >>> _fewer_attributes(_LONG_TAG.search("<p " + " ".join(f'a{i}="x"' for i in range(70000)) + ">")).count("=")
    1000
    """
    attributes = _ATTRIBUTE.findall(tag.group(2))
    if len(attributes) <= MAX_ATTRIBUTES:
        return tag.group(0)
    return f"<{tag.group(1)} {' '.join(attributes[:MAX_ATTRIBUTES])}>"


def _flat_text(text: str, draft: Draft) -> None:
    """Degraded path for pathological nesting: BeautifulSoup (html.parser) keeps every string."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.extract()
    draft.title = clean_text(soup.title.extract().get_text()) if soup.title else None
    headline = (draft.title or "").lower()  # printed again as the page's headline: stripped, as on the tree path
    for line in (clean_text(s) for s in soup.get_text("\n").split("\n")):
        if line and line.lower() == headline:
            draft.strip(line, "headline")
        elif line:
            draft.paragraphs.append(line)
    draft.page_type = "other"  # no structure to type it by
    draft.warnings.append("nesting deeper than the parser limit: structure ignored, text kept line by line")


def _drop_stray_lines(draft: Draft) -> None:
    """A list page whose items were not found does not take a stray short line or two as its body (a heading,
    "Link has been copied to clipboard"): they are widgets, not the page's text; its own summary stands in."""
    if len(draft.paragraphs) <= _STRAY_LINES and all(len(p) < _STRAY_LENGTH for p in draft.paragraphs):
        for line in draft.paragraphs:
            draft.strip(line, "widget_line")
        draft.paragraphs = []


def _drop_repeats(draft: Draft) -> None:
    """A paragraph the page prints twice word for word (once per layout: a mobile and a desktop copy, a
    slider and a grid) is said once: the second copy is layout, not more text. A paragraph printed three
    times or more is a recurring entry ("Eat every 2-3 hours" under each meal of a plan), and short lines
    (a price, "Add to cart") may be parts of distinct items: both stay."""
    counts = Counter(draft.paragraphs)
    seen: set[str] = set()
    kept = []
    for paragraph in draft.paragraphs:
        if len(paragraph) >= _REPEAT_MIN and counts[paragraph] == 2 and paragraph in seen:
            draft.strip(paragraph, "repeated")
            continue
        seen.add(paragraph)
        kept.append(paragraph)
    draft.paragraphs = kept


def _credits(draft: Draft) -> None:
    """Wire datelines ("KABUL (Reuters) -") and repost credits ("Source: X") become metadata;
    a credit line is moved to `stripped`, a dateline stays in the text it opens."""
    if draft.paragraphs:
        found = parse_dateline(draft.paragraphs[0])
        if found:
            draft.dateline, draft.original_source = found
    n = len(draft.paragraphs)
    for i in sorted({*range(min(_CREDIT_HEAD, n)), *range(max(0, n - _CREDIT_TAIL), n)}, reverse=True):
        line = draft.paragraphs[i]
        credit = parse_credit(line) if len(line) <= _CREDIT_MAX else None
        if credit:
            draft.original_source = draft.original_source or credit.source
            draft.strip(draft.paragraphs.pop(i), "credit_line")


def _metadata_lines(draft: Draft) -> None:
    """A byline naming the record's authors, or a line that is only the date, at the top of the body
    is metadata already in the record: it moves to `stripped` ('byline', 'date_line'), so it neither
    opens the text nor gets joined onto the first paragraph."""
    for _ in range(_METADATA_HEAD):
        if not draft.paragraphs:
            return
        line = draft.paragraphs[0]
        byline = parse_byline(line) if len(line) <= _CREDIT_MAX else None
        if byline and draft.authors and set(byline.authors) <= set(draft.authors):
            draft.strip(draft.paragraphs.pop(0), "byline")
        elif len(line) <= _CREDIT_MAX and date_in_line(line):
            draft.strip(draft.paragraphs.pop(0), "date_line")
        else:
            return


def _author_bio(draft: Draft) -> None:
    """A paragraph near the end that opens with the full name of one of the record's authors (_BIO_LABEL: after
    "About the author:", "(", or on the line after their byline) is their bio, and
    what follows it (their links, a sign-up line) is not the article: both move to `stripped` ('author_bio').
    A one-word name is not enough ("The", "Reuters" open ordinary sentences)."""
    names = [a for a in draft.authors if len(a.split()) >= 2]
    if not names:
        return
    opens_with_name = re.compile(_BIO_LABEL + "(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    n = len(draft.paragraphs)
    for i in range(max(1, n - _BIO_TAIL), n):
        line = draft.paragraphs[i]
        first, _, rest = line.partition("\n")
        byline = parse_byline(first) if rest else None
        if len(line) <= _BIO_MAX and (opens_with_name.match(line) or byline and set(byline.authors) <= set(names)):
            while i > 1 and len(draft.paragraphs[i - 1]) <= _LABEL_MAX and not draft.paragraphs[i - 1].endswith(_SENTENCE_END):
                i -= 1  # the name and job title printed above the bio
            for bio in draft.paragraphs[i:]:
                draft.strip(bio, "author_bio")
            del draft.paragraphs[i:]
            return


def _repair(draft: Draft) -> None:
    """ftfy-style mojibake repair on what is emitted (not the whole markup: cheaper, same result)."""

    def fix(s: str | None) -> str | None:
        if not s or not _REPAIRABLE.search(s):
            return s
        out, names = repair_mojibake(s)
        for name in names:
            draft.fix(name)
        return out

    draft.title = fix(draft.title)
    draft.paragraphs = [fix(p) for p in draft.paragraphs]
    for post in draft.posts:
        post.text = fix(post.text)
        post.author = fix(post.author)
