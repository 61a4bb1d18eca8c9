"""Forum threads as posts: engine profiles (CSS selectors in normalizers/data/html_forum.json) as a fast
path, then the engine-independent detector of extractors/html_forum_generic.py. Quotes are split off
each post and tied to the quoted post.

The cheap part (is this a thread? which engine?) runs on the lxml tree every page gets; the post
fields are read from a second lxml tree of the page that posts are cut out of, with the profiles' CSS
selectors compiled once to XPath and text read as BeautifulSoup reads it, which the profiles were
measured with (extractors/html_forum_tree.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from extractors import html_forum_tree as tree
from extractors.html_article import clean_text
from extractors.html_metadata import jsonld_objects, main_jsonld
from extractors.html_forum_generic import (_DATE_LABEL, _DATE_PREFIX, _JOINED, _QUOTE_BY, _SAID, PageAttributes,  # one compile
                                          PostGroup, attribute_date, date_like, find_posts, page_attributes, page_writers,
                                          read_posts, user_refs)
from normalizers import vocab
from normalizers.data.html_vocab import load
from normalizers.dates import infer_day_first, month_numbers, parse_date
from normalizers.relative_dates import age, date_posts
from output.draft import Draft, Post, Quote

_VOCAB = load("forum")
# member labels ('Joined', 'Beiträge') by the Post field they fill; 'posted' is no member field (HTML dates are elements)
_LABEL = re.compile("|".join(f"(?P<{name}>{'|'.join(words)})" for name, words in vocab.load("forum_member")["labels"].items()
                             if name[0] != "_" and name != "posted"), re.I)
_LABEL_LINE = re.compile(r"^\s*([^:\n]{2,30}?)\s*:\s*(.+?)\s*$", re.M)
_DIGITS = re.compile(r"\d+")
_WORDISH = re.compile(r"[^\W_]")
_OG_TYPE = etree.XPath('//meta[@property="og:type"]/@content')
_NUMBER = re.compile(r"\d[\d,.\s\u066c\u202f]*")
_BLOCKS = ["p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "dl", "dd", "dt", "hr"]
_ARTICLE_TYPES = frozenset(load("page_type")["jsonld_types"]["article"])  # schema.org types that declare an article
_MIN_POSTS = {"microdata": 2}  # schema-only evidence needs a repeat; a named engine's one post is a thread
_POST_MAX = 6000  # characters: a median "post" longer than this is a page column (forum posts run far shorter)
_ARTICLE_RATIO = 3  # a declared article's own text this many times a typical post's makes the posts its comments
_STEADY = 0.5  # share of posts printing writer or date at one place: page regions (article, rail, footer) differ
_MONTH_YEAR = re.compile(r"^\s*([^\W\d_]+)\.?,?\s+(\d{4})\s*$")  # 'Mar 2009', 'März 2009'
_LEAD_LABEL = re.compile(r"^[^:]{1,25}:\s+")  # a label up to the first ': ' (a clock's colon has no space after it)
_DATE_MAX = 80  # characters: a date printed alone is short; longer text is a sentence mentioning one
_DATED_SHARE = 0.75  # posts with a date: at this share, a block without one is not a post
_DATED_MAX = 3  # date marks in a typical post (posted, edited, joined); more make it a list of dated teasers


@dataclass(frozen=True)
class Engine:
    name: str
    detect: frozenset[str]  # page markers that say the engine may be there
    selectors: dict[str, list[str]]  # field -> selectors, most trusted first

    def first(self, el, name: str):
        for sel in self.selectors.get(name, []):
            found = tree.selector(sel)(el)
            if found:
                return found[0]
        return None

    def may_find(self, name: str, attributes: set, tokens: set) -> bool:
        """Whether a page whose elements carry these attribute names and (lower-cased) class tokens can hold a match
        of the field's selectors: when not, no search of its every element is made."""
        return any(names <= attributes and classes <= tokens for sel in self.selectors.get(name, []) for names, classes in tree.needs(sel))

    def all(self, el, name: str) -> list:
        """Every match of the field's selectors, in page order."""
        sels = self.selectors.get(name)
        return tree.selector(", ".join(sels))(el) if sels else []


def _engine(spec: dict) -> Engine:
    selectors = {k: [s.strip() for s in v.split(", ") if s.strip()] for k, v in spec.items() if k not in ("name", "detect")}
    return Engine(spec["name"], frozenset(spec.get("detect", [])), selectors)


ENGINES = [_engine(spec) for spec in _VOCAB["engines"]]


@dataclass
class Thread:
    """What find_thread saw: engines whose signature is on the page and whose post selector matches in it (only
    those re-read the page: a 20 MB page of comments classed 'comment' was parsed twice for no post), and the
    structural post group."""

    engines: list[Engine] = field(default_factory=list)
    generic: PostGroup | None = None


def find_thread(root, *, profiles: bool = True, attrs: PageAttributes | None = None) -> Thread | None:
    """A Thread when the page looks like a forum thread: an engine's markers, or repeated post blocks
    holding enough of the text (a declared article's posts must outweigh it: else they are comments).
    `attrs`: page_attributes(root), when the caller walked the attributes already."""
    article = _declared_article(root)
    attrs = page_attributes(root) if attrs is None else attrs
    markers = page_markers(attrs) if profiles else set()
    signed = [e for e in ENGINES if e.detect & markers and not (article and e.name == "microdata")]
    names = set(attrs)
    engines = [e for e in signed if e.may_find("post", names, markers) and e.all(root, "post")]  # markers hold the class tokens
    refs = user_refs(attrs)
    accept = lambda g: _is_thread(g, article)  # noqa: E731
    group = find_posts(root, attrs, refs, accept) if not article or page_writers(refs) >= 2 else None  # a declared article needs two writers
    if group is not None and not _is_thread(group, article):
        group = None
    return Thread(engines, group) if signed or group else None  # a signature alone makes the page's blocks a discussion


def _is_thread(group: PostGroup, article: bool) -> bool:
    """Posts by two writers or more (or, unnamed, at least three on a page not declared an article), each
    of a post's size with its writer or date at one place; a declared article whose own text outweighs
    a post keeps them as its comments."""
    if group.typical > _POST_MAX or group.steady < _STEADY or group.dated > _DATED_MAX:
        return False  # page columns and regions, teaser lists: not posts
    if group.writers < 2 and (article or len(group.posts) < 3):
        return False
    return not (article and group.beside > _ARTICLE_RATIO * group.typical)


def page_markers(attrs: PageAttributes) -> set[str]:
    """Lower-cased class tokens, ids without their digits, itemtype/itemprop names, generator words and
    the first data-xf* attribute's name (`attrs`: page_attributes)."""
    generator = [v for v, el in attrs.owned("content", "meta") if el.get("name") == "generator"]
    words = " ".join(attrs.get("class", []) + attrs.get("itemprop", []) + generator).lower().split()
    words += _DIGITS.sub("", " ".join(attrs.get("id", ())).lower()).split()
    words += [t.rstrip("/").rsplit("/", 1)[-1].lower() for t in attrs.get("itemtype", ())]
    words += [name[5:] for name in attrs if name.startswith("data-xf")][:1]
    return set(words)


def _declared_article(root) -> bool:
    og = _OG_TYPE(root)
    if og and og[0].strip().lower() == "article":
        return True  # the JSON-LD need not be parsed again
    types = main_jsonld(jsonld_objects(root)).get("@type", "")
    types = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
    return bool(types & _ARTICLE_TYPES)


def extract_thread(thread: Thread, text: str | None, draft: Draft, uri: str = "") -> bool:
    """Fill draft.posts; False (draft untouched) when no engine finds enough posts. `text`: the page source, which
    an engine reparses (None when the thread has no engine)."""
    page = tree.parse_thread(text) if thread.engines else None  # posts are cut out of it: the caller's tree stays whole
    for engine in thread.engines:
        blocks = _outermost(engine.all(page, "post"))
        if len(blocks) >= _MIN_POSTS.get(engine.name, 1):
            _fill(draft, [_read_post(engine, b, draft) for b in blocks], engine.name)
            _next_page(engine, page, draft, uri)
            return True
    if thread.generic is not None and len(thread.generic.posts) >= 2:
        posts = read_posts(thread.generic, draft)
        if any(p.text for p, _ in posts):  # blocks that repeat but hold no text are not a thread
            _fill(draft, posts, "generic")
            return True
    return False


def _outermost(blocks: list) -> list:
    """Blocks (in page order) without the ones nested in another: a quoted post is not a post."""
    found = set(blocks)
    return [b for b in blocks if not any(p in found for p in b.iterancestors())]


def _fill(draft: Draft, raw_posts: list[tuple[Post, list[str]]], engine: str) -> None:
    """Dates parsed with the thread's own day/month evidence; quotes tied to earlier posts."""
    raws = [p.posted_raw for p, _ in raw_posts if p.posted_raw] + [d for _, ds in raw_posts for d in ds]
    day_first = infer_day_first(raws)
    draft.kind, draft.extractor = "forum_thread", f"html_forum:{engine}"
    for post, candidates in raw_posts:
        if not post.posted:
            post.posted = next((iso for iso in (parse_date(c, day_first=day_first) for c in candidates) if iso), None)
    date_posts([p for p, _ in raw_posts], draft.modified)
    for post, _ in raw_posts:
        if post.author_joined and not re.match(r"\d{4}-", post.author_joined):
            post.author_joined = parse_date(post.author_joined, day_first=day_first) or _month_year(post.author_joined)
    posts = [p for p, _ in raw_posts if p.text or p.quotes or (p.author and p.posted_raw)]  # an image-only post is a post
    if sum(1 for p in posts if p.author or p.posted_raw) * 2 > len(posts):
        posts = [p for p in posts if p.author or p.posted_raw]  # a pager or ad block styled like a post
    if sum(1 for p in posts if p.posted_raw or p.posted) >= _DATED_SHARE * len(posts):
        posts = [p for p in posts if p.posted_raw or p.posted]  # where posts print dates, an undated one is an ad or a box
    for i, post in enumerate(posts):
        for quote in post.quotes:
            quote.of_post = _quoted_post(quote, posts[:i])
    draft.posts = posts


def _month_year(raw: str) -> str | None:
    """'Mar 2009', 'März 2009': a join date to the month (vBulletin prints no day), as '2009-03'."""
    m = _MONTH_YEAR.match(raw)
    months = month_numbers().get(m.group(1).casefold()) if m else None
    numbers = set(months.values()) if months else set()
    return f"{m.group(2)}-{numbers.pop():02d}" if len(numbers) == 1 else None  # a word naming two months says none


def _quoted_post(quote: Quote, earlier: list[Post]) -> int | None:
    """Index of the earlier post whose text holds the quote (by the quoted author when named)."""
    needle = " ".join(quote.text.split()[:12]).lower()
    if not needle:
        return None
    for i in range(len(earlier) - 1, -1, -1):
        post = earlier[i]
        if needle in " ".join(post.text.split()).lower() and (not quote.author or not post.author or quote.author == post.author):
            return i
    return None


def _read_post(engine: Engine, block, draft: Draft) -> tuple[Post, list[str]]:
    post = Post(text="")
    author = engine.first(block, "author")
    if author is not None:
        post.author = _shown_name(author)
    for attr in engine.selectors.get("author_attr", []):
        post.author = post.author or (block.get(attr) or "").strip() or None
    title = engine.first(block, "author_title")
    shown = clean_text(tree.get_text(title, " ")) if title is not None else ""
    if shown != post.author and not _member_stat(shown):
        post.author_title = shown or None
    info = engine.first(block, "user_info")
    if info is not None:
        _user_fields(info, post)
    body = engine.first(block, "body")
    body = block if body is None else body
    posted = engine.first(block, "posted")
    dates = _post_date(posted if posted is not None else _dated_element(block, body), post)
    for sig in engine.all(body, "signature") + engine.all(block, "signature"):
        if tree.under(sig, block):  # not removed already (the body's are also the block's)
            draft.strip(clean_text(tree.get_text(sig, " ")), "signature")
            tree.drop(sig)
    post.quotes = _quotes(engine, body)
    post.text = block_text(body)
    return post, dates


def _member_stat(text: str) -> bool:
    """'Posts: 12', 'Joined: Jan 2010': a labelled member field, not the writer's title (a profile's first line
    where the board prints no rank)."""
    m = _LABEL_LINE.match(text)
    return bool(m and _LABEL.fullmatch(clean_text(m.group(1)).strip(":")))


def _shown_name(el) -> str | None:
    """The first words an author element shows: badges, counts and titles printed after the name are not it."""
    for piece in tree.stripped_strings(el):
        name = _SAID.sub("", clean_text(piece)).strip()
        if _WORDISH.search(name):
            return name
    return None


def _post_date(el, post: Post) -> list[str]:
    """Set posted/posted_raw from the post's own date element; return raw strings left to parse."""
    if el is None:
        return []
    raw = clean_text(tree.get_text(el, " ")).strip(" «»")  # SMF: '« Reply #1 on: March 01, 2021, 10:00:00 AM »'
    raw = _DATE_PREFIX.sub("", raw.rsplit("»", 1)[-1].strip().rsplit("\n", 1)[-1]).lstrip(": ")
    label = _LEAD_LABEL.match(raw)
    if label and not date_like(label.group()) and _parse_or_age(raw[label.end():]):
        raw = raw[label.end():]  # a label no prefix word names ('Reply #1 on: <date>')
    post.posted_raw = raw or None
    post.posted = attribute_date(el)
    return [raw, _DATE_LABEL.sub("", raw)] if raw else []


def _dated_element(block, body):
    """Where the engine's date selector finds nothing: the first element outside the message that states
    a date in markup, else the first short text reading as one (a join date, labelled so, is skipped)."""
    message = set(body.iter()) if body is not block else set()
    outside = [e for e in block.iterdescendants(etree.Element) if e not in message]
    stated = next((e for e in outside if attribute_date(e) and not _joined(e)), None)
    if stated is not None:
        return stated
    for el in outside:
        own = clean_text(" ".join(tree.own_strings(el)))
        if own and len(own) <= _DATE_MAX and date_like(own) and _parse_or_age(own) and not _joined(el):
            return el
    return None


def _parse_or_age(raw: str) -> bool:
    """A date either day order reads, or a post's age."""
    return bool(parse_date(raw, day_first=True) or parse_date(raw, day_first=False) or age(raw) is not None)


def _joined(el) -> bool:
    """The element's text, or the label just before it, says the member joined then."""
    before = " ".join(s for s in tree.previous_strings(el, limit=2)[::-1])
    return bool(_JOINED.search(before[-40:] + " " + tree.get_text(el, " ")[:40]))


def _user_fields(info, post: Post) -> None:
    """Join date, counts, location and country from 'Label: value' lines or <dt>/<dd> pairs."""
    pairs = [(tree.get_text(dt, " "), tree.get_text(dd, " ")) for dt in info.iterdescendants("dt")
             if (dd := next(dt.itersiblings("dd"), None)) is not None]
    pairs += _LABEL_LINE.findall(tree.get_text(info, "\n"))
    for label, value in pairs:
        known = _LABEL.fullmatch(clean_text(label).strip(":"))
        name = known.lastgroup if known else None
        value = clean_text(value)
        if not name or not value:
            continue
        if name == "joined":
            post.author_joined = post.author_joined or value
        elif name in ("messages", "reaction_score", "points"):
            m = _NUMBER.search(value)
            if m and getattr(post, f"author_{name}") is None:
                setattr(post, f"author_{name}", int(re.sub(r"\D", "", m.group())))
        elif getattr(post, f"author_{name}") is None:
            setattr(post, f"author_{name}", value)


def _quotes(engine: Engine, body) -> list[Quote]:
    """Split quoted blocks off the post body (outermost only; nested quotes stay in their quote)."""
    quotes = []
    for q in _outermost(engine.all(body, "quote")):
        if q.getparent() is None:
            continue
        who = engine.first(q, "quote_author")
        author = None
        if who is not None:
            author = _QUOTE_BY.sub("", _SAID.sub("", clean_text(tree.get_text(who, " ")))) or None
            tree.drop(who)
        text = block_text(q)
        tree.drop(q)
        if text:
            quotes.append(Quote(text=text, author=author))
    return quotes


def block_text(el) -> str:
    """Plain text with a blank line between blocks (an element of tree.parse_thread's tree, which this cuts up)."""
    for junk in list(el.iterdescendants("script", "style", "noscript", "button", "template")):
        tree.drop(junk)
    for tag in list(el.iterdescendants(*_BLOCKS)):
        if tag.tag == "br":
            tree.replace_with_text(tag, "\n")
        else:
            tree.surround(tag, "\n\n")
    paragraphs = (clean_text(p) for p in re.split(r"\n\s*\n", tree.get_text(el)))
    return "\n\n".join(p for p in paragraphs if p)


def _next_page(engine: Engine, page, draft: Draft, uri: str) -> None:
    """Reported, never followed: the caller decides whether to fetch it."""
    link = engine.first(page, "next")
    if link is not None and link.get("href") and not draft.next_page:
        draft.next_page = urljoin(uri, link.get("href"))
