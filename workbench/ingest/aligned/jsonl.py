"""Read the CLI's JSONL rows (one :meth:`RowRecord.to_json` object per line)."""

from __future__ import annotations

import os

from workbench.comparison import STATUSES, ComparisonRecord, RowRecord, VersionInfo
from workbench.ingest.aligned.conventions import (
    JSONL_HEADER_KEY,
    check_labels,
    guess_lang,
    loads,
    metadata_from_json,
)
from workbench.ingest.errors import BadInputError, TooLargeError
from workbench.ingest.limits import MAX_ALIGNED_ROWS


def row_from_json(data: object, filename: str, where: str) -> RowRecord:
    """A :class:`RowRecord` from parsed JSON, or a clear error naming ``where`` it is."""
    if not isinstance(data, dict):
        raise BadInputError(f"{filename}, {where}: expected a JSON object")
    try:
        row = RowRecord.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadInputError(f"{filename}, {where}: not a workbench row ({exc!r})") from None
    if row.status not in STATUSES:
        raise BadInputError(f"{filename}, {where}: unknown status {row.status!r}")
    return row


def finish_record(record: ComparisonRecord, filename: str,
                  has_metadata: bool = True) -> ComparisonRecord:
    """Fill in versions (and the title, without metadata) from the rows; check labels."""
    known = set(record.labels)
    for row in record.rows:
        for label in row.text:
            if label not in known:
                known.add(label)
                record.versions.append(VersionInfo(label=label, lang=guess_lang(label)))
    check_labels(record.labels, filename)
    if not record.rows:
        raise BadInputError(f"{filename} holds no aligned rows")
    if not has_metadata:
        record.title = os.path.splitext(filename)[0]
    return record


def read_jsonl(text: str, filename: str) -> ComparisonRecord:
    record = ComparisonRecord(title="", versions=[], rows=[])
    has_metadata = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        data = loads(line, filename, f"line {number}")
        if number == 1 and isinstance(data, dict) and JSONL_HEADER_KEY in data:
            record = metadata_from_json(data[JSONL_HEADER_KEY], filename)
            has_metadata = True
            continue
        record.rows.append(row_from_json(data, filename, f"line {number}"))
        if len(record.rows) > MAX_ALIGNED_ROWS:
            raise TooLargeError(f"{filename} has more than {MAX_ALIGNED_ROWS:,} rows")
    return finish_record(record, filename, has_metadata)
