"""Forum threads flattened to plain text: member blocks, posts, quotes and chrome, told apart line by line.

A copied thread page repeats one shape per post: a *member block* (name, member title, join
date, counts, Country/Location) and then the post's text. Each line gets a kind (see `_kind`);
runs of member-ish lines that carry at least two kinds of evidence are member blocks, and the
text between two blocks is a post. Which words mean what lives in normalizers/data/forum_*.json.

>>> lines = ["Thread", "", "Ann", "Member", "Joined: Mar 3, 2020", "Posts: 12", "Hi all.", "",
...          "Bob", "Member", "Joined: May 1, 2019", "Posts: 1,234", "Ann said:", "Hi all.",
...          "Click to expand...", "Hello."]
>>> d = extract_forum(lines)
>>> [(p.author, p.author_messages, p.text, len(p.quotes)) for p in d.posts]
[('Ann', 12, 'Hi all.', 0), ('Bob', 1234, 'Hello.', 1)]
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from normalizers import boilerplate, vocab
from normalizers.calendars import DIGITS
from normalizers.dates import infer_day_first, parse_date
from normalizers.pagination import OF, PAGE
from normalizers.relative_dates import date_posts, phrase_pattern
from normalizers.unicode import ends_sentence
from output.draft import Draft, Post, Quote

NAME_MAX_WORDS = 4  # "Peter Reinhard", "GreenHost.Cloud": user names are short; longer lines are text
NAME_MAX_CHARS = 40
DATE_MAX_CHARS = 40  # a date line is short; longer lines with dates in them are text
NEXT_SIGNAL_WITHIN = 3  # unknown short lines inside a block (e.g. "Reason", its value) before the next signal
MIN_QUOTE_CHARS = 40  # an unattributed repeat of an earlier post shorter than this is a coincidence
NAV_RUN = 5  # this many short lines in a row after the last post are the page's navigation, not text
MIN_SIGNATURE_CHARS = 15  # a line this long repeated in two posts is a signature; shorter ones ("Thanks!") may be text
# A short line in this share of the posts, and in at least TEMPLATE_MIN_POSTS of them, is the post
# template's ("Save", "Reactions:"); a greeting or "Thanks!" recurs in a few posts, not in most.
TEMPLATE_SHARE = 0.5
TEMPLATE_MIN_POSTS = 3
DATED_SHARE = 0.5  # a board dates its posts when at least this share of them carry a date
RELATED_MIN_ROWS = 2  # one undated last post is more likely a reply whose date was missed than a list
TITLE_WITHIN = 3  # the title is among the first lines of the prose above the first block (site name, title, tag)
MIN_KEYWORDS = 4  # "Taliban, officials, ISIS, mosque": a caption's keyword list has at least this many items
MIN_HEADERS = 3  # light post headers (a name and a date) must recur this often to make a thread
MIN_DATES_IN_BLOCKS = 0.25  # dated member blocks hold at least this share of the date lines below the first one
SIGNALS = {"date", "count", "postnum", "title", "label"}  # kinds that are evidence of a member block
MEMBER_SIGNALS = {"title", "label", "count"}  # kinds that describe the member (the name comes before them)
COUNT_FIELDS = ("author_messages", "author_reaction_score", "author_points")  # XenForo's order of bare counts
_SEPARATORS = " |•·-–—"  # "Feb 26, 2006 04:46pm |": separators around a meta line
_POSTNUM_TAIL = re.compile(r"#\s?\d+$")  # "03-14-2012, 09:15 PM #1": the post's own date
_YEARISH = re.compile(r"(?:19|20)\d\d|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
# Bounded digit runs: a count has at most 15 digits, and int() refuses (and costs) thousands of them.
_COUNT = re.compile(r"(\d{1,3}(?:[,.\u066c\u00a0\u202f ]\d{3}){1,4}|\d{1,15})|(\d{1,12}(?:[.,\u066b]\d{1,6})?)\s*([kKmM])")
_MULTIPLIER = {"k": 1_000, "m": 1_000_000}
HEADER_MAX_CHARS = 120  # "[–]name 188 points189 points190 points 17 hours ago (11 children)"
HEADER_NAME_WORDS = 3  # "DessalinesMA to Announcements": a name in a header line, longer is a sentence
_HEADER_SEPARATORS = (" · ", " • ", " | ", " - ", " – ", " — ", ", ")  # between a name and an absolute date
_HAS_DIGIT = re.compile(r"\d")
_WORD_CHAR = re.compile(r"\w")


@cache
def _data(name: str) -> dict:
    return vocab.load(f"forum_{name}")


def _compile(patterns) -> re.Pattern:
    """One case-insensitive full-match regex from a list (or a {lang: list} dict) of patterns."""
    if isinstance(patterns, dict):
        patterns = [p for group in patterns.values() for p in group]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def _rx(name: str, group: str) -> re.Pattern:
    return _compile(_data(name)[group])


@cache
def _chrome_rx() -> re.Pattern:
    """Forum chrome lines, pagination among them ('Page 2 of 5 · Next', '3 / 10'), in every language."""
    pagination = [rf"(?:{PAGE})\s*\d+\s*(?:{OF})\s*\d+\b.{{0,40}}", rf"\d+\s*(?:{OF})\s*\d+"]
    return _compile([*pagination, *(p for group in _data("chrome")["chrome"].values() for p in group)])


@cache
def _noise_rx() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _data("member")["header_noise"]), re.IGNORECASE)


@cache
def _said_rx() -> list[re.Pattern]:
    """Quote openers naming their author (group 'author'): 'Ann said:', 'Originally Posted by Ann', other shapes."""
    quotes = _data("quotes")
    after = rf"(?P<author>.{{1,60}}?) (?:{'|'.join(quotes['said'])})"
    before = rf"(?:quote: )?(?:{'|'.join(quotes['by'])}):? (?P<author>.{{1,60}}?)(?: on .*)?:?"
    return [re.compile(p, re.IGNORECASE) for p in [after, before] + quotes["said_shapes"]]


def quote_opener(line: str) -> tuple[bool, str | None]:
    """(True, author) when a line opens a quote: 'Ann said:' gives 'Ann', a bare 'Quote:' gives None."""
    for rx in _said_rx():
        m = rx.fullmatch(line)
        if m:
            return True, m.group("author").strip()
    return _rx("quotes", "start").fullmatch(line) is not None, None


@cache
def _label_rx() -> dict[str, re.Pattern]:
    """Per field, 'Label', 'Label:', 'Label: value' or 'Label 2023' (a value without a colon must hold a digit)."""
    return {
        key: re.compile(rf"(?:{'|'.join(words)})\s*(?:[:：]\s*(?P<v>.+)|[:：]?|(?P<d>\D*\d.*))", re.IGNORECASE)
        for key, words in _data("member")["labels"].items()
    }


def parse_count(raw: str) -> int | None:
    """A member count as printed: thousands separators and Persian digits allowed, 'K'/'M' scaled.

    >>> [parse_count(s) for s in ("9,312", "۲٬۷۱۳", "1.2K", "12 k", "17", "1.5", "n/a")]
    [9312, 2713, 1200, 12000, 17, None, None]
    """
    if not _HAS_DIGIT.match(raw.lstrip()[:1]):  # a count starts with a digit of any script: a line of prose is not translated
        return None
    text = raw.translate(DIGITS).strip()
    m = _COUNT.fullmatch(text)
    if not m:
        return None
    if m.group(1):
        return int(re.sub(r"\D", "", m.group(1)))
    return round(float(m.group(2).replace(",", ".").replace("\u066b", ".")) * _MULTIPLIER[m.group(3).lower()])


def _is_date(line: str) -> bool:
    return len(line) <= DATE_MAX_CHARS and bool(_YEARISH.search(line.translate(DIGITS)))


@cache
def _relative_rx() -> re.Pattern:
    """A post's age at the end of a line: '2 years ago', '· 3y', 'vor 3 Tagen'."""
    return re.compile(f"(?:^|\\s|[{_SEPARATORS}])(?:{phrase_pattern()})\\s*$", re.IGNORECASE)


@cache
def _ages_end_in_words() -> bool:
    """Does every age phrase end in a word character? Each ends in one of these words (an 'ago' word,
    a unit and its ending, a compact unit, a day's name, 'just now'), so it does while the data says so."""
    data = vocab.load("forum_relative")
    last = [*data["ago"], *data["compact"], *data["now"], *(w for group in ("units", "days") for words in data[group].values() for w in words)]
    return all(_WORD_CHAR.fullmatch(w[-1]) for w in last)


def _may_end_in_age(text: str) -> bool:
    """A cheap necessary condition for `_relative_rx` to match: the text ends in a word character.
    The regex tries its ~3,000-character alternation after every space of a line; most prose lines
    end in punctuation ('…said.') and are ruled out here for the cost of one character."""
    return not _ages_end_in_words() or _WORD_CHAR.fullmatch(text.rstrip()[-1:]) is not None


def _age(line: str) -> bool:
    """A post's age alone on its line ('2 years ago', '· 3y'): a light header's date, too vague for a member block."""
    return _may_end_in_age(line) and _relative_rx().match(" " + line.translate(DIGITS)) is not None


def _dateline(line: str) -> bool:
    """A date or a post's age, alone on its line; either order of day and month will do to say so."""
    return _age(line) or (_is_date(line) and parse_date(line, day_first=True) is not None)


def header(line: str) -> tuple[str, str] | None:
    """(name, date) when one line opens a post with both: GameFAQs-, Reddit- and Lemmy-style headers.

    >>> header("Need2KnowLion 2 years ago#1"), header("[–]bob 188 points189 points 17 hours ago (11 children)")
    (('Need2KnowLion', '2 years ago'), ('bob', '17 hours ago'))
    >>> header("Ann · 03/03/2026 19:44"), header("Sent 2 hours ago."), header("Windows 10")
    (('Ann', '03/03/2026 19:44'), None, None)
    """
    if len(line) > HEADER_MAX_CHARS or not _HAS_DIGIT.search(line.translate(DIGITS)):
        return None
    text = _noise_rx().sub(" ", line).strip()
    m = _relative_rx().search(text.translate(DIGITS)) if _may_end_in_age(text) else None
    if m:
        name, when = text[: m.start()], text[m.start():]
    else:
        name, _, when = next((text.partition(sep) for sep in _HEADER_SEPARATORS if sep in text), ("", "", ""))
    name, when = name.strip(_SEPARATORS + ","), when.strip(_SEPARATORS)
    if not name[:1].isalpha() and name[:1] not in "[@_" or len(name.split()) > HEADER_NAME_WORDS or not _short(name) or not _dateline(when):
        return None
    return name, when


def _short(line: str) -> bool:
    """Could be a user name or a one-line label: few words, not a sentence."""
    return len(line) <= NAME_MAX_CHARS and len(line.split()) <= NAME_MAX_WORDS and not ends_sentence(line)


def _label(line: str) -> tuple[str, str | None] | None:
    """('joined', 'Mar 2010') for 'Join Date: Mar 2010'; ('joined', None) for a bare 'Join Date'."""
    for key, rx in _label_rx().items():
        m = rx.fullmatch(line)
        if m:
            return key, m.group("v") or m.group("d")
    return None


def _kind(line: str) -> str:
    """What one stripped line is, as far as the line alone tells."""
    line = line.strip(_SEPARATORS) or line
    if not line:
        return "blank"
    if quote_opener(line)[0]:
        return "said"
    if _label(line):
        return "label"
    if _chrome_rx().fullmatch(line):
        return "chrome"
    if _rx("member", "post_number").fullmatch(line):
        return "postnum"
    if parse_count(line) is not None:
        return "count"
    if _age(line):
        return "age"
    if _is_date(line) and parse_date(line, day_first=True) is not None:  # "03/03/2026" is a date whichever order
        return "date"
    if _short(line) and _rx("member", "titles").fullmatch(line):
        return "title"
    if header(line):
        return "header"
    if _short(line.rstrip(",")):
        return "short"
    return "text"


@dataclass
class Block:
    """A member block: lines [start, end) of the document."""

    start: int
    end: int
    kinds: set[str] = field(default_factory=set)


def _next_nonblank(kinds: list[str], i: int) -> int | None:
    for j in range(i, len(kinds)):
        if kinds[j] != "blank":
            return j
    return None


def _signal_soon(kinds: list[str], i: int) -> bool:
    """Is a block signal among the next few lines after i, with only short lines in between?"""
    j = i + 1
    for _ in range(NEXT_SIGNAL_WITHIN):
        j = _next_nonblank(kinds, j)
        if j is None or kinds[j] not in SIGNALS | {"short", "chrome"}:
            return False
        if kinds[j] in SIGNALS:
            return True
        j += 1
    return False


def _evidence(line: str, kind: str) -> str:
    """What a signal line proves; each label counts on its own ('Posts: 3' and 'Joined: 2019' are two)."""
    return f"label:{_label(line)[0]}" if kind == "label" else kind


def _grow(lines: list[str], kinds: list[str], start: int) -> Block:
    """Extend a block from its first signal over signals, chrome, label values and short lines."""
    block = Block(start, start + 1, {_evidence(lines[start], kinds[start])})
    i = start
    while True:
        j = _next_nonblank(kinds, i + 1)
        if j is None:
            break
        if kinds[i] == "label" and kinds[j] in ("short", "date", "count", "title"):
            block.end, i = j + 1, j  # the label's value
            continue
        if kinds[j] in SIGNALS or kinds[j] == "chrome" or (kinds[j] == "short" and _signal_soon(kinds, j)):
            if kinds[j] in SIGNALS:
                block.kinds.add(_evidence(lines[j], kinds[j]))
            block.end, i = j + 1, j
            continue
        break
    return block


def find_blocks(lines: list[str], kinds: list[str], title_at: int | None) -> list[Block]:
    """Member blocks: runs with two or more kinds of evidence, each with its name line in front."""
    blocks: list[Block] = []
    i = 0
    while i < len(kinds):
        if kinds[i] not in SIGNALS:
            i += 1
            continue
        block = _grow(lines, kinds, i)
        if len(block.kinds) >= 2:
            before = max((j for j in range(blocks[-1].end if blocks else 0, i) if kinds[j] != "blank"), default=None)
            if before is not None and kinds[before] == "short" and before != title_at:
                block.start = before
            blocks.append(block)
        i = block.end
    return [] if _dates_astray(kinds, blocks) else blocks


def _dates_astray(kinds: list[str], blocks: list[Block]) -> bool:
    """Most dates below the first dated block stand outside any block: a sidebar of teasers dates
    every headline, and a date beside a comment count there is not a post's member block."""
    if not any("date" in b.kinds for b in blocks):
        return False
    inside = {i for b in blocks for i in range(b.start, b.end)}
    dates = [i for i in range(blocks[0].start, len(kinds)) if kinds[i] in ("date", "age")]
    return sum(i in inside for i in dates) < MIN_DATES_IN_BLOCKS * len(dates)


def find_headers(lines: list[str], kinds: list[str]) -> list[Block]:
    """Light post headers, for boards without member blocks: a name-and-date line, or a user name
    (one word: bylines in teaser lists hold a writer's full name) right above a date line and text.
    Kept only when they recur, the page's prose sits below the first and
    their dates do not run newest first (a list of teasers does; a thread reads oldest first)."""
    blocks: list[Block] = []
    dates: list[str] = []
    for i, kind in enumerate(kinds):
        j = _next_nonblank(kinds, i + 1)
        if kind == "header":
            blocks.append(Block(i, i + 1, {"header"}))
            dates.append(header(lines[i])[1])
        elif kind == "short" and len(lines[i].strip(_SEPARATORS).split()) == 1 and j is not None and kinds[j] in ("date", "age") and _prose_next(kinds, j):
            blocks.append(Block(i, j + 1, {"name", "date"}))
            dates.append(lines[j])
    if len(blocks) < MIN_HEADERS:
        return []
    prose = [i for i, kind in enumerate(kinds) if kind == "text"]
    above = sum(1 for i in prose if i < blocks[0].start)
    return blocks if len(prose) - above > above and not _newest_first(dates) else []


def _prose_next(kinds: list[str], i: int) -> bool:
    """The line after i is a post's text, not more metadata (Q&A comments sign off with name, date, 'Commented')."""
    j = _next_nonblank(kinds, i + 1)
    return j is not None and kinds[j] == "text"


def _newest_first(raws: list[str]) -> bool:
    """More steps back in time than forward between consecutive dates."""
    day_first = infer_day_first(raws)
    dates = [d[:10] for d in (parse_date(r, day_first=day_first) for r in raws) if d]
    steps = list(zip(dates, dates[1:]))
    return sum(a > b for a, b in steps) > sum(a < b for a, b in steps)


@cache
def _signoff_rx() -> dict[str, re.Pattern]:
    return {kind: re.compile(rf"(?:{'|'.join(words)})\s+(?P<when>.+)", re.IGNORECASE) for kind, words in _data("qa").items() if kind[0] != "_"}


def signoff(line: str) -> tuple[str, str] | None:
    """('answered', date) for a Q&A post's sign-off line, 'answered Jul 18, 2024 at 13:22'.

    >>> signoff("asked Feb 11, 2011 at 23:49"), signoff("answered 2 hours ago"), signoff("asked why it broke")
    (('asked', 'Feb 11, 2011 at 23:49'), ('answered', '2 hours ago'), None)
    """
    if len(line) > HEADER_MAX_CHARS:
        return None
    for kind, rx in _signoff_rx().items():
        m = rx.fullmatch(line)
        if m and _dateline(m.group("when")):
            return kind, m.group("when")
    return None


@dataclass
class Answer:
    """One Q&A post: its text is lines [start, end), its sign-off (kind, date, author card) at `signed`."""

    start: int
    end: int
    signed: int


def find_qa(lines: list[str], kinds: list[str]) -> list[Answer]:
    """Q&A posts, each closed by a sign-off: a question and its answers make a thread.

    A post's text ends at the chrome run above its sign-off ('Share', 'Improve this answer', 'edited …')
    and starts after the last chrome or date line before it: the previous post's card and comments
    (each signed with a date), 'Add a comment', 'Sorted by:'; the vote count above its first sentence is no text."""
    signed = [i for i, line in enumerate(lines) if kinds[i] != "blank" and signoff(line)]
    if len(signed) < 2 or not any(signoff(lines[i])[0] == "answered" for i in signed):
        return []
    posts: list[Answer] = []
    lo = 0
    for s in signed:
        end = _post_end(kinds, lo, s)
        start = max((i for i in range(lo, end) if kinds[i] in ("chrome", "date", "age")), default=lo - 1) + 1
        text_at = next((i for i in range(start, end) if kinds[i] == "text"), end)
        start = max((i + 1 for i in range(start, text_at) if kinds[i] == "count"), default=start)
        if start < end:
            posts.append(Answer(start, end, s))
        lo = s + 1
    return posts if len(posts) >= 2 else []


def _post_end(kinds: list[str], lo: int, signed: int) -> int:
    """The top of the chrome run between a post's last text line and its sign-off."""
    end = signed
    for i in range(signed - 1, lo - 1, -1):
        if kinds[i] == "text":
            break
        if kinds[i] == "chrome":
            end = i
    return end


def _lead_at(kinds: list[str], end: int) -> int:
    """Start of the prose right above the first member block: the title and any post shown without one."""
    start, shorts = end, 0
    for i in range(end - 1, -1, -1):
        if kinds[i] == "blank":
            continue
        shorts = shorts + 1 if kinds[i] != "text" else 0
        if kinds[i] not in ("text", "short") or shorts >= NAV_RUN:
            break
        start = i
    return start


def _title_at(lines: list[str], kinds: list[str], end: int) -> int | None:
    """The thread title: the longest of the first lines above the first block, if it reads like a headline."""
    start = _lead_at(kinds, end)
    lead = [i for i in range(start, end) if kinds[i] != "blank"][:TITLE_WITHIN]
    header = lead or [i for i in range(start) if kinds[i] in ("text", "short")][-1:]
    best = max(header, key=lambda i: len(lines[i]), default=None)
    if best is not None and len(lines[best].split()) >= 2 and not lines[best].endswith("."):
        return best
    return None


def _set_date(post: Post, raw: str, day_first: bool | None, key: str) -> None:
    iso = parse_date(raw, day_first=day_first)
    if key == "joined":
        post.author_joined = post.author_joined or (iso or "")[:10] or _month_year(raw)  # a join date's time says nothing
    elif not post.posted:
        post.posted, post.posted_raw = iso, raw


def _month_year(raw: str) -> str | None:
    """'Mar 2010' (a join date without its day) as '2010-03'."""
    iso = parse_date(f"1 {raw}")
    return iso[:7] if iso else None


def read_member(lines: list[str], kinds: list[str], block: Block, day_first: bool | None, previous: Post | None, draft: Draft) -> Post:
    """The author fields a member block states; dates before the name close the previous post."""
    idx = [i for i in range(block.start, block.end) if kinds[i] != "blank"]
    member_at = next((i for i in idx if kinds[i] in MEMBER_SIGNALS), None)
    names = [i for i in idx if kinds[i] == "short" and (member_at is None or i < member_at)]
    name_at = names[-1] if names and member_at is not None else (names[0] if names else None)
    post = Post(text="", author=lines[name_at].strip(_SEPARATORS + ",") if name_at is not None else None)
    counts: list[int] = []
    skip: set[int] = set()
    for n, i in enumerate(idx):
        line, kind = lines[i], kinds[i]
        draft.strip(line, "forum_meta")
        if i in skip:
            continue
        if kind == "title" and not post.author_title:
            post.author_title = line
        elif kind == "header":
            name, when = header(line)
            post.author = post.author or name
            _set_date(post, when, day_first, "posted")
        elif kind == "count":
            counts.append(parse_count(line))
        elif kind == "label":
            key, value = _label(line)
            if value is None and n + 1 < len(idx):
                value = lines[idx[n + 1]]
                skip.add(idx[n + 1])
            _set_field(post, key, value, day_first)
        elif kind in ("date", "age"):
            near_number = any(kinds[j] == "postnum" for j in idx[max(0, n - 1): n + 2]) or _POSTNUM_TAIL.search(line)
            if near_number:
                _set_date(post, line, day_first, "posted")
            elif previous is not None and name_at is not None and i < name_at:
                _set_date(previous, line, day_first, "posted")
            elif "T" in (parse_date(line, day_first=day_first) or "") or member_at is None:
                _set_date(post, line, day_first, "posted")
            else:
                _set_date(post, line, day_first, "joined")
    if len(counts) >= 2:  # a single bare number is the post's position, not a member count
        for name, value in zip(COUNT_FIELDS, counts):
            setattr(post, name, getattr(post, name) if getattr(post, name) is not None else value)
    return post


def _set_field(post: Post, key: str, value: str | None, day_first: bool | None) -> None:
    if not value:
        return
    if key in ("joined", "posted"):
        _set_date(post, value, day_first, key)
    elif key in ("country", "location"):
        setattr(post, f"author_{key}", value.strip())
    else:
        setattr(post, f"author_{key}", parse_count(value))


@lru_cache(maxsize=4096)
def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _paragraphs(lines: list[str]) -> str:
    """Blank lines separate paragraphs; single line breaks inside one are kept."""
    paras, cur = [], []
    for line in lines + [""]:
        if line:
            cur.append(line)
        elif cur:
            paras.append("\n".join(cur))
            cur = []
    return "\n\n".join(paras)


_CREDIT_TAIL_CHARS = 120  # a photo credit closes a caption: only its end is searched, so long lines cost nothing


@cache
def _credit_tail_rx() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _data("captions")["credit_tail"]))


def _caption(line: str) -> bool:
    """A news photo's caption or keyword list pasted into a first post."""
    items = [s.strip() for s in line.split(",")]
    keywords = len(items) >= MIN_KEYWORDS and all(0 < len(s.split()) <= 3 for s in items) and not ends_sentence(line)
    credit = _credit_tail_rx().search(line[-_CREDIT_TAIL_CHARS:]) is not None
    return keywords or credit or _rx("captions", "credit_head").fullmatch(line) is not None


def read_body(lines: list[str], post: Post, posts: list[Post], draft: Draft, first: bool, day_first: bool | None) -> None:
    """Fill a post's text and quotes from its lines, recording every line left out."""
    kept: list[str] = []
    quote: list[str] | None = None
    for line in lines:
        if quote is not None:
            if _rx("quotes", "end").fullmatch(line) or (not line and quote):
                draft.strip(line, "forum_chrome")
                _add_quote(post, quote, posts)
                quote = None
            elif _chrome_rx().fullmatch(line):
                draft.strip(line, "forum_chrome")
            elif not quote and quote_opener(line)[1]:  # vBulletin: "Quote:", then "Originally Posted by X"
                post.quotes[-1].author = quote_opener(line)[1]
                draft.strip(line, "forum_meta")
            elif line:
                quote.append(line)
            continue
        opens, author = quote_opener(line)
        if opens:
            draft.strip(line, "forum_meta")
            post.quotes.append(Quote(text="", author=author))
            quote = []
        elif line and (kept and line == next((k for k in reversed(kept) if k), None)):
            draft.strip(line, "repeated_line")
        elif line and _chrome(line, post):
            draft.strip(line, "forum_chrome")
        elif line and _is_date(line) and parse_date(line, day_first=day_first):
            _set_date(post, line, day_first, "posted")
            draft.strip(line, "forum_meta")
        elif line and first and _caption(line):
            draft.captions.append(line)
            draft.strip(line, "caption")
        else:
            kept.append(line)
    if quote is not None:
        _add_quote(post, quote, posts)
    _unattributed_quote(kept, post, posts)
    post.text = _paragraphs(kept)


def _chrome(line: str, post: Post) -> bool:
    """Chrome, markup left in the copy, a letter avatar, a stray count, or the author's own name signing
    off the post (vBulletin/XenForo footers)."""
    return (
        _chrome_rx().fullmatch(line) is not None
        or boilerplate.matches(line, "markup")
        or _letter_avatar(line)
        or parse_count(line) is not None
        or (post.author is not None and line.rstrip(",").strip() == post.author)
    )


def _letter_avatar(line: str) -> bool:
    """A lone cased letter ("K"): the initial a forum draws for a member without a picture. Uncased
    scripts are left alone, where one character ("顶") can be a whole reply."""
    text = line.strip()
    return len(text) == 1 and text.lower() != text.upper()


def _add_quote(post: Post, quoted: list[str], posts: list[Post]) -> None:
    quote = next(q for q in reversed(post.quotes) if not q.text)
    quote.text = _paragraphs(quoted) if quoted else ""
    quote.of_post = _source_of(quote.text, posts)
    if not quote.text:
        post.quotes.remove(quote)


def _source_of(text: str, posts: list[Post]) -> int | None:
    """Index of the latest earlier post whose text contains the quoted text."""
    want = _squash(text)
    if not want:
        return None
    return next((i for i in range(len(posts) - 1, -1, -1) if want in _squash(posts[i].text)), None)


def _unattributed_quote(kept: list[str], post: Post, posts: list[Post]) -> None:
    """A post that opens by repeating an earlier post verbatim quotes it: move those lines to a Quote."""
    lines = [i for i, line in enumerate(kept) if line]
    best = 0
    for n in range(1, len(lines)):  # keep at least one line of the post's own
        quoted = _squash(" ".join(kept[i] for i in lines[:n]))
        if len(quoted) < MIN_QUOTE_CHARS:
            continue
        if _source_of(quoted, posts) is None:
            break  # a longer opening cannot be a quote either
        best = n
    if best:
        head = kept[: lines[best - 1] + 1]
        text = _paragraphs(head)
        post.quotes.append(Quote(text=text, author=None, of_post=_source_of(text, posts)))
        del kept[: lines[best - 1] + 1]


def _footer_at(lines: list[str]) -> int:
    """Where the page footer starts after the last post: a thread-end line or a run of navigation."""
    end = _rx("chrome", "thread_end")
    run: list[int] = []
    for i, line in enumerate(lines):
        if end.fullmatch(line):
            return i
        if not line:
            continue
        run = run + [i] if _kind(line) != "text" else []
        if len(run) >= NAV_RUN:
            return run[0]
    return len(lines)


def strip_signatures(draft: Draft) -> None:
    """Drop lines that recur in two or more posts (signatures), and short lines that recur in most posts
    (the post template's buttons and field labels: "Save", "Reactions:"): not anyone's words."""
    seen: dict[str, set[int]] = {}
    for n, post in enumerate(draft.posts):
        for line in post.text.split("\n"):
            if line.strip():
                seen.setdefault(line, set()).add(n)
    in_most = max(TEMPLATE_MIN_POSTS, TEMPLATE_SHARE * len(draft.posts))
    repeated = {line for line, posts in seen.items() if len(posts) >= (2 if len(line) >= MIN_SIGNATURE_CHARS else in_most)}
    for post in draft.posts:
        lines = post.text.split("\n")
        for line in lines:
            if line in repeated:
                draft.strip(line, "signature")
        post.text = re.sub(r"\n{3,}", "\n\n", "\n".join(l for l in lines if l not in repeated)).strip()


def read_qa(lines: list[str], kinds: list[str], answers: list[Answer]) -> Draft:
    """A Q&A page as a thread: the question and each answer are posts, signed by the line after their sign-off.
    Lines repeated across answers are code they share, not signatures: they stay."""
    draft = Draft(kind="forum_thread", extractor="text_forum")
    title_at = next((i for i in range(answers[0].start - 1, -1, -1) if kinds[i] == "text" and not _relative_rx().search(lines[i])), None)
    draft.title = lines[title_at] if title_at is not None else None
    day_first = infer_day_first([signoff(lines[a.signed])[1] for a in answers])
    done = 0
    for a in answers:
        for i in range(done, a.start):
            if i != title_at:
                draft.strip(lines[i], "forum_chrome" if kinds[i] == "chrome" else "forum_meta")
        name_at = _next_nonblank(kinds, a.signed + 1)
        post = Post(text="", author=lines[name_at] if name_at is not None and kinds[name_at] == "short" else None)
        _set_date(post, signoff(lines[a.signed])[1], day_first, "posted")
        read_body(lines[a.start:a.end], post, draft.posts, draft, not draft.posts, day_first)
        draft.posts.append(post)
        done = a.end
    for line in lines[done:]:
        draft.strip(line, "forum_footer")
    date_posts(draft.posts, draft.modified)
    return draft


def extract_forum(lines: list[str], *, uri: str = "") -> Draft | None:
    """A forum_thread draft when the lines hold two or more member blocks, else None."""
    lines = [line.strip() for line in lines]
    kinds = [_kind(line) for line in lines]
    answers = find_qa(lines, kinds)
    if answers:
        return read_qa(lines, kinds, answers)
    first_signal = next((i for i, k in enumerate(kinds) if k in SIGNALS), len(lines))
    title_at = _title_at(lines, kinds, first_signal)
    blocks = find_blocks(lines, kinds, title_at)
    if len(blocks) < 2:
        blocks = find_headers(lines, kinds)
    if len(blocks) < 2:
        return None
    draft = Draft(kind="forum_thread", extractor="text_forum")
    title_at = _title_at(lines, kinds, blocks[0].start)
    draft.title = lines[title_at] if title_at is not None else None
    lead = _lead_at(kinds, blocks[0].start) if title_at is None else title_at + 1
    for i in range(lead):
        if i != title_at:
            draft.strip(lines[i], "forum_chrome" if kinds[i] == "chrome" else "forum_header")
    day_first = infer_day_first([line for line, kind in zip(lines, kinds) if kind == "date"])
    light = not blocks[0].kinds & SIGNALS - {"date"}  # every post of a light board has its header: no lead post
    if not light and any(kinds[i] == "text" for i in range(lead, blocks[0].start)):  # a first post shown without a member block
        post = Post(text="")
        read_body(lines[lead:blocks[0].start], post, draft.posts, draft, True, day_first)
        draft.posts.append(post)
    else:
        for line in lines[lead:blocks[0].start]:
            draft.strip(line, "forum_header")
    for n, block in enumerate(blocks):
        post = read_member(lines, kinds, block, day_first, draft.posts[-1] if draft.posts else None, draft)
        end = blocks[n + 1].start if n + 1 < len(blocks) else len(lines)
        body = lines[block.end:end]
        if n + 1 == len(blocks):
            cut = _footer_at(body)
            for line in body[cut:]:
                draft.strip(line, "forum_footer")
            body = body[:cut]
        read_body(body, post, draft.posts, draft, not draft.posts, day_first)
        draft.posts.append(post)
    drop_undated_tail(draft)
    strip_signatures(draft)
    date_posts(draft.posts, draft.modified)
    return draft


def drop_undated_tail(draft: Draft) -> None:
    """On a board that dates its posts, the undated "posts" after the last dated one are the page's list
    of related threads (a title, a tag, a count per row), not replies."""
    dated = [n for n, post in enumerate(draft.posts) if post.posted or post.posted_raw]
    if not dated or len(dated) < DATED_SHARE * len(draft.posts) or len(draft.posts) - dated[-1] - 1 < RELATED_MIN_ROWS:
        return
    for post in draft.posts[dated[-1] + 1 :]:
        for line in (post.author, *post.text.split("\n")):
            if line:
                draft.strip(line, "forum_footer")
    del draft.posts[dated[-1] + 1 :]
