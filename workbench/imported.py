"""Aligned material (TMX, XLIFF, CSV/TSV, JSONL) as versions plus the alignment it carries.

An imported translation memory or bilingual file already pairs its segments;
the workbench keeps that pairing (it scores and checks it, it does not
re-align it). Each non-empty cell of a row becomes one segment of its version;
a version's text is its segments, one per line.
"""

from __future__ import annotations

from workbench.comparison import ComparisonRecord
from workbench.nlp.types import Row, Segment
from workbench.pipeline import PipelineError, VersionInput


def inputs_from_record(record: ComparisonRecord) -> tuple[list[VersionInput], list[Row]]:
    """The versions of ``record`` (segments given) and its rows over those segments."""
    labels = record.labels
    if len(labels) < 2:
        raise PipelineError("the file holds fewer than two languages: nothing to compare")
    segments: dict[str, list[Segment]] = {label: [] for label in labels}
    offsets = dict.fromkeys(labels, 0)
    rows: list[Row] = []
    for record_row in record.rows:
        cells: dict[str, tuple[int, ...]] = {}
        for label in labels:
            text = " ".join(record_row.text.get(label, "").split("\n")).strip()
            if not text:
                cells[label] = ()
                continue
            own = segments[label]
            own.append(Segment(len(own), text, offsets[label], offsets[label] + len(text),
                               paragraph=len(rows)))
            offsets[label] += len(text) + 1
            cells[label] = (len(own) - 1,)
        if any(cells.values()):
            rows.append(Row(cells))
    inputs = []
    for info in record.versions:
        own = segments[info.label]
        if not own:
            raise PipelineError(f"the file has no text for {info.label!r}")
        inputs.append(VersionInput(label=info.label, text="\n".join(s.text for s in own),
                                   lang=info.lang if info.lang not in ("", "und") else None,
                                   segmented=True, segments=own))
    return inputs, rows
