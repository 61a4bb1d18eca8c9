"""PDF extractor (stub, to be replaced)."""
from __future__ import annotations

from output.draft import Draft
from output.errors import CorruptInput, EncryptedPDF


def extract_pdf(data: bytes, *, uri: str = "") -> Draft:
    import pymupdf

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises its own FileDataError and RuntimeErrors
        raise CorruptInput(f"pymupdf could not open the PDF: {exc}") from exc
    if doc.needs_pass:
        raise EncryptedPDF("PDF is encrypted and no password was given")
    draft = Draft(kind="document", extractor="pdf")
    for page in doc:
        draft.paragraphs.extend(b.strip() for b in page.get_text().split("\n\n") if b.strip())
    if not draft.paragraphs:
        draft.warnings.append("no_text_layer")
    return draft
