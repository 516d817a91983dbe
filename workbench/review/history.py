"""Undo / redo over the comparison's history, and reading it.

Undo takes the latest ``done`` entry and puts its ``before`` rows back; redo
takes the earliest ``undone`` entry and puts its ``after`` rows back. Entries
are never deleted: a new change after an undo marks the undone ones
``discarded``, so the history still shows them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.review.base import finish, lock_comparison, operation
from workbench.review.errors import NothingToUndoError
from workbench.review.readmodels import ChangeResult, HistoryView
from workbench.review.snapshot import apply_range
from workbench.states import HistoryState
from workbench.store.models import HistoryEntry, utcnow


def _step(session: Session, comparison_id: int, author: str, *, forward: bool) -> ChangeResult:
    lock_comparison(session, comparison_id)
    query = select(HistoryEntry).where(HistoryEntry.comparison_id == comparison_id)
    if forward:
        query = query.where(HistoryEntry.state == HistoryState.UNDONE).order_by(HistoryEntry.seq)
    else:
        query = (query.where(HistoryEntry.state == HistoryState.DONE)
                 .order_by(HistoryEntry.seq.desc()))
    entry = session.scalars(query.limit(1)).first()
    if entry is None:
        raise NothingToUndoError("nothing to redo" if forward else "nothing to undo")
    payload = entry.payload
    start = int(payload["start"])
    current, target = ((payload["before"], payload["after"]) if forward
                       else (payload["after"], payload["before"]))
    apply_range(session, comparison_id, start, len(current), target)
    entry.state = HistoryState.DONE if forward else HistoryState.UNDONE
    log = [*payload.get("log", []), {"action": "redo" if forward else "undo", "author": author,
                                     "at": utcnow().isoformat()}]
    entry.payload = {**payload, "log": log}  # a new dict, so that the JSON change is saved
    return finish(session, comparison_id, entry, start, len(current), len(target),
                  step="redo" if forward else "undo")


@operation
def undo(session: Session, comparison_id: int, *, author: str = "") -> ChangeResult:
    """Undo the latest change that is not undone yet (any kind, corrections included)."""
    return _step(session, comparison_id, author, forward=False)


@operation
def redo(session: Session, comparison_id: int, *, author: str = "") -> ChangeResult:
    """Redo the change undone last (until a new change discards the redo stack)."""
    return _step(session, comparison_id, author, forward=True)


def list_history(session: Session, comparison_id: int, *, limit: int = 50) -> list[HistoryView]:
    """The latest changes first (done, undone and discarded ones)."""
    entries = session.scalars(select(HistoryEntry)
                              .where(HistoryEntry.comparison_id == comparison_id)
                              .order_by(HistoryEntry.seq.desc()).limit(max(1, limit)))
    return [HistoryView(id=e.id, seq=e.seq, action=e.action, description=e.description,
                        author=e.author, created_at=e.created_at, state=e.state,
                        details={"start": e.payload.get("start"),
                                 "rows_before": len(e.payload.get("before", [])),
                                 "rows_after": len(e.payload.get("after", [])),
                                 "log": e.payload.get("log", [])})
            for e in entries]
