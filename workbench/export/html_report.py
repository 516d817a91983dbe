"""A self-contained HTML review report: inline CSS, every text escaped, prints well
(A4 landscape, rows never split across pages, colours kept)."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import BinaryIO

from workbench.comparison import ComparisonRecord, RowRecord
from workbench.export.options import ExportOptions
from workbench.export.xlsx import score_colour

_CSS = """
body{font:14px/1.45 system-ui,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem;margin:0 0 .3rem}
.meta{color:#555;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top;text-align:start;
 white-space:pre-wrap;overflow-wrap:anywhere}
th{background:#eee}
td.n{width:3.5rem;text-align:end;font-variant-numeric:tabular-nums}
td.s{width:5rem}
.flag{display:inline-block;border-radius:3px;padding:0 .3rem;margin:.1rem;background:#fff3;
 border:1px solid #a33;color:#811;font-size:.85em}
.comment{display:block;font-style:italic;color:#444}
.summary td{white-space:normal}
@media print{@page{size:A4 landscape;margin:12mm}body{margin:0;font-size:10pt}
 tr{break-inside:avoid}thead{display:table-header-group}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _row_html(row: RowRecord, labels: list[str], langs: dict[str, str]) -> str:
    lowest = min(row.score.values()) if row.score else None
    colour = score_colour(lowest)
    style = f' style="background:#{colour}"' if colour else ""
    cells = [f'<td class="n">{row.index}</td>']
    for label in labels:
        cells.append(f'<td lang="{escape(langs[label])}" dir="auto">'
                     f"{escape(row.text.get(label, ''))}</td>")
    score = f"{lowest:.2f}" if lowest is not None else "–"
    flags = "".join(
        f'<span class="flag" title="{escape(f.detail)}">{escape(f.type)} {escape(f.hop)}</span>'
        for f in row.flags)
    comments = "".join(f'<span class="comment">{escape(c)}</span>' for c in row.comments)
    cells.append(f'<td class="s">{score}<br>{escape(row.status)}</td>')
    cells.append(f"<td>{flags}{comments}</td>")
    return f"<tr{style}>{''.join(cells)}</tr>\n"


def write_html(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
               out: BinaryIO) -> None:
    labels = record.labels
    langs = {v.label: v.lang for v in record.versions}
    counts = Counter(f"{f.type} ({f.hop})" for row in rows for f in row.flags)
    statuses = Counter(row.status for row in rows)
    versions = ", ".join(f"{v.label} ({v.lang})" + (f" – {v.title}" if v.title else "")
                         for v in record.versions)
    head = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(record.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(record.title)}</h1>",
        f'<p class="meta">Versions: {escape(versions)}'
        + (f"<br>Chain: {escape(' → '.join(record.chain))}" if record.chain else "")
        + (f"<br>Model: {escape(record.model)}" if record.model else "")
        + f"<br>Rows: {len(rows)} ("
        + escape(", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))) + ")</p>",
    ]
    if counts:
        head.append('<table class="summary"><thead><tr><th>Drift signal</th><th>Rows</th>'
                    "</tr></thead><tbody>")
        head.extend(f"<tr><td>{escape(k)}</td><td>{n}</td></tr>"
                    for k, n in sorted(counts.items()))
        head.append("</tbody></table><p></p>")
    head.append("<table><thead><tr><th style=\"width:3.5rem\">#</th>"
                + "".join(f"<th>{escape(label)}</th>" for label in labels)
                + '<th style="width:5rem">Score</th><th>Flags, comments</th></tr></thead>'
                "<tbody>\n")
    out.write("".join(head).encode("utf-8"))
    chunk: list[str] = []
    for row in rows:
        chunk.append(_row_html(row, labels, langs))
        if len(chunk) >= 1000:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    chunk.append("</tbody></table></body></html>\n")
    out.write("".join(chunk).encode("utf-8"))
