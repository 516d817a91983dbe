"""TMX 1.4b: one <tu> per row holding every version; scores, flags, status as <prop>;
comments, reviewer flags and dismissed signals as readable <note>s (what CAT tools show);
``tuid`` is the row number as the UI shows it (from 1). Text XML cannot hold (C0 controls)
is shown as U+FFFD and kept exactly in an ``x-wb-exact`` prop. Streamed with
``lxml.etree.xmlfile``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import BinaryIO

from lxml import etree

from workbench import __version__
from workbench.comparison import ComparisonRecord, RowRecord
from workbench.export.labels import flag_text
from workbench.export.options import ExportOptions
from workbench.export.xml_text import XML_ILLEGAL, xml_json, xml_safe
from workbench.interchange import TMX_PROP, metadata_json
from workbench.states import FlagSource, RowStatus

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = xml_safe(value)


def review_notes(row: RowRecord) -> list[str]:
    """Notes beside the comments: each reviewer flag and each dismissed signal, readable."""
    return [flag_text(flag) for flag in row.flags
            if flag.source == FlagSource.REVIEWER or flag.dismissed is not None]


def _tu(row: RowRecord, labels: list[str], langs: dict[str, str]) -> etree._Element:
    tu = etree.Element("tu", tuid=str(row.index + 1))  # the row number the UI shows
    extra = review_notes(row)
    for note in [*row.comments, *extra]:
        etree.SubElement(tu, "note").text = xml_safe(note)
    if extra or any(XML_ILLEGAL.search(note) for note in row.comments):
        # which notes are the comments, exactly (the others are derived from the flags)
        _prop(tu, f"{TMX_PROP}comments", xml_json(row.comments))
    _prop(tu, f"{TMX_PROP}row", str(row.index))
    _prop(tu, f"{TMX_PROP}segments", xml_json(row.segments))
    for key, value in row.similarity.items():
        _prop(tu, f"{TMX_PROP}similarity:{key}", repr(value))
    for key, value in row.score.items():
        _prop(tu, f"{TMX_PROP}score:{key}", repr(value))
    if row.status != RowStatus.UNREVIEWED:
        _prop(tu, f"{TMX_PROP}status", row.status)
    for flag in row.flags:
        _prop(tu, f"{TMX_PROP}flag", xml_json(flag.to_json()))
    for label in labels:
        if label not in row.text:
            continue
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: langs[label]})
        _prop(tuv, f"{TMX_PROP}label", label)
        text = row.text[label]
        if XML_ILLEGAL.search(text):  # the exact text, JSON-escaped, beside a readable <seg>
            _prop(tuv, f"{TMX_PROP}exact", json.dumps(text))
        etree.SubElement(tuv, "seg").text = xml_safe(text)
    return tu


def write_tmx(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
              out: BinaryIO) -> None:
    labels = record.labels
    langs = {v.label: v.lang or "und" for v in record.versions}
    meta = metadata_json(record)
    header = etree.Element("header", {
        "creationtool": "workbench", "creationtoolversion": str(__version__),
        "segtype": "sentence", "o-tmf": "workbench-comparison", "adminlang": "en",
        "srclang": langs[labels[0]], "datatype": "plaintext",
        "creationdate": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
    })
    _prop(header, f"{TMX_PROP}title", xml_json(meta["title"]))
    _prop(header, f"{TMX_PROP}model", xml_json(meta["model"]))
    _prop(header, f"{TMX_PROP}chain", xml_json(meta["chain"]))
    _prop(header, f"{TMX_PROP}versions", xml_json(meta["versions"]))
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
        with xf.element("tmx", version="1.4"):
            xf.write(header, pretty_print=True)
            with xf.element("body"):
                for row in rows:
                    xf.write(_tu(row, labels, langs), pretty_print=True)
