"""The review view: one column per version, a window of rows, filter and search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import gettext as _

from workbench import review
from workbench.review import ComparisonView, RowFilter
from workbench.web import htmx
from workbench.web.db import get_session
from workbench.web.errors import BadInput
from workbench.web.templating import render_htmx_template
from workbench.web.views.notes import note_strings

bp = Blueprint("review", __name__, url_prefix="/comparisons")

FILTERS: tuple[str, ...] = ("all", "flagged", "below", "unreviewed")


@dataclass
class ViewArgs:
    """What the reviewer is looking at: filter, threshold, search and window offset."""

    filter: str
    threshold: float
    q: str
    offset: int

    def as_args(self, **changes: Any) -> dict[str, Any]:
        args: dict[str, Any] = {"filter": self.filter, "threshold": self.threshold,
                                "q": self.q, "offset": self.offset}
        args.update(changes)
        return {k: v for k, v in args.items()
                if v not in ("", None) and not (k == "offset" and v == 0)
                and not (k == "filter" and v == "all")}


def read_view_args(values: Any) -> ViewArgs:
    """Parse filter arguments from a query string or form, refusing nonsense clearly."""
    chosen = values.get("filter") or "all"
    if chosen not in FILTERS:
        raise BadInput(_("Unknown filter %(name)s.", name=chosen))
    try:
        threshold = float(values.get("threshold") or current_app.config["SCORE_THRESHOLD"])
        offset = int(values.get("offset") or 0)
    except ValueError:
        raise BadInput(_("The threshold and the offset must be numbers.")) from None
    if not 0.0 <= threshold <= 1.0 or offset < 0:
        raise BadInput(_("The threshold goes from 0 to 1 and the offset from 0."))
    return ViewArgs(filter=chosen, threshold=threshold, q=str(values.get("q") or "")[:200],
                    offset=offset)


def review_context(comparison: ComparisonView, args: ViewArgs) -> dict[str, Any]:
    """Everything the review page and its rows partial need."""
    limit = int(current_app.config["ROWS_PER_PAGE"])
    page = review.query_rows(get_session(), comparison.id, filter=cast(RowFilter, args.filter),
                             threshold=args.threshold, search=args.q, offset=args.offset,
                             limit=limit)
    return {"comparison": comparison, "page": page, "args": args, "filters": FILTERS,
            "labels": comparison.labels, "categories": review.CATEGORIES,
            "severities": review.SEVERITIES, "limit": limit,
            "N": note_strings(comparison)}


def ready_comparison(comparison_id: int) -> ComparisonView:
    comparison = review.get_comparison(get_session(), comparison_id)
    if comparison.state != "ready":
        raise review.ComparisonNotReadyError(
            _("This comparison is not aligned yet (state: %(state)s).", state=comparison.state))
    return comparison


@bp.get("/<int:comparison_id>")
def show(comparison_id: int) -> Any:
    """The review page; htmx filter/search/paging requests get only the rows pane."""
    comparison = review.get_comparison(get_session(), comparison_id)
    if comparison.state != "ready":
        return redirect(url_for("jobs.progress_page", comparison_id=comparison_id))
    args = read_view_args(request.args)
    pills_oob = bool(htmx) and not htmx.history_restore_request  # see _filter_pills.html
    return render_htmx_template("review.html", "partials/_rows.html", pills_oob=pills_oob,
                                **review_context(comparison, args))


@bp.get("/<int:comparison_id>/rows/<int:row_id>")
def row(comparison_id: int, row_id: int) -> Any:
    """One row: its partial for htmx, otherwise the review page window that shows it."""
    found = review.get_row(get_session(), row_id)
    comparison = ready_comparison(comparison_id)
    limit = int(current_app.config["ROWS_PER_PAGE"])
    args = read_view_args(request.args)
    if request.headers.get("HX-Request"):
        return render_htmx_template("review.html", "partials/_row.html", row=found,
                                    **review_context(comparison, args))
    offset = found.position // limit * limit
    return redirect(url_for("review.show", comparison_id=comparison_id, offset=offset or None,
                            _anchor=f"row-{row_id}"))
