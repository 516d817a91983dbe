"""Shared plumbing of the review operations: locking, history entries, building views."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

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
from workbench.review.snapshot import RowSnapshot, apply_range
from workbench.states import ComparisonState, HistoryState
from workbench.store.models import AlignmentRow, Comparison, HistoryEntry, utcnow
from workbench.store.rowdata import RowData, load_rows, version_labels

P = ParamSpec("P")
R = TypeVar("R")


def comparison_of_row(session: Session, row_id: int) -> int:
    comparison_id = session.scalar(select(AlignmentRow.comparison_id)
                                   .where(AlignmentRow.id == row_id))
    if comparison_id is None:
        raise NotFoundError(f"row {row_id} does not exist (it may have been merged or undone)")
    return comparison_id


def lock_comparison(session: Session, comparison_id: int,
                    expected: ComparisonState = ComparisonState.READY) -> None:
    """Take the comparison's write lock first, so concurrent edits queue instead of clashing.

    Writing comes first on purpose: SQLite then waits (busy_timeout) for the
    write lock rather than failing to upgrade a read, and PostgreSQL locks the row.
    The comparison must be in state ``expected`` ("running" for a background job's own work).
    """
    updated = session.execute(update(Comparison).where(Comparison.id == comparison_id)
                              .values(updated_at=utcnow()))
    if getattr(updated, "rowcount", 1) == 0:
        raise NotFoundError(f"comparison {comparison_id} does not exist")
    state = session.scalar(select(Comparison.state).where(Comparison.id == comparison_id))
    if state != expected:
        session.rollback()
        raise ComparisonNotReadyError(
            f"comparison {comparison_id} is {state}: review it once its alignment is done")


def locked_row(session: Session, row_id: int) -> tuple[int, RowData]:
    """Lock the row's comparison and load the row (checked again under the lock)."""
    comparison_id = comparison_of_row(session, row_id)
    lock_comparison(session, comparison_id)
    rows = load_rows(session, comparison_id, row_ids=[row_id])
    if not rows:
        session.rollback()
        raise NotFoundError(f"row {row_id} does not exist (it may have been merged or undone)")
    return comparison_id, rows[0]


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
    session.execute(update(HistoryEntry).where(HistoryEntry.comparison_id == comparison_id,
                                               HistoryEntry.state == HistoryState.UNDONE)
                    .values(state=HistoryState.DISCARDED))
    seq = (session.scalar(select(func.max(HistoryEntry.seq))
                          .where(HistoryEntry.comparison_id == comparison_id)) or 0) + 1
    entry = HistoryEntry(comparison_id=comparison_id, seq=seq, action=action,
                         description=description, author=author, state=HistoryState.DONE,
                         payload={"start": start, "before": before, "after": after,
                                  **(extra or {})})
    session.add(entry)
    session.flush()
    return entry


def apply_and_record(session: Session, comparison_id: int, action: str, description: str,
                     author: str, start: int, before: list[RowSnapshot],
                     after: list[RowSnapshot],
                     params: dict[str, Any] | None = None) -> ChangeResult:
    """Apply a change of review state, record it, commit, and describe the result."""
    apply_range(session, comparison_id, start, len(before), after)
    entry = record_change(session, comparison_id, action, description, author, start,
                          before, after, {"params": params or {}})
    return finish(session, comparison_id, entry, start, len(before), len(after))


def finish(session: Session, comparison_id: int, entry: HistoryEntry, start: int,
           removed: int, added: int, step: str = "do") -> ChangeResult:
    """Commit, then build the result with the rows now at ``start .. start + added - 1``."""
    session.commit()
    rows = row_views(session, comparison_id, load_rows(
        session, comparison_id, positions=(start, start + added)))
    can_undo, can_redo = undo_redo_state(session, comparison_id)
    return ChangeResult(comparison_id=comparison_id, action=entry.action, start=start,
                        removed=removed, rows=rows, history_id=entry.id, can_undo=can_undo,
                        can_redo=can_redo, description=entry.description, step=step,
                        params=dict(entry.payload.get("params") or {}))


def unchanged(session: Session, comparison_id: int, position: int) -> ChangeResult:
    """The result of a request that changed nothing (``action="none"``, ``history_id=0``)."""
    rows = row_views(session, comparison_id, load_rows(
        session, comparison_id, positions=(position, position + 1)))
    can_undo, can_redo = undo_redo_state(session, comparison_id)
    return ChangeResult(comparison_id=comparison_id, action="none", start=position, removed=1,
                        rows=rows, history_id=0, can_undo=can_undo, can_redo=can_redo,
                        description="nothing changed")


def row_views(session: Session, comparison_id: int, rows: list[RowData]) -> list[RowView]:
    """RowData -> RowView, with each version's text joined as the pipeline joins it."""
    langs = {label: lang for _, label, lang in version_labels(session, comparison_id)}
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
