"""Parse untrusted XML with entity expansion, external entities, DTD loading and network off.

Every XML the workbench reads (TMX, XLIFF, and the insides of DOCX, ODT and
EPUB) goes through :func:`parse_xml`. Documents that declare entities are
refused outright (billion laughs, XXE): translation formats never need them.
"""

from __future__ import annotations

import re

from lxml import etree

from workbench.ingest.errors import BadInputError, UnsafeInputError

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        collect_ids=False,
    )


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


def parse_xml(data: bytes, filename: str) -> etree._Element:
    """Parse ``data`` safely and return its root element, or raise :class:`BadInputError`."""
    if not data.strip():
        raise BadInputError(f"{filename} is empty")
    refuse_entities(data, filename)
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise BadInputError(f"{filename} is not well-formed XML: {exc.msg}") from None
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
