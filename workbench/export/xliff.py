"""XLIFF 2.1 for one language pair: a <unit> per row with state, notes (comments; flags with
their reasons, reviewer comments and dismissals; status; scores) and the row's data in
workbench-namespace attributes (allowed by the core schema). Unit ids are the row numbers the
UI shows (``row12``); ``wb:row`` keeps the machine's 0-based index."""

from __future__ import annotations

import re
from typing import BinaryIO

from lxml import etree

from workbench.comparison import ComparisonRecord, RowRecord
from workbench.export.labels import flag_text, status_label
from workbench.export.options import ExportOptions
from workbench.export.xml_text import XML_ILLEGAL, set_text_with_codepoints, xml_json, xml_safe
from workbench.interchange import WB_NS, metadata_json
from workbench.states import RowStatus

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")
NSMAP = {None: XLIFF2, "wb": WB_NS}
_STATE: dict[str, str] = {RowStatus.UNREVIEWED: "translated",
                          RowStatus.ACCEPTED: "reviewed", RowStatus.FLAGGED: "translated"}


def _q(name: str) -> str:
    return f"{{{XLIFF2}}}{name}"


def _wb(name: str) -> str:
    return f"{{{WB_NS}}}{name}"


def xliff_language(lang: str) -> str:
    """``lang`` when it is a valid ``xs:language``, else ``und``."""
    return lang if _LANGUAGE.fullmatch(lang or "") else "und"


def _dumps(value: object) -> str:
    return xml_json(value)


def _unit(row: RowRecord, unit_id: str, source: str, target: str) -> etree._Element:
    unit = etree.Element(_q("unit"), nsmap=NSMAP, attrib={
        "id": unit_id, _wb("row"): str(row.index), _wb("segments"): _dumps(row.segments),
        _wb("similarity"): _dumps(row.similarity), _wb("score"): _dumps(row.score),
    })
    notes: list[etree._Element] = []
    for comment in row.comments:
        note = etree.Element(_q("note"), category="comment")
        note.text = xml_safe(comment)
        if XML_ILLEGAL.search(comment):
            note.set(_wb("exact"), xml_json(comment))
        notes.append(note)
    for flag in row.flags:
        note = etree.Element(_q("note"), {"category": "wb-flag",
                                          _wb("flag"): _dumps(flag.to_json())})
        note.text = xml_safe(flag_text(flag))
        notes.append(note)
    if row.status != RowStatus.UNREVIEWED:
        note = etree.Element(_q("note"), category="wb-status")
        note.text = f"Status: {status_label(row.status)}"
        notes.append(note)
    if row.score or row.similarity:
        note = etree.Element(_q("note"), category="wb-score")
        note.text = "; ".join([f"similarity {k} {v:.3f}" for k, v in row.similarity.items()]
                              + [f"score {k} {v:.3f}" for k, v in row.score.items()])
        notes.append(note)
    if notes:
        etree.SubElement(unit, _q("notes")).extend(notes)
    segment = etree.SubElement(unit, _q("segment"), state=_STATE[row.status],
                               subState=f"wb:{row.status}")
    for tag, label in (("source", source), ("target", target)):
        element = etree.SubElement(segment, _q(tag), {XML_SPACE: "preserve"})
        set_text_with_codepoints(element, row.text.get(label, ""), _q("cp"))
    return unit


def write_xliff(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
                out: BinaryIO) -> None:
    """``record`` must already be restricted to two versions (source, target)."""
    source, target = record.versions[0], record.versions[1]
    root_attributes = {
        "version": "2.1", "srcLang": xliff_language(source.lang),
        "trgLang": xliff_language(target.lang),
        _wb("metadata"): _dumps(metadata_json(record)),
    }
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        root = xf.element(_q("xliff"), root_attributes, nsmap=NSMAP)
        with root, xf.element(_q("file"), id="f1"):
            # unit ids are the row numbers the UI shows (from 1) unless rows repeat a number
            by_row = len({row.index for row in rows}) == len(rows)
            for number, row in enumerate(rows, start=1):
                unit_id = f"row{row.index + 1}" if by_row else f"u{number}"
                xf.write(_unit(row, unit_id, source.label, target.label), pretty_print=True)
