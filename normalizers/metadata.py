"""Metadata lines of plain text: bylines, credit lines, date lines, standfirst labels, datelines, mastheads.

Each helper looks at one line (or a few) and says what metadata it carries, or None; extractors
decide where to look. The words that introduce metadata are data, per language, in
normalizers/data/metadata_labels.json; name vocabularies in normalizers/data/metadata_names.json.

>>> parse_byline("By John P. Ruehl").authors
['John P. Ruehl']
>>> parse_byline("Автор: Иван Петров").authors
['Иван Петров']
>>> parse_credit("Source : The Wall Street Journal").source
'The Wall Street Journal'
>>> parse_credit("RT, 08 August 2016")
Credit(source='RT', date_raw='08 August 2016')
>>> masthead_name(["AVRASYA", "INCELEMELERI", "MERKEZI", "CENTER FOR", "EURASIAN STUDIES"])
'Center for Eurasian Studies'
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field

from normalizers import vocab
from normalizers.dates import parse_date

NAME_MAX_WORDS = 5  # "Maria del Carmen Ruiz Díaz"; longer runs of capitalised words are headlines
NAME_MAX_CHARS = 60
SOURCE_MAX_WORDS = 10  # "The Wall Street Journal", "Strategic Culture Foundation"
DATE_LINE_MAX_CHARS = 80  # a date line is short; a long line mentioning a date is prose
MASTHEAD_LINE_MAX_WORDS = 4  # site names in caps are set a few words per line
ACRONYM_MAX = 6  # "RT", "AFP", "IRNA": an all-caps token this short names an outlet, not a person

_COLON = r"\s*[:：]\s*"
# (?<!\s) starts a space run's match at the run's first space only, (?<=\s) takes a mark right after
# a match that ate the spaces before it: same matches, linear on long space runs (no re-scan from each space).
_SEPARATORS = re.compile(r"(?<!\s)\s+(?:[-–—|·•/]|\bon\b)\s+|(?<!\s)\s*[|·•]\s*|(?<=\s)[|·•]\s*|,\s+(?=\S*\d)")
_BULLETS = " \t-–—•·|*>:"
_CAPS_WORD = re.compile(r"^[^\W\d_]")
_HAS_DIGIT = re.compile(r"\d")
_URL = re.compile(r"^<?(?:https?://)?(?:www\d?\.)?(?P<domain>[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})(?:[/:?#]\S*)?>?$", re.I)
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_FOR_OUTLET = re.compile(r"\s+(?:for|For|FOR)\s+(?P<outlet>\S.*)$")  # 'Jane Roe for The Times': the outlet a writer wrote for


@functools.cache
def _data(name: str) -> dict:
    return vocab.load(f"metadata_{name}")


def _words_of(section: dict) -> list[str]:
    """All entries of a {lang: [..]} section, longest first so 'posted by' wins over 'posted'."""
    items = [w for lang, ws in section.items() if not lang.startswith("_") for w in ws]
    return sorted(set(items), key=len, reverse=True)


@functools.cache
def _label_rx(section: str) -> re.Pattern:
    """'Label: rest' for one labels section; the rest is group 'rest'."""
    alts = "|".join(_words_of(_data("labels")[section]))
    return re.compile(rf"(?:{alts}){_COLON}(?P<rest>.+)", re.I)


@functools.cache
def _byline_word_rx() -> re.Pattern:
    """'By X', and 'by:X' (a byline word set as a label, with or without a space after its colon)."""
    alts = "|".join(re.escape(w) for w in _words_of(_data("labels")["byline_words"]))
    return re.compile(rf"(?:{alts})(?:{_COLON}|\s+)(?P<rest>.+)", re.I)


@functools.cache
def _first_appeared() -> list[re.Pattern]:
    section = _data("labels")["first_appeared"]
    return [re.compile(p, re.I) for lang, ps in section.items() if not lang.startswith("_") for p in ps]


@functools.cache
def _names(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _data("names")[key])


@functools.cache
def _joiner_rx() -> re.Pattern:
    words = [re.escape(w) for w in _data("labels")["name_joiners"] if w.isalpha()]
    return re.compile(rf"(?<!\s)\s*[,&;]\s*|(?<=\s)[,&;]\s*|(?<!\s)\s+(?:{'|'.join(words)})\s+")  # linear: see _SEPARATORS


@dataclass(frozen=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    date_raw: str | None = None


@dataclass(frozen=True)
class Credit:
    source: str
    date_raw: str | None = None


def is_name(text: str) -> bool:
    """Looks like a person's name: a few capitalised words (any case in caseless scripts), no digits.

    >>> is_name("John P. Ruehl"), is_name("the way things are"), is_name("محمد رضایی")
    (True, False, True)
    """
    text = text.strip()
    words = text.split()
    if not 1 <= len(words) <= NAME_MAX_WORDS or len(text) > NAME_MAX_CHARS or _HAS_DIGIT.search(text):
        return False
    if text[-1] in ".!?:;،؛" and not re.search(r"\b\w\.$", text):
        return False
    if not _LATIN.search(text) and not re.search(r"[А-Яа-яЁё]", text):
        return True  # Arabic, Persian, CJK…: no capitals to check
    return all(w[0].isupper() or w.lower() in _names("name_particles") for w in words if _CAPS_WORD.match(w)) and words[0][0].isupper()


def is_job_title(word: str) -> bool:
    """A word that names a job ('Editor', 'Co-Founder'), in any language of metadata_names.json.

    >>> is_job_title("Co-Founder"), is_job_title("Shepherd")
    (True, False)
    """
    return word.lower().strip(".,:;()") in _names("job_titles")


def split_names(rest: str) -> list[str]:
    """The names a credit lists, split at commas and the joiners of every language (metadata_labels.json).

    >>> split_names("Anna Schmidt und Jens Berg"), split_names("Maria & Katerina"), split_names("Ana e João")
    (['Anna Schmidt', 'Jens Berg'], ['Maria', 'Katerina'], ['Ana', 'João'])
    """
    names = [n.strip(" .,;") for n in _joiner_rx().split(rest)]
    return [n for n in names if n]


def date_in_line(line: str) -> str | None:
    """The raw date of a line that is only a date, maybe labelled or bulleted ('- 09.08.2016').

    >>> date_in_line("- 09.08.2016"), date_in_line("Published: 12 May 2023"), date_in_line("Home")
    ('09.08.2016', '12 May 2023', None)
    """
    text = line.strip().strip(_BULLETS)
    if not text or len(text) > DATE_LINE_MAX_CHARS or not _HAS_DIGIT.search(text):
        return None
    m = _label_rx("date_labels").fullmatch(text) or re.fullmatch(
        rf"(?:{'|'.join(_words_of(_data('labels')['date_labels']))})\s+(?P<rest>.*\d.*)", text, re.I
    )
    if m:
        text = m.group("rest").strip(_BULLETS)
    return text if looks_like_date(text) else None


def looks_like_date(text: str) -> bool:
    """Parses as a date in either numeric order (the order itself is settled per document)."""
    return parse_date(text, day_first=True) is not None or parse_date(text, day_first=False) is not None


def parse_byline(line: str) -> Byline | None:
    """Authors (and a date, when the line carries one) from 'By X', 'Author: X', 'X - Nov 19, 2019'.

    >>> parse_byline("نویسنده: محمد رضایی").authors
    ['محمد رضایی']
    >>> parse_byline("Von Anna Schmidt und Jens Berg").authors
    ['Anna Schmidt', 'Jens Berg']
    >>> parse_byline("By the way, this is prose.") is None
    True
    """
    text = line.strip()
    labelled = _label_rx("byline_labels").fullmatch(text)
    m = labelled or _byline_word_rx().fullmatch(text)
    rest = before_other_credit(m.group("rest")) if m else text
    parts = [p.strip() for p in _SEPARATORS.split(rest, maxsplit=1)]
    date_raw = None
    if len(parts) == 2 and looks_like_date(parts[1].strip(_BULLETS)):
        rest, date_raw = parts[0], parts[1].strip(_BULLETS)
    elif m is None:
        return None
    names = split_names(_without_affiliation(without_outlet(rest)))
    if not names or not all(is_name(n) for n in names):
        return None
    if m is None and date_raw is None:
        return None
    return Byline(names, date_raw)


@functools.cache
def _other_credit_rx() -> re.Pattern:
    """A word then a byline word after a byline's names: the next credit ('. Edited by', '; Photos by', 'Illustrations
    by'). Byline words that are also name particles ('von', 'di': 'Ursula von der Leyen') mark none."""
    words = [re.escape(w) for w in _words_of(_data("labels")["byline_words"]) if " " not in w and w.lower() not in _names("name_particles")]
    return re.compile(rf"\s*[.;,|·•]?\s+[^\W\d_]+\s+(?:{'|'.join(words)})(?:\s*:|\s|$)", re.I)


def before_other_credit(rest: str) -> str:
    """A byline's names up to the next credit: an editor, a reviewer, a photographer is no author.

    >>> before_other_credit("Jane Roe. Edited by Jo Poe"), before_other_credit("Jane Roe Illustrations by Jo Poe")
    ('Jane Roe', 'Jane Roe')
    >>> before_other_credit("Ursula von der Leyen and Jo Poe")
    'Ursula von der Leyen and Jo Poe'
    """
    return _other_credit_rx().split(rest, maxsplit=1)[0]


def _without_affiliation(names: str) -> str:
    """A byline's names without the one word after its last comma when a full name stands before it: the
    agency, outlet or desk the writer works for ('Jane Roe, AP', 'Christian Hollmann, dpa'), not a person.

    >>> _without_affiliation("Jane Roe, AP"), _without_affiliation("Maria, Katerina"), _without_affiliation("Ana Lima")
    ('Jane Roe', 'Maria, Katerina', 'Ana Lima')
    """
    head, comma, last = names.rpartition(",")
    before = split_names(head)
    if comma and len(last.split()) == 1 and before and len(before[-1].split()) >= 2:
        return head
    return names


def without_outlet(names: str) -> str:
    """Writers' names without the outlet they wrote for ('Jane Roe and Jo Poe for The Times', 'JANE ROE FOR
    DAILYMAIL.COM'): cut where the words before 'for' are people's full names (two to four words each, no
    employer or job word: 'National Center for …' stays whole, as does 'Americans for …').

    >>> without_outlet("Jane Roe and Jo Poe for The Times"), without_outlet("National Center for Health Statistics")
    ('Jane Roe and Jo Poe', 'National Center for Health Statistics')
    """
    found = _FOR_OUTLET.search(names)
    if not found or not is_name(found["outlet"].title()):
        return names
    people = split_names(names[:found.start()])
    full = people and all(is_name(n.title()) and 2 <= len(n.split()) <= 4 and not _employer_or_job(n) for n in people)
    return names[:found.start()] if full else names


def _employer_or_job(name: str) -> bool:
    """A word of an employer's or a job's name in it (metadata_names.json org_words, job_titles): no person's name."""
    return any(w.lower().strip(".,()") in _names("org_words") | _names("job_titles") for w in name.split())


def parse_credit(line: str) -> Credit | None:
    """Where a reposted text came from: 'Source: X', 'X, 08 August 2016', 'This article first appeared in X'.

    >>> parse_credit("Quelle: Deutsche Welle").source
    'Deutsche Welle'
    >>> parse_credit("This article first appeared in The Diplomat.").source
    'The Diplomat'
    >>> parse_credit("John Smith, 08 August 2016") is None
    True
    """
    text = line.strip()
    m = _label_rx("source_labels").fullmatch(text) or _intro_rx().fullmatch(text)
    if m:
        rest = m.group("rest").strip(" .")
        return _source_with_date(rest) or _source_then_clause(rest)
    for rx in _first_appeared():
        m = rx.fullmatch(text)
        if m and _short_source(m.group("source")):
            return Credit(m.group("source").strip(" ."))
    return _source_with_date(text)


@functools.cache
def _intro_rx() -> re.Pattern:
    """'Originally published by X', 'Courtesy of X': the phrase itself says a source follows."""
    alts = "|".join(_words_of(_data("labels")["source_intros"]))
    return re.compile(rf"(?:{alts})\s*[:：]?\s+(?P<rest>.+)", re.I)


@functools.cache
def _clause_rx() -> re.Pattern:
    """Where a credit's source ends: a comma, "on <date>", a clause word ("under a licence", "with permission")."""
    alts = "|".join(_words_of(_data("labels")["source_clauses"]))
    return re.compile(rf",\s+|\s+on\s+(?=(?:\S+\s+){{0,2}}?\S*\d)|\s+(?:{alts})\s+")


def _source_then_clause(rest: str) -> Credit | None:
    """'Foreign Policy on 3 May 2021', 'The Conversation under a Creative Commons license': the source
    is the part before the first clause; a date in the clause is the original date."""
    source, *clauses = _clause_rx().split(rest, maxsplit=1)
    if not _short_source(source.strip()):
        return None
    tail = clauses[0].strip(" .") if clauses else ""
    return Credit(source.strip(" ."), tail if tail and looks_like_date(tail) else None)


def _short_source(text: str) -> bool:
    return 0 < len(text.split()) <= SOURCE_MAX_WORDS and not text.endswith(("?", "!"))


def _source_with_date(text: str) -> Credit | None:
    """'RT, 08 August 2016': an outlet (see `is_outlet`) and a date; a line that is all date is a date line
    (asked after the shape, which most lines fail at once: two date parses a line saved)."""
    m = re.fullmatch(r"(?P<source>[^,|–—-]{2,60}?)\s*(?:,|\||–|—|\s-)\s*(?P<date>.{0,40}\d.{0,40})", text)
    if not m or looks_like_date(text) or not is_outlet(m.group("source").strip()):
        return None
    date = m.group("date").strip(_BULLETS)
    return Credit(m.group("source").strip(), date) if looks_like_date(date) else None


def is_outlet(name: str) -> bool:
    """An outlet by its form, not by a list of known ones: a short all-caps acronym ('RT', 'AFP'),
    one capitalised word ('Xinhua', 'Pajhwok': a person is credited by more than one name), or a
    name with a media/organisation word in it ('Anadolu Agency', 'The Wall Street Journal').

    >>> is_outlet("RT"), is_outlet("Zorbanews"), is_outlet("The Wall Street Journal"), is_outlet("John Smith")
    (True, True, True, False)
    """
    words = name.split()
    if name.isupper() and len(name.replace(" ", "")) <= ACRONYM_MAX:
        return True
    if len(words) == 1 and is_name(name) and not looks_like_date(f"{name} 1 2000"):
        return True  # a weekday or a month written alone is not an outlet
    return any(w.lower().strip(".,") in _names("org_words") for w in words)


def standfirst(line: str) -> str | None:
    """The text of a labelled standfirst ('Teaser: …', 'Zusammenfassung: …'), else None.

    >>> standfirst("Teaser: The Taliban's ability to lead remains questionable.")
    "The Taliban's ability to lead remains questionable."
    """
    m = _label_rx("standfirst_labels").fullmatch(line.strip())
    return m.group("rest").strip() if m else None


@functools.cache
def _dateline_rx() -> list[re.Pattern]:
    return [re.compile(p) for p in _data("labels")["dateline"]]


def is_place(name: str) -> bool:
    """A country or territory name in any language the pipeline reads (CLDR names, metadata_places.json).

    >>> is_place("Afghanistan"), is_place("افغانستان"), is_place("Reuters")
    (True, True, False)
    """
    return name.strip().lower() in _places()


@functools.cache
def _places() -> frozenset[str]:
    return frozenset(n.lower() for lang, names in _data("places").items() if not lang.startswith("_") for n in names)


def parse_dateline(paragraph: str) -> tuple[str, str | None] | None:
    """(dateline, agency) at the start of a lead paragraph: 'KABUL (Reuters) -', 'Asadabad (Afghanistan) :'.

    A name in parentheses is the filing agency unless it is a country (then it qualifies the place),
    so an agency never seen before is read the same way as a known one.

    >>> parse_dateline("Asadabad (Afghanistan) : Islamic State and the Taliban have forged a truce.")
    ('Asadabad (Afghanistan)', None)
    >>> parse_dateline("KABUL, Afghanistan (Reuters) - Taliban fighters attacked a checkpoint.")
    ('KABUL, Afghanistan', 'Reuters')
    >>> parse_dateline("KABUL (Zorbanews) - Taliban fighters attacked a checkpoint.")
    ('KABUL', 'Zorbanews')
    >>> parse_dateline("Islamic State: a short history of the group.") is None
    True
    """
    for rx in _dateline_rx():
        m = rx.match(paragraph)
        if not m:
            continue
        place = m.group("place").strip()
        paren = (m.groupdict().get("paren") or "").strip()
        if paren and is_place(paren):
            return f"{place} ({paren})", None
        if paren:
            return place, paren
        return place, (m.groupdict().get("agency") or None)
    return None


def domain(line: str) -> str | None:
    """The site of a bare URL line ('www.afgazad.com' gives 'afgazad.com'), else None."""
    m = _URL.fullmatch(line.strip())
    return m.group("domain").lower() if m and "@" not in line else None


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def masthead_name(lines: list[str]) -> str | None:
    """A site name set in capitals over a few lines ('CENTER FOR' / 'EURASIAN STUDIES').

    Lines are joined where a connector word ('for', 'of', '&') ends or starts one; of the names
    found, the last with an organisation word wins (bilingual mastheads put the English name last).
    """
    groups: list[list[str]] = []
    connectors = _names("connectors")
    last = -2
    for i, line in enumerate(lines):
        words = line.split()
        if not (_is_caps(line) and 0 < len(words) <= MASTHEAD_LINE_MAX_WORDS):
            continue
        joined = last == i - 1 and (groups[-1][-1].split()[-1].lower() in connectors or words[0].lower() in connectors)
        if joined:
            groups[-1].append(line)
        else:
            groups.append([line])
        last = i
    names = [" ".join(g) for g in groups]
    orgs = [n for n in names if len(n.split()) >= 2 and any(w.lower() in _names("org_words") for w in n.split())]
    return _title_case(orgs[-1]) if orgs else None


def _title_case(name: str) -> str:
    """'CENTER FOR EURASIAN STUDIES' -> 'Center for Eurasian Studies'."""
    words = name.lower().split()
    connectors = _names("connectors")
    return " ".join(w if (i and w in connectors) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def is_signature(name_line: str, role_line: str) -> bool:
    """An editor's sign-off: a name, then a job title or an e-mail address.

    >>> is_signature("Brittani Banks", "Production Editor and Outreach Coordinator/brittani@ind.media")
    True
    >>> is_signature("Read more", "Home")
    False
    """
    if not is_name(name_line) or len(name_line.split()) < 2:
        return False
    role = role_line.lower()
    if re.search(r"[\w.+-]+@[\w-]+\.\w+", role):
        return True
    return len(role.split()) <= 12 and any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", role) for t in _names("job_titles"))
