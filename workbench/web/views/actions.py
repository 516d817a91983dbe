"""State-changing review actions: status, flags, comments, undo/redo, alignment corrections.

Every action is a POST (CSRF-checked). An htmx request gets the re-rendered row
(or the rows pane when rows were replaced) plus the toolbar out of band; a
plain form post is redirected back to the same place in the review page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_htmx.responses import HTMXResponseClientRedirect
from sqlalchemy.orm import Session

from workbench import review
from workbench.jobs import enqueue_realign
from workbench.review import ChangeResult, ComparisonView
from workbench.web.accounts import author_name
from workbench.web.db import get_session
from workbench.web.errors import BadInput
from workbench.web.extensions import htmx
from workbench.web.idempotency import commit_change_first, queue_for_answer
from workbench.web.inputs import parse_int
from workbench.web.messages import describe_change
from workbench.web.views.review import (
    ViewArgs,
    read_view_args,
    ready_comparison,
    review_context,
    row_context,
)

bp = Blueprint("actions", __name__, url_prefix="/comparisons/<int:comparison_id>")


def _view_args() -> ViewArgs:
    """The view the action was made from: read (and refused) before anything is written."""
    return read_view_args(request.form)


def _header_first(comparison_id: int) -> ComparisonView | None:
    """The comparison's header for a one-row change's answer (htmx only), read before the
    change and its write lock (its undo state, not read here, is the change's)."""
    if not htmx:
        return None
    return review.get_comparison(get_session(), comparison_id, undo_state=(False, False),
                                 with_job=False, with_counts=False)


def _respond(comparison_id: int, result: ChangeResult, args: ViewArgs, *,
             whole_pane: bool, header: ComparisonView | None = None) -> Any:
    """The change committed, then its answer (see :func:`_answer`)."""
    refused = commit_change_first()
    if refused is not None:
        return refused
    answer = _answer(comparison_id, result, args, whole_pane=whole_pane, header=header)
    queue_for_answer()
    return answer


def _answer(comparison_id: int, result: ChangeResult, args: ViewArgs, *,
            whole_pane: bool, header: ComparisonView | None = None) -> Any:
    """Row partial (one-row changes) or rows pane (rows replaced), with the toolbar OOB.

    ``header``: the comparison's header read before a one-row change (its progress is then
    moved by the change's ``reviewed_delta``); else it is read now.
    """
    anchor_row = result.rows[0].id if result.rows else None
    if not htmx:
        target = url_for("review.show", comparison_id=comparison_id, **args.as_args(),
                         _anchor=f"row-{anchor_row}" if anchor_row else None)
        return redirect(target, code=303)
    message = describe_change(result.action, result.params, result.step, result.description)
    one_row = not whole_pane and len(result.rows) == 1 and result.removed == 1
    if header is not None and one_row:
        comparison = replace(header, reviewed_count=header.reviewed_count + result.reviewed_delta,
                             can_undo=result.can_undo, can_redo=result.can_redo)
    else:  # rows replaced (committed, the comparison "ready"): its header read again
        comparison = review.get_comparison(get_session(), comparison_id,
                                           undo_state=(result.can_undo, result.can_redo),
                                           with_job=False, with_counts=False)
    if not one_row:
        return render_template("partials/_rows_changed.html", message=message,
                               focus_row=anchor_row, **review_context(comparison, args))
    return render_template("partials/_row_changed.html", row=result.rows[0], message=message,
                           **row_context(comparison, args))  # one row: no window queried


Seen = review.SeenComparison | None


def _seen(header: ComparisonView | None) -> Seen:
    return review.seen_before_change(header) if header is not None else None


def _row_action(name: str, operation: Callable[[int, int, Seen], ChangeResult],
                whole_pane: bool = False) -> None:
    """Register ``POST /comparisons/<id>/rows/<row_id>/<name>``."""

    def view(comparison_id: int, row_id: int) -> Any:
        args = _view_args()
        header = None if whole_pane else _header_first(comparison_id)
        return _respond(comparison_id, operation(comparison_id, row_id, _seen(header)), args,
                        whole_pane=whole_pane, header=header)

    view.__name__ = f"row_{name}"
    bp.add_url_rule(f"/rows/<int:row_id>/{name}", view.__name__, view, methods=["POST"])


def _field(name: str, choices: tuple[str, ...]) -> str:
    value = request.form.get(name, "")
    if value not in choices:
        raise BadInput(_("Choose one of: %(choices)s.", choices=", ".join(choices)))
    return value


def _set_status(_cid: int, row_id: int, seen: Seen) -> ChangeResult:
    return review.set_status(get_session(), row_id, _field("status", review.STATUSES),
                             author=author_name(), seen=seen)


def _add_flag(_cid: int, row_id: int, seen: Seen) -> ChangeResult:
    comment = request.form.get("comment", "").strip()
    if len(comment) > 2000:
        raise BadInput(_("Keep the comment under 2,000 characters."))
    return review.add_flag(get_session(), row_id, _field("category", review.CATEGORIES),
                           _field("severity", review.SEVERITIES), comment,
                           hop=request.form.get("hop", ""), author=author_name(), seen=seen)


def _add_comment(_cid: int, row_id: int, seen: Seen) -> ChangeResult:
    text = request.form.get("text", "").strip()
    if not text:
        raise BadInput(_("The comment is empty."))
    return review.add_comment(get_session(), row_id, text, author=author_name(), seen=seen)


def _encoder() -> Any:
    """``ENCODER`` from config (tests), else None: the default model with its disk cache."""
    return current_app.config.get("ENCODER")


def _split_points(session: Session, row_id: int) -> dict[str, int]:
    """Where each version is cut: ``at_LABEL`` from the form ("" = not cut), else its middle.

    The second row starts at the chosen segment; a version not cut stays in the first row.
    """
    cells = review.get_row(session, row_id).segments
    at: dict[str, int] = {}
    for label, segments in cells.items():
        if len(segments) < 2:
            continue
        chosen = request.form.get(f"at_{label}")
        if chosen is None:
            at[label] = segments[len(segments) // 2]
        elif chosen:
            if parse_int(chosen) not in segments[1:]:
                raise BadInput(_("Choose where to cut %(label)s among its segments.",
                                 label=label))
            at[label] = int(chosen)
    if not at:
        raise BadInput(_("Choose a cut in a version with two or more segments "
                         "(or use Detach)."))
    return at


def _correct(comparison_id: int, row_id: int, _seen: Seen) -> ChangeResult:
    """``op``: ``merge``, ``split``, ``move:up:LABEL``, ``move:down:LABEL`` or ``detach::LABEL``."""
    session = get_session()
    encoder, author = _encoder(), author_name()
    op, _sep, rest = request.form.get("op", "").partition(":")
    direction, _sep, label = rest.partition(":")
    if op == "merge":
        return review.merge_with_next(session, row_id, author=author, encoder=encoder)
    if op == "split":
        return review.split_row(session, row_id, at=_split_points(session, row_id),
                                author=author, encoder=encoder)
    if op in ("move", "detach"):
        labels = review.get_comparison(session, comparison_id).labels
        if label not in labels:
            raise BadInput(_("Unknown version %(label)s.", label=label))
        if op == "detach":
            return review.detach_segment(session, row_id, label, author=author,
                                           encoder=encoder)
        if direction in ("up", "down"):
            return review.move_segment(session, row_id, label,
                                       "up" if direction == "up" else "down", author=author,
                                       encoder=encoder)
    raise BadInput(_("Unknown alignment correction."))


_row_action("status", _set_status)
_row_action("flags", _add_flag)
_row_action("comments", _add_comment)
_row_action("correct", _correct, whole_pane=True)


@bp.post("/flags/<int:flag_id>/delete")
def remove_flag(comparison_id: int, flag_id: int) -> Any:
    args = _view_args()
    header = _header_first(comparison_id)
    return _respond(comparison_id, review.remove_flag(get_session(), flag_id,
                                                      author=author_name(),
                                                      seen=_seen(header)), args,
                    whole_pane=False, header=header)


@bp.post("/flags/<int:flag_id>/dismiss")
def dismiss_signal(comparison_id: int, flag_id: int) -> Any:
    """Dismiss a wrong automatic signal with the reviewer's reason (default "false alarm")."""
    args = _view_args()
    reason = request.form.get("reason", "").strip()
    if len(reason) > 500:
        raise BadInput(_("Keep the reason under 500 characters."))
    header = _header_first(comparison_id)
    return _respond(comparison_id, review.dismiss_signal(
        get_session(), flag_id, reason, author=author_name()), args, whole_pane=False,
        header=header)


@bp.post("/flags/<int:flag_id>/restore")
def restore_signal(comparison_id: int, flag_id: int) -> Any:
    args = _view_args()
    header = _header_first(comparison_id)
    return _respond(comparison_id, review.restore_signal(get_session(), flag_id,
                                                         author=author_name()), args,
                    whole_pane=False, header=header)


@bp.post("/undo")
def undo(comparison_id: int) -> Any:
    args = _view_args()
    return _respond(comparison_id, review.undo(get_session(), comparison_id,
                                                     author=author_name()), args,
                    whole_pane=True)


@bp.post("/redo")
def redo(comparison_id: int) -> Any:
    args = _view_args()
    return _respond(comparison_id, review.redo(get_session(), comparison_id,
                                                     author=author_name()), args,
                    whole_pane=True)


@bp.post("/realign")
def realign(comparison_id: int) -> Any:
    """Keep the rows the reviewer confirmed (accepted) and re-align everything else.

    Small comparisons are re-aligned at once; bigger ones by a background job, whose
    progress page the user is sent to.
    """
    session = get_session()
    args = _view_args()
    comparison = ready_comparison(comparison_id)
    if comparison.row_count <= int(current_app.config["REALIGN_INLINE_ROWS"]):
        return _respond(comparison_id, review.realign_rest(
            session, comparison_id, author=author_name(), encoder=_encoder()), args,
                        whole_pane=True)
    enqueue_realign(session, comparison_id, author=author_name())
    target = url_for("jobs.progress_page", comparison_id=comparison_id)
    if htmx:
        return HTMXResponseClientRedirect(target)
    return redirect(target, code=303)
