"""Read TMX 1.4b (any number of languages); the workbench's own TMX comes back losslessly."""

from __future__ import annotations

import os

from lxml import etree

from workbench.comparison import STATUSES, ComparisonRecord, RowRecord
from workbench.ingest.aligned.common import (
    XML_LANG,
    GenericRows,
    append_row,
    flag_from_json,
    inline_text,
    parse_float,
)
from workbench.ingest.aligned.conventions import TMX_PROP, loads, metadata_from_json
from workbench.ingest.errors import BadInputError

_NATIVE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


def _props(element: etree._Element) -> list[tuple[str, str]]:
    return [(p.get("type", ""), p.text or "") for p in element if p.tag == "prop"]


def _tuv_lang(tuv: etree._Element) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def read_tmx(root: etree._Element, filename: str) -> ComparisonRecord:
    if root.tag != "tmx":
        raise BadInputError(f"{filename} is not TMX (its root element is <{root.tag}>)")
    header = root.find("header")
    body = root.find("body")
    if body is None:
        raise BadInputError(f"{filename} is not valid TMX: it has no <body>")
    header_props = dict(_props(header)) if header is not None else {}
    if f"{TMX_PROP}versions" in header_props:
        return _read_workbench(body, header_props, filename)
    record = ComparisonRecord(title=os.path.splitext(filename)[0], versions=[], rows=[])
    rows = GenericRows(record, filename)
    source = header.get("srclang", "") if header is not None else ""
    if source and source.lower() != "*all*":
        rows.label_for(source, set())
    for tu in body.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            label = rows.label_for(_tuv_lang(tuv), set(texts))
            texts[label] = inline_text(seg, _NATIVE_CODES) if seg is not None else ""
        if texts:
            comments = [n.text or "" for n in tu if n.tag == "note"]
            rows.add(texts, comments=comments)
    if not record.rows:
        raise BadInputError(f"{filename} holds no translation units")
    return record


def _read_workbench(body: etree._Element, header: dict[str, str],
                    filename: str) -> ComparisonRecord:
    record = metadata_from_json({
        "title": loads(header.get(f"{TMX_PROP}title", '""'), filename, "the title"),
        "model": loads(header.get(f"{TMX_PROP}model", '""'), filename, "the model name"),
        "chain": loads(header.get(f"{TMX_PROP}chain", "null"), filename, "the chain"),
        "versions": loads(header[f"{TMX_PROP}versions"], filename, "the version list"),
    }, filename)
    labels = set(record.labels)
    for number, tu in enumerate(body.iter("tu"), start=1):
        where = f"translation unit {tu.get('tuid') or number}"
        row = RowRecord(index=number - 1, segments={}, text={})
        for kind, value in _props(tu):
            if kind == f"{TMX_PROP}row":
                row.index = int(parse_float(value, filename, where))
            elif kind == f"{TMX_PROP}segments":
                segments = loads(value, filename, f"the segments of {where}")
                try:
                    row.segments = {str(k): [int(i) for i in v] for k, v in segments.items()}
                except (AttributeError, TypeError, ValueError):
                    raise BadInputError(f"{filename}, {where}: damaged segments") from None
            elif kind.startswith(f"{TMX_PROP}similarity:"):
                row.similarity[kind.split(":", 1)[1]] = parse_float(value, filename, where)
            elif kind.startswith(f"{TMX_PROP}score:"):
                row.score[kind.split(":", 1)[1]] = parse_float(value, filename, where)
            elif kind == f"{TMX_PROP}status":
                if value not in STATUSES:
                    raise BadInputError(f"{filename}, {where}: unknown status {value!r}")
                row.status = value
            elif kind == f"{TMX_PROP}flag":
                row.flags.append(flag_from_json(value, filename, where))
        row.comments = [n.text or "" for n in tu if n.tag == "note"]
        exact_comments = dict(_props(tu)).get(f"{TMX_PROP}comments")
        if exact_comments is not None:
            row.comments = [str(c) for c in loads(exact_comments, filename, where)]
        for tuv in tu.iter("tuv"):
            tuv_props = dict(_props(tuv))
            label = tuv_props.get(f"{TMX_PROP}label") or _tuv_lang(tuv)
            if label not in labels:
                raise BadInputError(f"{filename}, {where}: unknown version {label!r}")
            seg = tuv.find("seg")
            row.text[label] = inline_text(seg, _NATIVE_CODES) if seg is not None else ""
            if f"{TMX_PROP}exact" in tuv_props:
                exact = loads(tuv_props[f"{TMX_PROP}exact"], filename, f"a text of {where}")
                row.text[label] = str(exact)
        append_row(record, row, filename)
    if not record.rows:
        raise BadInputError(f"{filename} holds no translation units")
    return record
