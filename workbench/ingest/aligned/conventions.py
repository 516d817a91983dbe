"""Reading the workbench's own exports back: the conventions they follow are in
:mod:`workbench.interchange` (shared with the writers in :mod:`workbench.export`).

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
from workbench.interchange import (  # the writers' half, re-exported for the readers here
    CSV_MARKER,
    CSV_TRAILING_COLUMNS,
    FORMULA_TRIGGERS,
    JSONL_HEADER_KEY,
    ROW_BASE_KEY,
    TMX_PROP,
    WB_NS,
    escape_cell,
    metadata_json,
    unescape_cell,
)

_LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def guess_lang(label: str) -> str:
    """A label that looks like a language code is one (``"zh"``); otherwise ``"und"``."""
    return label if _LANG_CODE.fullmatch(label) else "und"


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


__all__ = ["CSV_MARKER", "CSV_TRAILING_COLUMNS", "FORMULA_TRIGGERS", "JSONL_HEADER_KEY",
           "ROW_BASE_KEY", "TMX_PROP", "WB_NS", "check_labels", "escape_cell", "guess_lang",
           "loads", "metadata_from_json", "metadata_json", "unescape_cell"]
