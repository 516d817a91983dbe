"""CSV, TSV and JSONL.

CSV/TSV (RFC 4180 quoting; TSV uses the same quoting with a tab, so tabs and
newlines inside segments survive) are written as UTF-8 with a BOM so that
spreadsheets pick the encoding. Formula injection: a text cell starting with
``= + - @``, a tab, a carriage return or ``'`` gets a leading ``'``; the
workbench's reader removes exactly that one character again, so a re-import is
lossless (it knows its own files by the first row, ``#workbench-comparison``).

Row numbers: CSV/TSV show the row number as the UI does (from 1; the metadata row says
``"row_base": 1``, older files without it count from 0); JSONL keeps the machine's 0-based
``"row"`` of :meth:`RowRecord.to_json`, the CLI's format.
"""

from __future__ import annotations

import csv
import io
import json
from typing import BinaryIO

from workbench.comparison import ComparisonRecord, RowRecord
from workbench.export.options import ExportOptions
from workbench.interchange import (
    CSV_MARKER,
    CSV_TRAILING_COLUMNS,
    JSONL_HEADER_KEY,
    ROW_BASE_KEY,
    escape_cell,
    metadata_json,
)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_delimited(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
                     out: BinaryIO, delimiter: str) -> None:
    stream = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    try:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
        labels = record.labels
        if options.metadata is not False:
            # row numbers are the UI's (from 1); "row_base" tells the reader so
            writer.writerow([CSV_MARKER, _dumps({**metadata_json(record),
                                                 ROW_BASE_KEY: 1})])
        writer.writerow(["row", *(escape_cell(label) for label in labels),
                         *CSV_TRAILING_COLUMNS])
        for row in rows:
            writer.writerow([
                str(row.index + 1),
                *(escape_cell(row.text.get(label, "")) for label in labels),
                row.status, _dumps(row.similarity), _dumps(row.score),
                _dumps([flag.to_json() for flag in row.flags]), _dumps(row.comments),
                _dumps(row.segments),
            ])
        stream.flush()
    finally:
        stream.detach()


def write_csv(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
              out: BinaryIO) -> None:
    _write_delimited(record, rows, options, out, ",")


def write_tsv(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
              out: BinaryIO) -> None:
    _write_delimited(record, rows, options, out, "\t")


def write_jsonl(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
                out: BinaryIO) -> None:
    """One :meth:`RowRecord.to_json` per line, after an optional ``{"comparison": ...}``."""
    lines: list[str] = []
    if options.metadata is not False:
        lines.append(_dumps({JSONL_HEADER_KEY: metadata_json(record)}))
    for row in rows:
        lines.append(_dumps(row.to_json()))
        if len(lines) >= 2000:
            out.write(("\n".join(lines) + "\n").encode("utf-8"))
            lines.clear()
    if lines:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
