"""Text that XML 1.0 cannot hold (most C0 controls, U+FFFE/U+FFFF, lone surrogates)."""

from __future__ import annotations

import json
import re

from lxml import etree

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` with characters XML cannot carry replaced by U+FFFD (TMX has no escape)."""
    return XML_ILLEGAL.sub("\ufffd", text)


def set_text_with_codepoints(element: etree._Element, text: str, cp_tag: str) -> None:
    """Put ``text`` in ``element``, writing XML-illegal characters as ``<cp hex="..."/>``
    (XLIFF 2), so that nothing is lost."""
    pieces = XML_ILLEGAL.split(text)
    if len(pieces) == 1:
        element.text = text
        return
    element.text = pieces[0]
    for char, tail in zip(XML_ILLEGAL.findall(text), pieces[1:], strict=True):
        cp = etree.SubElement(element, cp_tag, hex=f"{ord(char):04X}")
        cp.tail = tail


def xml_json(value: object) -> str:
    """JSON for an XML attribute or prop: readable (non-ASCII kept) unless that would
    carry characters XML cannot hold, then fully ASCII-escaped (always lossless)."""
    text = json.dumps(value, ensure_ascii=False)
    return json.dumps(value) if XML_ILLEGAL.search(text) else text
