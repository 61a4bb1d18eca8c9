"""Unicode clean-up of decoded text, and re-joining paragraphs a page break split.

`normalize` runs small pure steps in a fixed order (line breaks first, so "\\r" is not taken
for a control character; NFC after everything that can bring a base letter and its mark
together; whitespace last, with direction marks judged once trailing spaces are gone) and
names each step that changed something. Bidi overrides (U+202A–U+202E, U+2066–U+2069) are
kept on purpose: they are evidence of spoofing or of how the page was built, and deleting
them would hide it.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable

# ---------------------------------------------------------------- character classes as data

LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")  # \f: a page break in PDF text
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0 but \t \n, DEL, C1
INVISIBLE = re.compile(r"[\u200b\u00ad\u2060\ufeff]")  # ZWSP, soft hyphen, word joiner, BOM
ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
ARABIC_PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]+")  # U+FEFF is the BOM
JOINERS = re.compile(r"[\u200c\u200d]")
DIRECTION_MARKS = re.compile(r"[\u200e\u200f]")
# Arabic yeh and kaf as the Persian letters: Persian typed on Arabic keyboards (windows-1256 era) uses either
ARABIC_TO_PERSIAN = {"ي": "ی", "ى": "ی", "ك": "ک"}
REPEATED_DIRECTION_MARK = re.compile(r"([\u200e\u200f])\1+")
STRONG_DIRECTION = {"\u200e": ("L",), "\u200f": ("R", "AL")}  # bidi classes each mark repeats

MARKDOWN_ESCAPE = re.compile(r"(?<!\\)\\([$_*#\[\]])")
_LINK_TARGET = r"(?:[^()\s]|\([^()\s]*\))*"  # one level of parentheses: wiki/Foo_(bar)
_LINK_TITLE = r'(?:\s+"[^"\n]*")?'
MARKDOWN_LINK_STUB = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\((?:#" + _LINK_TARGET + r")?" + _LINK_TITLE + r"\)")
MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\([^#()\s]" + _LINK_TARGET + _LINK_TITLE + r"\)")

SPACE_RUNS = re.compile(r"[ \t]{2,}")
TRAILING_SPACES = re.compile(r"[ \t]+$", re.M)
BLANK_LINE_RUNS = re.compile(r"\n{3,}")


# ---------------------------------------------------------------- the steps


def escape_undecodable(text: str) -> str:
    r"""Bytes that were not UTF-8, kept by Python as lone surrogates (a file's or an archive member's name),
    as visible \xNN escapes: no JSON writer accepts a lone surrogate.

    >>> escape_undecodable(b"/in/caf\xe9.html".decode("utf-8", "surrogateescape"))
    '/in/caf\\xe9.html'
    """
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def unify_line_breaks(text: str) -> str:
    r"""CR LF, CR, form feeds and Unicode line separators become "\n".

    >>> unify_line_breaks("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    return LINE_BREAKS.sub("\n", text)


def remove_control_chars(text: str) -> str:
    r"""C0 and C1 controls carry nothing readable; tabs and newlines stay.

    >>> remove_control_chars("a\x00b\x9cc\td\u202e")
    'abc\td\u202e'
    """
    return CONTROL_CHARS.sub("", text)


def remove_invisible(text: str) -> str:
    """Zero-width spaces, soft hyphens, word joiners and stray BOMs only break search.

    >>> remove_invisible("gov\u00adern\u200bment\ufeff")
    'government'
    """
    return INVISIBLE.sub("", text)


def clean_joiners(text: str) -> str:
    """Keep ZWNJ/ZWJ only between two letters of a non-Latin script ("می‌خواهم", emoji
    ZWJ sequences); at word edges or in Latin text they are stray.

    >>> clean_joiners("می\u200cخواهم \u200cکتاب\u200c Auf\u200clage")
    'می\u200cخواهم کتاب Auflage'
    """
    return JOINERS.sub(lambda m: m.group() if _between(m, _joins) else "", text)


def drop_redundant_direction_marks(text: str) -> str:
    """LRM/RLM matter only next to neutrals (digits, punctuation, spaces); between letters
    of their own direction or at a line's edge they change nothing.

    >>> drop_redundant_direction_marks("\u200fسلام\u200f\u200f دنیا \u200f(1)")
    'سلام\u200f دنیا \u200f(1)'
    """
    text = REPEATED_DIRECTION_MARK.sub(r"\1", text)

    def keep(m: re.Match) -> bool:
        strong = STRONG_DIRECTION[m.group()]
        return not _between(m, lambda ch: ch in "\n" or unicodedata.bidirectional(ch) in strong)

    return DIRECTION_MARKS.sub(lambda m: m.group() if keep(m) else "", text)


def unify_spaces(text: str) -> str:
    """No-break, narrow, ideographic and other odd spaces become a plain space.

    >>> unify_spaces("10\u00a0km\u202f!")
    '10 km !'
    """
    return ODD_SPACES.sub(" ", text)


def decompose_arabic_presentation_forms(text: str) -> str:
    """Arabic presentation forms (from PDFs and old fonts) become the letters they show.

    >>> decompose_arabic_presentation_forms("\ufefb \ufe91\ufe8e\ufeb3")
    'لا باس'
    """
    return ARABIC_PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def unescape_markdown(text: str) -> str:
    r"""Markdown escapes left by HTML-to-markdown tools ("\$5", "snake\_case").

    >>> unescape_markdown(r"\$5 for snake\_case \[1\] but C:\\$x")
    '$5 for snake_case [1] but C:\\\\$x'
    """
    return MARKDOWN_ESCAPE.sub(r"\1", text)


def unwrap_link_stubs(text: str) -> str:
    """Links that go nowhere ("[text](#)", "[text]()", "[text](#anchor)") keep their text.

    >>> unwrap_link_stubs("see [the notes](#notes) and [Share]() ![logo](#)")
    'see the notes and Share ![logo](#)'
    """
    return _unwrap_nested(MARKDOWN_LINK_STUB, text)


def unwrap_links(text: str) -> str:
    """Real markdown links keep their text; the URL is markup, not prose.

    >>> unwrap_links("read [this](https://en.wikipedia.org/wiki/Ada_(language)) now")
    'read this now'
    """
    return _unwrap_nested(MARKDOWN_LINK, text)


def _unwrap_nested(link: re.Pattern, text: str) -> str:
    """Unwrap links until none is left: "[[a](#)](#)" holds one inside the other."""
    while (unwrapped := link.sub(r"\1", text)) != text:
        text = unwrapped
    return text


def compose_nfc(text: str) -> str:
    """Canonical composition, so "e" + U+0301 and "é" compare equal.

    >>> compose_nfc("cafe\u0301") == "café"
    True
    """
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """Runs of spaces and tabs inside a line become one space.

    >>> collapse_spaces("a  \tb c")
    'a b c'
    """
    return SPACE_RUNS.sub(" ", text)


def strip_trailing_spaces(text: str) -> str:
    r"""Spaces at the end of a line are invisible noise.

    >>> strip_trailing_spaces("a  \nb\t")
    'a\nb'
    """
    return TRAILING_SPACES.sub("", text)


def collapse_blank_lines(text: str) -> str:
    r"""At most one blank line in a row: paragraphs stay apart, gaps do not grow.

    >>> collapse_blank_lines("a\n\n\n\nb")
    'a\n\nb'
    """
    return BLANK_LINE_RUNS.sub("\n\n", text)


STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("line_breaks_unified", unify_line_breaks),
    ("control_chars_removed", remove_control_chars),
    ("invisible_chars_removed", remove_invisible),
    ("stray_joiners_removed", clean_joiners),
    ("odd_spaces_unified", unify_spaces),
    ("arabic_presentation_forms", decompose_arabic_presentation_forms),
    ("markdown_unescaped", unescape_markdown),
    ("markdown_link_stubs_removed", unwrap_link_stubs),
    ("markdown_links_unwrapped", unwrap_links),
    ("unicode_nfc", compose_nfc),
    ("spaces_collapsed", collapse_spaces),
    ("trailing_spaces_stripped", strip_trailing_spaces),
    ("direction_marks_removed", drop_redundant_direction_marks),  # its "line edge" is known only now
    ("blank_lines_collapsed", collapse_blank_lines),
)


# Every character or pair some step below can change (line breaks, controls, invisible, joiners,
# direction marks, odd spaces, presentation forms, markdown, tabs, space runs, trailing spaces,
# blank-line runs): a text without any, already NFC, passes every step unchanged.
_MAY_CHANGE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\xa0\xad\u1680\u2000-\u202f\u205f\u2060\u3000\ufb50-\ufdff\ufe70-\ufeff\\\[\t]"
                         r"|  | \n| $|\n\n\n")

# Steps meet at their edges (a link unwrapped around a link, a mark whose neighbour a later
# step removed); a second pass settles what the first exposed, so the result is idempotent.
MAX_PASSES = 3


def normalize(text: str) -> tuple[str, list[str]]:
    """Run every clean-up step; returns the text and the names of the steps that changed it.

    >>> normalize("Voir\u00a0[la page](#) \\r\\n")
    ('Voir la page\\n', ['line_breaks_unified', 'odd_spaces_unified', 'markdown_link_stubs_removed', 'trailing_spaces_stripped'])
    """
    if not _MAY_CHANGE.search(text) and unicodedata.is_normalized("NFC", text):
        return text, []  # most blocks of a page: one scan instead of fourteen
    fired: list[str] = []
    for _ in range(MAX_PASSES):
        before = text
        for name, step in STEPS:
            changed = step(text)
            if changed != text:
                fired.append(name)
                text = changed
        if text == before:
            break
    return text, list(dict.fromkeys(fired))


def _between(match: re.Match, test: Callable[[str], bool]) -> bool:
    """Whether the characters on both sides of a match pass `test` (a text edge is "\\n")."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    return test(before) and test(after)


def _joins(ch: str) -> bool:
    """A letter, mark or emoji outside Latin/Greek/Cyrillic, where joiners shape the writing."""
    category = unicodedata.category(ch)
    return (category[0] in "LM" or category == "So") and not ("\u0000" <= ch < "\u0530" or "\u1d00" <= ch < "\u2000")


# ---------------------------------------------------------------- broken paragraphs

# End of a sentence or a block, in the scripts we meet (Arabic ؟ ؛, Urdu ۔, CJK 。！？).
TERMINAL_PUNCTUATION = frozenset(".!?;:…؟؛۔。！？")
CLOSING_MARKS = "\"'”’»)]›"  # looked through: 'he said "no."' ends a sentence
LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪–—]|\d{1,3}[.)]|[a-z][.)])\s")
MIN_BROKEN_WORDS = 6  # shorter paragraphs are headings, captions or deliberate one-liners
# Characters, a line-end hyphen included: a longer run is no word to mend across the hyphen, and is read no further.
LONGEST_WORD = 64


def ends_sentence(text: str) -> bool:
    """The text ends with end-of-sentence punctuation, closing quotes and brackets looked through.

    >>> ends_sentence('he said "no."'), ends_sentence("آیا می‌آیی؟"), ends_sentence("the country, but")
    (True, True, False)
    """
    return text.rstrip().rstrip(CLOSING_MARKS)[-1:] in TERMINAL_PUNCTUATION


def join_broken_paragraphs(paragraphs: list[str]) -> tuple[list[str], bool]:
    """Join paragraphs a page break split mid-sentence; returns them and whether any joined.

    >>> join_broken_paragraphs(["The Taliban tried for years to re-establish their rule over",
    ...                         "the country, but they failed.", "Next"])
    (['The Taliban tried for years to re-establish their rule over the country, but they failed.', 'Next'], True)
    """
    vocabulary: set[str] | None = None  # the document's words, read at the first join: most documents have none
    # Each paragraph as the pieces it is joined from, only its end looked at: a text of 500,000 broken
    # lines joins in linear time, where growing one string (and searching it) was quadratic.
    out: list[list[str]] = []
    for paragraph in paragraphs:
        if out and _split_mid_sentence(out[-1], paragraph):
            if vocabulary is None:
                vocabulary = {w.lower() for p in paragraphs for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", p)}
            _join(out[-1], paragraph, vocabulary)
        else:
            out.append([paragraph])
    return ["".join(pieces) for pieces in out], len(out) < len(paragraphs)


def _split_mid_sentence(pieces: list[str], second: str) -> bool:
    """A long first part with no end punctuation, then a part that cannot start a sentence.

    In cased scripts the second part starts lowercase; in uncased ones (Arabic, Persian)
    a letter with no case is all we have, so the first part's missing punctuation decides.
    A first part joined before passed the tests of its start and length already.
    """
    end, second = pieces[-1].rstrip(), second.lstrip()
    if not end or not second or LIST_ITEM.match(second):
        return False
    if len(pieces) == 1 and (LIST_ITEM.match(end) or len(end.split(None, MIN_BROKEN_WORDS)) < MIN_BROKEN_WORDS):
        return False
    if ends_sentence(end):
        return False
    opener = second[0]
    if _hyphenated(_last_word(pieces, end)):
        return opener.isalnum()
    return opener.islower() or (opener.isalpha() and not opener.isupper())


def _join(pieces: list[str], second: str, vocabulary: set[str]) -> None:
    """Add `second` to the paragraph in `pieces`: after a space, or across a line-end hyphen.

    The hyphen goes when both halves are lowercase word pieces ("gov-" + "ernment"), unless
    the document spells the hyphenated form elsewhere ("well-known"); it stays before a
    capital or after a non-word ("pro-" + "Russian", "U.S.-" + "backed").

    >>> a, b = ["funded by the gov-"], ["the U.S.-"]
    >>> _join(a, "ernment", set()), _join(b, "backed force", set())
    (None, None)
    >>> "".join(a), "".join(b)
    ('funded by the government', 'the U.S.-backed force')
    """
    pieces[-1], second = pieces[-1].rstrip(), second.lstrip()
    word = _last_word(pieces, pieces[-1])
    if not _hyphenated(word):
        pieces.append(" " + second)
        return
    head, tail = word[:-1], re.match(r"[^\W\d_]*", second).group()
    plain_word = len(word) <= LONGEST_WORD and head.isalpha() and head.islower() and tail[:1].islower()
    if plain_word and f"{head}-{tail}".lower() not in vocabulary:
        pieces[-1] = pieces[-1][:-1]
    pieces.append(second)


def _hyphenated(word: str) -> bool:
    """A word broken at the line end ("gov-"); a lone "-" is a dash."""
    return len(word) > 1 and word.endswith("-")


def _last_word(pieces: list[str], end: str) -> str:
    """The whitespace-delimited word ending the pieces, the last one read as `end` (it stripped), read back
    across pieces glued without a space; past LONGEST_WORD letters, its end only."""
    word = ""
    for i in range(len(pieces) - 1, -1, -1):
        piece = end if i == len(pieces) - 1 else pieces[i]
        split = piece.rsplit(None, 1)
        word = (split[-1] if split else "") + word
        if len(split) != 1 or piece[:1].isspace() or len(word) > LONGEST_WORD:
            return word
    return word
