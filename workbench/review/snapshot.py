"""Row-range snapshots: the unit of history, undo and redo.

A change replaces the rows at positions ``start .. start + len(before) - 1``
with ``after``; undo puts ``before`` back, redo puts ``after`` back. A row
snapshot holds everything about the row (cells, status, scores, flags,
comments), so any kind of change -- a status, a flag, a merge -- undoes the
same way and nothing a reviewer did is lost. History entries refer to rows by
position, which is sound because undo and redo are applied strictly in stack
order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NotRequired, TypedDict

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from workbench.review.errors import InvalidOperationError
from workbench.states import RowStatus
from workbench.store.flagfields import FlagFields, flag_fields
from workbench.store.models import (
    AlignmentRow,
    CommentModel,
    FlagModel,
    PairScore,
    SegmentModel,
    utcnow,
)
from workbench.store.rowdata import RowData, load_rows, version_labels


class FlagSnapshot(FlagFields):
    """A flag in a row snapshot; the optional keys are absent when empty, so that snapshots
    recorded before dismissals and reason keys existed compare equal to new ones."""

    created_at: NotRequired[str]  # ISO 8601
    dismissed: NotRequired[str | None]
    dismissed_at: NotRequired[str | None]
    reason_key: NotRequired[str]
    reason_args: NotRequired[dict[str, Any] | None]


class CommentSnapshot(TypedDict):
    text: str
    author: str
    created_at: str  # ISO 8601


class RowSnapshot(TypedDict):
    """Everything about one row, JSON-ready: what the undo history stores before and after."""

    cells: dict[str, list[int]]  # label -> segment indices
    status: str  # a RowStatus
    corrected: bool
    scores: dict[str, list[float | None]]  # pair key -> [similarity, calibrated score]
    flags: list[FlagSnapshot]
    comments: list[CommentSnapshot]


def _iso(value: datetime) -> str:
    return value.isoformat()


def _parse_time(value: str | None) -> datetime:
    return datetime.fromisoformat(value) if value else utcnow()


def _dismissal(reason: str | None, at: datetime | None) -> dict[str, Any]:
    """The dismissal keys of a flag snapshot; none for a standing signal, so that
    snapshots recorded before dismissals existed compare equal."""
    if reason is None:
        return {}
    return {"dismissed": reason, "dismissed_at": _iso(at) if at else None}


def reason_keys(key: str, args: dict[str, Any] | None) -> dict[str, Any]:
    """The reason keys of a flag snapshot (message key plus arguments); none without a key,
    so that snapshots recorded before reasons had keys compare equal."""
    return {"reason_key": key, "reason_args": dict(args or {})} if key else {}


def snapshot(data: RowData) -> RowSnapshot:
    """A JSON-ready copy of a row."""
    return RowSnapshot(
        cells={label: [i for i, _ in cell] for label, cell in data.cells.items()},
        status=data.status,
        corrected=data.corrected,
        scores={k: [s, c] for k, (s, c) in data.scores.items()},
        flags=[flag_snapshot(f, created_at=_iso(f.created_at),
                             **_dismissal(f.dismissed, f.dismissed_at)) for f in data.flags],
        comments=[CommentSnapshot(text=c.text, author=c.author, created_at=_iso(c.created_at))
                  for c in data.comments],
    )


def flag_snapshot(flag: object, **extra: Any) -> FlagSnapshot:
    """A flag (record or stored) as a snapshot: its fields, its reason keys, ``extra``."""
    read: Any = flag
    snap: dict[str, Any] = {**flag_fields(flag), **extra,
                            **reason_keys(read.reason_key, read.reason_args)}
    return FlagSnapshot(**snap)  # type: ignore[typeddict-item]


def snapshot_range(session: Session, comparison_id: int, start: int,
                   stop: int) -> list[RowSnapshot]:
    return [snapshot(d) for d in load_rows(session, comparison_id, positions=(start, stop))]


def _shift_positions(session: Session, comparison_id: int, from_position: int,
                     delta: int) -> None:
    """Move rows at ``position >= from_position`` by ``delta`` without breaking uniqueness."""
    if delta == 0:
        return
    where = (AlignmentRow.comparison_id == comparison_id,)
    # two steps through negative numbers: positions stay unique at every moment
    session.execute(update(AlignmentRow).where(*where, AlignmentRow.position >= from_position)
                    .values(position=-(AlignmentRow.position + delta) - 1))
    session.execute(update(AlignmentRow).where(*where, AlignmentRow.position < 0)
                    .values(position=-AlignmentRow.position - 1))


def _write_details(session: Session, row_id: int, current: RowSnapshot | None,
                   target: RowSnapshot) -> None:
    """Bring status, scores, flags and comments of a row to ``target`` (only what differs)."""
    if current is None or (current["status"], current["corrected"]) != (
            target["status"], target["corrected"]):
        session.execute(update(AlignmentRow).where(AlignmentRow.id == row_id)
                        .values(status=target["status"], corrected=target["corrected"]))
    if current is None or current["scores"] != target["scores"]:
        if current is not None:
            session.execute(delete(PairScore).where(PairScore.row_id == row_id))
        if target["scores"]:
            session.execute(insert(PairScore), [
                {"row_id": row_id, "pair_key": k, "similarity": s, "score": c}
                for k, (s, c) in target["scores"].items()])
    if current is None or current["flags"] != target["flags"]:
        if current is not None:
            session.execute(delete(FlagModel).where(FlagModel.row_id == row_id))
        if target["flags"]:
            session.execute(insert(FlagModel), [
                {"row_id": row_id, **flag_fields(f),
                 "created_at": _parse_time(f.get("created_at")),
                 "dismissed": f.get("dismissed"),
                 "dismissed_at": (_parse_time(f.get("dismissed_at"))
                                  if f.get("dismissed") is not None else None),
                 "reason_key": f.get("reason_key", ""), "reason_args": f.get("reason_args")}
                for f in target["flags"]])
    if current is None or current["comments"] != target["comments"]:
        if current is not None:
            session.execute(delete(CommentModel).where(CommentModel.row_id == row_id))
        if target["comments"]:
            session.execute(insert(CommentModel), [
                {"row_id": row_id, "text": c["text"], "author": c["author"],
                 "created_at": _parse_time(c.get("created_at"))} for c in target["comments"]])


def apply_range(session: Session, comparison_id: int, start: int, old_len: int,
                target: Sequence[RowSnapshot]) -> list[int]:
    """Replace the ``old_len`` rows from ``start`` with ``target``; returns the new rows' ids.

    Rows are reused where possible (same ids when the shape is unchanged) and
    segments are moved between rows before emptied rows are deleted, so the
    "each segment in exactly one row" constraint holds at every step.
    """
    if any(not any(s["cells"].values()) for s in target):
        raise InvalidOperationError("a row must keep at least one segment")
    old = load_rows(session, comparison_id, positions=(start, start + old_len))
    if len(old) != old_len:
        raise InvalidOperationError("the rows changed meanwhile; reload the page")
    current = [snapshot(d) for d in old]
    before_cells = sorted((lb, i) for c in current for lb, idx in c["cells"].items() for i in idx)
    after_cells = sorted((lb, i) for t in target for lb, idx in t["cells"].items() for i in idx)
    if before_cells != after_cells:
        raise InvalidOperationError("a correction must keep exactly the segments of its rows")
    same_shape = len(target) == old_len and all(
        c["cells"] == t["cells"] for c, t in zip(current, target, strict=True))
    if same_shape:
        for data, cur, tgt in zip(old, current, target, strict=True):
            _write_details(session, data.id, cur, tgt)
        return [d.id for d in old]

    new_len = len(target)
    if new_len > old_len:
        _shift_positions(session, comparison_id, start + old_len, new_len - old_len)
    ids = [d.id for d in old[:new_len]]
    if new_len > old_len:
        ids += list(session.scalars(
            insert(AlignmentRow).returning(AlignmentRow.id, sort_by_parameter_order=True),
            [{"comparison_id": comparison_id, "position": start + old_len + k,
              "status": RowStatus.UNREVIEWED, "corrected": False}
             for k in range(new_len - old_len)]))
    version_ids = {label: vid for vid, label, _ in version_labels(session, comparison_id)}
    for row_id, tgt in zip(ids, target, strict=True):
        for label, indices in tgt["cells"].items():
            if indices:
                session.execute(update(SegmentModel)
                                .where(SegmentModel.version_id == version_ids[label],
                                       SegmentModel.index.in_(indices))
                                .values(row_id=row_id))
    for k, (row_id, tgt) in enumerate(zip(ids, target, strict=True)):
        _write_details(session, row_id, current[k] if k < old_len else None, tgt)
    if new_len < old_len:
        dropped = [d.id for d in old[new_len:]]
        left = session.scalar(select(SegmentModel.id).where(SegmentModel.row_id.in_(dropped))
                              .limit(1))
        if left is not None:
            raise InvalidOperationError("internal error: a removed row still holds segments")
        session.execute(delete(AlignmentRow).where(AlignmentRow.id.in_(dropped)))
        _shift_positions(session, comparison_id, start + old_len, new_len - old_len)
    return ids
