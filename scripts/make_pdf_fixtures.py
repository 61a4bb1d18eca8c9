"""Make the Persian fixture PDFs in tests/fixtures/pdf/ with the tools that make such PDFs in the wild.

    .venv/bin/python scripts/make_pdf_fixtures.py

Needs (not on CI: the PDFs are committed, so CI needs no TeX or office suite):
  xelatex + xepersian   Debian texlive-xetex, texlive-lang-arabic
  soffice               Debian libreoffice-writer-nogui
  Nazli, Titr fonts     Debian fonts-farsiweb
  python-docx           pip install "python-docx>=1.1,<2"

What it writes (words from tests/fixtures/pdf/content.json):
  thesis-xepersian.pdf   a thesis as XePersian typesets it: cover page (title in Titr, student, supervisor,
                         Solar Hijri date), basmala and pledge pages, chapters with a running header and
                         Persian page numbers, a table and a footnote
  report-word.pdf        a Word-style report (DOCX -> PDF by LibreOffice): "بسمه تعالی", a large title,
                         "تهیه کننده:" and a Solar Hijri date, header and footer on every page, a table;
                         /Info title "Microsoft Word - report3.doc"
  report-no-tounicode.pdf  report-word.pdf with the ToUnicode maps removed: LibreOffice's subset fonts have no
                         glyph names or Unicode cmap, so nothing in the file says what the glyphs are (OCR's job)
  persian-glyphnames.pdf Persian drawn by pymupdf in the whole Nazli font (glyph names "afii57416.init"),
                         ToUnicode maps removed: characters only from the font program
  persian-pua.pdf        the same kind of PDF with ToUnicode sending Arabic letters to private-use code points
  thesis-unmapped.pdf    the thesis with the ToUnicode entries of meem deleted (unmapped, no glyph names)
  legacy-cp1256.pdf      a paragraph in a pre-Unicode font: Windows-1256 values that the text layer calls Latin-1
  scanned-thesis.pdf     two thesis body pages, the second only a 150 dpi grey picture (needs OCR)
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "pdf"
FARSIWEB = Path("/usr/share/fonts/truetype/farsiweb")
CONTENT = json.loads((OUT / "content.json").read_text(encoding="utf-8"))
# Where persian-pua.pdf puts Arabic letters and their presentation forms: U+0600.. -> U+E000..,
# U+FB50.. -> U+E100.., U+FE70.. -> U+E500..
PUA_RANGES = ((0x0600, 0x06FF, 0xE000), (0xFB50, 0xFDFF, 0xE100), (0xFE70, 0xFEFF, 0xE500))


def tex_escape(text: str) -> str:
    return re.sub(r"([%&#_$])", r"\\\1", text)


def thesis_tex() -> str:
    t, paras, heads = CONTENT["thesis"], CONTENT["paragraphs"], CONTENT["headings"]
    rows = CONTENT["table"]
    table = "\\\\ \\hline\n".join(" & ".join(tex_escape(c) for c in row) for row in rows)
    p = [tex_escape(x) for x in paras]
    return rf"""\documentclass[12pt,a4paper]{{report}}
\usepackage{{geometry}}
\geometry{{margin=2.5cm}}
\usepackage{{fancyhdr}}
\usepackage{{setspace}}
\usepackage{{xepersian}}
\settextfont{{Nazli}}
\setlatintextfont{{DejaVu Serif}}
\defpersianfont\titlefont{{Titr}}
\pagestyle{{fancy}}
\fancyhf{{}}
\fancyhead[C]{{\small {t['running_header']}}}
\fancyfoot[C]{{\thepage}}
\renewcommand{{\headrulewidth}}{{0.4pt}}
\doublespacing
\begin{{document}}
\begin{{titlepage}}
\centering
{{\large {t['university']}\par}}
\vspace{{0.3cm}}
{{\large {t['faculty']}\par}}
\vspace{{1.5cm}}
{{\normalsize {t['degree']}\par}}
\vspace{{2cm}}
{{\titlefont\huge {t['title']}\par}}
\vspace{{2cm}}
{{\large {t['supervisor_label']}\par}}
{{\Large {t['supervisor']}\par}}
\vspace{{1cm}}
{{\large {t['author_label']}\par}}
{{\Large {t['author']}\par}}
\vfill
{{\large {t['date']}\par}}
\end{{titlepage}}
\thispagestyle{{empty}}
\vspace*{{6cm}}
\begin{{center}}{{\titlefont\Huge {t['basmala']}}}\end{{center}}
\newpage
\thispagestyle{{empty}}
\begin{{center}}{{\Large\bfseries {t['pledge_title']}}}\end{{center}}
\vspace{{1cm}}
{t['pledge']}
\newpage
\section*{{{heads[0]}}}
{p[0]}

{p[1]}
\chapter{{{heads[1].split(': ')[1]}}}
{p[2]}
\section{{{heads[2]}}}
{p[3]}\footnote{{{tex_escape(paras[9].split('. ')[0])}.}}
\section{{{heads[3]}}}
{p[4]}

{p[0]}
\chapter{{{heads[4].split(': ')[1]}}}
{p[5]}
\section{{{heads[5]}}}
{p[6]}
\begin{{table}}[h]
\centering
\begin{{tabular}}{{|c|c|c|c|}}
\hline
{table}\\ \hline
\end{{tabular}}
\end{{table}}

{p[7]}
\section{{{heads[6]}}}
{p[8]}

{p[9]}
\chapter{{{heads[6]}}}
{p[1]}

{p[3]}

{p[7]}
\end{{document}}
"""


def make_thesis(work: Path) -> bytes:
    tex = work / "thesis.tex"
    tex.write_text(thesis_tex(), encoding="utf-8")
    for _ in range(2):  # twice, so the table of references settles
        subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=work,
                       check=True, capture_output=True, timeout=300)
    return (work / "thesis.pdf").read_bytes()


def _rtl(paragraph, size: int | None = None, bold: bool = False, centre: bool = False) -> None:
    """Make a python-docx paragraph right-to-left in Nazli, as Word does for Persian text."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(OxmlElement("w:bidi"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), "Nazli")
        rpr.insert(0, fonts)
        rpr.append(OxmlElement("w:rtl"))
        if size:
            run.font.size = Pt(size)
            szcs = OxmlElement("w:szCs")
            szcs.set(qn("w:val"), str(size * 2))
            rpr.append(szcs)
        if bold:
            run.bold = True
            rpr.append(OxmlElement("w:bCs"))


def _page_field(paragraph) -> None:
    """A PAGE field, as Word's page-number footer holds."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)


def make_report(work: Path) -> bytes:
    import docx
    from docx.shared import Pt

    r, paras = CONTENT["report"], CONTENT["paragraphs"]
    document = docx.Document()
    document.core_properties.title = r["info_title"]
    document.core_properties.author = "Administrator"
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Nazli", Pt(13)
    section = document.sections[0]
    _rtl(section.header.paragraphs[0], 10, centre=True)
    section.header.paragraphs[0].add_run(r["header"])
    _rtl(section.header.paragraphs[0], 10, centre=True)
    footer = section.footer.paragraphs[0]
    footer.add_run("صفحه ")
    _page_field(footer)
    _rtl(footer, 10, centre=True)
    _rtl(document.add_paragraph(r["invocation"]), 12, centre=True)
    _rtl(document.add_paragraph(r["title"]), 20, bold=True, centre=True)
    _rtl(document.add_paragraph(r["author_line"]), 13)
    _rtl(document.add_paragraph(r["date_line"]), 13)
    for text in paras[2:7]:
        _rtl(document.add_paragraph(text), 13)
    rows = CONTENT["table"]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table_pr = table._tbl.tblPr
    from docx.oxml import OxmlElement

    table_pr.append(OxmlElement("w:bidiVisual"))  # first column on the right, as Word lays out a Persian table
    for i, row in enumerate(rows):
        for j, cell_text in enumerate(row):
            cell = table.cell(i, j)
            cell.paragraphs[0].add_run(cell_text)
            _rtl(cell.paragraphs[0], 12, bold=i == 0, centre=True)
    for text in paras[7:] + paras[:2]:
        _rtl(document.add_paragraph(text), 13)
    path = work / "report.docx"
    document.save(path)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(path)],
                   check=True, capture_output=True, timeout=300)
    return (work / "report.pdf").read_bytes()


def without_tounicode(data: bytes) -> bytes:
    doc = pymupdf.open(stream=data, filetype="pdf")
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            doc.xref_set_key(xref, "ToUnicode", "null")
    return doc.tobytes(garbage=3, deflate=True)


def pua_tounicode(data: bytes) -> bytes:
    """Arabic letters in every ToUnicode map moved to the private-use area, as some legacy fonts map them."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    for xref in range(1, doc.xref_length()):
        kind, ref = doc.xref_get_key(xref, "ToUnicode")
        if kind != "xref":
            continue
        target = int(ref.split()[0])
        cmap = doc.xref_stream(target).decode("latin-1")

        def shift(m: re.Match) -> str:
            code = int(m.group(1), 16)
            for start, end, base in PUA_RANGES:
                if start <= code <= end:
                    return f"<{code - start + base:04X}>"
            return m.group(0)

        # destination code points are the last hex string of each bfchar line
        cmap = re.sub(r"(?m)(?<=> )<([0-9A-Fa-f]{4})>$", shift, cmap)
        doc.update_stream(target, cmap.encode("latin-1"))
    return doc.tobytes(garbage=3, deflate=True)


def drawn(paragraphs: list[str]) -> bytes:
    """Persian paragraphs drawn by pymupdf (HarfBuzz shaping) in the whole Nazli font, glyph names and all."""
    css = "@font-face {font-family: nazli; src: url(nazli.ttf);} body {font-family: nazli;} p {margin: 0 0 9pt 0;}"
    archive = pymupdf.Archive(str(FARSIWEB))
    doc = pymupdf.open()
    for half in (paragraphs[: len(paragraphs) // 2], paragraphs[len(paragraphs) // 2 :]):
        page = doc.new_page()
        html = "".join(f'<p dir="rtl" style="font-size:13pt; line-height:1.6">{p}</p>' for p in half)
        page.insert_htmlbox(pymupdf.Rect(72, 72, page.rect.width - 72, page.rect.height - 72), html, css=css, archive=archive)
    return doc.tobytes(garbage=3, deflate=True)


def winansi(data: bytes) -> str:
    """Bytes read as Windows-1252, as a PDF's WinAnsiEncoding does (its five holes as Latin-1)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def legacy_encoded(paragraph: str, work: Path) -> bytes:
    """Persian in a pre-Unicode font: Windows-1256 byte values declared as Latin-1 (Word's output for
    old Arabic-charset fonts), so the text layer reads "ÇíÑÇä". The font is Nazli with its cmap
    moved to those code points; each line is drawn in visual order, right to left."""
    from fontTools.ttLib import TTFont

    font = TTFont(FARSIWEB / "nazli.ttf")
    unicode_cmap = font.getBestCmap()
    legacy = {}
    for byte in range(0x80, 0x100):
        try:
            arabic, latin = bytes([byte]).decode("cp1256"), winansi(bytes([byte]))
        except UnicodeDecodeError:
            continue
        if ord(arabic) in unicode_cmap:
            legacy[ord(latin)] = unicode_cmap[ord(arabic)]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap = {**{c: g for c, g in table.cmap.items() if c < 0x80}, **legacy}
    path = work / "legacy.ttf"
    font.save(path)
    doc = pymupdf.open()
    page = doc.new_page()
    words, lines, line = paragraph.replace("\u200c", " ").split(), [], ""
    for word in words:
        if len(line) + len(word) > 60:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    y = 100
    for text in lines:
        visual = winansi(text.translate(str.maketrans("یک", "يك")).encode("cp1256"))[::-1]
        width = pymupdf.Font(fontfile=str(path)).text_length(visual, fontsize=14)
        page.insert_text((page.rect.width - 72 - width, y), visual, fontsize=14, fontname="legacy", fontfile=str(path))
        y += 24
    return doc.tobytes(garbage=3, deflate=True)


def partly_unmapped(data: bytes, drop: tuple[str, ...] = ("FEE1", "FEE2", "FEE3", "FEE4")) -> bytes:
    """The thesis with the ToUnicode entries of the meem glyphs deleted from its body font, as the XB
    fonts' maps lack some glyphs: those come out as U+FFFD, and nothing else in the file names them."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    for xref in range(1, doc.xref_length()):
        kind, ref = doc.xref_get_key(xref, "ToUnicode")
        if kind != "xref" or "Nazli" not in doc.xref_get_key(xref, "BaseFont")[1]:
            continue
        target = int(ref.split()[0])
        lines = [ln for ln in doc.xref_stream(target).decode("latin-1").splitlines()
                 if not any(ln.endswith(f"<{code}>") for code in drop)]
        chars = sum(1 for ln in lines if re.fullmatch(r"<[0-9A-F]{4}> <[0-9A-F]+>", ln))
        ranges = sum(1 for ln in lines if re.fullmatch(r"<[0-9A-F]{4}> <[0-9A-F]{4}> <[0-9A-F]+>", ln))
        cmap = "\n".join(lines)
        cmap = re.sub(r"(?m)^\d+ beginbfchar$", f"{chars} beginbfchar", cmap)
        cmap = re.sub(r"(?m)^\d+ beginbfrange$", f"{ranges} beginbfrange", cmap)
        doc.update_stream(target, cmap.encode("latin-1"))
    return doc.tobytes(garbage=3, deflate=True)


def scanned(thesis: bytes) -> bytes:
    """Two body pages of the thesis; the second one rasterised, as a scanner would give it."""
    src = pymupdf.open(stream=thesis, filetype="pdf")
    body = 4  # the first chapter (cover, basmala, pledge and abstract come before)
    doc = pymupdf.open()
    doc.insert_pdf(src, from_page=body, to_page=body)
    page = doc.new_page(width=src[body + 1].rect.width, height=src[body + 1].rect.height)
    pix = src[body + 1].get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    page.insert_image(page.rect, stream=pix.tobytes("png"))
    return doc.tobytes(garbage=3, deflate=True)


def main() -> None:
    for tool in ("xelatex", "soffice"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: see this script's docstring for what to install")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        thesis = make_thesis(work)
        report = make_report(work)
        legacy = legacy_encoded(CONTENT["paragraphs"][8], work)
    outputs = {
        "thesis-xepersian.pdf": thesis,
        "report-word.pdf": report,
        "report-no-tounicode.pdf": without_tounicode(report),
        "persian-glyphnames.pdf": without_tounicode(drawn(CONTENT["paragraphs"][:4])),
        "persian-pua.pdf": pua_tounicode(drawn(CONTENT["paragraphs"][4:8])),
        "scanned-thesis.pdf": scanned(thesis),
        "legacy-cp1256.pdf": legacy,
        "thesis-unmapped.pdf": partly_unmapped(thesis),
    }
    for name, data in outputs.items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data) // 1024} KiB, {pymupdf.open(stream=data).page_count} pages")


if __name__ == "__main__":
    main()
