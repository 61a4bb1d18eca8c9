"""Forum posts on any engine: repeated sibling (or cousin) subtrees that each name a user, carry a
date and hold text, found on the lxml tree without knowing the engine.

Why structural: held-out forums run engines no profile names, but every engine repeats one block
per post, and each block links its writer's profile (or marks the name with a user-ish class) and
prints a time. Candidate groups are scored by count x consistency x share of the page's text;
nested comment trees (each reply inside its parent) are flattened in page order. The vocabulary
(profile URLs, date attributes, quote/signature/chrome classes) is normalizers/data/html_forum.json
"structure"; quote phrases and member labels are the plain-text reader's own (forum_quotes.json, forum_member.json).
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from lxml import etree

from extractors.html_article import clean_text
from normalizers import vocab
from normalizers.data.html_vocab import concept_regex, load
from normalizers.dates import infer_day_first, parse_date, written_order_evidence
from normalizers.relative_dates import age
from output.draft import Draft, Post, Quote

_VOCAB = load("forum")
_S = _VOCAB["structure"]
_PROFILE = re.compile(_S["profile_href"], re.I)
_PROFILE_LINES = re.compile(_S["profile_href"], re.I | re.M)  # over many hrefs joined by newlines
_NOT_PROFILE = re.compile(_S["not_profile_href"], re.I)
_USER_CLASS = concept_regex({"user": _S["user_classes"]})
_DATE_CLASS = concept_regex({"date": _S["date_classes"]})
_QUOTE_CLASS = concept_regex({"quote": _S["quote_classes"]})
_BODY_CLASS = concept_regex({"body": _S["body_classes"]})
_QUOTE_HEAD = concept_regex({"quote_header": _S["quote_header_classes"]})
_SIGNATURE = concept_regex({"signature": _S["signature_classes"]})
_CHROME = concept_regex({"chrome": _S["chrome_classes"]})
_QUOTES = vocab.load("forum_quotes")  # one quote vocabulary for the HTML and the plain-text readers
_VERBS = "|".join(re.sub(r":\??$", "", v) for v in _QUOTES["said"])  # 'said', 'گفت': the colon is optional here
_EXPANDER = "|".join(["↑"] + _QUOTES["end"])
_QUOTE_SAID = re.compile(rf"^(.{{1,60}}?)\s*(?:{_VERBS})\s*:?\s*(?:{_EXPANDER})?\s*$", re.I)
_QUOTE_BY = re.compile(r"^\s*(?:%s)\s*:?\s*" % "|".join(_QUOTES["by"] + [re.sub(r" ?\??:$", "", s) for s in _QUOTES["start"]]), re.I)
_SAID = re.compile(rf"\s*(?:{_VERBS})?\s*:?\s*(?:{_EXPANDER})?\s*$", re.I)
_REPLY_PREFIX = re.compile(_S["reply_prefix"], re.I)
_REACTIONS = re.compile(_S["reaction_line"], re.I)
# the relative-date reader's own words ('ago', 'yesterday', 'just now'; forum_relative.json), behind a look at their
# first letters: re tries every word at every position, the look rejects most at once
_AGES = vocab.load("forum_relative")
_AGE_WORDS = sorted({*_AGES["ago"], *_AGES["now"], *itertools.chain.from_iterable(_AGES["days"].values())}, key=len, reverse=True)
_RELATIVE = re.compile("(?=[%s])(?<!\\w)(?:%s)(?!\\w)" % (re.escape("".join(sorted({w[0] for w in _AGE_WORDS}))),
                                                         "|".join(map(re.escape, _AGE_WORDS))), re.I)
# a compact age, the whole text a count and a unit letter ('2y', '5d', '۳d'): the age a post prints beside its date in
# markup, or alone; a post so dated is a dated post (a thread kept 1 of 20 replies that printed '2y' where others had dates)
_COMPACT_MAX = 12  # characters: '10000 d' and its spaces
_COMPACT_AGE = re.compile(r"^\s*\d+\s?[%s]\s*$" % "".join(_AGES["compact"]), re.I)
_JOINED = re.compile(r"(?:^|[^\w])(?:" + "|".join(vocab.load("forum_member")["labels"]["joined"]) + r")(?:\W|$)", re.I)
_DATE_PREFIX = re.compile(_VOCAB["date_prefix"], re.I)
_DATE_LABEL = re.compile(_VOCAB["date_label"])
# a date's shape without its words: a numeric date, a clock time, a CJK year or month ('RTX 2080' is a number, not a date)
_DATE_SHAPE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|(?<!\d)\d{1,2}:\d{2}|\d\s*[年월년]")
_DIGIT = re.compile(r"\d")
_CLOCK_OR_NUMERIC = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}")
_EDIT_NOTE = re.compile(r"\s*\([^()]*\d[^()]*\)\s*$")  # '11:17 (edited: 21. April 2020 12:17)': the edit, not the post
_EPOCH = re.compile(r"^(?:\d{9,10}|\d{13})$")  # Unix time in seconds (2001-2286) or milliseconds
_SEPARATORS = re.compile(r"(?<!\s)\s*[»|•·]\s*|(?<=\s)[»|•·]\s*")  # once per space run, not from each space (linear)
_BY_WORDS = [w for lang, words in vocab.load("metadata_labels")["byline_words"].items() if not lang.startswith("_") for w in words]
_BY = re.compile(r"^(?:%s)(?:\s*:)?(?:\s+|$)" % "|".join(map(re.escape, _BY_WORDS + vocab.load("forum_member")["author_by"])), re.I)
_SKIP_TAGS = frozenset({"script", "style", "template", "head", "svg", "select", "textarea", "input", "button", "iframe"})
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
                     "dl", "dd", "dt", "hr", "section", "article", "header", "footer", "aside", "figure", "form"})
_DATE_ATTRS = [a for a in _S["date_attributes"] if a != "title"]
_TIMES = etree.XPath("//time")
_SHORT = 80  # characters: a date, a name or a label fits; longer text is prose
_NAME_MAX = 60  # a user name longer than this is a sentence
_TRIES = 3  # candidate groups measured at most when the best fails the caller's test
_RUNNER_UP = 4  # a runner-up is tried only when its score is within this factor of the best one's
_MIN_PROSE = 20  # characters of non-link text below which a block is no message of its own
_MIN_OPENING = 100  # characters of non-link text an opening post found outside the group must hold
# A data table's rows repeat and carry dates like posts: rows of this many cells or more whose longest cell (in the
# median row) is a short value hold no message. A table-laid thread gives a post two cells, the writer's and the message.
_ROW_CELLS = 3
_ORDERED_MIN = 3  # posts needed before the order of their dates says which date is the post's
_ORDERED_SHARE = 0.6  # share of the posts a date place must appear in to be considered
_ORDER_MARGIN = 0.25  # how much more in page order a later date place must run to replace the first
_DATE_PRINTED = 25  # characters: a date in a form no reader knows ('3 mo', '2 yr', 'il y a 3 sem.') is short
_ISO_START = re.compile(r"^\d{4}-\d{2}")
_DATES_READ = 4  # a post's dates read at most: posted, edited, a join date and one more
_SAME_KIND = 0.5  # Jaccard of class tokens: 'post bg1' and 'post bg2' are one kind, 'post' and 'sidebar' are not


def _classes(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def _kind(el) -> tuple[str, frozenset]:
    """Tag, class tokens without digits (as a set and in order): the shape every post of a thread shares."""
    tokens = tuple(t for t in (re.sub(r"\d+", "", c) for c in (el.get("class") or "").lower().split()) if t)
    return el.tag, frozenset(tokens), tokens


def _same_kind(a: tuple, b: tuple) -> bool:
    """Same tag, and most class tokens or the first one shared ('blockpost rowodd', 'blockpost roweven')."""
    if a[0] != b[0]:
        return False
    if not a[2] or not b[2]:
        return a[2] == b[2]
    return a[2][0] == b[2][0] or len(a[1] & b[1]) / len(a[1] | b[1]) >= _SAME_KIND


def _indexed_at(position: dict, indexed: bytearray, el) -> int | None:
    i = position.get(el)
    return i if i is not None and indexed[i] else None


class _Column:
    """One measure of the indexed elements, read as a dict keyed by element.

    It holds the index's position dict and flags, not the index: a column pointing back at its index made a
    cycle, so the index (a proxy per element) lived on until a garbage collection, after the article path had
    cut parts out of the tree; lxml then frees each proxy of a cut-out part by walking that part, and a
    <select> of 40,000 <option>s took 8 s in one collection (300,000 over 10 minutes)."""

    __slots__ = ("_position", "_indexed", "values")

    def __init__(self, index: _Index, values: array):
        self._position, self._indexed, self.values = index.position, index.indexed, values

    def _at(self, el) -> int | None:
        return _indexed_at(self._position, self._indexed, el)

    def __getitem__(self, el) -> int:
        i = self._at(el)
        if i is None:
            raise KeyError(el)
        return self.values[i]

    def get(self, el, default=None):
        i = self._at(el)
        return default if i is None else self.values[i]

    def __contains__(self, el) -> bool:
        return self._at(el) is not None


class _Index:
    """Per element: text length, user references and date markers inside it (one pass, no recursion).

    Each measure is a column of 4-byte integers indexed by the element's document position, one dict entry per
    element (as html_article._Page), not a dict per measure (four entries and int objects an element: the detector
    took 145 MB on a page of 43,000 comments, ~90 MB now). Elements inside script, style, head... are not indexed. The attribute tests
    run once over the page's attributes, not per element: most elements have neither."""

    def __init__(self, root, refs: list, stamped: set):
        self.position = {el: i for i, el in enumerate(root.iter(etree.Element))}  # its keys keep the proxies: identity holds
        size = len(self.position)
        self.indexed = bytearray(b"\x01") * size
        for el in root.iter(*_SKIP_TAGS):  # lxml's own iteration: cheaper than a walk in Python
            for inner in el.iter(etree.Element):
                self.indexed[self.position[inner]] = 0
        columns = array("i", [0]) * size
        text, links, users, dates = columns, columns[:], columns[:], columns[:]
        self.text, self.links, self.users, self.dates = (_Column(self, c) for c in (text, links, users, dates))
        self.marks: set = set()  # elements that are a date themselves (the innermost, not each wrapper)
        self.names: set = set()  # elements that are a user reference themselves
        self.parents: list = []  # elements with two children naming a user, or two dated: where posts may sit
        refs = set(refs)
        position, indexed = self.position, self.indexed
        for el, i in reversed(position.items()):
            if not indexed[i]:
                continue
            length = _chars(el.text)
            linked = named = dated = named_kids = dated_kids = 0
            for c in el:
                if c.tail:
                    length += len(c.tail.strip())
                j = position.get(c)
                if j is not None and indexed[j]:
                    length += text[j]
                    linked += links[j]
                    named += users[j]
                    dated += dates[j]
                    named_kids += users[j] > 0
                    dated_kids += dates[j] > 0
            text[i] = length
            links[i] = length if el.tag == "a" else linked
            if el in refs and is_user(el, length):
                self.names.add(el)
                named += 1
            users[i] = named
            if el in stamped or (not dated and 0 < length <= 2 * _SHORT and not _wrapper(el)
                                 and _short_date(el.text_content() if len(el) else el.text)) \
                    or (not dated and 0 < length <= _COMPACT_MAX and _compact_age_named(el)):  # a leaf's text is its own
                self.marks.add(el)
                dated += 1
            dates[i] = dated
            if named_kids >= 2 or dated_kids >= 2:
                self.parents.append(el)
        self.parents.reverse()

    def at(self, el) -> int | None:
        """The element's document position, None when it is not indexed."""
        return _indexed_at(self.position, self.indexed, el)

    def order(self):
        """The indexed elements in document order."""
        return (el for el, i in self.position.items() if self.indexed[i])


def _chars(s: str | None) -> int:
    return len(s.strip()) if s else 0


class PageAttributes:
    """Every attribute value by name, in page order, each with its element's document position.

    Plain strings (a value repeated on many elements stored once) and 4-byte positions into `elements` (the
    page's elements that carry attributes, in document order, one lxml proxy each), not lxml smart strings: each
    of those held its element's proxy and cost ~300 bytes, 110 MB on a page of 43,000 reader comments; a proxy
    held for every element cost 90 MB on a 20 MB table of bare cells. One walk serves the page typer, the engine
    markers, the user references and the dated elements (an XPath each cost more)."""

    def __init__(self, root):
        self.elements: list = []
        self._values: dict[str, list[str]] = {}
        self._at: dict[str, array] = {}
        once: dict[str, str] = {}
        for el in root.iter(etree.Element):
            items = el.items()
            if not items:
                continue
            i = len(self.elements)
            self.elements.append(el)
            for name, value in items:
                if name not in self._values:
                    self._values[name], self._at[name] = [], array("i")
                self._values[name].append(once.setdefault(value, value))
                self._at[name].append(i)

    def __iter__(self):
        return iter(self._values)  # names in the order the page first uses them

    def get(self, name: str, default=()) -> list[str]:
        return self._values.get(name, default)

    def owners(self, name: str, which=None) -> list:
        """The elements carrying attribute `name`, one per value (`which`: only these value indices)."""
        at = self._at.get(name, ())
        return [self.elements[at[i]] for i in (range(len(at)) if which is None else which)]

    def owned(self, name: str, tag: str) -> list[tuple[str, object]]:
        """(value, element) of attribute `name` on `tag` elements, in page order."""
        return [(v, el) for v, el in zip(self.get(name), self.owners(name)) if el.tag == tag]


def page_attributes(root) -> PageAttributes:
    """The page's attribute values (PageAttributes)."""
    return PageAttributes(root)


def user_refs(attrs: PageAttributes) -> list:
    """Elements whose href, itemprop or class may make them a user reference (is_user decides)."""
    props = attrs.owners("itemprop", [i for i, v in enumerate(attrs.get("itemprop")) if v.lower() in _S["user_itemprops"]])
    links = attrs.owned("href", "a")
    hrefs = [links[i][1] for i in _matching([v for v, _ in links], _PROFILE_LINES)]
    named = _matching(attrs.get("class", []) + attrs.get("id", []), _USER_CLASS)
    classes = len(attrs.get("class"))
    users = attrs.owners("class", [i for i in named if i < classes]) + attrs.owners("id", [i - classes for i in named if i >= classes])
    return [el for el in dict.fromkeys(props + hrefs + users) if el.tag not in _SKIP_TAGS]


def page_writers(refs: list, enough: int = 2) -> int:
    """Distinct names among the page's user references, counted up to `enough`: a thread's writers are
    among them, so a page with fewer cannot be a thread by several writers (and skips the full index)."""
    names = set()
    for el in refs:
        if is_user(el, len(clean_text(el.text_content()))):
            names.add((_name(el) or "").lower())
            if len(names - {""}) >= enough:
                break
    return len(names - {""})


def _stamped(root, attrs: PageAttributes) -> set:
    """Elements dated by tag or attribute: <time>, a date attribute with digits, a short title reading as a date."""
    found = set(_TIMES(root))
    for a in _DATE_ATTRS:
        found.update(attrs.owners(a, [i for i, v in enumerate(attrs.get(a)) if _DIGIT.search(v)]))
    found.update(attrs.owners("title", [i for i, v in enumerate(attrs.get("title")) if len(v) <= _SHORT and _DIGIT.search(v) and _looks_dated(v)]))
    return found


def _matching(values: list[str], pattern: re.Pattern) -> list[int]:
    """Indices of the values the pattern finds something in, in order: one regex pass over them joined."""
    ends = list(itertools.accumulate(len(v) + 1 for v in values))
    return sorted({bisect.bisect_right(ends, m.start()) for m in pattern.finditer("\n".join(values).lower())})


def is_user(el, length: int) -> bool:
    """A profile link, an itemprop=author, or a short element whose class says user/author/poster."""
    href = el.get("href") if el.tag == "a" else None
    if href and _NOT_PROFILE.search(href):
        return False
    if href and _PROFILE.search(href):
        return True
    if (el.get("itemprop") or "").lower() in _S["user_itemprops"]:
        return True
    return 0 < length <= _NAME_MAX and bool(_USER_CLASS.search(_classes(el)))


def _wrapper(el) -> bool:
    """Nothing but one indexed child: its text is the child's, which was read already. (Not remembered per element:
    a cache of elements keeps their documents alive, a 20 MB page's tree after its record was made.)"""
    return len(el) == 1 and not el.text and not el[0].tail and isinstance(el[0].tag, str) and el[0].tag not in _SKIP_TAGS


def _short_date(text: str) -> bool:
    """Text of a date's length (runs of layout whitespace counted as one space) that reads as a date."""
    return (len(text) <= _SHORT or len(" ".join(text.split())) <= _SHORT) and _reads_as_date(text)


@functools.lru_cache(maxsize=4096)
def _reads_as_date(text: str) -> bool:
    """Short visible text that reads as a date (cheap tests only; the same labels recur on every page)."""
    if not _DIGIT.search(text):
        return _is_age(text)
    return _looks_dated(text) or _is_age(text)


def _is_age(text: str) -> bool:
    """'3 weeks ago', 'Yesterday': the cheap word look first, the full phrase reading only when it hits."""
    return bool(_RELATIVE.search(text)) and age(text) is not None  # not '5m' alone: counters and read times print so


def _compact_age_named(el) -> bool:
    """A compact age ('2y', '5d') in a <time> or an element whose class (or its parent's) names a date: alone, '5m' is
    as often a counter or a read time as an age."""
    if not _COMPACT_AGE.match(el.text_content()):
        return False
    parent = el.getparent()
    return el.tag == "time" or bool(_DATE_CLASS.search(_classes(el)) or (parent is not None and _DATE_CLASS.search(_classes(parent))))


def _age_words(text: str):
    """An age's own words ('ago', 'yesterday') or its compact form ('3d'): the cheap look before age() reads it."""
    return _RELATIVE.search(text) or _COMPACT_AGE.match(text)


@functools.lru_cache(maxsize=4096)
def _looks_dated(text: str) -> bool:
    """A numeric date, a clock time, or a day beside a month name."""
    return bool(_DATE_SHAPE.search(text)) or written_order_evidence(text) is not None


@dataclass
class PostGroup:
    """Posts found on a page: each a list of sibling elements (one, or a header row and its body rows)."""

    posts: list[list] = field(default_factory=list)
    nested: set = field(default_factory=set)  # elements that are posts inside other posts
    share: float = 0.0  # the posts' part of the page's text
    typical: int = 0  # characters of the median post
    writers: int = 0  # distinct names on the posts' first user references
    beside: int = 0  # non-link characters of the largest block outside every post (an article's body?)
    steady: float = 0.0  # share of posts printing their writer (or date) at the same place: layout regions do not
    dated: int = 0  # date marks in the median post: a block of several dated items is a teaser list, not a post
    score: float = 0.0
    index: _Index | None = None


def find_posts(root, attrs: PageAttributes, refs: list, accept=None) -> PostGroup | None:
    """The best-scoring group of repeated post blocks (`attrs`: page_attributes, `refs`: user_refs), or None
    when nothing repeats like posts. With `accept` (a test of a measured group), a close runner-up passing it
    replaces a best group failing it: page boxes that each hold several posts score high and are no thread."""
    index = _Index(root, refs, _stamped(root, attrs))
    total = index.text.get(root, 0) or 1
    groups = []
    for parent in index.parents:
        kids = [c for c in parent if c in index.text]
        named = [c for c in kids if index.users[c]]
        signed = named if len(named) >= 2 else [c for c in kids if index.dates[c]]
        if len(signed) < 2:
            continue
        group = _candidate(index, kids, signed, total)
        if group:
            groups.append(group)
    if not groups:
        return None
    ranked = sorted(groups, key=lambda g: -g.score)  # a stable sort: page order among equal scores
    first, seen = None, set()
    for group in ranked[:_TRIES]:
        if group.score * _RUNNER_UP < ranked[0].score:
            break
        best = _innermost(group, groups)
        if id(best) in seen:
            continue
        seen.add(id(best))
        best.index = index
        _add_nested_and_cousins(best, index)
        _measure(best, index, total)
        if accept is None or accept(best):
            return best
        first = first or best
    return first


def _candidate(index: _Index, kids: list, signed: list, total: int) -> PostGroup | None:
    """The children of one parent that repeat like posts (`signed`: those naming a user, else those dated)."""
    mode = Counter(_kind(c) for c in signed).most_common(1)[0][0]
    members = [c for c in kids if _same_kind(_kind(c), mode) and (index.users[c] or index.dates[c])]
    if len(members) < 2:
        return None
    posts = [[m] for m in members]
    followers = _followers(kids, members)
    if sum(index.text[f] for fs in followers for f in fs) > sum(index.text[m] for m in members):
        posts = [[m, *fs] for m, fs in zip(members, followers)]  # a header row, then the rows of its body
    named_share = sum(1 for p in posts if any(index.users[e] for e in p)) / len(posts)
    dated_share = sum(1 for p in posts if any(index.dates[e] for e in p)) / len(posts)
    text = sum(index.text[e] - index.links[e] for p in posts for e in p)
    if text < 20 * len(posts) or _data_rows(index, members):
        return None  # name-and-date lists (who is online, latest posts) and a table's rows hold no text
    share = text / total
    n = len(posts)
    # unnamed posts (guests, engines printing names as plain bold text) count, at half the weight
    return PostGroup(posts, share=share, score=(1 + named_share) / 2 * dated_share * share * n / (n + 1))


def _data_rows(index: _Index, members: list) -> bool:
    """Members that are the rows of a data table (_ROW_CELLS): a price list, a log with a date column."""
    if members[0].tag != "tr":
        return False
    longest = sorted(max((index.text.get(c, 0) for c in cells), default=0)
                     for cells in ([c for c in row if c.tag in ("td", "th")] for row in members) if len(cells) >= _ROW_CELLS)
    return len(longest) * 2 > len(members) and longest[len(longest) // 2] <= _SHORT


def _innermost(best: PostGroup, groups: list[PostGroup]) -> PostGroup:
    """A group whose 'posts' are page boxes (the question, the box of answers) gives way to a group of
    more posts inside them holding most of their text: a post holds one writer's message, not a thread."""
    while True:
        inside = {e for p in best.posts for top in p for e in top.iterdescendants()}
        inner = [g for g in groups if len(g.posts) > len(best.posts) and g.score * 2 >= best.score
                 and g.share * 2 >= best.share and all(p[0] in inside for p in g.posts)]
        if not inner:
            return best
        best = max(inner, key=lambda g: g.score)


def _followers(kids: list, members: list) -> list[list]:
    """Siblings after each member up to the next one (the last member takes as many as the others)."""
    chosen = set(members)
    starts = [i for i, k in enumerate(kids) if k in chosen]
    out = [kids[s + 1:e] for s, e in zip(starts, starts[1:])]
    most = max((len(f) for f in out), default=0)
    out.append(kids[starts[-1] + 1:starts[-1] + 1 + most])
    return out


def _add_nested_and_cousins(group: PostGroup, index: _Index) -> None:
    """Replies nested inside posts, posts of the same kind elsewhere, and an opening post in a box of
    its own whose writer is named the way the replies' writers are (same kind of user element)."""
    if any(len(p) > 1 for p in group.posts):
        return
    mode = Counter(_kind(p[0]) for p in group.posts).most_common(1)[0][0]
    tops = {p[0] for p in group.posts}
    typical = sorted(index.text[p[0]] for p in group.posts)[len(group.posts) // 2]
    above = {a for t in tops for a in t.iterancestors()}  # the boxes holding the posts are not posts
    found = set()
    for el in index.order():
        if el in tops or el in above or not index.users[el] or not index.dates[el] or not _same_kind(_kind(el), mode):
            continue
        holder = next((a for a in el.iterancestors() if a in tops), None)
        if holder is None:
            if index.text[el] >= typical / 4:
                found.add(el)
        elif index.users[holder] > index.users[el] or index.dates[holder] > index.dates[el]:
            found.add(el)  # a reply: its post prints a writer or date of its own (else el is that post's header)
    found.update(_opening_posts(group, index, tops | found))
    every = tops | found
    group.nested = {el for el in every if any(a in every for a in el.iterancestors())}
    group.posts = [[el] for el in index.order() if el in every]


def _measure(group: PostGroup, index: _Index, total: int) -> None:
    """The posts' share of the page, a typical post's size, and the largest text beside the posts."""
    sizes = [sum(index.text[e] for e in p) for p in group.posts if p[0] not in group.nested]
    group.share = sum(sizes) / total
    group.typical = sorted(sizes)[len(sizes) // 2]
    own = [[e for top in p for e in _walk(top, lambda e: e in group.nested)] for p in group.posts]
    firsts = [next((e for e in els if e in index.names), None) for els in own]
    group.writers = len({(_name(e) or "").lower() for e in firsts if e is not None} - {""})
    group.dated = sorted(sum(e in index.marks for e in els) for els in own)[len(own) // 2]
    group.steady = max(_steady(group.posts, firsts), _steady(group.posts, (next((e for e in els if e in index.marks), None) for els in own)))
    every = {e for p in group.posts for e in p}
    holders = {a for e in every for a in e.iterancestors()}
    outside = (c for h in holders for c in h if c in index.text and c not in holders and c not in every)
    group.beside = max((index.text[c] - index.links[c] for c in outside), default=0)


def _steady(posts: list, marks) -> float:
    """Share of posts whose mark sits at the modal place (tag path from the post down to it)."""
    places = Counter(_place(p[0], m) for p, m in zip(posts, marks) if m is not None)
    return places.most_common(1)[0][1] / len(posts) if places else 0.0


def _place(top, el) -> tuple:
    path = []
    while el is not None and el is not top:
        path.append(el.tag)
        el = el.getparent()
    return tuple(path)


def _opening_posts(group: PostGroup, index: _Index, posts: set) -> set:
    """Boxes outside the group holding a user element of the replies' kind, a date and enough text:
    the highest ancestor of that user element that holds no other post."""
    counts = Counter(k for p in group.posts for k in {_kind(e) for e in p[0].iter() if e in index.names})
    kinds = [k for k, n in counts.items() if n * 2 >= len(group.posts)]
    inside = {e for p in posts for e in p.iter()}
    holders = {a for p in posts for a in p.iterancestors()}
    found = set()
    for el in index.names:
        if el in inside or not any(_same_kind(_kind(el), k) for k in kinds):
            continue
        box = None
        for anc in el.iterancestors():
            if anc in holders or anc.tag in ("body", "html"):
                break
            box = anc
        if box is not None and index.dates[box] and index.text[box] - index.links[box] >= _MIN_OPENING:
            found.add(box)
    return found


# ---------------------------------------------------------------- one post's fields

def read_posts(group: PostGroup, draft: Draft) -> list[tuple[Post, list[str]]]:
    """Post fields from each block: (Post, raw date strings left for the caller to parse)."""
    heads = [_head(els, group) for els in group.posts]
    _printed_at_the_date_place(heads, group.index)
    joins = _join_places(heads)
    chronological = _chronological_place(heads)
    if chronological is not None:
        joins |= {_place(h.top, el) for h in heads for el, _r, _i in h.dates} - {chronological}
    posts = []
    for i, els in enumerate(group.posts):
        posts.append(_read(els, heads[i], joins, group, draft))
        heads[i] = None  # its elements and dates go once its post is read: held for 43,000 comments they cost ~20 MB
    return posts


@dataclass(slots=True)
class _Head:
    """A post's writer and the dates it prints (element, as printed, ISO from markup), in page order."""

    top: object
    elements: list
    post: Post
    author: object
    dates: list


def _head(els: list, group: PostGroup) -> _Head:
    index = group.index
    other = _other_posts(group, els)
    elements = [el for top in els for el in _walk(top, lambda e: other(e) or _is_quote(e))]
    post = Post(text="")
    author, post.author = next(((el, name) for el in elements if el in index.names and (name := _name(el))), (None, None))
    if author is None:  # names printed as plain bold text (guests, engines without profile links)
        author, post.author = next(((el, name) for el in elements if el.tag in _S["plain_name_tags"] and el not in index.marks
                                    and (name := _name(el))), (None, None))
    dates = []
    for el in elements:
        if el not in index.marks:
            continue
        el, raw, iso, joined = _date_of(el, post.author, index)
        post.author_joined = post.author_joined or joined
        if not iso and not date_like(raw):
            continue  # 'RTX 2080', 'Windows 2000': a number, not a date
        if _joined_context(el):
            post.author_joined = post.author_joined or iso or raw
            continue
        dates.append((el, raw, iso))
        if len(dates) >= _DATES_READ:
            break
    return _Head(els[0], elements, post, author, dates)


def _printed_at_the_date_place(heads: list[_Head], index: _Index) -> None:
    """A post without a date read, holding a short leaf with a digit where most posts print theirs ('3 mo', '2 yr'
    where the others print 'March 6, 2016'): that is its date as printed, in a form no reader knows. Posts are never
    dropped for their date's form (a dated thread takes an undated block for an ad)."""
    places = Counter(_place(h.top, h.dates[0][0]) for h in heads if h.dates)
    if not places or places.most_common(1)[0][1] * 2 < len(heads):
        return
    place = places.most_common(1)[0][0]
    for h in heads:
        if h.dates:
            continue
        el = next((e for e in h.elements if e is not h.author and len(e) == 0 and _place(h.top, e) == place), None)
        text = clean_text(el.text or "") if el is not None else ""
        if 0 < len(text) <= _DATE_PRINTED and _DIGIT.search(text) and not index.users.get(el):
            h.dates.append((el, text, None))


def _join_places(heads: list[_Head]) -> set:
    """Where posts print their writer's join date under a label no word list knows: a date that stays the
    same in every post of one writer while another date of those posts changes."""
    by_writer: dict[str, list[_Head]] = {}
    for h in heads:
        if h.post.author and len(h.dates) >= 2:
            by_writer.setdefault(h.post.author, []).append(h)
    places = set()
    for hs in by_writer.values():
        if len(hs) < 2:
            continue
        common = set.intersection(*({raw or iso for _, raw, iso in h.dates} for h in hs))
        for h in hs:
            if any((raw or iso) not in common for _, raw, iso in h.dates):
                places.update(_place(h.top, el) for el, raw, iso in h.dates if (raw or iso) in common)
    return places


def _chronological_place(heads: list[_Head]) -> tuple | None:
    """Where posts print several dates, the place whose dates run in page order (posts follow each other
    in time; join dates of different writers do not), when it is clearly more in order than the first date."""
    places: dict[tuple, dict[int, str]] = {}
    for i, h in enumerate(heads):
        for el, raw, iso in h.dates:
            places.setdefault(_place(h.top, el), {}).setdefault(i, iso or raw)
    if len(places) < 2 or len(heads) < _ORDERED_MIN:
        return None
    day_first = infer_day_first([raw for h in heads for _e, raw, _i in h.dates if raw])

    def in_order(place: tuple) -> float:
        values = [v for _, v in sorted(places[place].items())]
        values = [d[:16] for d in (v if _ISO_START.match(v) else parse_date(v, day_first=day_first) for v in values) if d]
        if len(values) < max(_ORDERED_MIN, _ORDERED_SHARE * len(heads)):
            return -1.0
        steps = list(zip(values, values[1:]))
        return max(sum(a <= b for a, b in steps), sum(a >= b for a, b in steps)) / len(steps)  # oldest or newest first

    firsts = Counter(_place(h.top, h.dates[0][0]) for h in heads if h.dates).most_common(1)
    best = max(places, key=in_order)
    return best if firsts and in_order(best) > in_order(firsts[0][0]) + _ORDER_MARGIN else None


def _read(els: list, head: _Head, joins: set, group: PostGroup, draft: Draft) -> tuple[Post, list[str]]:
    index, post, author, elements = group.index, head.post, head.author, head.elements
    other = _other_posts(group, els)
    posted = [d for d in head.dates if _place(head.top, d[0]) not in joins] or head.dates[:1]
    date_el, raws = None, []
    if posted:
        date_el, post.posted_raw, post.posted = posted[0]
        raws = [post.posted_raw] if post.posted_raw else []
    inside = _nested_inside(group, els)
    body = els if inside is None else _body(els, elements, {author, date_el}, inside, index)
    skip = lambda e: other(e) or e is author or e is date_el  # noqa: E731
    post.quotes = [_quote(q) for q in _outermost(e for b in body for e in _walk(b, skip) if _is_quote(e))]
    post.quotes = [q for q in post.quotes if q.text]
    for b in body:
        for sig in _walk(b, skip):
            if _SIGNATURE.search(_classes(sig)):
                draft.strip(clean_text(sig.text_content()), "signature")
    text = "\n\n".join(text_of(b, lambda e: skip(e) or _is_quote(e) or _is_chrome(e)) for b in body)
    post.text = "\n\n".join(p for p in text.split("\n\n") if p and not _chrome_line(p, draft.title))
    return post, raws


def _other_posts(group: PostGroup, els: list):
    """A test for the posts nested in the page other than this one (a set of them per post was quadratic)."""
    own = set(els)
    return lambda e: e in group.nested and e not in own


def _nested_inside(group: PostGroup, els: list) -> list | None:
    """The other nested posts inside this post: the only ones whose elements or ancestors can be this post's
    (the page's every nested post was read for every post: quadratic); None when a nested post holds this one,
    all of whose elements are then another post's."""
    own = set(els)
    if any(a in group.nested and a not in own for top in els for a in top.iterancestors()):
        return None
    return [d for top in els for d in top.iterdescendants() if d in group.nested and d not in own]


def _chrome_line(line: str, title: str | None) -> bool:
    """A post's subject line repeating the thread title ('Re: <title>'), or a bare reaction count."""
    if _REACTIONS.match(line):
        return True
    subject = _REPLY_PREFIX.sub("", line).strip().lower()
    return bool(title) and len(subject) > 3 and len(line) <= 2 * len(title) and (subject in title.lower() or title.lower() in subject)


def _walk(top, prune):
    """Elements under top in page order, not entering (nor yielding) those `prune` rejects."""
    stack = [top]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or (el is not top and prune(el)):
            continue
        yield el
        stack.extend(reversed(el))


def _outermost(els) -> list:
    els = list(els)
    ids = set(els)
    return [e for e in els if not any(a in ids for a in e.iterancestors())]


@functools.lru_cache(maxsize=1 << 14)
def _roles(cls: str | None, ident: str | None) -> tuple[bool, bool, bool]:
    """(quote, message body, chrome or signature) that a class and id name; posts repeat their class strings, so
    each is matched once (every element of a post is asked several times)."""
    names = f"{cls or ''} {ident or ''}".lower()
    return bool(_QUOTE_CLASS.search(names)), bool(_BODY_CLASS.search(names)), bool(_CHROME.search(names) or _SIGNATURE.search(names))


def _is_quote(el) -> bool:
    """A quote container; a <blockquote> named as the message text (XenForo 1) is the body, not a quote."""
    quote, body, _ = _roles(el.get("class"), el.get("id"))
    return quote or (el.tag in _S["quote_tags"] and not body)


def _is_chrome(el) -> bool:
    return _roles(el.get("class"), el.get("id"))[2]


def _name(el) -> str | None:
    """The user name an element shows: its first text past a 'by:' label, or an avatar's alt text."""
    text = next((t for t in (_unlabelled(s) for s in el.itertext() if s.strip()) if t), "")
    if not text:
        img = next(el.iter("img"), None)
        text = _unlabelled(img.get("alt") or "") if img is not None else ""
    if not text or len(text) > _NAME_MAX or _DATE_SHAPE.search(text) or _REACTIONS.match(text):
        return None
    return text


def _unlabelled(text: str) -> str:
    return _BY.sub("", _SAID.sub("", clean_text(text)).lstrip(" |»•·")).strip(" :,")


def _date_of(el, author: str | None, index: _Index) -> tuple:
    """(element, raw as printed, ISO when the markup states it, a join date seen in it); a part ('20:53' of 'erstellt: 21. Apr
    2020, <span>20:53</span>') grows to its short parent when only that makes a full date."""
    el, raw, iso, joined = _date_at(el, author)
    parent = el.getparent()
    while not iso and not _full_date(raw) and parent is not None and index.text.get(parent, _SHORT + 1) <= _SHORT \
            and not index.users.get(parent):
        grown = _date_at(parent, author)
        if not grown[1]:
            break
        el, raw, iso, joined = grown
        parent = el.getparent()
    return el, raw, iso, joined


def date_like(raw: str | None) -> bool:
    """A full date, a clock time, a day beside a month name, a numeric date or a relative phrase."""
    return bool(raw) and bool(_CLOCK_OR_NUMERIC.search(raw) or written_order_evidence(raw) is not None
                              or _age_words(raw) or _full_date(raw))


def _full_date(raw: str | None) -> bool:
    return bool(raw) and bool(parse_date(raw, day_first=True) or parse_date(raw, day_first=False) or _age_words(raw))


def attribute_date(el) -> str | None:
    """ISO date an element states in markup: <time datetime>, a title holding a full date, or an epoch in
    data-time/data-timestamp (seconds or milliseconds). Works on lxml and BeautifulSoup elements alike."""
    for attr in _S["date_attributes"]:
        value = (el.get(attr) or "").strip()
        if value and _DIGIT.search(value):
            iso = _epoch(value) if _EPOCH.match(value) else parse_date(value)
            if iso:
                return iso
    return None


def _date_at(el, author: str | None) -> tuple:
    iso = attribute_date(el)
    raw = joined = None
    text = text_of(el, lambda e: False)
    if len(text) <= _SHORT:  # one line per <br>: 'Registered: 03.02.2009<br>Posts: 812' holds a join date
        for line in text.split("\n"):
            found = _date_text(line, author)
            if found and (_looks_dated(found) or _age_words(found)):
                if _JOINED.search(line):
                    joined = joined or found
                else:
                    raw = raw or found
    return el, raw, iso, joined


def _epoch(value: str) -> str:
    seconds = int(value) // 1000 if len(value) == 13 else int(value)  # JavaScript stamps count milliseconds
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _date_text(text: str, author: str | None) -> str | None:
    """The date part of a header line: 'by X » Sun Mar 06, 2016 5:45 am' -> 'Sun Mar 06, 2016 5:45 am'."""
    if author:
        text = text.replace(author, " ")
    parts = [p for p in _SEPARATORS.split(text) if _DIGIT.search(p) or _RELATIVE.search(p)]
    if not parts:
        return None
    last = parts[-1].strip()
    last = _EDIT_NOTE.sub("", last) if _DIGIT.search(_EDIT_NOTE.sub("", last)) else last
    raw = _DATE_PREFIX.sub("", _BY.sub("", last).strip())  # "By <name> On <date>" with the name taken out
    raw = _DATE_LABEL.sub("", raw) if _DATE_LABEL.match(raw) else raw
    return raw.strip(" ,:") or None


def _joined_context(el) -> bool:
    """A date whose label (in it, just before it, or in its row) says the member joined then."""
    here = el
    for _ in range(3):
        before = _text_before(here, _LABEL_REACH)
        if _JOINED.search(before[-_LABEL_REACH:]):
            return True
        parent = here.getparent()
        if parent is None or _text_longer_than(parent, _SHORT * 2):
            return False
        here = parent
    return False


def _text_longer_than(el, limit: int) -> bool:
    """len(clean_text(el.text_content())) > limit, reading only as much of the text as that takes (an article
    of thousands of dated paragraphs was read whole once per date)."""
    pieces, size, check_at = [], 0, limit
    for piece in el.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > check_at:  # a prefix's cleaned text is never longer than the whole's
            if len(clean_text("".join(pieces))) > limit:
                return True
            check_at = size * 2
    return len(clean_text("".join(pieces))) > limit


_LABEL_REACH = 40  # characters before a date that its 'joined' label sits within


def _text_before(el, reach: int) -> str:
    """The element's own text and what precedes it inside its parent, at least its last `reach` characters:
    read backwards from the element, so a parent of thousands of dated blocks costs each one a few siblings,
    not all of them (that was quadratic: 3,000 dated paragraphs took 44 s)."""
    parts = [el.text or ""]
    sib = el.getprevious()
    while sib is not None and len(" ".join(parts)) < reach:
        parts.append(sib.tail or "")
        if isinstance(sib.tag, str):
            parts.append(sib.text_content())
        sib = sib.getprevious()
    if sib is None:
        parent = el.getparent()
        parts.append(parent.text or "" if parent is not None else "")
    return " ".join(reversed(parts))


def _body(els: list, elements: list, header: set, nested: list, index: _Index) -> list:
    """The post's text: the largest block holding neither the name, the date nor a reply, with its
    sibling blocks; or their parent when the text sits loose in it beside the header."""
    holds = set()
    for el in [*header, *nested]:
        if el is not None:
            holds.update(el.iter())
            holds.update(el.iterancestors())
    chrome = {d for el in elements if _is_chrome(el) for d in el.iter()}  # a dialog's heading is no message either
    ordered = [el for el in elements if el not in holds and el not in chrome and not _is_quote(el)
               and not (index.dates[el] and index.text[el] <= _SHORT)]  # 'Last reply 4 hours ago' is a header line
    if not ordered:
        return els
    candidates = set(ordered)
    best = max(ordered, key=lambda e: index.text[e] - index.links[e])  # page order breaks ties: same output every run
    if index.text[best] - index.links[best] < _MIN_PROSE:  # a message that is only a link: the block named as the message
        best = max((e for e in ordered if _BODY_CLASS.search(_classes(e))), key=lambda e: index.text[e], default=best)
    parent = best.getparent()
    inside = set(elements)
    if parent is None or parent not in inside:
        body = [e for e in els if e in candidates] or [best]
    else:
        body = [s for s in parent if s in candidates]
    # text loose in an element beside the header ('<b>name</b> Says:<br><time>..</time><br>The message...')
    holders = [parent] + [a for h in header if h is not None for a in h.iterancestors() if a in inside]
    loose = {h: index.text[h] - sum(index.text.get(c, 0) for c in h) for h in holders if h in inside}
    if loose:
        most = max(loose, key=loose.get)
        if loose[most] > sum(index.text[b] - index.links[b] for b in body):
            return [most]
    return body


def _quote(q) -> Quote:
    """Quoted text and, when the quote names it ('X said:', <cite>), who is quoted."""
    head = next((e for e in q.iter() if e is not q and isinstance(e.tag, str) and (e.tag == "cite" or _QUOTE_HEAD.search(_classes(e)))), None)
    author = None
    if head is not None:
        author = _QUOTE_BY.sub("", _SAID.sub("", clean_text(head.text_content()))).strip(" :") or None
    text = text_of(q, lambda e: e is head)
    if author is None and text:
        first, _, rest = text.partition("\n")
        m = _QUOTE_SAID.match(first)
        if m:
            author, text = m.group(1).strip(" :") or None, rest.strip()
        else:
            m = _QUOTE_BY.match(first)
            if m and len(first) <= _NAME_MAX:
                author, text = first[m.end():].strip(" :") or None, rest.strip()
    return Quote(text=text, author=author)


def text_of(top, prune) -> str:
    """Plain text with a blank line between blocks and a newline for <br> (iterative walk)."""
    parts: list[str] = []
    stack: list = [(top, False)]
    while stack:
        el, closing = stack.pop()
        if closing:
            if el.tag in _BLOCKS:
                parts.append("\n\n")
            if el is not top and el.tail:
                parts.append(el.tail)
            continue
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or (el is not top and prune(el)):
            if el.tail:
                parts.append(el.tail)
            continue
        if el.tag == "br":
            parts.append("\n")
        elif el.tag in _BLOCKS:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((c, False) for c in reversed(el))
    paragraphs = (clean_text(p) for p in re.split(r"\n\s*\n", "".join(parts)))
    return "\n\n".join(p for p in paragraphs if p)
