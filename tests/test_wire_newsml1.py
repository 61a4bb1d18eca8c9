"""IPTC NewsML 1.x: fields of each NewsItem, a file of several cut into one record each, bad files quarantined
(fixtures in tests/fixtures/wire, written from the NewsML 1.2 specification with invented agencies, people and values)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.sniff import container_kind, sniff
from extractors.unpack import unpack
from extractors.wire.newsml1 import extract_newsml1, split_newsml1
from output.errors import CorruptInput, NoContent

WIRE = Path(__file__).parent / "fixtures" / "wire"
BUNDLE = (WIRE / "newsml1_two_items_en_fa.xml").read_bytes()
ONE_ARABIC = """<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.1"><NewsEnvelope><SentFrom><Party FormalName="Sahel Wire"/></SentFrom>
<DateAndTime>20240311T070000+0300</DateAndTime></NewsEnvelope>
<NewsItem Duid="sw-ar-0009"><Identification><NewsIdentifier><RevisionId Update="N">1</RevisionId></NewsIdentifier></Identification>
<NewsManagement><Instruction FormalName="Correction"/></NewsManagement>
<NewsComponent><NewsLines><HeadLine>ارتفاع أسعار الخبز في بيروت</HeadLine><ByLine>ليلى حداد</ByLine></NewsLines>
<DescriptiveMetadata><Language FormalName="ar"/></DescriptiveMetadata>
<ContentItem><MediaType FormalName="Text"/><MimeType FormalName="text/plain"/><DataContent>ارتفعت أسعار الخبز في بيروت للمرة الثانية هذا الشهر.

وقال خبازون إن كلفة الطحين زادت.</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>""".encode()


def test_first_item_of_the_bundle_gives_every_field():
    name, data = split_newsml1(BUNDLE)[0]
    d = extract_newsml1(data)
    assert name == "item-1-urn_newsml_caspian-desk.example_20240310_0051_1"
    assert d.title == "Bridge over the Kunar river reopens after floods"
    assert d.subtitle == "Trucks cross again after nine days"
    assert d.authors == ["Hamid Noori", "Clara Weiss"]  # the byline's names, capitals given in title case
    assert d.dateline == "ASADABAD, March 10 (Eastern Valley Press)"
    assert d.publisher == "Caspian Desk Wire"
    assert d.original_source == "Eastern Valley Press"  # credited by the dateline's form, not by a list of agencies
    assert d.published == "2024-03-10T08:15:00+04:30" and d.modified is None  # offset kept, revision = first version
    assert d.language_hint == "en"
    assert d.paragraphs[0].startswith("The bridge over the Kunar river reopened") and d.paragraphs[-1] == "Trucks crossed | 212"
    assert d.captions == ["A truck crosses the rebuilt bridge near Asadabad on Sunday."]  # a caption component is no body text
    assert d.delivery == {"format": "newsml-1", "guid": "urn:newsml:caspian-desk.example:20240310:0051:1", "version": 1,
                          "status": "Usable", "urgency": "4", "slugline": "AFGHAN-BRIDGE/",
                          "subjects": ["16000000", "16009000", "floods"]}


def test_second_item_is_persian_embargoed_and_an_update():
    d = extract_newsml1(split_newsml1(BUNDLE)[1][1])
    assert d.title == "بازگشایی گذرگاه مرزی پس از سه روز" and d.authors == ["مریم احمدی"]
    assert d.original_source == "خبرگزاری دشت" and d.publisher == "Caspian Desk Wire"
    assert d.published == "2024-03-10T09:00:00+03:30" and d.modified == "2024-03-10T11:30:00+03:30"
    assert d.language_hint == "fa" and len(d.paragraphs) == 2 and "گذرگاه" not in d.paragraphs[-1]  # XHTML <title> is no paragraph
    assert d.delivery["embargoed"] == "2024-03-10T12:00:00+03:30" and d.delivery["status"] == "Embargoed"
    assert d.delivery["version"] == 2 and d.delivery["signal"] == "update"  # RevisionId Update="U"


def test_each_part_keeps_the_envelope_sender_and_date_and_only_its_own_item():
    parts = split_newsml1(BUNDLE)
    assert len(parts) == 2
    for _name, data in parts:
        assert data.count(b"<NewsItem ") == 1 and b"<SentFrom>" in data and b"<DateAndTime>" in data


def test_whole_bundle_read_directly_gives_its_first_item_and_says_so():
    d = extract_newsml1(BUNDLE)
    assert d.title.startswith("Bridge over") and "2 NewsItems" in d.warnings[0]


def test_single_item_plain_text_arabic_with_a_correction_instruction():
    assert split_newsml1(ONE_ARABIC) == []
    d = extract_newsml1(ONE_ARABIC)
    assert d.paragraphs == ["ارتفعت أسعار الخبز في بيروت للمرة الثانية هذا الشهر.", "وقال خبازون إن كلفة الطحين زادت."]
    assert d.publisher == "Sahel Wire" and d.published == "2024-03-11T07:00:00+03:00"  # the envelope's, when the item has none
    assert d.authors == ["ليلى حداد"] and d.language_hint == "ar"
    assert d.delivery == {"format": "newsml-1", "guid": "sw-ar-0009", "version": 1, "signal": "correction"}


def test_remote_text_is_a_warning_not_a_body():
    d = extract_newsml1(b'<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>H</HeadLine></NewsLines>'
                        b'<ContentItem Href="story.txt"><MediaType FormalName="Text"/></ContentItem></NewsComponent></NewsItem></NewsML>')
    assert d.paragraphs == [] and "remote" in d.warnings[0]


def test_sniffed_from_the_bytes_and_opened_as_a_bundle():
    assert sniff(BUNDLE) == "newsml1" and sniff(ONE_ARABIC) == "newsml1"
    assert container_kind(BUNDLE[:4096]) == container_kind(b"\xef\xbb\xbf" + BUNDLE[:4096]) == "newsml1"
    parts = list(unpack(BUNDLE, "/in/wire.xml", 1 << 20))
    assert [p.uri.split("#")[1][:6] for p in parts] == ["item-1", "item-2"] and all(p.final for p in parts)
    assert [p.uri for p in unpack(ONE_ARABIC, "/in/one.xml", 1 << 20)] == ["/in/one.xml"]


def test_bad_files_are_named_errors():
    with pytest.raises(NoContent, match="without a NewsItem"):
        extract_newsml1(b"<NewsML><NewsEnvelope><DateAndTime>20240310</DateAndTime></NewsEnvelope></NewsML>")
    with pytest.raises(CorruptInput, match="malformed XML"):
        split_newsml1(b"<NewsML><NewsItem><NewsComponent>cut")


def test_entities_are_never_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE NewsML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY x SYSTEM "file:///etc/passwd">]><NewsML><NewsItem><NewsComponent><ContentItem>'
            b"<DataContent>&b; &x; safe</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>")
    text = " ".join(extract_newsml1(bomb).paragraphs)
    assert "aaaa" not in text and "root:" not in text


# ---------------------------------------------------------------- through the pipeline

def _outcomes(path: Path) -> list[dict]:
    from extractors.pipeline import Options
    from flows.process import process_source
    from flows.sources import Source

    outcome = process_source(Source(str(path), path=str(path)), Options())
    return outcome["outcomes"] if "container" in outcome else [outcome]


def test_bundle_through_the_pipeline_gives_one_record_per_item(tmp_path):
    records = [o["record"] for o in _outcomes(WIRE / "newsml1_two_items_en_fa.xml")]
    assert [r["source"]["format"] for r in records] == ["newsml1", "newsml1"]
    assert [r["language"] for r in records] == ["en", "fa"]
    assert records[1]["delivery"]["embargoed"] == "2024-03-10T12:00:00+03:30"
    assert all(r["source"]["container"]["uri"] == str(WIRE / "newsml1_two_items_en_fa.xml") for r in records)


def test_extract_document_reads_one_item():
    from extractors.pipeline import extract_document

    record = extract_document(ONE_ARABIC, "wire/sw-ar-0009.xml")
    assert record["source"]["format"] == "newsml1" and record["language"] == "ar"
    assert record["delivery"]["format"] == "newsml-1" and record["title"] == "ارتفاع أسعار الخبز في بيروت"


@pytest.mark.parametrize("data, reason", [
    (b"<NewsML><NewsItem><NewsComponent>cut", "corrupt"),
    (b"<NewsML><NewsEnvelope><DateAndTime>20240310</DateAndTime></NewsEnvelope></NewsML>", "no_content"),
])
def test_bad_files_are_quarantined_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    (outcome,) = _outcomes(path)
    assert outcome["quarantine"]["reason"] == reason


RELEASE = """<NewsML Version="1.2"><NewsEnvelope><SentFrom><Party FormalName="Release Wire"/></SentFrom>
<DateAndTime>20240312T140000+0000</DateAndTime></NewsEnvelope>
<NewsItem><Identification><NewsIdentifier><NewsItemId>77</NewsItemId><RevisionId Update="N">1</RevisionId>
<PublicIdentifier>urn:newsml:release-wire.example:20240312:77:1</PublicIdentifier></NewsIdentifier></Identification>
<NewsManagement><FirstCreated>20240312T140000+0000</FirstCreated><Status FormalName="Usable"/></NewsManagement>
<NewsComponent><NewsLines><CopyrightLine>Copyright Release Wire 2024</CopyrightLine></NewsLines>
<AdministrativeMetadata><Source><Party FormalName="Kabul Solar Cooperative"/></Source></AdministrativeMetadata>
<DescriptiveMetadata><Language FormalName="fa"/><Genre FormalName="Release"/></DescriptiveMetadata>
 <NewsComponent><NewsLines><HeadLine>تعاونی خورشیدی کابل نیروگاه تازه‌ای افتتاح کرد</HeadLine><DateLine>کابل</DateLine></NewsLines>
  <NewsComponent><Role FormalName="StyleSheet"/><ContentItem><MimeType FormalName="text/css"/>
   <DataContent>.centre {text-align: center}</DataContent></ContentItem></NewsComponent>
  <NewsComponent><Role FormalName="HeadLine"/><ContentItem><MimeType FormalName="text/xhtml"/><DataContent>
   <html xmlns="http://www.w3.org/1999/xhtml"><body><p><b>تعاونی خورشیدی کابل نیروگاه تازه‌ای افتتاح کرد</b></p></body></html>
  </DataContent></ContentItem></NewsComponent>
  <NewsComponent><Role FormalName="Logo"/><ContentItem Href="logo.jpg"><MimeType FormalName="image/jpeg"/></ContentItem></NewsComponent>
  <NewsComponent><Role FormalName="Contact"/><ContentItem><MimeType FormalName="text/xhtml"/><DataContent>
   <html xmlns="http://www.w3.org/1999/xhtml"><body><p>تماس: دفتر رسانه‌ای تعاونی، 020-555-0100</p></body></html>
  </DataContent></ContentItem></NewsComponent>
  <NewsComponent><Role FormalName="Body"/><ContentItem><MimeType FormalName="text/xhtml"/><DataContent>
   <html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body>
    <p>تعاونی خورشیدی کابل روز سه‌شنبه نیروگاهی با ظرفیت دو مگاوات را در شمال شهر افتتاح کرد.</p>
    <p>به گفته مسئولان، برق این نیروگاه به سه هزار خانه می‌رسد.</p><p/></body></html>
  </DataContent></ContentItem></NewsComponent>
 </NewsComponent></NewsComponent></NewsItem></NewsML>""".encode()


def test_components_are_sorted_by_role_a_style_sheet_and_a_contact_are_no_body():
    """A release as wire services send it: headline, logo, contact and body each in a component of its own."""
    d = extract_newsml1(RELEASE)
    assert d.title == "تعاونی خورشیدی کابل نیروگاه تازه‌ای افتتاح کرد"  # from the nested component's NewsLines
    assert d.paragraphs == ["تعاونی خورشیدی کابل روز سه‌شنبه نیروگاهی با ظرفیت دو مگاوات را در شمال شهر افتتاح کرد.",
                            "به گفته مسئولان، برق این نیروگاه به سه هزار خانه می‌رسد."]
    assert [(s.text, s.reason) for s in d.stripped] == [("تماس: دفتر رسانه‌ای تعاونی، 020-555-0100", "wire_component")]
    assert d.dateline == "کابل" and d.publisher == "Release Wire" and d.original_source == "Kabul Solar Cooperative"
    assert d.delivery["subjects"] == ["Release"] and d.warnings == []  # the logo is a picture, not missing text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_file_in_utf16_or_utf32_is_still_newsml1_and_read(encoding):
    data = ONE_ARABIC.decode().replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)
    assert sniff(data) == "newsml1"
    assert extract_newsml1(data).title == "ارتفاع أسعار الخبز في بيروت"


def test_a_bundle_in_utf16_is_still_cut_into_its_items():
    data = BUNDLE.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    parts = list(unpack(data, "/in/wire16.xml", 1 << 20))
    assert len(parts) == 2 and extract_newsml1(parts[1].data).title == "بازگشایی گذرگاه مرزی پس از سه روز"


def _encoded_item(payload: bytes, notation: str = "base64") -> bytes:
    import base64

    data = base64.encodebytes(payload).decode()  # wrapped at 76 characters, as mail-era encoders write it
    return (f'<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>H</HeadLine></NewsLines><ContentItem>'
            f'<MediaType FormalName="Text"/><Encoding Notation="{notation}"><DataContent>{data}</DataContent></Encoding>'
            f'</ContentItem></NewsComponent></NewsItem></NewsML>').encode()


@pytest.mark.parametrize("payload", [
    "ارتفعت أسعار الخبز في بيروت.\n\nوقال خبازون إن كلفة الطحين زادت.".encode("cp1256"),  # plain text, a legacy charset
    '<?xml version="1.0" encoding="UTF-8"?><nitf><body><body.content><p>ارتفعت أسعار الخبز في بيروت.</p>'
    '<p>وقال خبازون إن كلفة الطحين زادت.</p></body.content></body></nitf>'.encode(),  # NITF
    "<div><p>ارتفعت أسعار الخبز في بيروت.<p>وقال خبازون إن كلفة الطحين زادت.</div>".encode(),  # HTML, not XML
])
def test_a_base64_encoded_part_is_decoded_and_read_as_if_it_stood_plain(payload):
    d = extract_newsml1(_encoded_item(payload))
    assert d.paragraphs == ["ارتفعت أسعار الخبز في بيروت.", "وقال خبازون إن كلفة الطحين زادت."] and not d.warnings


@pytest.mark.parametrize("item, warning", [
    (_encoded_item(b"plain words", notation="x-uuencode"), "'x-uuencode'"),
    (_encoded_item(b"x").replace(b"eA==", b"e!A="), "does not decode"),
])
def test_an_unknown_notation_or_broken_base64_is_a_warning_not_a_body(item, warning):
    d = extract_newsml1(item)
    assert d.paragraphs == [] and warning in d.warnings[0]
