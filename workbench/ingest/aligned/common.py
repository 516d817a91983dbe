"""Helpers shared by the TMX and XLIFF readers."""

from __future__ import annotations

import contextlib

from lxml import etree

from workbench.comparison import ComparisonRecord, FlagRecord, RowRecord, VersionInfo
from workbench.ingest.aligned.conventions import loads
from workbench.ingest.errors import BadInputError, TooLargeError
from workbench.ingest.limits import MAX_ALIGNED_ROWS

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class GenericRows:
    """Builds rows of third-party material: labels from languages, segment numbers counted."""

    def __init__(self, record: ComparisonRecord, filename: str) -> None:
        self.record = record
        self.filename = filename
        self.counters: dict[str, int] = {}
        self.known: set[str] = set(record.labels)

    def label_for(self, lang: str, taken: set[str], version_lang: str | None = None) -> str:
        """The version label for a cell in ``lang``; a repeated language gets ``lang-2``...

        The labels known so far are kept in a set (not rebuilt per column).
        """
        lang = lang or "und"
        label, n = lang, 1
        while label in taken:
            n += 1
            label = f"{lang}-{n}"
        if label not in self.known:
            self.known.add(label)
            self.record.versions.append(VersionInfo(label=label, lang=version_lang or lang))
        return label

    def add(self, texts: dict[str, str], status: str = "unreviewed",
            comments: list[str] | None = None) -> RowRecord:
        segments: dict[str, list[int]] = {}
        for label, text in texts.items():
            if text.strip():
                segments[label] = [self.counters.get(label, 0)]
                self.counters[label] = segments[label][0] + 1
            else:
                segments[label] = []
        row = RowRecord(index=len(self.record.rows), segments=segments, text=texts,
                        status=status, comments=comments or [])
        append_row(self.record, row, self.filename)
        return row


def append_row(record: ComparisonRecord, row: RowRecord, filename: str) -> None:
    record.rows.append(row)
    if len(record.rows) > MAX_ALIGNED_ROWS:
        raise TooLargeError(f"{filename} has more than {MAX_ALIGNED_ROWS:,} aligned units")


def flag_from_json(text: str, filename: str, where: str) -> FlagRecord:
    data = loads(text, filename, f"a flag of {where}")
    try:
        return FlagRecord.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadInputError(f"{filename}, {where}: a damaged flag ({exc!r})") from None


def parse_float(text: str | None, filename: str, where: str) -> float:
    try:
        return float(text or "")
    except ValueError:
        raise BadInputError(f"{filename}, {where}: {text!r} is not a number") from None


def inline_text(element: etree._Element, skip: frozenset[str], cp_tag: str = "") -> str:
    """Text of a segment element: its text and inline children's text except tags in
    ``skip`` (native codes), tails always kept; ``cp_tag`` elements give ``chr(hex)``."""
    out: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        name = tag.rsplit("}", 1)[-1]
        if cp_tag and tag == cp_tag:
            with contextlib.suppress(ValueError, OverflowError):
                out.append(chr(int(child.get("hex", ""), 16)))
        elif tag and name not in skip:
            out.append(inline_text(child, skip, cp_tag))
        out.append(child.tail or "")
    return "".join(out)
