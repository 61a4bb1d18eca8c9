"""Hostile bytes through `extract_document` (what `docingest extract` runs): each is a record with its text or a
named IngestError, never a record with an empty text that looks like a success."""
from __future__ import annotations

import pytest

from extractors.pipeline import extract_document
from output.errors import EmptyInput, NoContent, UnsupportedFormat

PROSE = "The committee published its report on the state of the river and the bridges in the valley. "
PAGE = f"<html><head><title>Bridge report</title></head><body><article><p>کابل {PROSE * 3}</p></article></body></html>"


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xff\xfe", " \n\t".encode("utf-16"), "\u00a0 \n".encode("utf-32")],
                         ids=["utf8-bom", "utf16-bom", "utf16-spaces", "utf32-spaces"])
def test_a_byte_order_mark_or_spaces_alone_are_empty(data):
    with pytest.raises(EmptyInput):
        extract_document(data, "file:///blank.txt")


@pytest.mark.parametrize("data", [b"<", b"<p>a</p>", "<html></html>".encode("utf-32")])
def test_markup_without_text_is_no_content_not_an_empty_record(data):
    with pytest.raises(NoContent):
        extract_document(data, "file:///bare.html")


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("kind", ["html", "txt"])
def test_utf32_with_or_without_a_bom_keeps_its_text(encoding, kind):
    doc = PAGE if kind == "html" else f"Bridge report\n\nکابل {PROSE * 3}\n"
    record = extract_document(doc.encode(encoding), f"file:///page.{kind}")
    assert record["source"]["format"] == ("html" if kind == "html" else "text")
    assert record["source"]["encoding"].startswith("utf-32")
    assert "کابل The committee published its report" in record["text"]


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<rss version="2.0"><channel><title>&b;</title><item><link>https://example.org/1</link></item></channel></rss>',
    b'<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed xmlns="http://www.w3.org/2005/Atom">'
    b'<title>&x;</title><entry><content>' + PROSE.encode() * 3 + b"</content></entry></feed>",
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/</loc></url></urlset>',
], ids=["billion-laughs-rss", "xxe-atom", "sitemap"])
def test_a_feed_file_is_named_unsupported_not_a_record_of_its_markup(data):
    with pytest.raises(UnsupportedFormat, match="feed"):
        extract_document(data, "file:///news.xml")
