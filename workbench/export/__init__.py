"""Export a comparison: TMX, XLIFF 2.1, CSV, plain CSV, TSV, JSONL, XLSX and an HTML report.

``export(record, fmt, options)`` returns bytes; ``export_to(out, ...)`` streams into a
binary file object. :data:`FORMATS` lists every format with its file extension and
MIME type, for the CLI (``--format``) and the web layer (downloads).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from workbench.comparison import ComparisonRecord, RowRecord
from workbench.export.filenames import content_disposition, safe_filename
from workbench.export.html_report import write_html
from workbench.export.options import ROW_FILTERS, ExportError, ExportOptions, default_pair, select
from workbench.export.plain_csv import write_plain_csv
from workbench.export.tabular import write_csv, write_jsonl, write_tsv
from workbench.export.tmx import write_tmx
from workbench.export.xliff import write_xliff
from workbench.export.xlsx import write_xlsx

Writer = Callable[[ComparisonRecord, list[RowRecord], ExportOptions, BinaryIO], None]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, file extension, MIME type and writer."""

    name: str
    extension: str
    mimetype: str
    writer: Writer
    bilingual: bool = False
    binary: bool = False
    description: str = ""


FORMATS: dict[str, ExportFormat] = {
    f.name: f for f in (
        ExportFormat("tmx", ".tmx", "application/x-tmx+xml", write_tmx,
                     description="TMX 1.4b translation memory, every version in each unit"),
        ExportFormat("xliff", ".xlf", "application/xliff+xml", write_xliff, bilingual=True,
                     description="XLIFF 2.1 for one language pair"),
        ExportFormat("csv", ".csv", "text/csv", write_csv, description="CSV (UTF-8)"),
        ExportFormat("plain-csv", ".csv", "text/csv", write_plain_csv,
                     description="plain CSV for spreadsheets: readable cells, no JSON"),
        ExportFormat("tsv", ".tsv", "text/tab-separated-values", write_tsv,
                     description="TSV (UTF-8)"),
        ExportFormat("jsonl", ".jsonl", "application/jsonl", write_jsonl,
                     description="JSON lines, the CLI's row format"),
        ExportFormat("xlsx", ".xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     write_xlsx, binary=True, description="Excel workbook"),
        ExportFormat("html", ".html", "text/html", write_html,
                     description="self-contained HTML review report"),
    )
}


def get_format(fmt: str) -> ExportFormat:
    """The format called ``fmt`` (case-insensitive; ``xlf`` means ``xliff``)."""
    name = fmt.lower().lstrip(".")
    name = {"xlf": "xliff", "tab": "tsv", "htm": "html", "plain": "plain-csv",
            "plain_csv": "plain-csv"}.get(name, name)
    if name not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return FORMATS[name]


def export_to(out: BinaryIO, record: ComparisonRecord, fmt: str,
              options: ExportOptions | None = None) -> None:
    """Write ``record`` in format ``fmt`` to the binary stream ``out``."""
    spec = get_format(fmt)
    options = options or ExportOptions()
    pair = default_pair(record, options) if spec.bilingual else None
    part = select(record, options, pair)
    if spec.bilingual and not part.rows:
        raise ExportError(f"no rows to export as {spec.name} with these options")
    spec.writer(part, part.rows, options, out)


def export(record: ComparisonRecord, fmt: str, options: ExportOptions | None = None) -> bytes:
    """``record`` in format ``fmt`` as bytes (see :data:`FORMATS`)."""
    buffer = io.BytesIO()
    export_to(buffer, record, fmt, options)
    return buffer.getvalue()


def rows_jsonl(record: ComparisonRecord) -> bytes:
    """One :meth:`RowRecord.to_json` per line and no header: what ``align`` and ``check`` print."""
    return "".join(json.dumps(row.to_json(), ensure_ascii=False) + "\n"
                   for row in record.rows).encode("utf-8")


def render_rows(record: ComparisonRecord, fmt: str) -> bytes:
    """``jsonl`` as :func:`rows_jsonl`, any other format as :func:`export` with defaults."""
    return rows_jsonl(record) if fmt == "jsonl" else export(record, fmt, ExportOptions())


def download_name(record: ComparisonRecord, fmt: str) -> str:
    """A safe file name for a download of ``record`` as ``fmt``."""
    return safe_filename(record.title or "comparison") + get_format(fmt).extension


__all__ = [
    "FORMATS",
    "ROW_FILTERS",
    "ExportError",
    "ExportFormat",
    "ExportOptions",
    "content_disposition",
    "download_name",
    "export",
    "export_to",
    "get_format",
    "render_rows",
    "rows_jsonl",
    "safe_filename",
]
