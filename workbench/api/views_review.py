"""Review changes: status, reviewer flags, comments, dismissals of automatic signals.

Each is one :mod:`workbench.review` operation: validated entirely first (the request
schema, then the operation's own checks), committed at once with a history entry
(undoable in the web UI), rolled back whole when refused.
"""

from __future__ import annotations

from typing import Any

from workbench import review
from workbench.api import lookup
from workbench.api.auth import current_author
from workbench.api.blueprint import ID, bp
from workbench.api.responses import ChangeOut
from workbench.api.schemas import CommentIn, DismissalIn, FlagIn, StatusIn

ROW = f"/comparisons/<{ID}:comparison_id>/rows/<{ID}:row_id>"
FLAG = f"/comparisons/<{ID}:comparison_id>/flags/<{ID}:flag_id>"


@bp.put(f"{ROW}/status")
@bp.arguments(StatusIn)
@bp.response(200, ChangeOut)
def set_status(body: dict[str, Any], comparison_id: int, row_id: int) -> Any:
    """Set the row's review status (unreviewed, accepted, flagged)."""
    return review.set_status(lookup.session(), row_id, body["status"], author=current_author())


@bp.post(f"{ROW}/flags")
@bp.arguments(FlagIn)
@bp.response(201, ChangeOut)
def add_flag(body: dict[str, Any], comparison_id: int, row_id: int) -> Any:
    """Add a reviewer flag (category, severity, comment; on the row, a version or a pair)."""
    return review.add_flag(lookup.session(), row_id, body["category"], body["severity"],
                           body["comment"].strip(), hop=body["hop"], author=current_author())


@bp.delete(FLAG)
@bp.response(200, ChangeOut)
def remove_flag(comparison_id: int, flag_id: int) -> Any:
    """Remove a flag (automatic signals are better dismissed: that keeps them visible)."""
    return review.remove_flag(lookup.session(), flag_id, author=current_author())


@bp.put(f"{FLAG}/dismissal")
@bp.arguments(DismissalIn)
@bp.response(200, ChangeOut)
def dismiss_signal(body: dict[str, Any], comparison_id: int, flag_id: int) -> Any:
    """Dismiss an automatic signal as wrong, with a reason (it stays, struck through)."""
    return review.dismiss_signal(lookup.session(), flag_id, body["reason"].strip(),
                                 author=current_author())


@bp.delete(f"{FLAG}/dismissal")
@bp.response(200, ChangeOut)
def restore_signal(comparison_id: int, flag_id: int) -> Any:
    """Let a dismissed signal stand again."""
    return review.restore_signal(lookup.session(), flag_id, author=current_author())


@bp.post(f"{ROW}/comments")
@bp.arguments(CommentIn)
@bp.response(201, ChangeOut)
def add_comment(body: dict[str, Any], comparison_id: int, row_id: int) -> Any:
    """Add a free comment to the row."""
    return review.add_comment(lookup.session(), row_id, body["text"].strip(),
                              author=current_author())
