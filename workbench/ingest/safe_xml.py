"""Parse untrusted XML with entity expansion, external entities, DTD loading and network off.

Every XML the workbench reads (TMX, XLIFF, and the insides of DOCX, ODT and
EPUB) goes through :func:`parse_xml`. Documents that declare entities are
refused outright (billion laughs, XXE): translation formats never need them.
"""

from __future__ import annotations

import re

from lxml import etree

from workbench.ingest.errors import BadInputError, TooLargeError, UnsafeInputError
from workbench.ingest.limits import MAX_ELEMENT_DEPTH, MAX_XML_ELEMENTS, TextBudget

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def refuse_entities(data: bytes, filename: str) -> None:
    """Raise when ``data`` (XML bytes) declares entities in a DOCTYPE.

    A quick byte scan of the prolog; :func:`parse_xml` checks the parsed DTD too,
    which also covers UTF-16 documents.
    """
    head = data[:1048576]
    if _DOCTYPE.search(head) and _ENTITY_DECLARATION.search(head):
        raise UnsafeInputError(
            f"{filename} declares XML entities (a DOCTYPE with <!ENTITY>), which are refused "
            "for safety (XXE / billion laughs)"
        )


_FEED_CHUNK = 64 * 1024


def _pull_parse(data: bytes, budget: TextBudget) -> etree._Element | None:
    """Parse in chunks, counting elements and depth as they arrive (stops at a limit)."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False,
                                 remove_pis=True)  # collect_ids=False would load a DTD
    depth = 0
    for start in range(0, len(data), _FEED_CHUNK):
        parser.feed(data[start:start + _FEED_CHUNK])
        for event, _element in parser.read_events():
            if event == "start":
                depth += 1
                budget.element(depth)
            else:
                depth -= 1
    root: etree._Element | None = parser.close()
    return root


def parse_xml(data: bytes, filename: str, budget: TextBudget | None = None) -> etree._Element:
    """Parse ``data`` safely and return its root element, or raise :class:`BadInputError`.

    Element count and depth are checked while parsing (``budget``, shared by the
    parts of one document, else one for this file alone).
    """
    if not data.strip():
        raise BadInputError(f"{filename} is empty")
    refuse_entities(data, filename)
    try:
        root = _pull_parse(data, budget or TextBudget(filename, MAX_XML_ELEMENTS))
    except etree.XMLSyntaxError as exc:
        if "depth" in (exc.msg or "").lower():  # libxml2's own limit (256), within one chunk
            raise TooLargeError(f"{filename} nests elements deeper than {MAX_ELEMENT_DEPTH} "
                                "levels; refusing it rather than losing the text inside") from None
        raise BadInputError(f"{filename} is not well-formed XML: {exc.msg}") from None
    except BadInputError:
        raise
    except ValueError as exc:  # e.g. an unsupported encoding declaration
        raise BadInputError(f"{filename} cannot be read as XML: {exc}") from None
    if root is None:
        raise BadInputError(f"{filename} holds no XML element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnsafeInputError(
            f"{filename} declares XML entities, which are refused for safety (XXE / billion laughs)"
        )
    return root


def local_name(element: etree._Element) -> str:
    """The tag of ``element`` without its namespace (``""`` for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(element: etree._Element) -> str:
    """The namespace URI of ``element`` (``""`` when it has none)."""
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""
