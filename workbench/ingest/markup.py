"""Text out of markup: HTML (also EPUB chapters), Markdown and SRT subtitles."""

from __future__ import annotations

import re
from datetime import timedelta

import lxml.html
import srt
from lxml import etree

from workbench.ingest.errors import BadInputError
from workbench.ingest.limits import TextBudget

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
_FEED_CHUNK = 64 * 1024
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


class _HtmlText:
    """An lxml parser target: block paragraphs and the title, counted while parsing.

    No tree is built; each element goes through the :class:`TextBudget`, which stops
    the parse at the first limit crossed (elements, depth, characters).
    """

    def __init__(self, budget: TextBudget) -> None:
        self.budget = budget
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.stack: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.heading: list[str] | None = None
        self.in_title = False
        self.in_h1 = 0

    def flush(self) -> None:
        text = "".join(self.current).strip()
        if text:
            self.paragraphs.append(text)
        self.current.clear()

    def start(self, tag: str, attrib: object) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        self.stack.append(tag)
        self.budget.element(len(self.stack))
        if tag == "title":
            self.in_title = True
        if self.skipping or tag in _SKIP:
            self.skipping += 1
            return
        if tag == "h1" and self.heading is None:
            self.heading = []
        if tag == "h1":
            self.in_h1 += 1
        if tag in _BLOCKS:
            self.flush()
        if tag == "br":
            self.current.append("\n")

    def end(self, tag: str) -> None:
        tag = self.stack.pop() if self.stack else ""
        if tag == "title":
            self.in_title = False
        if self.skipping:
            self.skipping -= 1
            return
        if tag == "h1":
            self.in_h1 -= 1
        if tag in _BLOCKS:
            self.flush()

    def data(self, text: str) -> None:
        self.budget.text(len(text))
        if self.in_title:
            self.title.append(text)
        if self.skipping:
            return
        if self.in_h1 and self.heading is not None:
            self.heading.append(text)
        self.current.append(text if "pre" in self.stack else _squash(text))

    def comment(self, text: str) -> None:
        return None

    def close(self) -> tuple[list[str], str]:
        self.flush()
        title = " ".join("".join(self.title).split())
        if not title and self.heading:
            title = " ".join("".join(self.heading).split())
        return self.paragraphs, title


def html_paragraphs(markup: str | bytes, filename: str,
                    budget: TextBudget | None = None) -> tuple[list[str], str]:
    """Block-level paragraphs of an HTML/XHTML page, in reading order, and its title.

    Limits (elements, depth, characters) are checked while parsing; ``budget`` is
    shared by the parts of one document (an EPUB's chapters).
    """
    if isinstance(markup, str):
        markup = _XML_DECLARATION.sub("", markup)
    if not markup.strip():
        return [], ""
    target = _HtmlText(budget or TextBudget(filename))
    parser = lxml.html.HTMLParser(target=target, no_network=True, remove_comments=True,
                                  remove_pis=True, default_doctype=False)
    try:
        for start in range(0, len(markup), _FEED_CHUNK):
            parser.feed(markup[start:start + _FEED_CHUNK])
        result: tuple[list[str], str] = parser.close()
    except (etree.ParserError, etree.XMLSyntaxError) as exc:
        raise BadInputError(f"{filename} cannot be read as HTML: {exc}") from None
    except BadInputError:
        raise
    except ValueError as exc:
        raise BadInputError(f"{filename} cannot be read as HTML: {exc}") from None
    return result


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
    from markdown_it import MarkdownIt  # loaded for Markdown only (0.2 s of import)

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
