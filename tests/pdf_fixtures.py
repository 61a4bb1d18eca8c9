"""Test PDFs drawn with pymupdf, so every layout the PDF extractor handles has a known answer.

Persian is drawn with `insert_htmlbox` (HarfBuzz shapes it) in Noto Naskh Arabic from Debian's
`fonts-noto-core` (`scripts/ci-system-deps.sh` installs it); English with the base-14 Helvetica
and our own line wrapping, so hyphenation and page breaks fall where the tests expect them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pymupdf

FONT_DIR = Path("/usr/share/fonts/truetype/noto")
NASKH = FONT_DIR / "NotoNaskhArabic-Regular.ttf"
CSS = (
    "@font-face {font-family: naskh; src: url(NotoNaskhArabic-Regular.ttf);}"
    "@font-face {font-family: notosans; src: url(NotoSans-Regular.ttf);}"
    "body {font-family: naskh, notosans; margin: 0;} p {margin: 0;}"
)
A4 = pymupdf.paper_rect("a4")
LEFT, RIGHT, TOP, BOTTOM = 72, A4.width - 72, 90, A4.height - 80
BODY_SIZE, LEADING, PARA_GAP = 11, 15, 9

MASTHEAD_FA = [
    "افغانستان آزاد – آزاد افغانستان",
    "چو کشور نباشد تن من مباد بدین بوم و بر زنده یک تن مباد",
    "همه سر به سر تن به کشتن دهیم از آن به که کشور به دشمن دهیم",
]
MASTHEAD_LATIN = ["AA-AA", "www.afgazad.com", "afgazad@gmail.com", "European Languages"]
MASTHEAD_FA_SECTION = "زبانهای اروپایی"
AUTHOR, DATE_RAW = "John P. Ruehl", "12.05.2023"
TITLE = "The Taliban and the Islamic State Continue to Fight for Afghanistan's Future"
HEADER = "Afghanistan Free Press - European Languages"
BODY = [
    "On April 25, 2023, U.S. officials confirmed that the Taliban had killed the head of the Islamic "
    "State (IS) cell operating in Afghanistan. Though his identity has not been revealed, the IS leader "
    "is believed to have masterminded the 2021 Kabul airport attack that killed 170 Afghan civilians "
    "and 13 U.S. military personnel.",
    "His assassination marks the latest escalation of violence between the Taliban and IS in "
    "Afghanistan this year. Several senior Taliban officials were killed or targeted in March 2023 by "
    "IS, while several IS leaders in Afghanistan were killed by the Taliban in January and February.",
    "The Taliban, a loose Pashtun-centric political movement active across Afghanistan and Pakistan, "
    "previously ruled Afghanistan from 1996 to 2001. The U.S. withdrawal and ensuing collapse of the "
    "Afghan government in 2021 allowed the Taliban to re-establish their rule over the country, but "
    "they have been prevented from gaining full control thanks to IS, which has existed in the country "
    "since 2014.",
    "Initially, many Taliban members were supportive of IS's ability to seize territory and challenge "
    "U.S. and Western forces in Syria and Iraq in 2013 and 2014. Yet despite their common U.S. and "
    "Western enemies and shared hardline Sunni interpretation of Islam, the Taliban's animosity arose "
    "after IS began to establish itself on Afghan territory and attract Afghans to its cause.",
    "At the time, Taliban forces had failed to make territorial gains and had recently begun another "
    "round of negotiations with the U.S. government. The Taliban had also traditionally suppressed the "
    "Salafist brand of Islam in eastern Afghanistan in favor of Hanafi Islam, making IS's Salafist "
    "leanings attractive to many Afghans in the region.",
]
# Flows onto the two-column page; its middle paragraph breaks across the column gutter.
COLUMNS = [
    "Several high-ranking members switched allegiance to IS in 2014, which also found support from "
    "smaller regional militant groups. But of significant importance was IS's ability to attract "
    "disillusioned members of its rival, Al Qaeda, to its ranks.",
    "In January 2015, IS announced its vision to create the province of Khorasan, which would include "
    "much of Central Asia and the Indian subcontinent, and is part of IS's effort to establish a global "
    "caliphate. The group began to expand more rapidly across Afghanistan while accusing the Taliban of "
    "being filthy nationalists and neglecting Islam in favor of their ethnic and national base. As "
    "clashes between the Taliban and Islamic State in Khorasan intensified in 2015, the Taliban's "
    "then-leader wrote a letter urging him to abandon recruitment in Afghanistan and insisting the war "
    "against the United States should be led by the Taliban.",
    "As IS emerged as a serious threat to Afghanistan's stability, however, both Afghan and U.S.-led "
    "international forces increasingly came to focus on the group in the country.",
]
# No lam-alef and no Persian 4/5/6: MuPDF writes no ToUnicode entry for glyphs HarfBuzz reaches
# only through ligature or locl substitution, and those are tested on purpose elsewhere.
PERSIAN = (
    "طالبان در سال ۱۳۸۰ برای نخستین بار قدرت را در کابل به دست گرفتند و تا سال ۱۳۸۰ بر بیشتر "
    "کشور حکومت کردند. می‌خواهیم بدانیم که کتاب‌ها و «گزارش‌ها» درباره این دوره چه می‌گویند (۱۳۸۰)."
)


def have_font() -> bool:
    return NASKH.exists()


def _archive() -> pymupdf.Archive:
    return pymupdf.Archive(str(FONT_DIR))


def rtl_box(page: pymupdf.Page, rect: pymupdf.Rect, text: str, size: float, align: str = "right") -> float:
    """Draw Persian text shaped by HarfBuzz; returns the y where the drawn text ends.

    Dashes go in Noto Sans: Naskh has none, and MuPDF does not fall back glyph by glyph."""
    text = re.sub("([–—])", r'<span style="font-family:notosans">\1</span>', text)
    html = f'<p dir="rtl" style="font-size:{size}pt; text-align:{align}; line-height:1.5">{text}</p>'
    spare, _ = page.insert_htmlbox(rect, html, css=CSS, archive=_archive())
    return rect.y1 - spare if spare >= 0 else rect.y1


@lru_cache(maxsize=None)
def _char_width(ch: str, font: str) -> float:
    return pymupdf.get_text_length(ch, font, 1)


def width(text: str, font: str = "helv", size: float = BODY_SIZE) -> float:
    """Same as pymupdf.get_text_length for base-14 fonts (no kerning), a hundred times faster."""
    return size * sum(_char_width(ch, font) for ch in text)


def _hyphenate(word: str, room: float, size: float) -> tuple[str, str] | None:
    """Split a long word so that its head plus a hyphen fits in `room` points."""
    for cut in range(len(word) - 3, 2, -1):
        head = word[:cut] + "-"
        if word[:cut].isalpha() and width(head, "helv", size) <= room:
            return head, word[cut:]
    return None


@lru_cache(maxsize=256)
def wrap(text: str, measure: float, size: float = BODY_SIZE) -> tuple[str, ...]:
    """Greedy wrapping to `measure` points that hyphenates words of 8+ letters that would not fit."""
    lines, line = [], ""
    words = text.split()
    while words:
        word = words.pop(0)
        candidate = f"{line} {word}".strip()
        if width(candidate, "helv", size) <= measure:
            line = candidate
            continue
        room = measure - width(line + " ", "helv", size) if line else measure
        split = _hyphenate(word, room, size) if len(word) >= 8 and word.isalpha() else None
        if split:
            lines.append(f"{line} {split[0]}".strip())
            words.insert(0, split[1])
            line = ""
        else:
            lines.append(line)
            line = word
    return tuple(lines + [line] if line else lines)


class Writer:
    """Lays English paragraphs down columns and pages, adding running header and footer."""

    def __init__(self, doc: pymupdf.Document, columns: int = 1):
        self.doc, self.columns = doc, columns
        self.page: pymupdf.Page | None = None
        self.column, self.y = 0, TOP

    def new_page(self, columns: int | None = None) -> pymupdf.Page:
        self.page = self.doc.new_page(width=A4.width, height=A4.height)
        number = self.doc.page_count
        self.page.insert_text((LEFT, 50), HEADER, fontsize=9, fontname="helv")
        label = f"Page {number}"
        x = (A4.width - width(label, "helv", 9)) / 2
        self.page.insert_text((x, A4.height - 40), label, fontsize=9, fontname="helv")
        self.columns = columns or self.columns
        self.column, self.y, self.bottom = 0, TOP, BOTTOM
        return self.page

    def _frame(self) -> tuple[float, float]:
        gutter = 24
        measure = (RIGHT - LEFT - gutter * (self.columns - 1)) / self.columns
        return LEFT + self.column * (measure + gutter), measure

    def line(self, text: str, size: float = BODY_SIZE, font: str = "helv", centre: bool = False) -> None:
        if self.page is None or self.y + size > self.bottom:
            self._advance()
        x, measure = self._frame()
        if centre:
            x += (measure - width(text, font, size)) / 2
        self.page.insert_text((x, self.y + size), text, fontsize=size, fontname=font)
        self.y += max(LEADING, size * 1.35)

    def _advance(self) -> None:
        if self.page is not None and self.column + 1 < self.columns:
            self.column, self.y = self.column + 1, TOP
        else:
            self.new_page()

    def paragraph(self, text: str, size: float = BODY_SIZE, font: str = "helv") -> None:
        _, measure = self._frame()
        for line in wrap(text, measure, size):
            self.line(line, size, font)
        self.y += PARA_GAP


def report_pdf(*, title_in_info: str = "Microsoft Word - doc1.docx", two_column_page: bool = True) -> bytes:
    """The seed-003 article as a PDF: Persian masthead and poem, byline, date, title, a body that
    runs over pages with running header/footer, a two-column page and a Persian paragraph."""
    doc = pymupdf.open()
    writer = Writer(doc)
    page = writer.new_page()
    y = rtl_box(page, pymupdf.Rect(LEFT, TOP, RIGHT, TOP + 40), MASTHEAD_FA[0], 20, "center")
    writer.y = y + 4
    writer.line(MASTHEAD_LATIN[0], 10, centre=True)
    for verse in MASTHEAD_FA[1:]:
        writer.y = rtl_box(page, pymupdf.Rect(LEFT, writer.y, RIGHT, writer.y + 30), verse, 11, "center") + 2
    for latin in MASTHEAD_LATIN[1:]:
        writer.line(latin, 10, centre=True)
    writer.y = rtl_box(page, pymupdf.Rect(LEFT, writer.y, RIGHT, writer.y + 30), MASTHEAD_FA_SECTION, 11, "center")
    writer.y += PARA_GAP
    writer.line(f"By {AUTHOR}")
    writer.line(DATE_RAW)
    writer.y += PARA_GAP
    writer.paragraph(TITLE, 16, "hebo")
    for text in BODY:
        writer.paragraph(text)
    if two_column_page:
        writer.new_page(columns=2)
        writer.bottom = TOP + 200  # short columns, so the middle paragraph crosses the gutter
        for text in COLUMNS:
            writer.paragraph(text)
    page = writer.new_page(columns=1)
    rtl_box(page, pymupdf.Rect(LEFT, TOP, RIGHT, TOP + 200), PERSIAN, 12)
    doc.set_metadata({"title": title_in_info, "author": "", "producer": "docingest tests"})
    return doc.tobytes()


def long_pdf(pages: int, *, persian_every: int = 0) -> bytes:
    """Many pages of running English text (optionally a Persian block every n pages)."""
    doc = pymupdf.open()
    writer = Writer(doc)
    writer.new_page()
    paragraphs = BODY + COLUMNS
    i = 0
    while doc.page_count <= pages:
        writer.paragraph(paragraphs[i % len(paragraphs)])
        i += 1
        if persian_every and doc.page_count % persian_every == 0 and writer.y < BOTTOM - 120:
            writer.y = rtl_box(writer.page, pymupdf.Rect(LEFT, writer.y, RIGHT, writer.y + 110), PERSIAN, 12)
            writer.y += PARA_GAP
    doc.delete_page(doc.page_count - 1)
    return doc.tobytes(garbage=1)


def scanned_pdf() -> bytes:
    """A page that is only a picture: no text layer at all."""
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 120, 160), False)
    pix.set_rect(pix.irect, (235, 235, 225))
    page.insert_image(pymupdf.Rect(50, 50, 545, 790), pixmap=pix)
    return doc.tobytes()


def encrypted_pdf(user_pw: str = "secret") -> bytes:
    """AES-256 encrypted; with an empty user password anyone may open it (owner rights only)."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "Quarterly figures for the board.", fontsize=12)
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=user_pw, owner_pw="owner")


def without_tounicode(data: bytes) -> bytes:
    """The same PDF with every font's ToUnicode map removed: text comes out as glyph ids."""
    doc = pymupdf.open(stream=data)
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            doc.xref_set_key(xref, "ToUnicode", "null")
    return doc.tobytes()


def furniture_pdf() -> bytes:
    """Three pages with a rotated watermark, a printer's slug outside the trim box and a page number."""
    doc = pymupdf.open()
    for number in range(1, 4):
        page = doc.new_page()
        page.set_trimbox(pymupdf.Rect(30, 30, page.rect.width - 30, page.rect.height - 30))
        page.insert_text((10, 20), f"report_final.indd {number} 12/05/2023 10:15", fontsize=6)
        page.insert_text((160, 600), "CONFIDENTIAL", fontsize=60, rotate=0, morph=(pymupdf.Point(160, 600), pymupdf.Matrix(35)), color=(0.85, 0.85, 0.85))
        page.insert_text((72, 100), f"Section {number} of the annual review opens here and goes on.", fontsize=11)
        page.insert_text((297, 800), str(number), fontsize=9)
    return doc.tobytes()
