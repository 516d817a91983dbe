"""Text out of DOCX, ODT, EPUB (checked archives, safe XML) and PDF (pypdf)."""

from __future__ import annotations

import io
import re

from lxml import etree

from workbench.ingest.archive import SafeArchive
from workbench.ingest.errors import BadInputError, TooLargeError
from workbench.ingest.limits import MAX_PDF_PAGES, MAX_XML_ELEMENTS, TextBudget
from workbench.ingest.markup import html_paragraphs
from workbench.ingest.safe_xml import local_name, parse_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _title(archive: SafeArchive, member: str) -> str:
    if not archive.has(member):
        return ""
    root = parse_xml(archive.read(member), f"{archive.filename}: {member}")
    element = root.find(f".//{DC_TITLE}")
    return " ".join((element.text or "").split()) if element is not None else ""


_DOCX_PIECES = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "\u2011",
                f"{W}softHyphen": "\u00ad"}
_DOCX_SKIP = frozenset({f"{W}p", f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}instrText"})


def _docx_text(element: etree._Element, out: list[str]) -> list[str]:
    """Text of a paragraph, without nested paragraphs (text boxes), properties or deletions."""
    for child in element:
        tag = child.tag
        if tag in _DOCX_SKIP:
            continue
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag in _DOCX_PIECES:
            out.append(_DOCX_PIECES[tag])
        else:
            _docx_text(child, out)
    return out


def read_docx(data: bytes, filename: str) -> tuple[list[str], str]:
    """Paragraphs (body, tables and text boxes, in document order) and the title of a DOCX."""
    archive = SafeArchive(data, filename)
    if not archive.has("word/document.xml"):
        raise BadInputError(f"{filename} is not a Word document (no word/document.xml)")
    budget = TextBudget(filename, MAX_XML_ELEMENTS)
    root = parse_xml(archive.read("word/document.xml"), f"{filename}: word/document.xml", budget)
    paragraphs = []
    for element in root.iter(f"{W}p"):
        paragraphs.append("".join(_docx_text(element, [])))
        budget.text(len(paragraphs[-1]))
    return paragraphs, _title(archive, "docProps/core.xml")


def read_odt(data: bytes, filename: str) -> tuple[list[str], str]:
    """Paragraphs and headings (in order) and the title of an OpenDocument text."""
    archive = SafeArchive(data, filename)
    if not archive.has("content.xml"):
        raise BadInputError(f"{filename} is not an OpenDocument text (no content.xml)")
    budget = TextBudget(filename, MAX_XML_ELEMENTS)
    root = parse_xml(archive.read("content.xml"), f"{filename}: content.xml", budget)
    pieces = {f"{TEXT_NS}s": "spaces", f"{TEXT_NS}tab": "\t", f"{TEXT_NS}line-break": "\n",
              f"{TEXT_NS}note": "", f"{TEXT_NS}h": "", f"{TEXT_NS}span": "text"}
    paragraphs: list[str] = []
    for element in root.iter(f"{TEXT_NS}p", f"{TEXT_NS}h"):
        paragraphs.append(_odt_text(element, pieces))
        budget.text(len(paragraphs[-1]))
    return paragraphs, _title(archive, "meta.xml")


def _odt_text(element: etree._Element, pieces: dict[str, str]) -> str:
    out: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag
        piece = pieces.get(tag) if isinstance(tag, str) else None
        if tag in (f"{TEXT_NS}p", f"{TEXT_NS}h", f"{TEXT_NS}note") or piece == "":
            pass
        elif piece == "spaces":
            out.append(" " * _spaces(child.get(f"{TEXT_NS}c", "1")))
        elif piece in ("\t", "\n"):
            out.append(piece)
        else:
            out.append(_odt_text(child, pieces))
        out.append(child.tail or "")
    return "".join(out)


def _spaces(count: str | None) -> int:
    """``text:c`` of ``<text:s>``: a small count of spaces (a hostile one cannot blow up)."""
    try:
        return min(max(int(count or 1), 0), 1000)
    except ValueError:
        return 1


def read_epub(data: bytes, filename: str) -> tuple[list[str], str]:
    """Paragraphs of every spine document of an EPUB, in reading order, and its title."""
    archive = SafeArchive(data, filename)
    budget = TextBudget(filename)
    container = parse_xml(archive.read("META-INF/container.xml"),
                          f"{filename}: META-INF/container.xml")
    rootfile = next((e for e in container.iter() if local_name(e) == "rootfile"), None)
    if rootfile is None or not rootfile.get("full-path"):
        raise BadInputError(f"{filename} is not a valid EPUB (no rootfile in container.xml)")
    opf_name = archive.resolve("", rootfile.get("full-path", ""))
    opf = parse_xml(archive.read(opf_name), f"{filename}: {opf_name}")
    manifest = {item.get("id"): item for item in opf.iter() if local_name(item) == "item"}
    title_el = next((e for e in opf.iter() if local_name(e) == "title"), None)
    title = " ".join((title_el.text or "").split()) if title_el is not None else ""
    paragraphs: list[str] = []
    for itemref in (e for e in opf.iter() if local_name(e) == "itemref"):
        item = manifest.get(itemref.get("idref"))
        if item is None or "html" not in (item.get("media-type") or ""):
            continue
        member = archive.resolve(opf_name, item.get("href", ""))
        chapter, _ = html_paragraphs(archive.read(member), f"{filename}: {member}", budget)
        paragraphs.extend(chapter)
    if not paragraphs:
        raise BadInputError(f"{filename} holds no readable text in its spine")
    return paragraphs, title


_PARAGRAPH_END = re.compile(r"[.!?。！？…:：»”\"')）]$")


def read_pdf(data: bytes, filename: str) -> tuple[list[str], str, list[str]]:
    """Paragraphs of a PDF's text layer (a line ending a sentence and shorter than the
    page's long lines closes a paragraph), its title, and warnings."""
    from pypdf import PdfReader  # loaded for PDFs only: 0.3 s of import for everyone else
    from pypdf.errors import PdfReadError, PyPdfError

    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise BadInputError(f"{filename} is password-protected")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise TooLargeError(
                f"{filename} has {len(reader.pages):,} pages; the limit is {MAX_PDF_PAGES:,}"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except BadInputError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError,
            RecursionError, AttributeError, IndexError) as exc:
        raise BadInputError(f"{filename} is not a readable PDF ({exc})") from None
    paragraphs: list[str] = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines()]
        longest = max((len(line) for line in lines), default=0)
        current: list[str] = []
        for line in lines:
            if not line:
                paragraphs.append("\n".join(current))
                current = []
                continue
            current.append(line)
            if _PARAGRAPH_END.search(line) and len(line) < 0.8 * longest:
                paragraphs.append("\n".join(current))
                current = []
        paragraphs.append("\n".join(current))
    if not any(p.strip() for p in paragraphs):
        warnings.append(f"{filename} has no text layer (a scan?); OCR it first")
    return paragraphs, str(meta_title), warnings
