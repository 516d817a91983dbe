"""Review-state operations on one row: status, reviewer flags, comments.

Each locks the row's comparison and loads the row, changes a copy of its snapshot,
writes back what differs and records both in history, in one transaction; the row is
not read again (only its rewritten flags or comments, for their ids).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.review.base import (
    SeenComparison,
    apply_and_record,
    lock_row,
    operation,
    unchanged,
)
from workbench.review.errors import InvalidOperationError, NotFoundError
from workbench.review.readmodels import CATEGORIES, ChangeResult
from workbench.review.snapshot import FlagSnapshot, RowSnapshot, snapshot
from workbench.states import ROW_STATUSES, SEVERITIES, FlagSource, RowStatus
from workbench.store.models import CommentModel, FlagModel, utcnow
from workbench.store.rowdata import RowData

MAX_COMMENT = 5000

Edit = Callable[[RowSnapshot, RowData], None]
"""An edit changes a copy of a row's snapshot in place (the stored row given for ids)."""


def _check_status(status: str) -> str:
    if status not in ROW_STATUSES:
        raise InvalidOperationError(
            f"unknown status {status!r}; use one of {', '.join(ROW_STATUSES)}")
    return status


def check_hop(hop: str, labels: Sequence[str]) -> str:
    """A reviewer flag's target: "" (the whole row), a version label or a pair "a|b"."""
    hop = hop.strip()
    parts = hop.split("|") if hop else []
    if len(parts) > 2 or len(set(parts)) != len(parts) or any(p not in labels for p in parts):
        raise InvalidOperationError(
            f"unknown version or pair {hop!r}; versions are {', '.join(labels)}")
    return hop


def _check_category(category: str) -> str:
    if category not in CATEGORIES:
        raise InvalidOperationError(
            f"unknown flag category {category!r}; use one of {', '.join(CATEGORIES)}")
    return category


def _check_severity(severity: str) -> str:
    if severity not in SEVERITIES:
        raise InvalidOperationError(
            f"unknown severity {severity!r}; use one of {', '.join(SEVERITIES)}")
    return severity


def _check_text(text: str, what: str) -> str:
    text = text.strip()
    if len(text) > MAX_COMMENT:
        raise InvalidOperationError(
            f"the {what} is too long ({len(text)} > {MAX_COMMENT} characters)")
    return text


def _change(session: Session, row_id: int, action: str, description: str, author: str,
            edit: Edit, seen: SeenComparison | None = None, **params: object) -> ChangeResult:
    """Apply ``edit`` to one row; ``description`` may name ``{row}`` (its number as shown).

    ``seen``: the row's comparison as the caller read it just before (see ``lock_row``)."""
    locked = lock_row(session, row_id, seen)
    data = locked.row
    before = snapshot(data)
    after = copy.deepcopy(before)
    edit(after, data)
    if after == before:  # e.g. accepting an accepted row: nothing saved, nothing in history
        session.rollback()
        return unchanged(session, locked.comparison_id, data.position, [data], locked.labels)
    row = data.position + 1
    return apply_and_record(session, locked, action, description.format(row=row), author,
                            before, after, {"row": row, **params})


@operation
def set_status(session: Session, row_id: int, status: str, *, author: str = "",
               seen: SeenComparison | None = None) -> ChangeResult:
    """Set a row's review status (unreviewed / accepted / flagged)."""
    _check_status(status)

    def edit(row: RowSnapshot, _data: RowData) -> None:
        row["status"] = status

    described = {RowStatus.ACCEPTED: "accepted row {row}",
                 RowStatus.UNREVIEWED: "reopened row {row}",
                 RowStatus.FLAGGED: "marked row {row} as flagged"}[RowStatus(status)]
    return _change(session, row_id, "status", described, author, edit, seen, status=status)


def _flag_dict(category: str, severity: str, comment: str, hop: str = "") -> FlagSnapshot:
    return FlagSnapshot(source=FlagSource.REVIEWER, type=category, hop=hop, detail="", spans={},
                        severity=severity, carried=None, comment=comment,
                        created_at=utcnow().isoformat())


@operation
def add_flag(session: Session, row_id: int, category: str, severity: str = "major",
             comment: str = "", *, hop: str = "", author: str = "",
             seen: SeenComparison | None = None) -> ChangeResult:
    """Add a reviewer flag (category in CATEGORIES, severity in SEVERITIES); status -> flagged.

    ``hop`` says what is wrong: "" (the row), a version label ("en") or a pair ("ru|en").
    """
    _check_category(category)
    _check_severity(severity)
    comment = _check_text(comment, "comment")

    def edit(row: RowSnapshot, _data: RowData) -> None:
        row["flags"].append(_flag_dict(category, severity, comment,
                                       check_hop(hop, list(row["cells"]))))
        row["status"] = RowStatus.FLAGGED

    return _change(session, row_id, "add_flag", f"flagged row {{row}}: {category}, {severity}",
                   author, edit, seen, category=category, severity=severity)


def _row_of_flag(session: Session, flag_id: int) -> int:
    row_id = session.scalar(select(FlagModel.row_id).where(FlagModel.id == flag_id))
    if row_id is None:
        raise NotFoundError(f"flag {flag_id} does not exist")
    return row_id


def _flag_position(data: RowData, flag_id: int) -> int:
    for k, flag in enumerate(data.flags):
        if flag.id == flag_id:
            return k
    raise NotFoundError(f"flag {flag_id} does not exist")


@operation
def edit_flag(session: Session, flag_id: int, *, category: str | None = None,
              severity: str | None = None, comment: str | None = None,
              author: str = "") -> ChangeResult:
    """Change a reviewer flag's category, severity or comment (None keeps the value)."""
    if category is not None:
        _check_category(category)
    if severity is not None:
        _check_severity(severity)
    if comment is not None:
        comment = _check_text(comment, "comment")

    def edit(row: RowSnapshot, data: RowData) -> None:
        flag = row["flags"][_flag_position(data, flag_id)]
        if flag["source"] != FlagSource.REVIEWER and category is not None:
            raise InvalidOperationError("the type of an automatic drift signal cannot change")
        if category is not None:
            flag["type"] = category
        if severity is not None:
            flag["severity"] = severity
        if comment is not None:
            flag["comment"] = comment

    return _change(session, _row_of_flag(session, flag_id), "edit_flag",
                   "edited a flag of row {row}", author, edit)


@operation
def remove_flag(session: Session, flag_id: int, *, author: str = "",
                seen: SeenComparison | None = None) -> ChangeResult:
    """Remove a flag (a reviewer flag, or dismiss an auto drift signal); undoable.

    Removing the last reviewer flag of a row whose status is ``flagged`` makes it
    ``unreviewed`` again.
    """

    def edit(row: RowSnapshot, data: RowData) -> None:
        row["flags"].pop(_flag_position(data, flag_id))
        if row["status"] == RowStatus.FLAGGED and not any(
                f["source"] == FlagSource.REVIEWER for f in row["flags"]):
            row["status"] = RowStatus.UNREVIEWED

    row_id = _row_of_flag(session, flag_id)
    return _change(session, row_id, "remove_flag", "removed a flag from row {row}", author,
                   edit, seen)


@operation
def add_comment(session: Session, row_id: int, text: str, *, author: str = "",
                seen: SeenComparison | None = None) -> ChangeResult:
    """Add a free comment to a row."""
    text = _check_text(text, "comment")
    if not text:
        raise InvalidOperationError("the comment is empty")

    def edit(row: RowSnapshot, _data: RowData) -> None:
        row["comments"].append({"text": text, "author": author,
                                "created_at": utcnow().isoformat()})

    return _change(session, row_id, "add_comment", "commented on row {row}", author, edit,
                   seen)


def _row_of_comment(session: Session, comment_id: int) -> int:
    row_id = session.scalar(select(CommentModel.row_id).where(CommentModel.id == comment_id))
    if row_id is None:
        raise NotFoundError(f"comment {comment_id} does not exist")
    return row_id


def _comment_position(data: RowData, comment_id: int) -> int:
    for k, comment in enumerate(data.comments):
        if comment.id == comment_id:
            return k
    raise NotFoundError(f"comment {comment_id} does not exist")


@operation
def edit_comment(session: Session, comment_id: int, text: str, *,
                 author: str = "") -> ChangeResult:
    """Replace a comment's text (an empty text removes it)."""
    text = _check_text(text, "comment")

    def edit(row: RowSnapshot, data: RowData) -> None:
        k = _comment_position(data, comment_id)
        if text:
            row["comments"][k]["text"] = text
        else:
            row["comments"].pop(k)

    return _change(session, _row_of_comment(session, comment_id),
                   "edit_comment" if text else "remove_comment",
                   "edited a comment on row {row}" if text else "removed a comment from row {row}",
                   author, edit)


@operation
def remove_comment(session: Session, comment_id: int, *, author: str = "") -> ChangeResult:
    """Remove a comment; undoable."""

    def edit(row: RowSnapshot, data: RowData) -> None:
        row["comments"].pop(_comment_position(data, comment_id))

    return _change(session, _row_of_comment(session, comment_id), "remove_comment",
                   "removed a comment from row {row}", author, edit)
