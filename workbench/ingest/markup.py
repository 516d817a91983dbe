"""Text out of markup: HTML (also EPUB chapters), Markdown and SRT subtitles."""

from __future__ import annotations

import re
from datetime import timedelta

import lxml.html
from lxml import etree

from workbench.ingest.errors import BadInputError

_BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt",
     "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
     "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot",
     "th", "thead", "tr", "ul", "body", "html", "title"]
)
_SKIP = frozenset(
    ["script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
     "button"]
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _html_parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                default_doctype=False)


def html_paragraphs(markup: str | bytes, filename: str) -> tuple[list[str], str]:
    """Block-level paragraphs of an HTML/XHTML page, in reading order, and its title."""
    if isinstance(markup, str):
        markup = _XML_DECLARATION.sub("", markup)
    if not markup.strip():
        return [], ""
    try:
        root = lxml.html.document_fromstring(markup, parser=_html_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise BadInputError(f"{filename} cannot be read as HTML: {exc}") from None
    title_el = root.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split())
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = "".join(current).strip()
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if tag == "br":
            current.append("\n")
        if element.text and tag:
            current.append(element.text if tag == "pre" else _squash(element.text))
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(_squash(element.tail))

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    if not title:
        heading = root.find(".//h1")
        title = " ".join(heading.text_content().split()) if heading is not None else ""
    return paragraphs, title


def _squash(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text)


def soft_join(left: str, right: str) -> str:
    """Join two lines of one paragraph: nothing between CJK characters, else a space."""
    if not left:
        return right
    if not right:
        return left
    if _CJK.match(left[-1]) and _CJK.match(right[0]):
        return left + right
    return left + " " + right


def markdown_paragraphs(text: str) -> tuple[list[str], str]:
    """Paragraphs of a Markdown text (markup removed) and its first heading as the title."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    paragraphs: list[str] = []
    title = ""
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type in ("fence", "code_block"):
            paragraphs.append(token.content.rstrip("\n"))
        elif token.type == "inline":
            lines = [""]
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    lines[-1] += child.content
                elif child.type == "softbreak":
                    lines.append("")
                elif child.type == "hardbreak":
                    lines[-1] += "\n"
                elif child.type == "image":
                    lines[-1] += child.content
            joined = ""
            for line in lines:
                joined = soft_join(joined, line)
            if heading and not title:
                title = joined.strip()
            heading = False
            paragraphs.append(joined)
    return paragraphs, title


def srt_paragraphs(text: str, filename: str, gap_seconds: float = 2.0) -> list[str]:
    """Subtitle cues as lines; a pause of ``gap_seconds`` or more starts a new paragraph."""
    import srt

    try:
        cues = list(srt.parse(text, ignore_errors=False))
    except (srt.SRTParseError, ValueError) as exc:
        raise BadInputError(f"{filename} is not a valid SRT subtitle file ({exc})") from None
    if not cues:
        raise BadInputError(f"{filename} holds no subtitles")
    paragraphs: list[str] = []
    current = ""
    previous_end: timedelta | None = None
    for cue in cues:
        content = re.sub(r"<[^>]{0,200}>|\{\\[^}]{0,200}\}", "", cue.content)
        line = ""
        for part in content.splitlines():
            line = soft_join(line, part.strip())
        if not line:
            continue
        if previous_end is not None and (cue.start - previous_end).total_seconds() >= gap_seconds:
            paragraphs.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
        previous_end = cue.end
    paragraphs.append(current)
    return paragraphs
