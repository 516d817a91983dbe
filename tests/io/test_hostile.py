"""Hostile and broken input: each gets one clear BadInputError, never a traceback or a hang."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.io.builders import RU, make_docx, make_docx_with_document_xml, make_epub, make_zip
from workbench.ingest import (
    BadInputError,
    TooLargeError,
    UnsafeInputError,
    limits,
    read_aligned,
    read_document,
)

XXE_TMX = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv>
</tu></body></tmx>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<xliff version="1.2"><file source-language="en" target-language="ru"><body>
<trans-unit id="1"><source>&lol9;</source></trans-unit></body></file></xliff>"""

WORD = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_xxe_in_tmx_is_refused() -> None:
    with pytest.raises(UnsafeInputError, match="entities"):
        read_aligned(XXE_TMX, "evil.tmx")


def test_billion_laughs_in_xliff_is_refused() -> None:
    with pytest.raises(UnsafeInputError, match="entities"):
        read_aligned(LAUGHS, "laughs.xlf")


def test_utf16_xml_with_entities_is_refused_after_parsing() -> None:
    with pytest.raises(UnsafeInputError):
        read_aligned(XXE_TMX.replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16"),
                     "evil16.tmx")


def test_entities_inside_a_docx_are_refused() -> None:
    document = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM '
                b'"file:///etc/passwd">]><w:document ' + WORD + b"><w:body><w:p><w:r><w:t>&x;"
                b"</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(UnsafeInputError):
        read_document(make_docx_with_document_xml(document), "evil.docx")


def test_zip_bomb_is_refused_before_decompressing() -> None:
    bomb = make_zip({"word/document.xml": b"<" + b" " * (60 * 1024 * 1024) + b">"})
    assert len(bomb) < 200_000
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        read_document(bomb, "bomb.docx")


def test_archive_lying_about_its_sizes_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ingest import archive

    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1000)
    document = b"<w:document " + WORD + b"><w:body>" + b"<w:p/>" * 400 + b"</w:body></w:document>"
    with pytest.raises(TooLargeError, match="size limit"):
        read_document(make_docx_with_document_xml(document), "big.docx")


def test_too_many_members_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ingest import archive

    monkeypatch.setattr(archive, "MAX_ARCHIVE_MEMBERS", 10)
    members = {f"word/m{n}.xml": b"<x/>" for n in range(11)}
    with pytest.raises(TooLargeError, match="lists 11 files"):
        read_document(make_zip(members), "many.docx")


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "C:/Windows/x.xml",
                                  "word/../../x.xml", "..\\evil.xml"])
def test_zip_slip_paths_are_refused(name: str) -> None:
    with pytest.raises(UnsafeInputError, match="path traversal"):
        read_document(make_zip({"word/document.xml": b"<x/>", name: b"x"}), "slip.docx")


def test_epub_pointing_outside_the_archive_is_refused() -> None:
    container = (b'<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                 b'<rootfiles><rootfile full-path="../../content.opf"/></rootfiles></container>')
    epub = make_zip({"mimetype": b"application/epub+zip", "META-INF/container.xml": container})
    with pytest.raises(UnsafeInputError, match="path traversal"):
        read_document(epub, "slip.epub")


@pytest.mark.parametrize("maker", [lambda: make_docx([RU]), lambda: make_epub([RU])])
def test_truncated_archives_give_a_clear_error(maker: object) -> None:
    data = maker()  # type: ignore[operator]
    with pytest.raises(BadInputError) as caught:
        read_document(data[: len(data) // 2], "cut.docx")
    assert "\n" not in str(caught.value)


def test_damaged_member_is_reported() -> None:
    data = bytearray(make_docx([RU * 50]))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start:start + 40] = b"\x00" * 40
    with pytest.raises(BadInputError):
        read_document(bytes(data), "damaged.docx")


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 500, bytes(range(256)) * 20,
                                  b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
                                  b"\x7fELF" + bytes(range(200))])
def test_binary_files_named_txt(data: bytes) -> None:
    with pytest.raises(BadInputError, match=r"binary|not a text file|encoding|PNG|program"):
        read_document(data, "notes.txt")


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.tmx", "empty.csv",
                                  "empty.jsonl", "empty.pdf"])
def test_empty_files(name: str) -> None:
    reader = read_aligned if name.endswith((".tmx", ".csv", ".jsonl")) else read_document
    for data in (b"", b"  \n\t "):
        with pytest.raises(BadInputError, match="empty"):
            reader(data, name)


def test_input_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ingest import document

    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 100)
    monkeypatch.setattr(document, "check_size",
                        lambda data, name: limits.check_size(data, name, 100))
    with pytest.raises(TooLargeError, match="limit"):
        read_document(b"x" * 101, "big.txt")


def test_not_a_pdf_named_pdf() -> None:
    with pytest.raises(BadInputError, match="not a PDF"):
        read_document(b"hello, this is plain text", "fake.pdf")


def test_broken_pdf() -> None:
    with pytest.raises(BadInputError, match="PDF"):
        read_document(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF", "bad.pdf")


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"<tmx><header/></tmx>", "a.tmx", "no <body>"),
    (b"<tmx><body><tu>", "a.tmx", "not well-formed"),
    (b'{"row": 0, "segments": {}}\n', "a.jsonl", "not a workbench row"),
    (b'{"row": 0,', "a.jsonl", "not valid JSON"),
    (b"only one column\nand another line\n", "a.csv", "one column"),
    (b"<html/>", "a.tmx", "neither TMX nor XLIFF"),
    (b"hello", "a.doc", "not a known aligned format"),
])
def test_broken_aligned_material(data: bytes, name: str, message: str) -> None:
    with pytest.raises(BadInputError, match=message):
        read_aligned(data, name)


def test_aligned_material_is_not_read_as_one_version() -> None:
    with pytest.raises(BadInputError, match="aligned material"):
        read_document(b"<tmx version='1.4'/>", "memory.tmx")
