"""Read XLIFF 1.2 and 2.x bilingual files; the workbench's own XLIFF 2.1 comes back losslessly."""

from __future__ import annotations

import os

from lxml import etree

from workbench.comparison import STATUSES, ComparisonRecord, RowRecord
from workbench.ingest.aligned.common import (
    GenericRows,
    append_row,
    flag_from_json,
    inline_text,
)
from workbench.ingest.aligned.conventions import WB_NS, loads, metadata_from_json
from workbench.ingest.errors import BadInputError
from workbench.ingest.safe_xml import local_name, namespace

XLIFF1 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
_CODES_2 = frozenset({"ph", "sc", "ec", "sm", "em", "originalData"})
_CODES_1 = frozenset({"bpt", "ept", "ph", "it", "x", "bx", "ex"})


def _wb(name: str) -> str:
    return f"{{{WB_NS}}}{name}"


def _pair_labels(source: str, target: str) -> tuple[str, str]:
    source, target = source or "source", target or "target"
    return (source, target) if source != target else (f"{source}-source", f"{target}-target")


def read_xliff(root: etree._Element, filename: str) -> ComparisonRecord:
    if local_name(root) != "xliff":
        raise BadInputError(f"{filename} is not XLIFF (its root element is <{root.tag}>)")
    version = root.get("version", "")
    if namespace(root) == XLIFF2 or version.startswith("2"):
        return _read_xliff2(root, filename)
    if namespace(root) in (XLIFF1, "") or version.startswith("1"):
        return _read_xliff1(root, filename)
    raise BadInputError(f"{filename}: unsupported XLIFF namespace {namespace(root)!r}")


def _read_xliff1(root: etree._Element, filename: str) -> ComparisonRecord:
    ns = namespace(root)
    q = (lambda name: f"{{{ns}}}{name}") if ns else (lambda name: name)
    record = ComparisonRecord(title=os.path.splitext(filename)[0], versions=[], rows=[])
    rows = GenericRows(record, filename)
    for file_el in root.iter(q("file")):
        source_label, target_label = _pair_labels(file_el.get("source-language", ""),
                                                  file_el.get("target-language", ""))
        rows.label_for(source_label, set())
        if file_el.get("target-language"):
            rows.label_for(target_label, {source_label})
        for unit in file_el.iter(q("trans-unit")):
            source = unit.find(q("source"))
            target = unit.find(q("target"))
            texts = {source_label: inline_text(source, _CODES_1) if source is not None else ""}
            texts[target_label] = inline_text(target, _CODES_1) if target is not None else ""
            state = target.get("state", "") if target is not None else ""
            accepted = unit.get("approved") == "yes" or state in ("final", "signed-off")
            comments = [n.text or "" for n in unit.iter(q("note"))]
            rows.add(texts, "accepted" if accepted else "unreviewed", comments)
    if not record.rows:
        raise BadInputError(f"{filename} holds no translation units")
    return record


def _status(segment: etree._Element) -> str:
    sub_state = segment.get("subState", "")
    if sub_state.startswith("wb:") and sub_state[3:] in STATUSES:
        return sub_state[3:]
    return "accepted" if segment.get("state") in ("reviewed", "final") else "unreviewed"


def _read_xliff2(root: etree._Element, filename: str) -> ComparisonRecord:
    q = lambda name: f"{{{XLIFF2}}}{name}"  # noqa: E731
    metadata = root.get(_wb("metadata"))
    own = metadata is not None
    if own:
        record = metadata_from_json(loads(metadata or "", filename, "the metadata"), filename)
        if len(record.versions) != 2:
            raise BadInputError(f"{filename}: workbench XLIFF must name two versions")
        source_label, target_label = record.labels
    else:
        record = ComparisonRecord(title=os.path.splitext(filename)[0], versions=[], rows=[])
        source_label, target_label = _pair_labels(root.get("srcLang", ""),
                                                  root.get("trgLang", ""))
    rows = GenericRows(record, filename)
    if not own:
        rows.label_for(source_label, set())
        rows.label_for(target_label, {source_label})
    for unit in root.iter(q("unit")):
        notes = unit.find(q("notes"))
        note_list = list(notes.iter(q("note"))) if notes is not None else []
        comments = [str(loads(n.get(_wb("exact"), ""), filename, "a note"))
                    if own and n.get(_wb("exact")) is not None else n.text or ""
                    for n in note_list
                    if not (own and (n.get("category") or "").startswith("wb-"))]
        for number, segment in enumerate(unit.iter(q("segment"))):
            source, target = segment.find(q("source")), segment.find(q("target"))
            texts = {source_label: inline_text(source, _CODES_2, q("cp")) if source is not None
                     else "",
                     target_label: inline_text(target, _CODES_2, q("cp")) if target is not None
                     else ""}
            if not own:
                rows.add(texts, _status(segment), comments if number == 0 else [])
                continue
            where = f"unit {unit.get('id')}"
            row = RowRecord(index=int(unit.get(_wb("row"), len(record.rows))), segments={},
                            text=texts, status=_status(segment), comments=comments)
            for field in ("segments", "similarity", "score"):
                value = loads(unit.get(_wb(field), "{}"), filename, f"the {field} of {where}")
                try:
                    setattr(row, field, {str(k): [int(i) for i in v] if field == "segments"
                                         else float(v) for k, v in value.items()})
                except (AttributeError, TypeError, ValueError):
                    raise BadInputError(f"{filename}, {where}: damaged {field}") from None
            row.flags = [flag_from_json(n.get(_wb("flag"), "{}"), filename, where)
                         for n in note_list if n.get("category") == "wb-flag"]
            append_row(record, row, filename)
    if not record.rows:
        raise BadInputError(f"{filename} holds no translation units")
    return record
