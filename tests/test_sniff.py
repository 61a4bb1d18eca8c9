"""Format from bytes, never from the file name: HTML saved as .txt is HTML, prose mentioning tags is text."""
import pytest

from extractors.sniff import binary_kind, container_kind, sniff, wire_kind

PAGE = b"<!DOCTYPE html><html><head><title>t</title></head><body><div><p>Hello world</p></div></body></html>"


@pytest.mark.parametrize("data", [
    PAGE,
    b"\xef\xbb\xbf" + PAGE,
    b"  \n<!-- saved by a crawler -->\n" + PAGE,
    b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">' + PAGE[15:],
    "\ufeff<html><body><p>سلام</p></body></html>".encode("utf-16-le"),
    "<html><body><p>Привет</p></body></html>".encode("utf-16-be"),
    b"<HTML><BODY BGCOLOR=white><P>old school</P></BODY></HTML>",
    b"<meta charset='utf-8'><title>x</title><p>fragment saved from a browser</p>",
])
def test_html(data):
    assert sniff(data) == "html"


def test_html_without_doctype_recognised_by_tag_density():
    body = b"Saved page\n" + b"<div class='post'><p>line</p><span>x</span><a href='/'>y</a></div>\n" * 10
    assert sniff(body) == "html"


@pytest.mark.parametrize("data", [
    b"Leave a <b>reply</b> here, please.\nNothing else.",
    "Статья о тегах <div> и <p> в HTML: как их использовать.\n".encode() * 5,
    "متن ساده فارسی بدون هیچ نشانه‌گذاری.\n".encode("utf-8") * 20,
    "نص عربي".encode("cp1256") * 30,
    b"<john@example.com> wrote:\n> quoted line\nreply text",
    b"Subject line: hi\nFrom the desk: a note\n\n<not html> just angle brackets",
])
def test_text(data):
    assert sniff(data) == "text"


def test_a_header_block_is_an_email_even_with_angle_brackets_in_the_body():
    assert sniff(b"Subject: hi\nFrom: a@b.c\n\n<not html> just angle brackets") == "email"


def test_pdf_and_binary():
    assert sniff(b"%PDF-1.7\n%\xe2\xe3") == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64) == "binary"
    assert binary_kind(b"PK\x03\x04rest") == "zip"
    assert sniff(bytes(range(256)) * 4) == "binary"


@pytest.mark.parametrize("head, kind", [
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b"WARC/1.1\r\nWARC-Type: response\r\n", "warc"),
    (bytes([0x1F, 0x8B, 8, 0]) + b"\0" * 12, "gzip"),
    (b"(\xb5/\xfd" + b"\0" * 12, "zstd"),
    (b"BZh91AY&SY" + b"\0" * 6, "bzip2"),
    (PAGE, None),
    (b"%PDF-1.7\n", None),
])
def test_containers_are_known_by_their_first_bytes(head, kind):
    from extractors.sniff import container_kind

    assert container_kind(head) == kind


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_or_without_a_bom_is_html_or_text_not_binary(encoding):
    assert sniff(PAGE.decode().encode(encoding)) == "html"
    assert sniff("River report\n\nکابل: the bridge reopened on Monday.\n".encode(encoding)) == "text"


def test_utf16_and_binary_with_nuls_are_not_taken_for_utf32():
    assert sniff(PAGE.decode().encode("utf-16-le")) == "html"
    assert sniff(b"\x00" * 1000) == "binary"


def test_binary_bytes_opening_with_soh_are_no_agency_story():
    """1 binary file in 256 opens with SOH and soon holds an STX; a 7901/ANPA header between them is text."""
    junk = b"\x01\x07\xc5\xc4\x1e\x91\xfb<\x02" + bytes(range(256)) * 4
    assert container_kind(junk) is None and wire_kind(junk) is None
    assert wire_kind(b"\x01AP0001 3 i 0100\r\nSLUG\r\n\x02Text\x03") == "iptc7901"


@pytest.mark.parametrize("data, kind", [
    (b'<?xml version="1.0"?>\n<!DOCTYPE NewsML PUBLIC "urn:newsml:iptc.org:20031010:NewsMLv1.2:" "NewsMLv1.2.dtd">\n<NewsML Version="1.2">'
     b"<NewsEnvelope/></NewsML>", "newsml1"),
    (b"<NewsItem Duid='x'><NewsComponent/></NewsItem>", "newsml1"),  # NewsML 1.x capitalises, NewsML-G2 (newsItem) not
    (b'{"uri": "urn:x:1", "headline": "H", "body_text": "B", "versioncreated": "2024-03-10T06:00:00Z"}', "ninjs"),
    (b'[{"uri": "urn:x:1", "headlines": [{"value": "H"}], "bodies": [{"value": "B"}]}]', "ninjs"),
    (b'{"uri": "https://api.example.org/1", "title": "H", "body": "B"}', "text"),  # JSON that is no ninjs stays text
    (b'{"@type": "NewsArticle", "headline": "H", "articleBody": "B"}', "text"),
])
def test_agency_formats_newsml1_and_ninjs_are_known_by_their_bytes(data, kind):
    assert sniff(data) == kind
