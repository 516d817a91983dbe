"""Shared plumbing of the review operations: locking, history entries, building views."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple, ParamSpec, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from workbench.nlp.text import join_segments
from workbench.review.errors import (
    ComparisonNotReadyError,
    InvalidOperationError,
    NotFoundError,
    ReviewError,
)
from workbench.review.readmodels import ChangeResult, CommentView, FlagView, RowView
from workbench.review.snapshot import RowSnapshot, write_states
from workbench.states import ComparisonState, HistoryState, RowStatus
from workbench.store.models import AlignmentRow, Comparison, HistoryEntry, utcnow
from workbench.store.rowdata import Labels, RowData, load_rows, version_labels
from workbench.store.writelock import queue_for_write

REVIEWED = frozenset({RowStatus.ACCEPTED, RowStatus.FLAGGED})
"""Statuses that count as reviewed in a comparison's progress."""

P = ParamSpec("P")
R = TypeVar("R")


CALLER_COMMITS = "workbench_caller_commits"
"""``Session.info`` key: when true, an operation flushes its change instead of committing,
and the caller commits it (the web commits a write together with the answer it keeps for
an ``Idempotency-Key``: one transaction, stored both or neither)."""


def commit_change(session: Session) -> None:
    """Commit an operation's change, or only flush it when the caller commits."""
    if session.info.get(CALLER_COMMITS):
        session.flush()
    else:
        session.commit()


def _take_lock(session: Session, which: Any, expected: ComparisonState,
               unchanged_since: datetime | None = None) -> int | None:
    """The write lock of the comparison ``which`` selects, and its state checked, in one
    statement; the comparison's id (None: there is none, or ``unchanged_since`` is not its
    last change any more). The writers queue first
    (:func:`workbench.store.writelock.queue_for_write`): in turn, not by SQLite's retries."""
    queue_for_write(session)
    condition = [Comparison.id == which]
    if unchanged_since is not None:
        condition.append(Comparison.updated_at == unchanged_since)
    found = session.execute(
        update(Comparison).where(*condition).values(updated_at=utcnow())
        .returning(Comparison.id, Comparison.state)
        .execution_options(synchronize_session=False)).first()
    if found is None:
        return None
    if found.state != expected:
        session.rollback()
        raise ComparisonNotReadyError(
            f"comparison {found.id} is {found.state}: review it once its alignment is done")
    return int(found.id)


def lock_comparison(session: Session, comparison_id: int,
                    expected: ComparisonState = ComparisonState.READY) -> None:
    """Take the comparison's write lock first, so concurrent edits queue instead of clashing.

    Writing comes first on purpose: SQLite then waits (busy_timeout) for the
    write lock rather than failing to upgrade a read, and PostgreSQL locks the row.
    The comparison must be in state ``expected`` ("running" for a background job's own work).
    """
    if _take_lock(session, comparison_id, expected) is None:
        raise NotFoundError(f"comparison {comparison_id} does not exist")


class LockedRow(NamedTuple):
    comparison_id: int
    row: RowData
    labels: Labels  # the comparison's versions: (id, label, lang)


class SeenComparison(NamedTuple):
    """A comparison as the caller read it just before a change (e.g. the header its answer
    shows): its id, its last change (``updated_at``) and its version labels, which
    :func:`lock_row` then does not read again."""

    id: int
    updated_at: datetime | None
    labels: Labels


def lock_row(session: Session, row_id: int, seen: SeenComparison | None = None) -> LockedRow:
    """Lock the row's comparison and load the row, with the comparison's version labels.

    The row is read first, then the lock taken on the condition that the comparison's last
    change (``updated_at``, stamped by every change under the lock) is still the one seen
    before reading: the lock is then held only for writing. If a change came in between
    (or the row is not in ``seen``'s comparison), the row is read again under the lock.
    """
    if seen is None:
        found = session.execute(select(Comparison.id, Comparison.updated_at)
                                .join(AlignmentRow, AlignmentRow.comparison_id == Comparison.id)
                                .where(AlignmentRow.id == row_id)).first()
        if found is None:
            raise NotFoundError(
                f"row {row_id} does not exist (it may have been merged or undone)")
        seen = SeenComparison(found.id, found.updated_at, version_labels(session, found.id))
    rows = load_rows(session, seen.id, row_ids=[row_id], labels=seen.labels)
    if rows and seen.updated_at is not None and _take_lock(
            session, seen.id, ComparisonState.READY, unchanged_since=seen.updated_at):
        return LockedRow(seen.id, rows[0], seen.labels)
    comparison_id = _take_lock(session, select(AlignmentRow.comparison_id)
                               .where(AlignmentRow.id == row_id).scalar_subquery(),
                               ComparisonState.READY)
    if comparison_id is None:
        raise NotFoundError(f"row {row_id} does not exist (it may have been merged or undone)")
    labels = version_labels(session, comparison_id)
    rows = load_rows(session, comparison_id, row_ids=[row_id], labels=labels)
    if not rows:
        session.rollback()
        raise NotFoundError(f"row {row_id} does not exist (it may have been merged or undone)")
    return LockedRow(comparison_id, rows[0], labels)


def locked_row(session: Session, row_id: int) -> tuple[int, RowData]:
    """Lock the row's comparison and load the row (checked again under the lock)."""
    locked = lock_row(session, row_id)
    return locked.comparison_id, locked.row


def row_count(session: Session, comparison_id: int) -> int:
    return int(session.scalar(select(func.count()).select_from(AlignmentRow)
                              .where(AlignmentRow.comparison_id == comparison_id)) or 0)


def undo_redo_state(session: Session, comparison_id: int) -> tuple[bool, bool]:
    """(can undo, can redo)."""
    states = set(session.scalars(select(HistoryEntry.state).distinct()
                                 .where(HistoryEntry.comparison_id == comparison_id)))
    return HistoryState.DONE in states, HistoryState.UNDONE in states


def record_change(session: Session, comparison_id: int, action: str, description: str,
                  author: str, start: int, before: list[RowSnapshot], after: list[RowSnapshot],
                  extra: dict[str, Any] | None = None) -> HistoryEntry:
    """Append a history entry; a new change discards what could have been redone."""
    last_seq, undone = session.execute(
        select(func.max(HistoryEntry.seq),
               func.count(HistoryEntry.id).filter(HistoryEntry.state == HistoryState.UNDONE))
        .where(HistoryEntry.comparison_id == comparison_id)).one()
    if undone:
        session.execute(update(HistoryEntry).where(
            HistoryEntry.comparison_id == comparison_id,
            HistoryEntry.state == HistoryState.UNDONE).values(state=HistoryState.DISCARDED))
    entry = HistoryEntry(comparison_id=comparison_id, seq=(last_seq or 0) + 1, action=action,
                         description=description, author=author, state=HistoryState.DONE,
                         payload={"start": start, "before": before, "after": after,
                                  **(extra or {})})
    session.add(entry)
    session.flush()
    return entry


def apply_and_record(session: Session, locked: LockedRow, action: str, description: str,
                     author: str, before: RowSnapshot, after: RowSnapshot,
                     params: dict[str, Any] | None = None) -> ChangeResult:
    """Apply a change of one row's review state, record it, commit, describe the result."""
    comparison_id, start = locked.comparison_id, locked.row.position
    rows = write_states(session, [locked.row], [after])
    entry = record_change(session, comparison_id, action, description, author, start,
                          [before], [after], {"params": params or {}})
    result = finish(session, comparison_id, entry, start, 1, 1, rows=rows,
                    labels=locked.labels)
    result.reviewed_delta = (int(after["status"] in REVIEWED)
                             - int(before["status"] in REVIEWED))
    return result


def finish(session: Session, comparison_id: int, entry: HistoryEntry, start: int,
           removed: int, added: int, step: str = "do", *, rows: list[RowData] | None = None,
           labels: Labels | None = None) -> ChangeResult:
    """Commit, then build the result with the rows now at ``start .. start + added - 1``
    (``rows``: those rows, when the caller has them as stored now).

    After a new change ("do") there is something to undo and nothing to redo.
    """
    commit_change(session)
    if labels is None:
        labels = version_labels(session, comparison_id)
    if rows is None:
        rows = load_rows(session, comparison_id, positions=(start, start + added),
                         labels=labels)
    can_undo, can_redo = (True, False) if step == "do" else undo_redo_state(session,
                                                                             comparison_id)
    return ChangeResult(comparison_id=comparison_id, action=entry.action, start=start,
                        removed=removed, rows=row_views(session, comparison_id, rows, labels),
                        history_id=entry.id, can_undo=can_undo, can_redo=can_redo,
                        description=entry.description, step=step,
                        params=dict(entry.payload.get("params") or {}))


def unchanged(session: Session, comparison_id: int, position: int,
              rows: list[RowData] | None = None, labels: Labels | None = None) -> ChangeResult:
    """The result of a request that changed nothing (``action="none"``, ``history_id=0``);
    ``rows``: the row at ``position`` as loaded already."""
    if rows is None:
        rows = load_rows(session, comparison_id, positions=(position, position + 1),
                         labels=labels)
    can_undo, can_redo = undo_redo_state(session, comparison_id)
    return ChangeResult(comparison_id=comparison_id, action="none", start=position, removed=1,
                        rows=row_views(session, comparison_id, rows, labels), history_id=0,
                        can_undo=can_undo, can_redo=can_redo, description="nothing changed")


def row_views(session: Session, comparison_id: int, rows: list[RowData],
              labels: Labels | None = None) -> list[RowView]:
    """RowData -> RowView, with each version's text joined as the pipeline joins it."""
    if labels is None:
        labels = version_labels(session, comparison_id)
    langs = {label: lang for _, label, lang in labels}
    views = []
    for data in rows:
        texts = {label: [t for _, t in cell] for label, cell in data.cells.items()}
        views.append(RowView(
            id=data.id, position=data.position,
            segments={label: [i for i, _ in cell] for label, cell in data.cells.items()},
            segment_texts=texts,
            text={label: join_segments(t, langs[label]) for label, t in texts.items()},
            similarity={k: s for k, (s, _) in data.scores.items() if s is not None},
            score={k: c for k, (_, c) in data.scores.items() if c is not None},
            flags=[FlagView(id=f.id, source=f.source, type=f.type, hop=f.hop, detail=f.detail,
                            severity=f.severity, comment=f.comment, spans=dict(f.spans),
                            carried=f.carried, dismissed=f.dismissed,
                            dismissed_at=f.dismissed_at) for f in data.flags],
            comments=[CommentView(id=c.id, text=c.text, author=c.author,
                                  created_at=c.created_at) for c in data.comments],
            status=data.status, corrected=data.corrected))
    return views


def operation(func: Callable[P, R]) -> Callable[P, R]:
    """Roll back on any failure, so a refused or failed operation leaves nothing half-done.

    Database errors become a one-line :class:`InvalidOperationError` for the reviewer.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        session = args[0]
        assert isinstance(session, Session)
        try:
            return func(*args, **kwargs)
        except ReviewError:
            session.rollback()
            raise
        except SQLAlchemyError as exc:
            session.rollback()
            raise InvalidOperationError(
                "the change could not be saved (another change may have happened at the same "
                f"time; reload and try again): {exc.__class__.__name__}") from exc
        except BaseException:
            session.rollback()
            raise

    return wrapper
