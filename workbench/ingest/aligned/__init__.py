"""Import aligned material (TMX, XLIFF, CSV/TSV, JSONL) keeping its pairing."""

from __future__ import annotations

import os

from workbench.comparison import ComparisonRecord
from workbench.ingest.aligned.jsonl import read_jsonl
from workbench.ingest.aligned.tabular import read_tabular
from workbench.ingest.aligned.tmx import read_tmx
from workbench.ingest.aligned.xliff import read_xliff
from workbench.ingest.errors import BadInputError
from workbench.ingest.limits import MAX_TABLE_ELEMENTS, TextBudget, check_size
from workbench.ingest.safe_xml import local_name, parse_xml
from workbench.ingest.text import decode_bytes

ALIGNED_EXTENSIONS: dict[str, str] = {
    ".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
}


def aligned_format(data: bytes, filename: str) -> str | None:
    """The aligned-material format of a file, from its extension or content, else ``None``."""
    by_name = ALIGNED_EXTENSIONS.get(os.path.splitext(filename.lower())[1])
    if by_name:
        return by_name
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        if b"<tmx" in head:
            return "tmx"
        if b"<xliff" in head:
            return "xliff"
    if head.startswith(b"{"):
        return "jsonl"
    return None


def read_aligned(data: bytes, filename: str) -> ComparisonRecord:
    """Read aligned material into a :class:`ComparisonRecord`, keeping its pairing.

    The workbench's own exports come back exactly as written; other tools' files get
    labels from their languages (or column headers) and rows numbered in file order.
    Raises :class:`BadInputError` with one clear message, and returns nothing partial.
    """
    filename = os.path.basename(filename) or "the file"
    check_size(data, filename)
    if not data.strip():
        raise BadInputError(f"{filename} is empty")
    fmt = aligned_format(data, filename)
    if fmt is None:
        raise BadInputError(f"{filename}: not a known aligned format (use .tmx, .xlf/.xliff, "
                            ".csv, .tsv or .jsonl)")
    if fmt in ("tmx", "xliff"):
        root = parse_xml(data, filename, TextBudget(filename, MAX_TABLE_ELEMENTS))
        if local_name(root) == "tmx":
            return read_tmx(root, filename)
        if local_name(root) == "xliff":
            return read_xliff(root, filename)
        raise BadInputError(f"{filename} is neither TMX nor XLIFF (root <{local_name(root)}>)")
    text, _ = decode_bytes(data, filename, strict=False)
    if fmt == "jsonl":
        return read_jsonl(text, filename)
    return read_tabular(text, filename)
