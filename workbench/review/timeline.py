"""A comparison's history as a page, and undo back to a chosen point in one transaction.

The history stack (see :mod:`workbench.review.history`) undoes one change at a
time; the history page lets a reviewer pick an entry and undo every change made
after it at once. It undoes them newest first, exactly as repeated undo would,
but commits only at the end: either all of them are undone or none is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.review.base import lock_comparison, operation, row_views, undo_redo_state
from workbench.review.errors import InvalidOperationError, NotFoundError, NothingToUndoError
from workbench.review.readmodels import ChangeResult
from workbench.review.snapshot import apply_range
from workbench.states import HistoryState
from workbench.store.models import AlignmentRow, Comparison, HistoryEntry, utcnow
from workbench.store.rowdata import load_rows


class CannotUndoError(InvalidOperationError):
    """A change on the way back cannot be undone; nothing was undone.

    ``seq`` is the change's number in the history, ``reason`` the lower layer's message.
    """

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(f"change #{seq} cannot be undone ({reason}); nothing was undone")
        self.seq = seq
        self.reason = reason


class PointNotOnLineError(InvalidOperationError):
    """The chosen entry is undone or replaced: the comparison cannot be taken back to it."""

    def __init__(self, seq: int, state: str) -> None:
        super().__init__(f"change #{seq} is {state}: choose a change that is in effect")
        self.seq = seq
        self.state = state


@dataclass
class TimelineEntry:
    """One change as the history page lists it (``params`` as the change recorded them)."""

    id: int
    seq: int
    action: str
    description: str
    params: dict[str, Any]
    author: str
    created_at: datetime
    state: str                      # done / undone / discarded
    start: int                      # first row position it touched (0-based)
    rows_before: int
    rows_after: int
    log: list[dict[str, Any]] = field(default_factory=list)
    later_done: int = 0             # changes in effect after this one (what undo-to undoes)
    row_id: int | None = None       # the row now at ``start`` (for a link), None past the end

    @property
    def row(self) -> int:
        """The row number as the UI shows it (1-based) when the change was made."""
        return int(self.params.get("row") or self.start + 1)


@dataclass
class Timeline:
    """A window of the history, newest first; ``total`` counts every entry."""

    comparison_id: int
    entries: list[TimelineEntry]
    total: int
    offset: int
    limit: int
    done_count: int                 # changes in effect (what "undo everything" undoes)


def list_timeline(session: Session, comparison_id: int, *, offset: int = 0,
                  limit: int = 100) -> Timeline:
    """Every change of the comparison, newest first, with what undoing back to it would undo."""
    if offset < 0 or not 0 < limit <= 1000:
        raise InvalidOperationError("offset must be >= 0 and limit in 1..1000")
    if session.scalar(select(Comparison.id).where(Comparison.id == comparison_id)) is None:
        raise NotFoundError(f"comparison {comparison_id} does not exist")  # (not its bulk)
    where = HistoryEntry.comparison_id == comparison_id
    total = int(session.scalar(select(func.count()).select_from(HistoryEntry).where(where))
                or 0)
    done_seqs = sorted(session.scalars(select(HistoryEntry.seq)
                                       .where(where, HistoryEntry.state == HistoryState.DONE)))
    entries = session.scalars(select(HistoryEntry).where(where)
                              .order_by(HistoryEntry.seq.desc()).offset(offset).limit(limit))
    items = []
    for e in entries:
        payload = e.payload or {}
        items.append(TimelineEntry(
            id=e.id, seq=e.seq, action=e.action, description=e.description,
            params=dict(payload.get("params") or {}), author=e.author,
            created_at=e.created_at, state=e.state, start=int(payload.get("start") or 0),
            rows_before=len(payload.get("before", [])),
            rows_after=len(payload.get("after", [])), log=list(payload.get("log", [])),
            later_done=sum(1 for s in done_seqs if s > e.seq)))
    positions = {e.start for e in items}
    ids = dict(session.execute(select(AlignmentRow.position, AlignmentRow.id).where(
        AlignmentRow.comparison_id == comparison_id,
        AlignmentRow.position.in_(positions))).tuples().all()) if positions else {}
    for item in items:
        item.row_id = ids.get(item.start)
    return Timeline(comparison_id=comparison_id, entries=items, total=total, offset=offset,
                    limit=limit, done_count=len(done_seqs))


@operation
def undo_to(session: Session, comparison_id: int, history_id: int | None, *,
            author: str = "") -> ChangeResult:
    """Undo every change made after entry ``history_id`` (``None``: every change), at once.

    The chosen entry itself stays in effect. Refused (nothing changed) when the
    entry does not belong to the comparison, is undone or replaced, when nothing
    after it is in effect, or when one of the changes cannot be undone. Any row may
    have changed: the result's ``rows`` hold only the first row touched, ``removed``
    the comparison's row count now; re-read the rows (``params``: count and point).
    """
    lock_comparison(session, comparison_id)
    seq = 0
    if history_id is not None:
        point = session.get(HistoryEntry, history_id)
        if point is None or point.comparison_id != comparison_id:
            raise NotFoundError(f"change {history_id} does not exist")
        if point.state != HistoryState.DONE:
            raise PointNotOnLineError(point.seq, point.state)
        seq = point.seq
    later = list(session.scalars(
        select(HistoryEntry).where(HistoryEntry.comparison_id == comparison_id,
                                   HistoryEntry.state == HistoryState.DONE, HistoryEntry.seq > seq)
        .order_by(HistoryEntry.seq.desc())))
    if not later:
        raise NothingToUndoError("nothing to undo")
    lowest = None
    at = utcnow().isoformat()
    for entry in later:
        payload = entry.payload
        start = int(payload["start"])
        try:
            apply_range(session, comparison_id, start, len(payload["after"]), payload["before"])
        except (InvalidOperationError, KeyError, TypeError, ValueError) as exc:
            raise CannotUndoError(entry.seq, str(exc)) from None
        entry.state = HistoryState.UNDONE
        log = [*payload.get("log", []), {"action": "undo", "author": author, "at": at,
                                         "to": seq}]
        entry.payload = {**payload, "log": log}  # a new dict, so that the JSON change is saved
        lowest = start if lowest is None else min(lowest, start)
    session.commit()
    first = lowest or 0
    rows = row_views(session, comparison_id, load_rows(session, comparison_id,
                                                       positions=(first, first + 1)))
    can_undo, can_redo = undo_redo_state(session, comparison_id)
    removed = int(session.scalar(select(func.count()).select_from(AlignmentRow)
                                 .where(AlignmentRow.comparison_id == comparison_id)) or 0)
    return ChangeResult(comparison_id=comparison_id, action="undo_to", start=first,
                        removed=removed, rows=rows, history_id=later[-1].id,
                        can_undo=can_undo, can_redo=can_redo,
                        description=f"undid {len(later)} changes", step="undo",
                        params={"count": len(later), "seq": seq})
