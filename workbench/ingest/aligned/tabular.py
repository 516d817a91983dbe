"""Read bilingual (or N-lingual) CSV and TSV; the workbench's own come back losslessly."""

from __future__ import annotations

import csv
import io
import os
import re

from workbench.comparison import ComparisonRecord
from workbench.ingest.aligned.common import GenericRows
from workbench.ingest.aligned.conventions import (
    CSV_MARKER,
    CSV_TRAILING_COLUMNS,
    ROW_BASE_KEY,
    guess_lang,
    loads,
    metadata_from_json,
    unescape_cell,
)
from workbench.ingest.aligned.jsonl import finish_record, row_from_json
from workbench.ingest.errors import BadInputError, TooLargeError
from workbench.ingest.limits import MAX_ALIGNED_COLUMNS, MAX_ALIGNED_ROWS, MAX_TEXT_CHARS

_HEADER_WORD = re.compile(r"(?i)([a-z]{2,3}([-_][a-z0-9]{2,8})*|source|target|src|tgt|"
                          r"original|translation|text|lang\w*|[^\s]{1,20} ?\(\w{2,3}\))")


def delimiter_for(filename: str, text: str) -> str:
    extension = os.path.splitext(filename.lower())[1]
    if extension in (".tsv", ".tab"):
        return "\t"
    if extension == ".csv":
        return ","
    first = text.split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def _check_rows(rows: list[list[str]], filename: str) -> list[list[str]]:
    if len(rows) > MAX_ALIGNED_ROWS + 2:
        raise TooLargeError(f"{filename} has more than {MAX_ALIGNED_ROWS:,} rows")
    width = max((len(row) for row in rows), default=0)
    if width > MAX_ALIGNED_COLUMNS:
        raise TooLargeError(f"{filename} has {width:,} columns; the limit is "
                            f"{MAX_ALIGNED_COLUMNS} (one column per version)")
    return rows


def _csv_rows(text: str, delimiter: str, filename: str) -> list[list[str]]:
    """CSV (and the workbench's own TSV, which quotes): strict, so an unclosed quote is an
    error rather than a cell that swallows the following lines."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_TEXT_CHARS))
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                                          strict=True)
                if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise BadInputError(f"{filename} is not valid CSV/TSV ({exc})") from None
    return _check_rows(rows, filename)


def plain_tsv_rows(text: str, filename: str) -> list[list[str]]:
    """Plain TSV as CAT tools write it: one row per line, cells split at tabs, no quoting.

    A cell that begins with a quotation mark keeps it; every non-blank line is one row
    (checked: a mismatch is an error, never rows silently lost or merged).
    """
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    rows = [line.split("\t") for line in lines if line.strip()]
    expected = sum(1 for line in lines if line.strip())
    if len(rows) != expected:  # pragma: no cover - a guard on the reading above
        raise BadInputError(f"{filename}: read {len(rows)} rows from {expected} lines")
    return _check_rows(rows, filename)


def _rows(text: str, delimiter: str, filename: str) -> list[list[str]]:
    if delimiter == "\t" and not text.lstrip("\ufeff").startswith(CSV_MARKER):
        return plain_tsv_rows(text, filename)
    return _csv_rows(text, delimiter, filename)


def read_tabular(text: str, filename: str) -> ComparisonRecord:
    rows = _rows(text, delimiter_for(filename, text), filename)
    if not rows:
        raise BadInputError(f"{filename} holds no rows")
    if rows[0][0] == CSV_MARKER:
        return _read_workbench(rows, filename)
    return _read_generic(rows, filename)


def _read_workbench(rows: list[list[str]], filename: str) -> ComparisonRecord:
    metadata = loads(rows[0][1] if len(rows[0]) > 1 else "", filename, "the metadata row")
    record = metadata_from_json(metadata, filename)
    base = metadata.get(ROW_BASE_KEY, 0) if isinstance(metadata, dict) else 0
    if base not in (0, 1):
        raise BadInputError(f"{filename}: its metadata has an unknown row_base {base!r}")
    labels = record.labels
    width = 1 + len(labels) + len(CSV_TRAILING_COLUMNS)
    for number, cells in enumerate(rows[2:], start=3):
        where = f"row {number}"
        if len(cells) != width:
            raise BadInputError(f"{filename}, {where}: {len(cells)} columns, expected {width}")
        data = {"row": cells[0],
                "text": {label: unescape_cell(cell)
                         for label, cell in zip(labels, cells[1:], strict=False)}}
        trailing = dict(zip(CSV_TRAILING_COLUMNS, cells[1 + len(labels):], strict=True))
        data["status"] = trailing["status"] or "unreviewed"
        for column in ("similarity", "score", "flags", "comments", "segments"):
            data[column] = loads(trailing[column] or "null", filename, f"{column} in {where}")
        row = row_from_json(data, filename, where)
        row.index -= base  # files that number rows as the UI does (from 1)
        record.rows.append(row)
    return finish_record(record, filename)


def _read_generic(rows: list[list[str]], filename: str) -> ComparisonRecord:
    width = max(len(row) for row in rows)
    if width < 2:
        raise BadInputError(f"{filename} has one column; aligned material needs two or more")
    first = rows[0]
    header = len(first) == width and all(
        cell.strip() and len(cell) <= 40 and _HEADER_WORD.fullmatch(cell.strip())
        for cell in first)
    if header:
        names = [cell.strip() for cell in first]
        rows = rows[1:]
    else:
        names = ["source", "target"] + [f"version{n}" for n in range(3, width + 1)]
    record = ComparisonRecord(title=os.path.splitext(filename)[0], versions=[], rows=[])
    builder = GenericRows(record, filename)
    labels: list[str] = []
    taken: set[str] = set()
    for name in names:
        labels.append(builder.label_for(name, taken, guess_lang(name.lower())))
        taken.add(labels[-1])
    for cells in rows:
        cells = cells + [""] * (width - len(cells))
        builder.add({label: cell for label, cell in zip(labels, cells, strict=True)})
    if not record.rows:
        raise BadInputError(f"{filename} holds no rows")
    return record
