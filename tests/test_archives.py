"""Zip and tar archives opened into their documents, each member on its own, with caps and named errors."""
from __future__ import annotations

import gzip
import io
import struct
import tarfile
import zipfile

import pytest

from extractors.archives import EncryptedMember
from extractors.pipeline import Options
from extractors.sniff import container_kind
from extractors.unpack import ARCHIVE_EXPANSION, unpack
from flows.process import process_source
from flows.sources import Source
from output.errors import CorruptInput, DecompressionBomb

STORY = ("<html><head><title>{0}</title></head><body><article><h1>{0}</h1><p>The council met on Monday to discuss the "
         "new bridge over the river and the school budget for next year.</p></article></body></html>")
NOTE = b"The harbour closed early as the storm came in, and ships waited outside until the morning.\n"


def page(title: str) -> bytes:
    return STORY.format(title).encode()


def a_zip(members: dict[str, bytes], encrypted: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    data = bytearray(out.getvalue())
    for name in encrypted:  # zipfile writes no encryption: set the flag in the local and the central header
        for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
            at = data.find(signature + b"", 0)
            while at >= 0 and bytes(data[at + name_at:at + name_at + len(name)]) != name.encode():
                at = data.find(signature, at + 1)
            (flags,) = struct.unpack_from("<H", data, at + flag_at)
            struct.pack_into("<H", data, at + flag_at, flags | 0x1)
    return bytes(data)


def a_tar(members: list[tarfile.TarInfo | tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                archive.addfile(member)
            else:
                info = tarfile.TarInfo(member[0])
                info.size = len(member[1])
                archive.addfile(info, io.BytesIO(member[1]))
    return out.getvalue()


def test_archives_are_sniffed_as_containers():
    assert container_kind(a_zip({"a.txt": NOTE})[:4096]) == "zip"
    assert container_kind(a_zip({})) == "zip"  # an empty zip is its directory alone
    assert container_kind(a_tar([("a.txt", NOTE)])[:4096]) == "tar"


def test_each_file_of_a_zip_is_a_part_with_its_provenance_and_nested_archives_open():
    data = a_zip({"docs/": b"", "docs/a.html": page("Alpha"), "docs/b.txt": NOTE,
                  "more/c.html.gz": gzip.compress(page("Gamma")), "more/inner.zip": a_zip({"d.txt": NOTE})})
    parts = list(unpack(data, "/in/bundle.zip", 1 << 20))
    assert [(p.uri.split("#", 1)[1], p.skipped) for p in parts] == [
        ("docs/", "directory"), ("docs/a.html", None), ("docs/b.txt", None), ("more/c.html.gz", None), ("more/inner.zip#d.txt", None)]
    assert parts[3].data == page("Gamma") and parts[3].final
    assert parts[1].provenance == {"uri": "/in/bundle.zip", "record": 1, "part": "docs/a.html"}
    assert parts[4].provenance == {"uri": "/in/bundle.zip#more/inner.zip", "record": 0, "part": "d.txt"}


def test_a_tar_gz_is_read_as_a_stream_and_links_are_skipped():
    link = tarfile.TarInfo("x/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    data = gzip.compress(a_tar([("x/d.html", page("Delta")), link, ("../../e.txt", NOTE)]))
    parts = list(unpack(data, "/in/pages.tar.gz", 1 << 20))
    assert [(p.uri, p.skipped) for p in parts] == [
        ("/in/pages.tar.gz#x/d.html", None), ("/in/pages.tar.gz#x/passwd", "link"), ("/in/pages.tar.gz#../../e.txt", None)]
    assert parts[2].data == NOTE  # a name that climbs out is only a label: nothing is written to disk


def test_member_names_that_are_not_printable_text_are_escaped():
    data = a_tar([("a\nb.txt", NOTE), ("caf\udce9.txt".encode("utf-8", "surrogateescape").decode("latin-1"), NOTE)])
    uris = [p.uri for p in unpack(data, "/in/t.tar", 1 << 20)]
    assert uris[0] == "/in/t.tar#a\\nb.txt" and all(u.isprintable() for u in uris)


def test_an_encrypted_or_oversized_member_is_refused_alone_and_the_next_one_read():
    data = a_zip({"secret.html": page("Secret"), "big.txt": b"x" * 5000, "ok.txt": NOTE}, encrypted=("secret.html",))
    parts = list(unpack(data, "/in/mixed.zip", 1000))
    assert [type(p.error) for p in parts] == [EncryptedMember, DecompressionBomb, type(None)]
    assert parts[0].error.reason == "encrypted" and parts[2].data == NOTE


def test_members_together_are_capped_and_damage_is_named_after_the_good_members():
    many = a_zip({f"{i}.txt": b"y" * 900 for i in range(ARCHIVE_EXPANSION + 2)})
    with pytest.raises(DecompressionBomb, match="holds more than"):
        list(unpack(many, "/in/many.zip", 1000))
    tar = a_tar([("a.txt", NOTE), ("b.txt", NOTE * 20)])
    parts = []
    with pytest.raises(CorruptInput):
        for part in unpack(tar[:1536], "/in/cut.tar", 1 << 20):  # cut inside the second member
            parts.append(part)
    assert [p.uri for p in parts] == ["/in/cut.tar#a.txt"]
    with pytest.raises(CorruptInput, match="not a readable zip"):
        list(unpack(a_zip({"a.txt": NOTE})[:-30], "/in/cut.zip", 1 << 20))


def test_an_office_file_is_one_document_not_a_bundle():
    docx = a_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    [part] = unpack(docx, "/in/report.docx", 1 << 20)
    assert part.uri == "/in/report.docx" and part.data == docx and part.final


def test_a_zip_run_accounts_for_every_member(tmp_path):
    path = tmp_path / "bundle.zip"
    path.write_bytes(a_zip({"a.html": page("Alpha"), "empty.txt": b"", "secret.txt": NOTE}, encrypted=("secret.txt",)))
    outcome = process_source(Source(str(path), str(path)), Options(workers=1))
    assert outcome["container"]["parts"] == [f"{path}#a.html", f"{path}#empty.txt", f"{path}#secret.txt"]
    kinds = [("record" if "record" in o else o["quarantine"]["reason"]) for o in outcome["outcomes"]]
    assert kinds == ["record", "empty", "encrypted"]
    assert outcome["outcomes"][0]["record"]["source"]["container"]["part"] == "a.html"
