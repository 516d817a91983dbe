"""What the pipeline takes in and hands on: a version as given, and an aligned comparison.

:class:`VersionInput` is one version as a user gives it, the one shape a version has
from the web form, the API, the CLI and the jobs to the pipeline and the store (the
stored draft of a new comparison keeps its :meth:`VersionInput.to_json`).
:class:`AlignedComparison` is the pipeline's result (``pipeline.compare``) and what
the store saves (``store.save_comparison``). Both sit below the pipeline and the store
so that the store never imports the pipeline. Not to be confused with
``store.models.Comparison`` (the database row) or
:class:`workbench.comparison.ComparisonRecord` (the record exporters write and
importers read).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.comparison import ComparisonRecord
from workbench.nlp.types import Row, Segment, Version


@dataclass
class VersionInput:
    """One version as a user gives it: a label, a text and, if known, its language.

    ``segments`` are given ones (edited in the preview, or imported aligned material);
    ``None``: the pipeline segments the text (one segment a line when ``segmented``).
    ``title``, ``filename`` and ``encoding`` are what the pipeline does not use: the
    store keeps them with the version.
    """

    label: str
    text: str
    lang: str | None = None
    title: str = ""
    segmented: bool = False
    segments: list[Segment] | None = None
    filename: str = ""
    encoding: str = ""
    read_as: str = ""
    """The format the file was read as ("DOCX") when its name said another one (``.odt``):
    the preview says so."""

    def to_json(self) -> dict[str, Any]:
        """The version as JSON data (a stored draft's); :meth:`from_json` reads it back."""
        data = {"label": self.label, "text": self.text, "lang": self.lang, "title": self.title,
                "segmented": self.segmented, "filename": self.filename,
                "encoding": self.encoding,
                "segments": [segment_json(s, self.text) for s in self.segments or []]}
        if self.read_as:  # only then: drafts stored before keep their exact form
            data["read_as"] = self.read_as
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VersionInput:
        """A version :meth:`to_json` wrote (drafts stored before it kept the same keys);
        ``KeyError``, ``TypeError`` or ``ValueError`` when it cannot be one."""
        text = str(data["text"])
        segments = [segment_from_json(index, stored, text)
                    for index, stored in enumerate(data.get("segments") or [])]
        return cls(label=str(data["label"]), text=text, lang=data.get("lang") or None,
                   title=str(data.get("title") or ""), segmented=bool(data.get("segmented")),
                   segments=segments or None, filename=str(data.get("filename") or ""),
                   encoding=str(data.get("encoding") or ""),
                   read_as=str(data.get("read_as") or ""))


def segment_json(segment: Segment, text: str) -> list[Any]:
    """A segment as stored in a draft: ``[start, end, paragraph]``, plus its text only when
    it is not ``text[start:end]`` (a long book's draft stays the size of its text)."""
    bounds: list[Any] = [segment.start, segment.end, segment.paragraph]
    return bounds if text[segment.start:segment.end] == segment.text else [*bounds, segment.text]


def segment_from_json(index: int, stored: Sequence[Any], text: str) -> Segment:
    """Segment ``index`` as :func:`segment_json` stored it, checked to lie inside ``text``
    and not to be blank (``ValueError`` otherwise)."""
    start, end, paragraph = (int(n) for n in stored[:3])
    segment_text = str(stored[3]) if len(stored) > 3 else text[start:end]
    if not 0 <= start < end <= len(text) or not segment_text.strip():
        raise ValueError(f"segment {index + 1} is outside the text or empty")
    return Segment(index=index, text=segment_text, start=start, end=end, paragraph=paragraph)


@dataclass
class AlignedComparison:
    """An aligned comparison: versions with their segments, the grid, and the scored record."""

    versions: list[Version]
    rows: list[Row]
    record: ComparisonRecord
    chain: list[str] | None = None
    timings: dict[str, float] = field(default_factory=dict)
    registers: dict[str, float | None] = field(default_factory=dict)
    """The document register per cross-language pair key the rows were checked with
    (:mod:`workbench.nlp.drift.pair_registers`): stored, and given back to each rescore."""


__all__ = ["AlignedComparison", "VersionInput", "segment_from_json", "segment_json"]
