"""The history page: every change of a comparison, and undo back to a chosen one.

Plain forms (they work the same with JavaScript off): undoing redirects back
to the page with a line saying what was undone; a refusal shows the page again
with the reason above the list (400), and nothing is changed.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from workbench import review
from workbench.review.timeline import CannotUndoError, PointNotOnLineError, TimelineEntry
from workbench.web.accounts import author_name
from workbench.web.db import get_session
from workbench.web.inputs import parse_int, read_int
from workbench.web.messages import describe_change, localise_error

bp = Blueprint("history", __name__, url_prefix="/comparisons/<int:comparison_id>")

PER_PAGE = 100


def _offset() -> int:
    return read_int(request.args, "offset", 0, message=_("The offset must be a number."))


def entry_text(entry: TimelineEntry) -> str:
    """What the change did, in the UI language (the recorded English line as a fallback)."""
    return describe_change(entry.action, entry.params, "do", entry.description)


def row_link(comparison_id: int, entry: TimelineEntry) -> str:
    """The review page window that holds the row the change was made on (as it is now)."""
    limit = int(current_app.config["ROWS_PER_PAGE"])
    offset = entry.start // limit * limit
    return url_for("review.show", comparison_id=comparison_id, offset=offset or None,
                   _anchor=f"row-{entry.row_id}" if entry.row_id else None)


def _page(comparison_id: int, *, error: str = "", message: str = "", status: int = 200) -> Any:
    session = get_session()
    comparison = review.get_comparison(session, comparison_id)
    offset = _offset()
    timeline = review.list_timeline(session, comparison_id, offset=offset, limit=PER_PAGE)
    undone = parse_int(request.args.get("undone", ""))
    if not message and undone is not None:
        message = _undone_message(undone, request.args.get("to", ""))
    html = render_template("history.html", comparison=comparison, timeline=timeline,
                           entry_text=entry_text, row_link=row_link, error=error,
                           message=message, per_page=PER_PAGE)
    return html, status


def _undone_message(count: int, to: str) -> str:
    if (parse_int(to) or 0) > 0:
        return ngettext("Undid %(num)d change: the comparison is back to change #%(seq)s.",
                        "Undid %(num)d changes: the comparison is back to change #%(seq)s.",
                        count, seq=to)
    return ngettext("Undid %(num)d change: the comparison is as it was before any change.",
                    "Undid %(num)d changes: the comparison is as it was before any change.",
                    count)


def _refusal(error: review.ReviewError, point: str) -> str:
    """A refused undo-to in the UI language."""
    if isinstance(error, CannotUndoError):
        return _("Change #%(seq)s cannot be undone (%(reason)s), so nothing was undone.",
                 seq=error.seq, reason=localise_error(error.reason))
    if isinstance(error, PointNotOnLineError):
        if error.state == "undone":
            return _("Change #%(seq)s is undone already: redo it first, or choose a change "
                     "that is in effect.", seq=error.seq)
        return _("Change #%(seq)s was undone and then replaced by later changes: the "
                 "comparison cannot go back to it.", seq=error.seq)
    if isinstance(error, review.NothingToUndoError):
        return _("No change after this one is in effect: nothing to undo.")
    if isinstance(error, review.NotFoundError):
        return _("There is no change %(id)s in this comparison's history.", id=point)
    if isinstance(error, review.ComparisonNotReadyError):
        return _("This comparison is being aligned again: undo once the job has finished.")
    return localise_error(str(error))


@bp.get("/history")
def show(comparison_id: int) -> Any:
    return _page(comparison_id)


@bp.post("/history/undo-to")
def undo_to(comparison_id: int) -> Any:
    """Undo every change after the chosen one (``to``: an entry id, or ``start``)."""
    session = get_session()
    review.get_comparison(session, comparison_id)  # a missing comparison: the 404 page
    point = request.form.get("to", "").strip()
    entry_id = parse_int(point)
    if point != "start" and entry_id is None:
        return _page(comparison_id, error=_("Choose a change in the list."), status=400)
    try:
        result = review.undo_to(session, comparison_id, entry_id, author=author_name())
    except review.ReviewError as exc:
        status = 404 if isinstance(exc, review.NotFoundError) else 400
        return _page(comparison_id, error=_refusal(exc, point), status=status)
    seq = int(result.params.get("seq") or 0)
    return redirect(url_for("history.show", comparison_id=comparison_id,
                            undone=result.params.get("count", 0), to=seq or None), code=303)
