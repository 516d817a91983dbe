"""The comparison record: the one shape every layer exchanges after alignment.

The pipeline produces it, the store saves and reloads it, exporters write it and
importers of aligned material (TMX, XLIFF, CSV, JSONL) read it back. One JSONL
line of the CLI is :meth:`RowRecord.to_json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.states import ROW_STATUSES, FlagSource, RowStatus, Severity

STATUSES = ROW_STATUSES


@dataclass
class FlagRecord:
    """A drift signal (``source="auto"``) or a reviewer's flag (``source="reviewer"``).

    ``hop`` is a pair key such as ``"zh|ru"``; ``spans`` maps a version label to
    ``[start, end]`` character offsets *within that row's text for the label*.
    ``reason_key`` / ``reason_args`` are the message template and its arguments
    that ``detail`` was written from (see :mod:`workbench.nlp.drift.messages`), so
    the reason can be shown in another language; empty for a reviewer's flag and
    for records written before reasons had keys (then ``detail`` is all there is).
    """

    type: str
    hop: str
    detail: str
    spans: dict[str, list[list[int]]] = field(default_factory=dict)
    severity: str = Severity.MAJOR
    source: str = FlagSource.AUTO
    comment: str = ""
    carried: bool | None = None  # chain: did the drift carry on to later versions?
    reason_key: str = ""
    reason_args: dict[str, Any] = field(default_factory=dict)
    dismissed: str | None = None  # a reviewer dismissed this auto signal: the reason

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "hop": self.hop, "detail": self.detail,
                                "spans": self.spans, "severity": self.severity,
                                "source": self.source}
        if self.comment:
            data["comment"] = self.comment
        if self.carried is not None:
            data["carried"] = self.carried
        if self.reason_key:
            data["reason"] = {"key": self.reason_key, "args": self.reason_args}
        if self.dismissed is not None:
            data["dismissed"] = self.dismissed
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FlagRecord:
        return cls(type=str(data["type"]), hop=str(data.get("hop", "")),
                   detail=str(data.get("detail", "")),
                   spans={k: [list(map(int, s)) for s in v]
                          for k, v in dict(data.get("spans") or {}).items()},
                   severity=str(data.get("severity", "major")),
                   source=str(data.get("source", "auto")),
                   comment=str(data.get("comment", "")),
                   carried=data.get("carried"),
                   dismissed=(str(data["dismissed"]) if data.get("dismissed") is not None
                              else None),
                   **_reason_from_json(data.get("reason")))


def _reason_from_json(reason: Any) -> dict[str, Any]:
    """``reason_key`` / ``reason_args`` from a JSON ``"reason"`` (absent in older files)."""
    if not isinstance(reason, dict) or not isinstance(reason.get("key"), str):
        return {}
    args = reason.get("args")
    return {"reason_key": reason["key"], "reason_args": dict(args) if isinstance(args, dict)
            else {}}


@dataclass
class RowRecord:
    """One aligned row across all versions."""

    index: int
    segments: dict[str, list[int]]
    text: dict[str, str]
    similarity: dict[str, float] = field(default_factory=dict)
    score: dict[str, float] = field(default_factory=dict)
    flags: list[FlagRecord] = field(default_factory=list)
    status: str = RowStatus.UNREVIEWED
    comments: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "row": self.index,
            "segments": self.segments,
            "text": self.text,
            "similarity": {k: round(v, 4) for k, v in self.similarity.items()},
        }
        if self.score:
            data["score"] = {k: round(v, 4) for k, v in self.score.items()}
            data["flags"] = [f.to_json() for f in self.flags]
        elif self.flags:
            data["flags"] = [f.to_json() for f in self.flags]
        if self.status != RowStatus.UNREVIEWED:
            data["status"] = self.status
        if self.comments:
            data["comments"] = self.comments
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RowRecord:
        return cls(index=int(data["row"]),
                   segments={k: [int(i) for i in v] for k, v in data["segments"].items()},
                   text={k: str(v) for k, v in data["text"].items()},
                   similarity={k: float(v) for k, v in dict(data.get("similarity") or {}).items()},
                   score={k: float(v) for k, v in dict(data.get("score") or {}).items()},
                   flags=[FlagRecord.from_json(f) for f in data.get("flags") or []],
                   status=str(data.get("status", "unreviewed")),
                   comments=[str(c) for c in data.get("comments") or []])


@dataclass
class VersionInfo:
    """A version's identity within a comparison (its segments live in the rows)."""

    label: str
    lang: str
    title: str = ""


@dataclass
class ComparisonRecord:
    """A whole comparison: versions in chain/reading order, and its aligned rows."""

    title: str
    versions: list[VersionInfo]
    rows: list[RowRecord]
    chain: list[str] | None = None
    model: str = ""

    @property
    def labels(self) -> list[str]:
        return [v.label for v in self.versions]
