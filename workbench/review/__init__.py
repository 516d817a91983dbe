"""Review and correction operations on a stored comparison (what the web layer calls).

Every state-changing function commits at once, records one history entry (who,
when, what: enough to undo and redo it) and returns a :class:`ChangeResult`
with the rows to re-render. Bad input raises a :class:`ReviewError` subclass
whose ``str()`` is a one-line message for the reviewer; nothing is half-saved.

Sessions: pass a SQLAlchemy ``Session`` (see :mod:`workbench.store`); the web
layer binds one per request. ``encoder=None`` means the default model with its
disk cache (:func:`workbench.nlp.embed.get_encoder`).

Review state (fast, no NLP):
    set_status(session, row_id, status, *, author="", seen=None) -> ChangeResult
    add_flag(session, row_id, category, severity="major", comment="", *, hop="", author="",
             seen=None)   (seen: seen_before_change(header), the comparison read just before)
    edit_flag(session, flag_id, *, category=None, severity=None, comment=None, author="")
    remove_flag(session, flag_id, *, author="") -> ChangeResult
    dismiss_signal(session, flag_id, reason="false alarm", *, author="") / restore_signal(...)
    add_comment / edit_comment / remove_comment
    undo(session, comparison_id, *, author="") / redo(...) -> ChangeResult

Alignment corrections (rescored at once from cached embeddings):
    merge_with_next(session, row_id, *, author="", encoder=None)
    split_row(session, row_id, *, at=None, versions=None, author="", encoder=None)
    move_segment(session, row_id, label, direction, *, author="", encoder=None)
    detach_segment(session, row_id, label, segment_index=None, *, author="", encoder=None)
    realign_rest(session, comparison_id, *, author="", encoder=None)

Queries:
    list_projects, get_project, create_project, list_comparisons, get_comparison, get_row,
    query_rows(session, comparison_id, *, filter="all", threshold=0.5, search="", offset=0,
               limit=100) -> RowPage
    get_overview(session, comparison_id, *, bins=10) -> Overview
    list_history(session, comparison_id, *, limit=50) -> list[HistoryView]
    list_timeline(session, comparison_id, *, offset=0, limit=100) -> Timeline  (history page)

History page and projects (see :mod:`workbench.review.timeline`, :mod:`workbench.review.projects`):
    undo_to(session, comparison_id, history_id | None) -> ChangeResult   (one transaction)
    rename_project, delete_project, rename_comparison, move_comparison, delete_comparison
"""

from __future__ import annotations

from workbench.review.annotate import (
    add_comment,
    add_flag,
    edit_comment,
    edit_flag,
    remove_comment,
    remove_flag,
    set_status,
)
from workbench.review.base import SeenComparison
from workbench.review.corrections import (
    detach_segment,
    merge_with_next,
    move_segment,
    realign_rest,
    split_row,
)
from workbench.review.errors import (
    ComparisonNotReadyError,
    InvalidOperationError,
    NotFoundError,
    NothingToUndoError,
    ReviewError,
)
from workbench.review.history import list_history, redo, undo
from workbench.review.notes import dismiss_signal, restore_signal
from workbench.review.overview import get_overview
from workbench.review.projects import (
    delete_comparison,
    delete_project,
    get_project,
    move_comparison,
    rename_comparison,
    rename_project,
)
from workbench.review.queries import (
    create_project,
    get_comparison,
    get_row,
    list_comparisons,
    list_projects,
    query_rows,
    seen_before_change,
)
from workbench.review.readmodels import (
    CATEGORIES,
    ChangeResult,
    CommentView,
    ComparisonView,
    Direction,
    FlagView,
    HistoryView,
    JobView,
    Overview,
    ProjectView,
    RowFilter,
    RowPage,
    RowView,
    VersionView,
)
from workbench.review.timeline import list_timeline, undo_to
from workbench.states import ROW_STATUSES, SEVERITIES

STATUSES = ROW_STATUSES

__all__ = [
    "CATEGORIES", "SEVERITIES", "STATUSES", "ChangeResult", "CommentView",
    "ComparisonNotReadyError", "ComparisonView", "Direction", "FlagView", "HistoryView",
    "InvalidOperationError", "JobView", "NotFoundError", "NothingToUndoError", "Overview",
    "ProjectView", "ReviewError", "RowFilter", "RowPage", "RowView", "SeenComparison",
    "VersionView", "add_comment",
    "add_flag", "create_project", "delete_comparison", "delete_project", "detach_segment",
    "dismiss_signal", "edit_comment", "edit_flag", "get_comparison", "get_overview",
    "get_project", "get_row", "list_comparisons", "list_history", "list_projects",
    "list_timeline", "merge_with_next",
    "move_comparison", "move_segment", "query_rows", "realign_rest", "redo", "remove_comment",
    "remove_flag", "rename_comparison", "rename_project", "restore_signal",
    "seen_before_change", "set_status",
    "split_row", "undo", "undo_to",
]
