"""A plain CSV for spreadsheet users: one readable value per cell, never JSON.

Columns: the row number as the UI shows it, one text column per version, the status, the
lowest score, one score column per pair, the signals with their reasons (and dismissals),
the reviewer's flags and the comments. Formula injection is defused as in the lossless
CSV (a leading ``'``). With ``metadata=True`` a few lines about the comparison come first.
This file is for reading; ``workbench import`` reads it as generic aligned material.
"""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from workbench.comparison import ComparisonRecord, RowRecord
from workbench.export.labels import flag_text, hop_label, status_label
from workbench.export.options import ExportOptions
from workbench.interchange import escape_cell
from workbench.states import FlagSource


def _pairs(rows: list[RowRecord]) -> list[str]:
    """Every pair key with a score, in the order the rows first give them."""
    return list(dict.fromkeys(key for row in rows for key in row.score))


def _preface(record: ComparisonRecord) -> list[list[str]]:
    versions = "; ".join(f"{v.label} ({v.lang})" + (f" {v.title}" if v.title else "")
                         for v in record.versions)
    lines = [["Title", record.title], ["Versions", versions]]
    if record.chain:
        lines.append(["Chain", " → ".join(record.chain)])
    if record.model:
        lines.append(["Model", record.model])
    return [*lines, []]


def write_plain_csv(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
                    out: BinaryIO) -> None:
    stream = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    try:
        writer = csv.writer(stream, lineterminator="\r\n")
        labels = record.labels
        pairs = _pairs(rows)
        if options.metadata:
            writer.writerows([[escape_cell(cell) for cell in line]
                              for line in _preface(record)])
        writer.writerow(["row", *(escape_cell(label) for label in labels), "status",
                         "lowest score", *(escape_cell(f"score {hop_label(key)}")
                                           for key in pairs),
                         "signals", "reviewer flags", "comments"])
        for row in rows:
            lowest = min(row.score.values()) if row.score else None
            writer.writerow([
                str(row.index + 1),
                *(escape_cell(row.text.get(label, "")) for label in labels),
                status_label(row.status),
                f"{lowest:.3f}" if lowest is not None else "",
                *(f"{row.score[key]:.3f}" if key in row.score else "" for key in pairs),
                escape_cell("\n".join(flag_text(f) for f in row.flags
                                      if f.source != FlagSource.REVIEWER)),
                escape_cell("\n".join(flag_text(f) for f in row.flags
                                      if f.source == FlagSource.REVIEWER)),
                escape_cell("\n".join(row.comments)),
            ])
        stream.flush()
    finally:
        stream.detach()
