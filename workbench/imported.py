"""Aligned material (TMX, XLIFF, CSV/TSV, JSONL) as versions plus the alignment it carries.

An imported translation memory or bilingual file already pairs its segments;
the workbench keeps that pairing (it scores and checks it, it does not
re-align it). Each non-empty cell of a row becomes one segment of its version;
a version's text is its segments, one per line.
"""

from __future__ import annotations

from typing import Any

from workbench.comparison import ComparisonRecord
from workbench.ingest.aligned import read_aligned
from workbench.ingest.glossary import read_glossary
from workbench.nlp.langid import LanguageError, detect_language
from workbench.nlp.types import Row, Segment
from workbench.pipeline import PipelineError, VersionInput, compare


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


def fill_languages(record: ComparisonRecord) -> None:
    """Versions the file did not give a language (``und``): detected from their text."""
    for version in record.versions:
        if version.lang in ("", "und"):
            sample = " ".join(row.text.get(version.label, "") for row in record.rows[:200])
            try:
                version.lang = detect_language(sample)
            except LanguageError:
                version.lang = "und"


def check_aligned(data: bytes, filename: str, chain: list[str] | None,
                  glossary: tuple[bytes, str] | None = None,
                  encoder: Any = None) -> ComparisonRecord:
    """``workbench check`` (the CLI's and the API's): the aligned material ``data`` scored and
    checked with its pairing kept; ``encoder`` ``None`` is the default model."""
    record = read_aligned(data, filename)
    fill_languages(record)
    inputs, rows = inputs_from_record(record)
    order = chain or record.chain or None
    terms = read_glossary(*glossary) if glossary is not None else None
    return compare(inputs, encoder, chain=order, title=record.title or filename, rows=rows,
                   glossary=terms).record
