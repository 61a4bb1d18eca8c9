"""Wire copy as agencies deliver it: NITF, NewsML-G2, IPTC 7901 / ANPA text, e-mail (fixtures in tests/fixtures/wire,
written from the public specifications with invented agencies, people and values)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.wire.iptc7901 import extract_7901, is_framed, split_7901
from extractors.wire.mail import attachments, extract_email, is_email, split_mbox
from extractors.wire.newsml import extract_newsml, split_newsml
from extractors.wire.nitf import extract_nitf
from output.errors import CorruptInput

WIRE = Path(__file__).parent / "fixtures" / "wire"


def read(name: str) -> bytes:
    return (WIRE / name).read_bytes()


def test_nitf_embargoed_item_gives_every_field():
    d = extract_nitf(read("nitf_embargoed_en.xml"))
    assert d.title == "Grain corridor deal extended by six months"
    assert d.subtitle == "Ports to reopen next week"
    assert d.authors == ["Maria Lindqvist", "Omid Rahimi"]
    assert d.dateline == "ISTANBUL"
    assert d.published == "2024-03-10T06:15:00+04:30"  # the agency's own offset, not moved to UTC
    assert d.publisher == "Northwind News Service"
    assert d.delivery["embargoed"] == "2024-03-11T00:00:00+04:30"
    assert d.delivery["status"] == "embargoed" and d.delivery["guid"] == "NNS-2024-0310-0042"
    assert d.delivery["version"] == 1 and d.delivery["slugline"] == "GRAIN-CORRIDOR"
    assert d.delivery["subjects"] == ["economy, business and finance", "politics", "grain", "shipping"]
    assert d.paragraphs[-1] == "Odesa | 41"  # table rows keep their cells apart
    assert not any("<" in p for p in d.paragraphs)


def test_nitf_correction_names_the_item_it_corrects_and_the_credited_agency():
    d = extract_nitf(read("nitf_correction_en.xml"))
    assert d.delivery["version"] == 2 and d.delivery["signal"] == "correction"
    assert d.delivery["correction_of"] == "NNS-2024-0310-0042"
    assert d.authors == ["Maria Lindqvist"]  # a byline in capitals is given in title case
    assert d.original_source == "Baltic Press Agency"  # credited by the dateline's form, not by a list of agencies


def test_nitf_without_body_and_malformed_xml_are_named_errors():
    with pytest.raises(CorruptInput, match="without a <body>"):
        extract_nitf(b"<nitf><head/></nitf>")
    with pytest.raises(CorruptInput, match="malformed XML"):
        extract_nitf(b"<nitf><body><p>cut short")


def test_xml_entities_are_never_expanded_nor_fetched():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<nitf><body><body.content><p>&c; &x; safe</p></body.content></body></nitf>")
    d = extract_nitf(bomb)
    assert "root:" not in " ".join(d.paragraphs) and "aaaa" not in " ".join(d.paragraphs)


def test_newsml_item_in_arabic_with_xhtml_body():
    d = extract_newsml(read("newsml_item_ar.xml"))
    assert d.title.startswith("مصرف لبنان")
    assert d.authors == ["ليلى حداد"] and d.publisher == "Sahel Wire"
    assert d.original_source == "وكالة الأنباء المتوسطية"  # infoSource other than the provider
    assert d.language_hint == "ar" and len(d.paragraphs) == 2
    assert d.delivery == {"format": "newsml-g2", "guid": "urn:newsml:sahel-wire.example:20240310:ar-0007", "version": 1,
                          "status": "stat:usable", "urgency": "4", "slugline": "LEBANON-ECONOMY/", "subjects": ["اقتصاد"]}


def test_newsml_message_is_cut_into_one_part_per_package_reference():
    parts = split_newsml(read("newsml_message_fa_ru.xml"))
    assert [name.split("-", 2)[:2] for name, _ in parts] == [["item", "1"], ["item", "2"], ["item", "3"]]
    fa, ru, missing = (extract_newsml(data) for _, data in parts)
    assert fa.language_hint == "fa" and fa.authors == ["سارا محمدی"]
    assert fa.delivery["version"] == 3 and fa.delivery["signal"] == "update"
    assert fa.delivery["embargoed"] == "2024-03-10T12:00:00+03:30"
    assert fa.published == "2024-03-10T09:10:00+03:30" and fa.modified == "2024-03-10T11:45:00+03:30"
    assert fa.paragraphs[0].startswith("گذرگاه مرزی آستارا")  # body from the NITF inside inlineXML
    assert ru.authors == ["Ирина Волкова"] and ru.original_source == "Каспийское агентство"
    assert ru.paragraphs[1] == "Стороны договорились встретиться снова через две недели."
    assert missing.title == "Weather warning for the coast" and missing.warnings  # referenced, not delivered


def test_single_newsml_item_is_not_split():
    assert split_newsml(read("newsml_item_ar.xml")) == []


def test_package_without_items_is_a_named_error():
    with pytest.raises(CorruptInput, match="no newsItem"):
        split_newsml(b'<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="p"/>')


def test_7901_feed_file_is_cut_into_stories_with_header_fields():
    data = read("feed_7901_two_stories.txt")
    assert is_framed(data)
    first, second = (extract_7901(frame) for _, frame in split_7901(data))
    assert first.title == "Floods cut highway in northern Afghanistan"
    assert first.authors == ["Ahmad Wali"]  # the role line under the byline is not a name
    assert ("Northwind Staff Writer", "byline_role") in [(s.text, s.reason) for s in first.stripped]
    assert first.dateline == "MAZAR-I-SHARIF, Afghanistan" and first.published == "2024-03-10T06:15:00Z"
    assert first.delivery["priority"] == "urgent" and first.delivery["word_count"] == 187
    assert first.delivery["slugline"] == "AFGHAN-FLOODS" and first.delivery["guid"] == "NW0042"
    assert first.paragraphs[-1] == "Rescue teams reached two villages by evening."
    assert "ENDS" not in " ".join(first.paragraphs)
    assert second.delivery["priority"] == "flash"
    assert second.original_source == "Indus Press"  # an agency the feed credits, found by the dateline's form


@pytest.mark.parametrize("agency", ["Xinhua", "Anadolu", "Pajhwok", "Zarafshan Wire"])
def test_7901_dateline_credit_follows_any_agency_name(agency):
    story = ("\x01ZZ0001 4 i 0020\r\nSLUG\r\n\x02A headline line\r\n   HERAT, Afghanistan (" + agency +
             ") \u2014 Something happened on Sunday, officials said.\r\n\x03").encode()
    assert extract_7901(story).original_source == agency


def test_unframed_text_is_a_named_error():
    with pytest.raises(CorruptInput):
        extract_7901(b"no frame here")


def test_email_body_subject_sender_and_attachments():
    data = read("email_with_attachment.eml")
    assert is_email(data)
    d = extract_email(data)
    assert d.title == "Weekly situation report, Herat" and d.authors == ["Field Office"]
    assert d.published == "2024-03-10T16:40:00+04:30"
    assert d.paragraphs == ["Dear colleagues,", "Attached is this week's situation report for Herat province. "
                            "Water trucking reached 4,200 families."]
    assert {s.reason for s in d.stripped} == {"email_quote", "email_signature"}
    assert d.delivery["attachments"] == ["summary.html"]  # the PNG logo is no document
    assert [(name, kind) for name, _, kind in attachments(data)] == [("summary.html", "text/html")]


def test_mbox_is_cut_into_messages_and_unescapes_from_lines():
    one = b"From: a@example.org\nSubject: One\nMessage-ID: <1@x>\n\nBody one.\n>From here on.\n"
    two = b"From: b@example.org\nSubject: Two\nMessage-ID: <2@x>\n\nBody two.\n"
    mbox = b"From a@example.org Sun Mar 10 06:15:00 2024\n" + one + b"\nFrom b@example.org Sun Mar 10 07:00:00 2024\n" + two
    messages = split_mbox(mbox)
    assert len(messages) == 2 and b"\nFrom here on." in messages[0]
    assert [extract_email(m).title for m in messages] == ["One", "Two"]


def test_prose_and_html_are_not_email():
    assert not is_email(b"From: the editors. To: all readers. This is prose.")
    assert not is_email(b"<html><body>From: x</body></html>")


# ---------------------------------------------------------------- through the pipeline: sniff, unpack, extract, quarantine

def _outcomes(path: Path) -> list[dict]:
    from extractors.pipeline import Options
    from flows.process import process_source
    from flows.sources import Source

    outcome = process_source(Source(str(path), path=str(path)), Options())
    return outcome["outcomes"] if "container" in outcome else [outcome]


@pytest.mark.parametrize("name, formats", [
    ("nitf_embargoed_en.xml", ["nitf"]),
    ("newsml_item_ar.xml", ["newsml"]),
    ("newsml_message_fa_ru.xml", ["newsml", "newsml", "newsml"]),
    ("feed_7901_two_stories.txt", ["iptc7901", "iptc7901"]),
    ("email_with_attachment.eml", ["email", "html"]),
])
def test_each_item_of_a_file_becomes_its_own_record(name, formats):
    records = [o["record"] for o in _outcomes(WIRE / name)]
    assert [r["source"]["format"] for r in records] == formats
    assert len({r["id"] for r in records}) == len(records)
    if len(records) > 1:
        assert all(r["source"]["container"]["uri"] == str(WIRE / name) for r in records[1:])


def test_languages_of_a_multilingual_message():
    records = [o["record"] for o in _outcomes(WIRE / "newsml_message_fa_ru.xml")]
    assert [r["language"] for r in records[:2]] == ["fa", "ru"]
    assert records[0]["delivery"]["embargoed"] == "2024-03-10T12:00:00+03:30"


def test_attachment_is_linked_to_its_message():
    message, attachment = (o["record"] for o in _outcomes(WIRE / "email_with_attachment.eml"))
    assert attachment["source"]["container"]["attached_to"] == message["source"]["uri"]
    assert "4,200 families" in attachment["text"] and message["delivery"]["attachments"] == ["summary.html"]


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><nitf><body><body.content><p>cut',
    b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet></itemSet></newsMessage>',
    b"\x01XX0001 4 i 0010\r\nSLUG\r\n\x02\r\n\x03",
])
def test_malformed_wire_files_are_quarantined_with_a_reason(tmp_path, data):
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    (outcome,) = _outcomes(path)
    assert outcome["quarantine"]["reason"] == "corrupt"


def test_a_correction_links_to_the_version_it_supersedes_across_runs(tmp_path):
    from extractors.pipeline import extract_document
    from output.writer import RunWriter

    first = extract_document(read("nitf_embargoed_en.xml"), "feed/0042-v1.xml")
    correction = extract_document(read("nitf_correction_en.xml"), "feed/0042-v2.xml")
    with RunWriter(tmp_path) as writer:
        writer.write_record(first)
        summary = writer.close()
    assert summary["updates"] == 0 and "supersedes" not in first["delivery"]
    with RunWriter(tmp_path) as writer:  # the correction arrives in a later run
        writer.write_record(correction)
        summary = writer.close()
    assert correction["delivery"]["supersedes"] == first["id"]
    assert summary["records"] == 1 and summary["updates"] == 1


def test_an_older_version_arriving_late_supersedes_nothing(tmp_path):
    from extractors.pipeline import extract_document
    from output.writer import RunWriter

    newer = extract_document(read("nitf_correction_en.xml"), "feed/0042-v2.xml")
    older = extract_document(read("nitf_embargoed_en.xml"), "feed/0042-v1.xml")
    with RunWriter(tmp_path) as writer:
        writer.write_record(newer)
        writer.write_record(older)
        summary = writer.close()
    assert "supersedes" not in older["delivery"] and summary["updates"] == 0


def test_anpa_header_with_slug_version_and_word_count_last():
    story = (b"\x16\x16\x01f0417 r a BC-Afghan-Floods 1stLd-Writethru 03-10 0620\r\n\x02"
             b"^BC-Afghan-Floods,1st Ld-Writethru,0620<\r\n^Floods cut northern highway<\r\n^By AHMAD WALI=\r\n"
             b"\tKABUL, Afghanistan (AP) \x97 Floods cut the highway on Sunday.\r\n\x03")
    d = extract_7901(story)
    assert d.delivery["format"] == "anpa1312" and d.delivery["priority"] == "normal"
    assert d.delivery["category"] == "domestic" and d.delivery["word_count"] == 620
    assert d.delivery["slugline"] == "BC-Afghan-Floods" and d.delivery["note"] == "1stLd-Writethru 03-10"
    assert d.title == "Floods cut northern highway" and d.authors == ["Ahmad Wali"]
    assert d.paragraphs == ["KABUL, Afghanistan (AP) \u2014 Floods cut the highway on Sunday."]  # windows-1252 dash decoded


def test_mbox_through_the_pipeline_gives_each_message_and_its_attachment(tmp_path):
    message = read("email_with_attachment.eml")
    other = b"From: Desk <desk@monitor.example.net>\nSubject: Re: Weekly situation report\nMessage-ID: <r1@x>\n\nThanks, received.\n"
    path = tmp_path / "inbox.mbox"
    path.write_bytes(b"From reports@relief.example.org Sun Mar 10 16:40:00 2024\n" + message +
                     b"\nFrom desk@monitor.example.net Sun Mar 10 17:00:00 2024\n" + other)
    records = [o["record"] for o in _outcomes(path)]
    assert [r["source"]["uri"].split("#", 1)[1] for r in records] == [
        "message-1", "message-1#attachment-1-summary.html", "message-2"]
    assert [r["title"] for r in records] == ["Weekly situation report, Herat", "Herat summary", "Re: Weekly situation report"]


@pytest.mark.parametrize("publisher, credited, source", [
    (None, None, "XYZ"),  # nothing named: place and agency from the lead
    ("XYZ", None, None),  # the publisher's own story: its place still, no other agency
    ("Daily Post", "ABC", "ABC"),  # the metadata's credit stands; the lead still gives the place
])
def test_a_wire_lead_gives_its_place_whoever_is_credited(publisher, credited, source):
    from extractors.wire.common import credit_from_lead
    from output.draft import Draft

    draft = Draft(kind="article", extractor="test", publisher=publisher, original_source=credited,
                  paragraphs=["KABUL, Afghanistan (XYZ) — Floods cut the road on Monday."])
    credit_from_lead(draft)
    assert (draft.dateline, draft.original_source) == ("KABUL, Afghanistan", source)
