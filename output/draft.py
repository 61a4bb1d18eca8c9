"""What an extractor hands on: a draft record, before language tagging and ids.

Extractors fill these plain dataclasses; `extractors.pipeline` adds language, ids and
provenance and turns them into the JSON record that `output.record` validates.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Stripped:
    """A line removed from the text, kept so nothing is lost silently."""

    text: str
    reason: str  # e.g. "masthead", "comment_footer", "forum_chrome", "caption", "credit_line"
    lang: str | None = None  # filled by language detection


@dataclass
class Quote:
    text: str
    author: str | None = None
    of_post: int | None = None  # index of the quoted post in the same thread, when found


@dataclass
class Post:
    text: str
    author: str | None = None
    author_title: str | None = None
    author_joined: str | None = None  # ISO 8601 date
    author_messages: int | None = None
    author_reaction_score: int | None = None
    author_points: int | None = None
    author_country: str | None = None
    author_location: str | None = None
    posted: str | None = None  # ISO 8601 date/time of the post itself (never the join date)
    posted_raw: str | None = None
    # how far `posted` can be trusted: year|month|day|time as printed; relative = resolved from '2 days ago' against the
    # page's own date (approximate); as_written = a relative phrase with no page date to resolve it (posted None)
    date_precision: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    language: str | None = None


@dataclass
class Draft:
    """Everything an extractor found in one document."""

    kind: str = "document"  # article | forum_thread | document
    # what the page is (HTML: article | forum_thread | listing | collection | product | documentation | service |
    # homepage | other, from extractors/page_type.py); None for PDFs and text, which carry no page structure
    page_type: str | None = None
    extractor: str = ""
    title: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    authors: list[str] = field(default_factory=list)
    contributors: list[dict] = field(default_factory=list)  # {"name", "role"}: a thesis's author and supervisor
    institution: str | None = None
    published: str | None = None  # ISO 8601
    published_raw: str | None = None
    published_calendar: str | None = None  # gregorian | solar_hijri | hijri: what published_raw is written in
    modified: str | None = None
    original_published: str | None = None
    publisher: str | None = None
    original_source: str | None = None
    canonical_url: str | None = None
    next_page: str | None = None
    language_hint: str | None = None  # e.g. <html lang>; evidence only, never trusted over the text
    encoding: str | None = None  # the charset the bytes were decoded with (None for PDFs)
    paragraphs: list[str] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    stripped: list[Stripped] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    delivery: dict | None = None  # wire and e-mail items: guid, version, slugline, embargo … (record.schema.json)
    pdf: dict | None = None  # PDF only: pages, ocr_pages, needs_ocr, unrecovered_glyphs (record.schema.json)

    def strip(self, text: str, reason: str) -> None:
        """Record a removed line (blank lines are not worth keeping)."""
        if text.strip():
            self.stripped.append(Stripped(text.strip(), reason))

    def fix(self, name: str) -> None:
        if name not in self.fixes:
            self.fixes.append(name)

    def text(self) -> str:
        """Clean body: paragraphs separated by a blank line; a thread's text is its posts' own text."""
        if self.kind == "forum_thread" and self.posts:
            return "\n\n".join(p.text for p in self.posts if p.text.strip())
        return "\n\n".join(p for p in self.paragraphs if p.strip())
