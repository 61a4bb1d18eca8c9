"""Bad HTML ends in a draft or a named IngestError (a quarantine reason), never a crash or a hang."""
import pytest

from extractors.html import extract_html
from extractors.pipeline import extract_document
from output.errors import IngestError, NoContent

pytestmark = pytest.mark.timeout(60)

PROSE = "<p>" + "The council approved the new budget after a long debate about schools and roads. " * 3 + "</p>"


def test_truncated_page():
    html = ("<html><head><title>Cut</title></head><body><article>" + PROSE * 3 + "<p>The last paragraph was cut mid")
    d = extract_html(html.encode())
    assert "council approved" in d.text() and "cut mid" in d.text()


def test_nesting_10000_deep_degrades_without_recursion_error():
    html = ("<html><head><title>Deep page</title></head><body><h1>Deep page</h1>" + "<div>" * 10000
            + "<p>deep text survives</p>" + "</div>" * 10000 + "</body></html>")
    d = extract_html(html.encode())
    assert d.title == "Deep page" and d.text() == "deep text survives" and d.warnings  # the headline once, as the title


def test_twenty_megabytes():
    html = "<html><body><nav><a href='/'>Home</a></nav>" + PROSE * 80_000 + "</body></html>"
    assert len(html) > 20_000_000
    d = extract_html(html.encode())
    assert d.text().startswith("The council approved")


def test_no_body_is_no_content():
    with pytest.raises(NoContent):
        extract_html(b"<html><head><title>Only a title</title><script>var a = 1;</script></head></html>")


def test_only_comments_is_no_content():
    with pytest.raises(NoContent):
        extract_html(b"<!-- nothing here -->")


def test_binary_bytes_are_quarantined_by_the_pipeline():
    with pytest.raises(IngestError):
        extract_document(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "file:///x.html")


def test_binary_noise_inside_html():
    html = b"<html><body>" + PROSE.encode() + bytes(range(32)) * 50 + b"\xff\xfe\x00" + PROSE.encode() + b"</body></html>"
    d = extract_html(html)
    assert "council approved" in d.text()


def test_wrong_charset_declared():
    html = ("<html><head><meta charset='windows-1251'></head><body>" + PROSE + "<p>Café déjà vu — naïve résumé, straße.</p></body></html>")
    d = extract_html(html.encode("utf-8"))
    assert "Café déjà vu" in d.text() and d.encoding == "utf-8"


def test_xml_declaration_with_encoding():
    html = '<?xml version="1.0" encoding="utf-8"?><html><body>' + PROSE + "</body></html>"
    assert "council approved" in extract_html(html.encode()).text()


def test_pipeline_record_for_article_fixture():
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "html" / "article_ur.html").read_bytes()
    record = extract_document(data, "file:///article_ur.txt")  # the extension does not matter
    assert record["kind"] == "article" and record["source"]["format"] == "html"


@pytest.mark.parametrize("nested", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000])
def test_json_ld_nested_too_deep_to_parse_is_skipped_and_the_page_kept(nested):
    html = (f'<html><head><title>River</title><script type="application/ld+json">{nested}</script></head>'
            f"<body><article>{PROSE}</article></body></html>")
    record = extract_document(html.encode(), "file:///deep-jsonld.html")  # was RecursionError: the page quarantined
    assert "council approved" in record["text"]


def test_a_tag_with_200000_attributes_is_parsed_in_seconds_not_minutes():
    attributes = " ".join(f'data-a{i}="x"' for i in range(200_000))  # libxml2 checks each against the others: n²
    html = f"<html><head><title>River</title></head><body><article><p {attributes}>{PROSE[3:-4]}</p></article></body></html>"
    assert "council approved" in extract_html(html.encode()).text()


@pytest.mark.timeout(120)
def test_an_article_of_30000_dated_paragraphs_is_read_in_linear_time():
    """Each date looked for a 'joined' label by reading all the text before it and its whole parent: n²."""
    dated = "".join(f"<p>Posted on {1 + i % 28} March {1900 + i % 200}</p>" for i in range(30_000))
    html = f"<html><head><title>River</title></head><body><article><h1>River</h1>{PROSE}{dated}</article></body></html>"
    assert "Posted on 12 March 2099" in extract_document(html.encode(), "file:///dated.html")["text"]


@pytest.mark.parametrize("shape", ["br", "cards"])
def test_a_page_of_many_elements_keeps_every_line_in_order(shape):
    """Per-element measures are columns by document position: many elements still map to their own text."""
    lines = [f"Line {i} of the council minutes records a vote on roads." for i in range(20_000)]
    if shape == "br":
        body = "<p>" + "<br>\n".join(lines) + "</p>"
    else:
        body = "".join(f"<div class='card'><div><span>{line}</span></div></div>" for line in lines)
    html = f"<html><head><title>Minutes</title></head><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
    text = extract_html(html.encode()).text()
    assert [line for line in text.splitlines() if line.startswith("Line ")] == lines


def test_a_long_text_is_cleaned_in_chunks_exactly_as_at_once():
    """clean_text cuts texts over a megabyte between two letters: no space run may cross a cut."""
    import random

    from extractors import html_article

    rng = random.Random(3)
    pieces = ["word", " ", "  ", "\n", " \n ", "\n\n", "\t", "\u00a0", "x" * 50, "\u3000 ", "\n \t\n"]
    text = "".join(rng.choice(pieces) for _ in range(600_000))
    assert len(text) > 2 * html_article._CLEAN_CHUNK
    assert html_article.clean_text(text) == html_article._clean_spaces(text).strip()


def test_a_big_page_hands_its_freed_tree_back():
    from extractors import memory

    assert memory.release_freed_memory(memory.TRIM_FROM_BYTES - 1) is False  # an ordinary page: no heap walk
    assert memory.release_freed_memory(memory.TRIM_FROM_BYTES) is (memory._TRIM is not None)  # glibc: trimmed
