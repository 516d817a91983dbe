"""XLSX (openpyxl, write-only for speed): a sheet of rows coloured by score, a sheet of
flags (both with an auto-filter, row numbers as the UI shows them) and a sheet describing
the comparison. Text cells are always strings, never formulas, so a segment starting with
``=`` cannot run anything."""

from __future__ import annotations

import re
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from workbench.comparison import ComparisonRecord, RowRecord
from workbench.export.labels import flag_text, hop_label, status_label, type_label
from workbench.export.options import ExportOptions
from workbench.scores import BAND_FILLS, band_fill
from workbench.states import FlagSource

# openpyxl refuses these (XML 1.0 cannot hold them); they become U+FFFD.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_CELL_CHARS = 32_767


class _Cells:
    """Makes write-only cells. Styles are built once per combination and their style
    arrays shared: setting ``fill``/``alignment`` per cell hashes style objects each time,
    which made 20,000 rows take seconds."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.fills = {colour: PatternFill("solid", start_color=colour, end_color=colour)
                      for colour in BAND_FILLS.values()}
        self.styles: dict[tuple[str | None, bool, bool], object] = {}

    def _style(self, fill: str | None, wrap: bool, bold: bool = False) -> object:
        key = (fill, wrap, bold)
        if key not in self.styles:
            template = WriteOnlyCell(self.sheet)
            if wrap:
                template.alignment = Alignment(wrap_text=True, vertical="top")
            if fill:
                template.fill = self.fills[fill]
            if bold:
                template.font = Font(bold=True)
            self.styles[key] = template._style
        return self.styles[key]

    def text(self, value: str, fill: str | None = None, bold: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=_ILLEGAL.sub("\ufffd", value)[:MAX_CELL_CHARS])
        cell.data_type = "s"  # a string even when it starts with "="
        cell._style = self._style(fill, True, bold)
        return cell

    def value(self, value: float | int | None, fill: str | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        if fill:
            cell._style = self._style(fill, False)
        return cell

    def header(self, names: list[str]) -> list[WriteOnlyCell]:
        return [self.text(name, bold=True) for name in names]


def _filter(sheet: WriteOnlyWorksheet, columns: int, rows: int) -> None:
    """An auto-filter over the header and ``rows`` rows, and the header repeated in print."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"
    sheet.print_title_rows = "1:1"


def write_xlsx(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
               out: BinaryIO) -> None:
    workbook = Workbook(write_only=True)
    labels = record.labels
    sheet = workbook.create_sheet("Rows")
    sheet.freeze_panes = "A2"
    for index, _ in enumerate(labels):
        sheet.column_dimensions[chr(ord("B") + index) if index < 24 else "Z"].width = 60
    cells = _Cells(sheet)
    header = ["row", *labels, "lowest score", "status", "signals", "reviewer flags",
              "comments"]
    sheet.append(cells.header(header))
    for row in rows:
        lowest = min(row.score.values()) if row.score else None
        fill = band_fill(lowest)
        signals = [f for f in row.flags if f.source != FlagSource.REVIEWER]
        reviewer_flags = [f for f in row.flags if f.source == FlagSource.REVIEWER]
        sheet.append([
            cells.value(row.index + 1, fill),  # the row number the UI shows
            *(cells.text(row.text.get(label, ""), fill) for label in labels),
            cells.value(round(lowest, 4) if lowest is not None else None, fill),
            cells.text(status_label(row.status), fill),
            cells.text("\n".join(flag_text(f) for f in signals), fill),
            cells.text("\n".join(flag_text(f) for f in reviewer_flags), fill),
            cells.text("\n".join(row.comments), fill),
        ])
    _filter(sheet, len(header), len(rows))
    flags = workbook.create_sheet("Flags")
    flags.freeze_panes = "A2"
    flag_cells = _Cells(flags)
    flag_header = ["row", "type", "hop", "severity", "source", "reason", "comment",
                   "dismissed"]
    flags.append(flag_cells.header(flag_header))
    count = 0
    for row in rows:
        for flag in row.flags:
            count += 1
            flags.append([flag_cells.value(row.index + 1), *(flag_cells.text(v) for v in (
                type_label(flag.type), hop_label(flag.hop), flag.severity, flag.source,
                flag.detail, flag.comment, flag.dismissed or ""))])
    _filter(flags, len(flag_header), count)
    info = workbook.create_sheet("Comparison")
    info_cells = _Cells(info)
    info.append(info_cells.header(["title", record.title]))
    info.append([info_cells.text("model"), info_cells.text(record.model)])
    info.append([info_cells.text("chain"), info_cells.text(" -> ".join(record.chain or []))])
    for version in record.versions:
        info.append([info_cells.text(f"version {version.label}"),
                     info_cells.text(f"{version.lang} {version.title}".strip())])
    workbook.save(out)
