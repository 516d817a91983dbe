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

import copy
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
from workbench.store.rowdata import Labels, RowData, load_rows, reload_notes, version_labels


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
    """The dismissal keys of a flag snapshot; none for a standing signal (so that snapshots
    recorded before dismissals existed compare equal)."""
    return {} if reason is None else {"dismissed": reason, "dismissed_at": _iso(at) if at else None}


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


def _flag_values(row_id: int, flag: FlagSnapshot) -> dict[str, Any]:
    return {"row_id": row_id, **flag_fields(flag),
            "created_at": _parse_time(flag.get("created_at")),
            "dismissed": flag.get("dismissed"),
            "dismissed_at": (_parse_time(flag.get("dismissed_at"))
                             if flag.get("dismissed") is not None else None),
            "reason_key": flag.get("reason_key", ""), "reason_args": flag.get("reason_args")}


def _kept(current: Sequence[Any], target: Sequence[Any]) -> int:
    """How many leading items ``current`` and ``target`` share (kept as stored, same ids)."""
    kept = 0
    for old, new in zip(current, target, strict=False):
        if old != new:
            break
        kept += 1
    return kept


def _write_notes(session: Session, model: Any, stored_ids: Sequence[int] | None,
                 row_id: int, current: Sequence[Any] | None, target: Sequence[Any],
                 values: Any) -> bool:
    """Bring a row's flags or comments to ``target``; whether anything was written.

    With the stored ids at hand (``stored_ids``, in the order of ``current``), the items
    both share at the start stay as they are, and so do those at the end when items were
    only removed: adding a flag is one insert, removing one a delete, and the flags already
    shown keep their ids. Otherwise every item of the row is replaced.
    """
    if current is not None and list(current) == list(target):
        return False
    kept = _kept(current, target) if current is not None and stored_ids is not None else 0
    tail = len(target) - kept
    if (current is not None and stored_ids is not None and 0 < tail < len(current) - kept
            and list(current[len(current) - tail:]) == list(target[kept:])):
        session.execute(delete(model).where(
            model.id.in_(list(stored_ids[kept:len(current) - tail]))))
        return True
    if current is not None:
        if stored_ids is None:
            session.execute(delete(model).where(model.row_id == row_id))
        elif len(stored_ids) > kept:
            session.execute(delete(model).where(model.id.in_(list(stored_ids[kept:]))))
    if len(target) > kept:
        session.execute(insert(model), [values(row_id, item) for item in target[kept:]])
    return True


def _comment_values(row_id: int, comment: CommentSnapshot) -> dict[str, Any]:
    return {"row_id": row_id, "text": comment["text"], "author": comment["author"],
            "created_at": _parse_time(comment.get("created_at"))}


def _write_details(session: Session, row_id: int, current: RowSnapshot | None,
                   target: RowSnapshot, stored: RowData | None = None) -> set[str]:
    """Bring status, scores, flags and comments of a row to ``target`` (only what differs);
    which of ``status``, ``scores``, ``flags``, ``comments`` were written.

    ``stored``: the row as loaded (``current`` is its snapshot), for its flags' and
    comments' ids.
    """
    written: set[str] = set()
    if current is None or (current["status"], current["corrected"]) != (
            target["status"], target["corrected"]):
        session.execute(update(AlignmentRow).where(AlignmentRow.id == row_id)
                        .values(status=target["status"], corrected=target["corrected"]))
        written.add("status")
    if current is None or current["scores"] != target["scores"]:
        if current is not None:
            session.execute(delete(PairScore).where(PairScore.row_id == row_id))
        if target["scores"]:
            session.execute(insert(PairScore), [
                {"row_id": row_id, "pair_key": k, "similarity": s, "score": c}
                for k, (s, c) in target["scores"].items()])
        written.add("scores")
    if _write_notes(session, FlagModel, [f.id for f in stored.flags] if stored else None,
                    row_id, None if current is None else current["flags"], target["flags"],
                    _flag_values):
        written.add("flags")
    if _write_notes(session, CommentModel,
                    [c.id for c in stored.comments] if stored else None, row_id,
                    None if current is None else current["comments"], target["comments"],
                    _comment_values):
        written.add("comments")
    return written


def write_states(session: Session, old: Sequence[RowData],
                 target: Sequence[RowSnapshot]) -> list[RowData]:
    """Bring rows loaded under the comparison's lock to ``target``, where only their review
    state differs (status, scores, flags, comments; the same cells): the rows as now stored.

    What was not written is known already; rewritten flags or comments are read again
    (their ids are new), in one query each.
    """
    if len(old) != len(target) or any(
            data.cells.keys() != tgt["cells"].keys()
            or any([i for i, _ in data.cells[label]] != tgt["cells"][label]
                   for label in data.cells) for data, tgt in zip(old, target, strict=False)):
        raise InvalidOperationError("a change of review state must keep the rows' segments")
    after = [copy.copy(data) for data in old]
    flags, comments = [], []
    for data, tgt in zip(after, target, strict=True):
        written = _write_details(session, data.id, snapshot(data), tgt, data)
        data.status, data.corrected = tgt["status"], tgt["corrected"]
        data.scores = {k: (s, c) for k, (s, c) in tgt["scores"].items()}
        if "flags" in written:
            flags.append(data)
        if "comments" in written:
            comments.append(data)
    reload_notes(session, flags, flags=True, comments=False)
    reload_notes(session, comments, flags=False, comments=True)
    return after


def apply_range(session: Session, comparison_id: int, start: int, old_len: int,
                target: Sequence[RowSnapshot], *, old: list[RowData] | None = None,
                labels: Labels | None = None) -> list[int]:
    """Replace the ``old_len`` rows from ``start`` with ``target``; returns the new rows' ids.

    Rows are reused where possible (same ids when the shape is unchanged) and
    segments are moved between rows before emptied rows are deleted, so the
    "each segment in exactly one row" constraint holds at every step. ``old``: those
    rows as the caller loaded them under the comparison's lock (else they are read here);
    ``labels``: the comparison's version labels, if known.
    """
    if any(not any(s["cells"].values()) for s in target):
        raise InvalidOperationError("a row must keep at least one segment")
    if old is None:
        old = load_rows(session, comparison_id, positions=(start, start + old_len),
                        labels=labels)
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
            _write_details(session, data.id, cur, tgt, data)
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
    version_ids = {label: vid for vid, label, _ in (
        labels if labels is not None else version_labels(session, comparison_id))}
    for row_id, tgt in zip(ids, target, strict=True):
        for label, indices in tgt["cells"].items():
            if indices:
                session.execute(update(SegmentModel)
                                .where(SegmentModel.version_id == version_ids[label],
                                       SegmentModel.index.in_(indices))
                                .values(row_id=row_id))
    for k, (row_id, tgt) in enumerate(zip(ids, target, strict=True)):
        _write_details(session, row_id, current[k] if k < old_len else None, tgt,
                       old[k] if k < old_len else None)
    if new_len < old_len:
        dropped = [d.id for d in old[new_len:]]
        left = session.scalar(select(SegmentModel.id).where(SegmentModel.row_id.in_(dropped))
                              .limit(1))
        if left is not None:
            raise InvalidOperationError("internal error: a removed row still holds segments")
        session.execute(delete(AlignmentRow).where(AlignmentRow.id.in_(dropped)))
        _shift_positions(session, comparison_id, start + old_len, new_len - old_len)
    return ids
