"""A self-contained HTML review report: inline CSS, every text escaped, prints well
(A4 landscape, rows never split across pages, colours kept, the header row repeated).

Everything the review holds is in the page itself, not in tooltips: each row's status,
lowest score, drift signals with readable type, hop and reason, the reviewer's flags with
their comments, dismissed signals with the reason given, and the comments. Row numbers are
the ones the UI shows (from 1).
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import BinaryIO

from workbench.comparison import ComparisonRecord, FlagRecord, RowRecord
from workbench.export.labels import hop_label, status_label, type_label
from workbench.export.options import ExportOptions
from workbench.scores import band_fill
from workbench.states import FlagSource

_CSS = """
body{font:14px/1.45 system-ui,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem;margin:0 0 .3rem}
.meta{color:#555;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top;text-align:start;
 white-space:pre-wrap;overflow-wrap:break-word;word-break:normal}
th{background:#eee}
th.n,td.n{width:3.2rem;text-align:end;font-variant-numeric:tabular-nums}
th.r,td.r{width:30%}
td.r{white-space:normal}
.status{display:inline-block;white-space:nowrap;word-break:keep-all;border-radius:3px;
 padding:0 .35rem;border:1px solid #888;font-size:.85em;margin-inline-end:.4rem}
.status.accepted{border-color:#2a7a2a;color:#1d5e1d}.status.flagged{border-color:#a33;color:#811}
.score{white-space:nowrap;font-variant-numeric:tabular-nums;color:#444;font-size:.85em}
.sig{margin:.25rem 0;padding-inline-start:.4rem;border-inline-start:3px solid #c90}
.sig.critical{border-color:#b00}.sig.minor{border-color:#dc6}
.sig.reviewer{border-color:#36c;background:#f3f6fc}
.sig .what{font-weight:600}.sig .hop,.sig .sev{color:#555;font-size:.85em;white-space:nowrap}
.sig .reason{display:block}.sig .note{display:block;font-style:italic}
.sig.dismissed{border-inline-start-style:dashed;color:#666}
.sig.dismissed .what,.sig.dismissed .reason{text-decoration:line-through}
.comment{display:block;font-style:italic;color:#333;margin-top:.2rem}
tr.sev-critical td.n{box-shadow:inset 4px 0 0 #b00}
tr.sev-major td.n{box-shadow:inset 4px 0 0 #c90}
.summary{width:auto;margin-bottom:1rem}.summary td{white-space:normal}
@media print{@page{size:A4 landscape;margin:12mm}body{margin:0;font-size:9.5pt;color:#000}
 table{font-size:9pt}tr{break-inside:avoid;page-break-inside:avoid}
 thead{display:table-header-group}h1{font-size:14pt}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _flag_html(flag: FlagRecord) -> str:
    kind = "reviewer" if flag.source == FlagSource.REVIEWER else "signal"
    classes = f"sig {kind} {escape(flag.severity)}" + (" dismissed" if flag.dismissed else "")
    what = type_label(flag.type)
    if flag.source == FlagSource.REVIEWER:
        what = f"Reviewer flag: {what}"
    parts = [f'<div class="{classes}"><span class="what">{escape(what)}</span>']
    if flag.hop:
        parts.append(f' <span class="hop">{escape(hop_label(flag.hop))}</span>')
    parts.append(f' <span class="sev">({escape(flag.severity)})</span>')
    if flag.detail:
        parts.append(f'<span class="reason">{escape(flag.detail)}</span>')
    if flag.comment:
        parts.append(f'<span class="note">{escape(flag.comment)}</span>')
    if flag.dismissed is not None:
        parts.append(f'<span class="note">Dismissed: {escape(flag.dismissed)}</span>')
    parts.append("</div>")
    return "".join(parts)


def _top_severity(row: RowRecord) -> str:
    standing = {f.severity for f in row.flags if f.dismissed is None}
    return next((s for s in ("critical", "major", "minor") if s in standing), "none")


def _row_html(row: RowRecord, labels: list[str], langs: dict[str, str]) -> str:
    lowest = min(row.score.values()) if row.score else None
    colour = band_fill(lowest)
    style = f' style="background:#{colour}"' if colour else ""
    cells = [f'<td class="n">{row.index + 1}</td>']
    for label in labels:
        cells.append(f'<td lang="{escape(langs[label])}" dir="auto">'
                     f"{escape(row.text.get(label, ''))}</td>")
    score = (f'<span class="score">lowest score {lowest:.2f}</span>' if lowest is not None
             else '<span class="score">no score</span>')
    review = [f'<span class="status {escape(row.status)}">{escape(status_label(row.status))}'
              f"</span>{score}"]
    ordered = sorted(row.flags, key=lambda f: (f.dismissed is not None,
                                               f.source != FlagSource.REVIEWER))
    review.extend(_flag_html(flag) for flag in ordered)
    review.extend(f'<span class="comment"><b>Comment:</b> {escape(c)}</span>'
                  for c in row.comments)
    cells.append(f'<td class="r">{"".join(review)}</td>')
    return f'<tr class="sev-{_top_severity(row)}"{style}>{"".join(cells)}</tr>\n'


def _summary(rows: list[RowRecord]) -> list[str]:
    standing: Counter[tuple[str, str]] = Counter()
    dismissed: Counter[tuple[str, str]] = Counter()
    for row in rows:
        for flag in row.flags:
            key = ((f"Reviewer flag: {type_label(flag.type)}" if flag.source == FlagSource.REVIEWER
                    else type_label(flag.type)), hop_label(flag.hop))
            (dismissed if flag.dismissed is not None else standing)[key] += 1
    keys = sorted({*standing, *dismissed})
    if not keys:
        return []
    out = ['<table class="summary"><thead><tr><th>Signal or flag</th><th>Hop</th>'
           "<th>Standing</th><th>Dismissed</th></tr></thead><tbody>"]
    out.extend(f"<tr><td>{escape(what)}</td><td>{escape(hop) or '–'}</td>"
               f"<td>{standing[(what, hop)]}</td><td>{dismissed[(what, hop)]}</td></tr>"
               for what, hop in keys)
    out.append("</tbody></table>")
    return out


def write_html(record: ComparisonRecord, rows: list[RowRecord], options: ExportOptions,
               out: BinaryIO) -> None:
    labels = record.labels
    langs = {v.label: v.lang for v in record.versions}
    statuses = Counter(row.status for row in rows)
    versions = ", ".join(f"{v.label} ({v.lang})" + (f" – {v.title}" if v.title else "")
                         for v in record.versions)
    comments = sum(len(row.comments) for row in rows)
    head = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(record.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(record.title)}</h1>",
        f'<p class="meta">Versions: {escape(versions)}'
        + (f"<br>Chain: {escape(' → '.join(record.chain))}" if record.chain else "")
        + (f"<br>Model: {escape(record.model)}" if record.model else "")
        + f"<br>Rows: {len(rows)} ("
        + escape(", ".join(f"{n} {status_label(s).lower()}"
                           for s, n in sorted(statuses.items())))
        + f"); comments: {comments}</p>",
        *_summary(rows),
        '<table class="rows"><thead><tr><th class="n">#</th>'
        + "".join(f"<th>{escape(label)}</th>" for label in labels)
        + '<th class="r">Review</th></tr></thead><tbody>\n',
    ]
    out.write("".join(head).encode("utf-8"))
    chunk: list[str] = []
    for row in rows:
        chunk.append(_row_html(row, labels, langs))
        if len(chunk) >= 1000:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    chunk.append("</tbody></table></body></html>\n")
    out.write("".join(chunk).encode("utf-8"))
