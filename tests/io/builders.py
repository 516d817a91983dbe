"""Builders of real input files for the import tests (made with the libraries that write
them, or by hand when a hostile variant is needed)."""

from __future__ import annotations

import io
import warnings
import zipfile

ZH = "第一段：今天是2024年3月5日。我们参观了故宫博物院。"
RU = "Первый абзац: сегодня 5 марта 2024 года. Мы посетили музей «Гугун»."
EN = "Second paragraph, in English: the museum opened in 1925."


def make_docx(paragraphs: list[str], title: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "ячейка один"
    table.rows[0].cells[1].text = "单元格二"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(paragraphs: list[str], title: str = "") -> bytes:
    from odf import dc, text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title))
    document.text.addElement(text.H(outlinelevel=1, text=title))
    for paragraph in paragraphs:
        document.text.addElement(text.P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def make_epub(chapters: list[str], title: str = "") -> bytes:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("workbench-test")
    book.set_title(title)
    book.set_language("ru")
    items = []
    for number, body in enumerate(chapters, start=1):
        chapter = epub.EpubHtml(title=f"Глава {number}", file_name=f"ch{number}.xhtml", lang="ru")
        chapter.content = f"<html><body><h1>Глава {number}</h1><p>{body}</p></body></html>"
        book.add_item(chapter)
        items.append(chapter)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        epub.write_epub(buffer, book)
    return buffer.getvalue()


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a Helvetica text layer (ASCII lines)."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content.encode("latin-1")
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_docx_with_document_xml(document_xml: bytes) -> bytes:
    """A DOCX-shaped archive whose word/document.xml is exactly ``document_xml``."""
    return make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": document_xml})
