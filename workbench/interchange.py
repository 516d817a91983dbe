"""How the workbench's own exports carry a comparison losslessly: the writers in
:mod:`workbench.export` and the readers in :mod:`workbench.ingest.aligned` share these.

TMX: header ``<prop type="x-wb-...">`` for the title, model, chain and versions;
per TU ``x-wb-row``, ``x-wb-segments``, ``x-wb-similarity:<pair>``, ``x-wb-score:<pair>``,
``x-wb-status`` and one ``x-wb-flag`` (JSON) per flag; comments are ``<note>``s; each
``<tuv>`` names its version with ``x-wb-label``.
XLIFF 2.1: attributes in the :data:`WB_NS` namespace (allowed by the core schema).
CSV/TSV: a first row ``#workbench-comparison,<JSON metadata>``.
JSONL: an optional first line ``{"comparison": <JSON metadata>}``.

Kept below both layers (it imports only :mod:`workbench.comparison`), so that
exporting never depends on the importers.
"""

from __future__ import annotations

from typing import Any

from workbench.comparison import ComparisonRecord

WB_NS = "urn:x-workbench:comparison:1"
TMX_PROP = "x-wb-"
CSV_MARKER = "#workbench-comparison"
JSONL_HEADER_KEY = "comparison"
ROW_BASE_KEY = "row_base"
"""In the CSV/TSV metadata: the number of the first row (1: as the UI shows; absent: 0)."""
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
"""Cells starting with one of these get a leading ``'`` in CSV/TSV (removed on import)."""
CSV_TRAILING_COLUMNS = ("status", "similarity", "score", "flags", "comments", "segments")
"""Columns after ``row`` and one text column per version in the workbench's CSV/TSV."""


def metadata_json(record: ComparisonRecord, labels: list[str] | None = None) -> dict[str, Any]:
    """The record's metadata (no rows) as JSON, restricted to ``labels`` when given."""
    keep = labels or record.labels
    versions = [v for v in record.versions if v.label in keep]
    chain = [label for label in record.chain or [] if label in keep] or None
    return {"title": record.title, "model": record.model, "chain": chain,
            "versions": [{"label": v.label, "lang": v.lang, "title": v.title} for v in versions]}


def escape_cell(text: str) -> str:
    """Defuse spreadsheet formulas: prefix ``'`` to a cell starting with a trigger character."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell` (only for files the workbench wrote)."""
    return text[1:] if text.startswith("'") else text
