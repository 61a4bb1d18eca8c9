"""E-mail (.eml, .mbox) to Drafts: the message body is one record, each document attached is its own.

Subject is the title, the sender the author, Date the publication date; the body is the text/plain
part, else the HTML part's text. Attachments that are documents (PDF, HTML, text, XML, Office files
are not: they have no extractor) are cut out by `split_email` and linked to the message.

>>> msg = b"From: Jane Roe <jane@example.org>\\nSubject: Field report\\nDate: Sun, 10 Mar 2024 06:15:00 +0430\\n" \\
...       b"Message-ID: <1@example.org>\\n\\nFirst paragraph.\\n\\nSecond.\\n"
>>> d = extract_email(msg)
>>> d.title, d.authors, d.published, d.paragraphs, d.delivery["guid"]
('Field report', ['Jane Roe'], '2024-03-10T06:15:00+04:30', ['First paragraph.', 'Second.'], '<1@example.org>')
"""
from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

from extractors.wire.common import delivery_info, html_paragraphs, new_draft
from normalizers.dates import parse_date
from output.draft import Draft
from output.errors import CorruptInput

# Header names that open a message; two of them in the first lines make the bytes an e-mail.
_HEADERS = re.compile(rb"^(?:From|To|Cc|Subject|Date|Message-ID|MIME-Version|Received|Return-Path|Delivered-To|"
                      rb"Content-Type|Reply-To|X-[\w-]+):[ \t]", re.I | re.M)
_MBOX_FROM = re.compile(rb"^From \S+", re.M)  # the envelope line that starts every message of an mbox
DOCUMENT_TYPES = ("application/pdf", "text/html", "application/xhtml+xml", "text/plain", "application/xml",
                  "text/xml", "application/nitf+xml", "application/vnd.iptc.g2.newsitem+xml", "message/rfc822")


def is_email(data: bytes) -> bool:
    head = data[:4096]
    body = head.partition(b"\n")[2] if head.startswith(b"From ") else head  # a lone "From " line has no body
    top = body.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    names = {m.group(0).split(b":")[0].lower() for m in _HEADERS.finditer(top)}
    return len(names) >= 2 and bool(names & {b"from", b"received", b"return-path", b"message-id"}) and top.lstrip()[:1] not in (b"<", b"{")


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox (bytes each, envelope line dropped); one message is returned as it is."""
    if not data.startswith(b"From "):
        return [data]
    starts = [m.start() for m in _MBOX_FROM.finditer(data) if m.start() == 0 or data[m.start() - 1:m.start()] == b"\n"]
    messages = [data[a:b] for a, b in zip(starts, starts[1:] + [len(data)])]
    return [re.sub(rb"^>(>*From )", rb"\1", m.split(b"\n", 1)[1] if b"\n" in m else b"", flags=re.M) for m in messages]


def attachments(data: bytes) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, content type) of each attached document, in order."""
    message = _parse(data)
    out = []
    for n, part in enumerate(message.iter_attachments(), 1):
        kind = part.get_content_type()
        if kind not in DOCUMENT_TYPES:
            continue
        payload = part.get_payload(decode=True) if kind != "message/rfc822" else part.get_payload()[0].as_bytes()
        if payload:
            out.append((part.get_filename() or f"attachment-{n}", payload, kind))
    return out


def extract_email(data: bytes, uri: str = "") -> Draft:
    message = _parse(split_mbox(data)[0])
    draft = new_draft("email")
    draft.kind = "document"
    draft.title = str(message.get("Subject", "") or "").strip() or None
    senders = getaddresses([str(message.get("From", ""))])
    draft.authors = [name or address for name, address in senders if name or address]
    draft.published_raw = str(message.get("Date", "") or "").strip() or None
    draft.published = parse_date(draft.published_raw) if draft.published_raw else None
    draft.paragraphs = _without_quotes(_body(message), draft)
    if not draft.paragraphs:
        draft.warnings.append("the message has no text body")
    recipients = [a for _n, a in getaddresses([str(message.get(h, "")) for h in ("To", "Cc")]) if a]
    draft.delivery = delivery_info(format="email", guid=str(message.get("Message-ID", "")).strip(),
                                   in_reply_to=str(message.get("In-Reply-To", "")).strip(), recipients=recipients or None,
                                   attachments=[name for name, _d, _k in attachments(data)] or None)
    return draft


def _without_quotes(paragraphs: list[str], draft: Draft) -> list[str]:
    """Quoted replies ('> …') and the signature (after '-- ') are kept in `stripped`, not in the text."""
    kept = []
    for n, paragraph in enumerate(paragraphs):
        if paragraph.startswith("-- ") or paragraph == "--":
            for rest in paragraphs[n:]:
                draft.strip(rest, "email_signature")
            break
        if paragraph.startswith(">"):
            draft.strip(paragraph, "email_quote")
        else:
            kept.append(paragraph)
    return kept


def _parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not message.keys():
        raise CorruptInput("e-mail without headers")
    return message


def _body(message: EmailMessage) -> list[str]:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return []
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # unknown charset: bytes as Latin-1 keep every line
        content = (part.get_payload(decode=True) or b"").decode("latin-1")
    if part.get_content_type() == "text/html":
        return html_paragraphs(content or "")
    return [p for p in (re.sub(r"\s+", " ", x).strip() for x in re.split(r"\n\s*\n", content)) if p]
