"""How the workbench's own exports carry a comparison losslessly (shared by the readers here
and the writers in :mod:`workbench.export`).

TMX: header ``<prop type="x-wb-...">`` for the title, model, chain and versions;
per TU ``x-wb-row``, ``x-wb-segments``, ``x-wb-similarity:<pair>``, ``x-wb-score:<pair>``,
``x-wb-status`` and one ``x-wb-flag`` (JSON) per flag; comments are ``<note>``s; each
``<tuv>`` names its version with ``x-wb-label``.
XLIFF 2.1: attributes in the :data:`WB_NS` namespace (allowed by the core schema).
CSV/TSV: a first row ``#workbench-comparison,<JSON metadata>``.
JSONL: an optional first line ``{"comparison": <JSON metadata>}``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from workbench.comparison import ComparisonRecord, VersionInfo
from workbench.ingest.errors import BadInputError

WB_NS = "urn:x-workbench:comparison:1"
TMX_PROP = "x-wb-"
CSV_MARKER = "#workbench-comparison"
JSONL_HEADER_KEY = "comparison"
ROW_BASE_KEY = "row_base"
"""In the CSV/TSV metadata: the number of the first row (1: as the UI shows; absent: 0)."""
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
"""Cells starting with one of these get a leading ``'`` in CSV/TSV (removed on import)."""

_LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def guess_lang(label: str) -> str:
    """A label that looks like a language code is one (``"zh"``); otherwise ``"und"``."""
    return label if _LANG_CODE.fullmatch(label) else "und"


def metadata_json(record: ComparisonRecord, labels: list[str] | None = None) -> dict[str, Any]:
    """The record's metadata (no rows) as JSON, restricted to ``labels`` when given."""
    keep = labels or record.labels
    versions = [v for v in record.versions if v.label in keep]
    chain = [label for label in record.chain or [] if label in keep] or None
    return {"title": record.title, "model": record.model, "chain": chain,
            "versions": [{"label": v.label, "lang": v.lang, "title": v.title} for v in versions]}


def metadata_from_json(data: Any, filename: str) -> ComparisonRecord:
    """An empty record (no rows) from :func:`metadata_json` output; raises on a bad shape."""
    try:
        versions = [VersionInfo(label=str(v["label"]), lang=str(v.get("lang") or "und"),
                                title=str(v.get("title") or "")) for v in data["versions"]]
        chain = data.get("chain")
        record = ComparisonRecord(
            title=str(data.get("title") or ""), versions=versions, rows=[],
            chain=[str(c) for c in chain] if chain else None, model=str(data.get("model") or ""),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise BadInputError(f"{filename}: its workbench metadata is damaged ({exc})") from None
    check_labels(record.labels, filename)
    return record


def check_labels(labels: list[str], filename: str) -> None:
    if len(set(labels)) != len(labels):
        raise BadInputError(f"{filename}: version labels repeat ({', '.join(labels)})")
    if any(not label for label in labels):
        raise BadInputError(f"{filename}: a version has an empty label")


def loads(text: str, filename: str, what: str) -> Any:
    """``json.loads`` with a user-facing error naming ``what`` was being read."""
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadInputError(f"{filename}: {what} is not valid JSON ({exc})") from None

CSV_TRAILING_COLUMNS = ("status", "similarity", "score", "flags", "comments", "segments")
"""Columns after ``row`` and one text column per version in the workbench's CSV/TSV."""


def escape_cell(text: str) -> str:
    """Defuse spreadsheet formulas: prefix ``'`` to a cell starting with a trigger character."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell` (only for files the workbench wrote)."""
    return text[1:] if text.startswith("'") else text
