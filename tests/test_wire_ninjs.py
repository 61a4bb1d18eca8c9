"""IPTC ninjs (News in JSON): 1.x and 2.x/3.x fields, a list cut into one record per item, other JSON left alone,
bad files quarantined (fixtures in tests/fixtures/wire, written from the ninjs schemas with invented agencies, people, values)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.sniff import container_kind, sniff
from extractors.unpack import unpack
from extractors.wire.ninjs import extract_ninjs, split_ninjs
from output.errors import CorruptInput, NoContent

WIRE = Path(__file__).parent / "fixtures" / "wire"
ONE = (WIRE / "ninjs_1x_en.json").read_bytes()
LIST = (WIRE / "ninjs_2x_list_fa_ar.json").read_bytes()


def test_ninjs_1x_item_gives_every_field():
    d = extract_ninjs(ONE)
    assert d.title == "Grain convoy reaches Herat after mountain pass reopens"
    assert d.subtitle == "Forty trucks arrive after a five-day wait"
    assert d.authors == ["Ahmad Wali", "Sofia Marin"]
    assert d.dateline == "HERAT, Afghanistan (Indus Press)" and d.original_source == "Indus Press"  # by the dateline's form
    assert d.publisher == "Northwind News Service"
    assert d.published == "2024-03-10T06:15:00+04:30" and d.modified == "2024-03-10T09:40:00+04:30"  # offsets kept
    assert d.language_hint == "en"
    assert len(d.paragraphs) == 3 and d.paragraphs[2].startswith('"The road is open')  # body_html: its paragraphs, no script
    assert not any("track()" in p for p in d.paragraphs)
    assert d.captions == ["Trucks queue at the Sabzak pass on Saturday."]  # the associated picture's description
    assert d.delivery == {"format": "ninjs", "guid": "urn:ninjs:northwind.example:20240310:0077", "version": 3,
                          "status": "usable", "urgency": "3", "embargoed": "2024-03-10T12:00:00+04:30",
                          "slugline": "AFGHAN-GRAIN", "note": "Adds quote from the governor's office in paragraph 3.",
                          "subjects": ["economy, business and finance", "transport"]}


def test_ninjs_2x_list_is_cut_into_items_with_role_tagged_fields():
    parts = split_ninjs(LIST)
    assert [name for name, _ in parts] == ["item-1-urn_ninjs_caspian-desk.example_20240310_fa-0031",
                                           "item-2-urn_ninjs_caspian-desk.example_20240310_ar-0032"]
    fa, ar = (extract_ninjs(data) for _, data in parts)
    assert fa.title == "گذرگاه مرزی آستارا دوباره باز شد"  # the headline whose role is main, not the first
    assert fa.subtitle == "بازگشایی پس از سه روز تعطیلی" and fa.authors == ["سارا محمدی"]
    assert fa.original_source == "خبرگزاری دشت" and fa.dateline == "آستارا"
    assert fa.paragraphs == ["گذرگاه مرزی آستارا پس از سه روز تعطیلی روز یکشنبه باز شد.",
                             "رانندگان گفتند صف کامیون\u200cها تا شب کوتاه شد."]
    assert fa.delivery["subjects"] == ["حمل و نقل"] and fa.delivery["version"] == 1 and fa.modified is None
    assert ar.paragraphs == ["ارتفعت أسعار الخبز في بيروت للمرة الثانية هذا الشهر.", "وقال خبازون إن كلفة الطحين زادت."]  # HTML body first
    assert ar.captions == ["مخبز في بيروت"] and ar.modified == "2024-03-10T10:30:00+03:00"


def test_one_object_or_a_list_of_one_is_not_split():
    assert split_ninjs(ONE) == [] and split_ninjs(b"[" + ONE + b"]") == []
    assert extract_ninjs(b"[" + ONE + b"]").title == extract_ninjs(ONE).title


def test_a_whole_list_read_directly_gives_its_first_item_and_says_so():
    d = extract_ninjs(LIST)
    assert d.title == "گذرگاه مرزی آستارا دوباره باز شد" and "2 ninjs items" in d.warnings[0]


def test_plain_text_body_without_blank_lines_is_one_paragraph_a_line():
    d = extract_ninjs(json.dumps({"uri": "u", "headline": "H", "body_text": "One.\nTwo.\n"}).encode())
    assert d.paragraphs == ["One.", "Two."]


@pytest.mark.parametrize("data", [ONE, LIST, b"\xef\xbb\xbf" + ONE, json.dumps(json.loads(ONE)).encode()])
def test_ninjs_is_sniffed_from_the_bytes(data):
    assert sniff(data) == "ninjs" and container_kind(data[:4096]) == "ninjs"


@pytest.mark.parametrize("data", [
    b'{"uri": "https://api.example.org/1", "headline": "H", "body": "B"}',  # an API's JSON: one ninjs-like name only
    b'{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H", "articleBody": "B", "datePublished": "2024"}',
    b'[1, 2, 3]',
    b'{"name": "docingest", "version": "1.0", "dependencies": {}}',
])
def test_other_json_stays_what_it_was(data):
    assert sniff(data) == "text" and container_kind(data) is None


def test_bad_files_are_named_errors():
    with pytest.raises(CorruptInput, match="malformed ninjs JSON"):
        extract_ninjs(ONE[:200])
    with pytest.raises(CorruptInput, match="not an object"):
        extract_ninjs(b'[{"uri": "u", "headline": "H"}, 7]')
    with pytest.raises(NoContent, match="without a headline or a body"):
        extract_ninjs(b'{"uri": "u", "versioncreated": "2024-03-10T06:00:00Z", "pubstatus": "usable"}')
    with pytest.raises(NoContent, match="empty list"):
        extract_ninjs(b"[]")
    with pytest.raises(CorruptInput, match="nested too deep"):
        extract_ninjs(b"[" * 100_000 + b"]" * 100_000)


def test_values_of_the_wrong_type_are_ignored_not_fatal():
    d = extract_ninjs(b'{"uri": 5, "headline": ["x"], "body_text": "Text.", "subject": "politics", "urgency": {"a": 1}}')
    assert d.title is None and d.paragraphs == ["Text."] and d.delivery == {"format": "ninjs"}


# ---------------------------------------------------------------- through the pipeline

def _outcomes(path: Path) -> list[dict]:
    from extractors.pipeline import Options
    from flows.process import process_source
    from flows.sources import Source

    outcome = process_source(Source(str(path), path=str(path)), Options())
    return outcome["outcomes"] if "container" in outcome else [outcome]


def test_list_through_unpack_and_the_pipeline_gives_one_record_per_item():
    parts = list(unpack(LIST, "/in/feed.json", 1 << 20))
    assert [p.uri.split("#")[1][:6] for p in parts] == ["item-1", "item-2"] and all(p.final for p in parts)
    records = [o["record"] for o in _outcomes(WIRE / "ninjs_2x_list_fa_ar.json")]
    assert [(r["source"]["format"], r["language"], r["delivery"]["format"]) for r in records] == [
        ("ninjs", "fa", "ninjs"), ("ninjs", "ar", "ninjs")]
    assert all(r["source"]["container"]["uri"] == str(WIRE / "ninjs_2x_list_fa_ar.json") for r in records)


def test_extract_document_reads_one_item():
    from extractors.pipeline import extract_document

    record = extract_document(ONE, "wire/0077.json")
    assert record["source"]["format"] == "ninjs" and record["language"] == "en"
    assert record["title"].startswith("Grain convoy") and record["delivery"]["embargoed"] == "2024-03-10T12:00:00+04:30"


@pytest.mark.parametrize("data, reason", [
    (ONE[:300], "corrupt"),
    (b'{"uri": "u", "versioncreated": "2024-03-10T06:00:00Z", "pubstatus": "usable"}', "no_content"),
    (b'[{"uri": "u1", "headline": "H", "body_text": "B"}, {"uri": "u2", "firstcreated": "2024", "pubstatus": "usable"}]',
     "no_content"),
])
def test_bad_files_are_quarantined_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    outcome = _outcomes(path)[-1]
    assert outcome["quarantine"]["reason"] == reason


NINJS_3 = json.dumps({
    "uri": "urn:ninjs:sahel-wire.example:20240312:ar-0101", "standard": {"name": "ninjs", "version": "3.0"},
    "type": "text", "representationType": "full", "version": "4", "versionCreated": "2024-03-12T11:05:00+03:00",
    "pubStatus": "usable", "urgency": 5, "copyrightHolder": "Sahel Wire", "language": "ar", "located": "بيروت",
    "genres": [{"uri": "http://cv.iptc.org/newscodes/genre/Actuality", "name": "Actuality"}],
    "descriptions": [{"role": "lead", "value": "عاد التيار الكهربائي إلى معظم أحياء بيروت مساء الثلاثاء."}],
    "bodies": [
        {"role": "nitf", "contentType": "text/vnd.IPTC.NITF", "value":
            '<?xml version="1.0" encoding="UTF-8"?><nitf><head><docdata><date.issue norm="20240312T090000+0300"/></docdata></head>'
            "<body><body.head><hedline><hl1>عودة الكهرباء إلى بيروت</hl1></hedline><byline>بقلم ليلى حداد</byline></body.head>"
            "<body.content><p>عاد التيار الكهربائي إلى معظم أحياء بيروت مساء الثلاثاء.</p>"
            "<p>وقالت شركة الكهرباء إن الإصلاحات ستكتمل خلال يومين.</p></body.content></body></nitf>"},
        {"role": "text", "contentType": "text/plain", "value": "عاد التيار الكهربائي إلى معظم أحياء بيروت مساء الثلاثاء."},
    ],
}, ensure_ascii=False).encode()


def test_ninjs_3_camel_case_keys_and_an_nitf_body_lending_its_headline_and_byline():
    assert sniff(NINJS_3) == "ninjs"  # versionCreated, pubStatus … are ninjs's names in 3.x spelling
    d = extract_ninjs(NINJS_3)
    assert d.title == "عودة الكهرباء إلى بيروت" and d.authors == ["ليلى حداد"]  # from the NITF: the item has no headline
    assert d.paragraphs == ["عاد التيار الكهربائي إلى معظم أحياء بيروت مساء الثلاثاء.", "وقالت شركة الكهرباء إن الإصلاحات ستكتمل خلال يومين."]
    assert d.subtitle is None  # the lead description is the first paragraph, not a subtitle
    assert d.published == "2024-03-12T09:00:00+03:00" and d.modified == "2024-03-12T11:05:00+03:00"
    assert d.publisher == "Sahel Wire" and d.dateline == "بيروت"
    assert d.delivery == {"format": "ninjs", "guid": "urn:ninjs:sahel-wire.example:20240312:ar-0101", "version": 4,
                          "status": "usable", "urgency": "5", "subjects": ["Actuality"]}


def test_ninjs_1_0_body_xhtml_and_a_lead_dateline_crediting_an_agency():
    d = extract_ninjs(json.dumps({
        "uri": "http://wire.example/items/1", "versioncreated": "2024-03-10T06:00:00Z", "headline": "Pass reopens",
        "body_xhtml": "<p>SALANG, Afghanistan (Indus Press) -- The pass reopened on Sunday.</p><p>Snow had closed it.</p>"}).encode())
    assert d.paragraphs[1] == "Snow had closed it." and d.original_source == "Indus Press"
    assert d.dateline == "SALANG, Afghanistan" and d.published == "2024-03-10T06:00:00Z"


def test_html_body_with_a_tag_name_xml_would_refuse_is_still_read():
    """Found by fuzzing: the HTML parser keeps a damaged tag name ('body.^ontent') that lxml's QName rejects."""
    d = extract_ninjs(b'{"uri": "u", "headline": "H", "body_html": "<body.^ontent><p>Kept.</p></body.^ontent>"}')
    assert d.paragraphs == ["Kept."]


def test_a_later_version_of_the_same_uri_supersedes_the_earlier_record(tmp_path):
    from extractors.pipeline import extract_document
    from output.writer import RunWriter

    item = json.loads(ONE)
    first = extract_document(ONE, "feed/0077-v3.json")
    update = extract_document(json.dumps({**item, "version": "4", "body_html": item["body_html"] + "<p>The pass closed "
                                          "again at night as snow returned, officials said on Monday.</p>"}).encode(), "feed/0077-v4.json")
    for record in (first, update):  # the update arrives in a later run
        with RunWriter(tmp_path) as writer:
            writer.write_record(record)
            summary = writer.close()
    assert update["delivery"]["supersedes"] == first["id"] and summary["updates"] == 1


def test_ninjs_in_utf16_is_sniffed_and_read():
    data = ONE.decode().encode("utf-16")
    assert sniff(data) == "ninjs" and extract_ninjs(data).title == extract_ninjs(ONE).title


def test_a_body_linked_as_a_rendition_is_a_warning_and_the_headline_is_kept():
    item = {"uri": "u", "versioncreated": "2024-03-10T06:00:00Z", "headline": "Pass reopens",
            "renditions": {"nitf": {"href": "https://wire.example/u.xml", "mimetype": "application/nitf+xml"},
                           "main": {"href": "https://wire.example/u.jpg", "mimetype": "image/jpeg"}}}
    d = extract_ninjs(json.dumps(item).encode())
    assert d.title == "Pass reopens" and d.paragraphs == [] and "remote" in d.warnings[0]
    item["renditions"] = {"main": item["renditions"]["main"]}  # only a picture: no body was promised
    assert extract_ninjs(json.dumps(item).encode()).warnings == []


PACKAGE = {
    "uri": "urn:wire.example:pkg:7", "type": "composite", "headline": "Flood coverage", "copyrightholder": "Example Wire",
    "language": "en", "associations": {
        "main": {"uri": "urn:wire.example:7a", "type": "text", "headline": "River bursts its banks",
                 "body_text": "The river rose two metres overnight.\n\nThe old bridge was closed."},
        "sidebar": {"uri": "urn:wire.example:7b", "type": "text", "headline": "How to claim aid", "language": "fr",
                    "bodies": [{"role": "main", "contentType": "text/plain",  # 2.x/3.x: role-tagged bodies, camelCase keys
                                "value": "Les sinistrés peuvent déposer une demande dès lundi."}]},
        "photo": {"uri": "urn:wire.example:7p", "type": "picture", "description_text": "The flooded square."},
    },
}


def test_a_package_of_stories_is_cut_into_one_record_per_story_each_taking_the_packages_rights():
    parts = split_ninjs(json.dumps(PACKAGE).encode())
    drafts = [extract_ninjs(data) for _, data in parts]
    assert [(d.title, d.delivery["guid"], d.publisher, d.language_hint) for d in drafts] == [
        ("River bursts its banks", "urn:wire.example:7a", "Example Wire", "en"),
        ("How to claim aid", "urn:wire.example:7b", "Example Wire", "fr")]
    assert drafts[0].paragraphs == ["The river rose two metres overnight.", "The old bridge was closed."]


def test_a_package_with_a_body_of_its_own_or_only_pictures_stays_one_item():
    with_body = dict(PACKAGE, body_text="An overview of the flood.")
    pictures = dict(PACKAGE, associations={"photo": PACKAGE["associations"]["photo"]})
    assert split_ninjs(json.dumps(with_body).encode()) == split_ninjs(json.dumps(pictures).encode()) == []
    assert extract_ninjs(json.dumps(pictures).encode()).captions == ["The flooded square."]


def test_a_package_whose_associations_are_not_items_stays_one_item():
    for junk in (["a story", 7, None], {"main": "urn:x:1"}, "story", {"main": {"type": "text", "body_text": 5}}):
        package = dict(PACKAGE, associations=junk)
        assert split_ninjs(json.dumps(package).encode()) == []
        assert extract_ninjs(json.dumps(package).encode()).title == "Flood coverage"
