"""Read one version of a text from a file's bytes, whatever its format and encoding."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.ingest.archive import SafeArchive, is_zip
from workbench.ingest.errors import BadInputError
from workbench.ingest.limits import check_size, check_text
from workbench.ingest.markup import html_paragraphs, markdown_paragraphs, srt_paragraphs
from workbench.ingest.office import read_docx, read_epub, read_odt, read_pdf
from workbench.ingest.text import decode_bytes, join_paragraphs, sniff_binary, tidy_text


@dataclass
class Document:
    """The text of one version, paragraphs separated by blank lines.

    ``format`` is the format read (``text``, ``markdown``, ``html``, ``docx``, ``odt``,
    ``epub``, ``pdf``, ``srt``); ``encoding`` is the detected text encoding (``None``
    for formats that carry their own); ``warnings`` are for the user.
    """

    text: str
    format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    misnamed: str = ""
    """The file's extension when it names another document format than the one read
    (a DOCX file called ``.odt``), for a user interface to say so in its own words."""

    @property
    def read_as(self) -> str:
        """The format read, as a user names it ("DOCX"), when the file's name said another."""
        return self.format.upper() if self.misnamed else ""


DOCUMENT_EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".odt": "odt",
    ".epub": "epub", ".pdf": "pdf", ".srt": "srt",
}
BINARY_FORMATS = frozenset({"docx", "odt", "epub", "pdf"})


def _zip_format(data: bytes, filename: str) -> str:
    archive = SafeArchive(data, filename)
    if archive.has("mimetype"):
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if mimetype == "application/epub+zip":
            return "epub"
        if mimetype.startswith("application/vnd.oasis.opendocument.text"):
            return "odt"
    if archive.has("word/document.xml"):
        return "docx"
    raise BadInputError(f"{filename} is a ZIP archive but not a DOCX, ODT or EPUB document")


def sniff_format(data: bytes, filename: str) -> str:
    """The format of ``data``: its content signature first, then its extension."""
    extension = os.path.splitext(filename.lower())[1]
    by_name = DOCUMENT_EXTENSIONS.get(extension, "text")
    if extension in (".tmx", ".xlf", ".xliff", ".jsonl"):
        raise BadInputError(f"{filename} is aligned material, not one version of a text: "
                            "import it as an alignment (read_aligned / workbench import)")
    if data.startswith(b"%PDF"):
        return "pdf"
    if is_zip(data):
        return _zip_format(data, filename)
    if by_name in BINARY_FORMATS:
        what = sniff_binary(data)
        raise BadInputError(
            f"{filename} is not a {by_name.upper()} file"
            + (f" (it looks like {what})" if what else " (damaged, truncated or renamed?)")
        )
    what = sniff_binary(data)
    if what:
        raise BadInputError(f"{filename} is {what}, not a text file")
    if by_name == "text" and extension not in DOCUMENT_EXTENSIONS:
        head = data[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
    return by_name


def _text_based(data: bytes, filename: str, fmt: str) -> Document:
    text, encoding = decode_bytes(data, filename)
    check_text(text, filename)
    if fmt == "markdown":
        paragraphs, title = markdown_paragraphs(tidy_text(text))
        return Document(join_paragraphs(paragraphs), fmt, encoding, title=title)
    if fmt == "html":
        paragraphs, title = html_paragraphs(text, filename)
        return Document(join_paragraphs(paragraphs), fmt, encoding, title=title)
    if fmt == "srt":
        return Document(join_paragraphs(srt_paragraphs(tidy_text(text), filename)), fmt, encoding)
    return Document(tidy_text(text), "text", encoding)


_BINARY_READERS: dict[str, Callable[[bytes, str], tuple[list[str], str]]] = {
    "docx": read_docx, "odt": read_odt, "epub": read_epub,
}


def read_document(data: bytes, filename: str) -> Document:
    """Read one version from ``data`` (the bytes of a file called ``filename``).

    Raises :class:`BadInputError` (one clear message) for anything it cannot read:
    empty, binary, damaged, unsafe or too large input.
    """
    filename = os.path.basename(filename) or "the file"
    check_size(data, filename)
    if not data.strip():
        raise BadInputError(f"{filename} is empty")
    fmt = sniff_format(data, filename)
    extension = os.path.splitext(filename.lower())[1]
    named = DOCUMENT_EXTENSIONS.get(extension)
    misnamed = extension if fmt in BINARY_FORMATS and named is not None and named != fmt else ""
    warnings = [f"{filename} is named {extension} but is a {fmt.upper()} file; read as "
                f"{fmt.upper()}"] if misnamed else []
    if fmt == "pdf":
        paragraphs, title, pdf_warnings = read_pdf(data, filename)
        document = Document(join_paragraphs(paragraphs), fmt, None, warnings + pdf_warnings, title)
    elif fmt in _BINARY_READERS:
        paragraphs, title = _BINARY_READERS[fmt](data, filename)
        document = Document(join_paragraphs(paragraphs), fmt, None, warnings, title)
    else:
        document = _text_based(data, filename, fmt)
    document.misnamed = misnamed
    check_text(document.text, filename)
    if not document.text.strip():
        document.warnings.append(f"{filename} holds no text")
    return document
