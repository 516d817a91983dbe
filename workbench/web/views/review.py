"""The review view: one column per version, a window of rows, filter and search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from workbench import review
from workbench.review import ComparisonView, RowFilter
from workbench.review.queries import NAVIGATION, locate_row, signal_facets
from workbench.states import ComparisonState
from workbench.web.db import get_session
from workbench.web.errors import BadInput
from workbench.web.extensions import htmx
from workbench.web.inputs import MAX_ID, parse_int, parse_score, read_int
from workbench.web.paging import page_numbers
from workbench.web.templating import render_htmx_template
from workbench.web.views.notes import note_strings

bp = Blueprint("review", __name__, url_prefix="/comparisons")

FILTERS: tuple[str, ...] = ("all", "flagged", "below", "unreviewed")


@dataclass
class ViewArgs:
    """What the reviewer is looking at: filter, threshold, search, signal type and hop, offset.

    ``signal`` / ``signal_hop`` keep rows with a standing signal of that type / hop (``-``:
    none); not ``hop``, which the flag form already uses for the reviewer's own flag.
    """

    filter: str
    threshold: float
    q: str
    offset: int
    signal: str = ""
    signal_hop: str = ""

    def as_args(self, **changes: Any) -> dict[str, Any]:
        args: dict[str, Any] = {"filter": self.filter, "threshold": self.threshold,
                                "q": self.q, "signal": self.signal,
                                "signal_hop": self.signal_hop, "offset": self.offset}
        args.update(changes)
        return {k: v for k, v in args.items()
                if v not in ("", None) and not (k == "offset" and v == 0)
                and not (k == "filter" and v == "all")}


def read_view_args(values: Any) -> ViewArgs:
    """Parse filter arguments from a query string or form, refusing nonsense clearly."""
    chosen = values.get("filter") or "all"
    if chosen not in FILTERS:
        raise BadInput(_("Unknown filter %(name)s.", name=chosen))
    threshold = parse_score(values.get("threshold"), current_app.config["SCORE_THRESHOLD"],
                            _("The threshold goes from 0 to 1 and the offset from 0."))
    offset = read_int(values, "offset", 0, message=_("The threshold goes from 0 to 1 and "
                                                     "the offset from 0."))
    return ViewArgs(filter=chosen, threshold=threshold, q=str(values.get("q") or "")[:200],
                    offset=offset, signal=str(values.get("signal") or "")[:50],
                    signal_hop=str(values.get("signal_hop") or "")[:210])


def row_context(comparison: ComparisonView, args: ViewArgs) -> dict[str, Any]:
    """What one row's partial (and the toolbar) needs: no window of rows, no facets."""
    return {"comparison": comparison, "args": args, "filters": FILTERS,
            "labels": comparison.labels, "categories": review.CATEGORIES,
            "severities": review.SEVERITIES, "limit": int(current_app.config["ROWS_PER_PAGE"]),
            "N": note_strings(comparison)}


def review_context(comparison: ComparisonView, args: ViewArgs) -> dict[str, Any]:
    """Everything the review page and its rows partial need."""
    context = row_context(comparison, args)
    limit = context["limit"]
    page = review.query_rows(get_session(), comparison.id, filter=cast(RowFilter, args.filter),
                             threshold=args.threshold, search=args.q, offset=args.offset,
                             limit=limit, signal_type=args.signal, hop=args.signal_hop,
                             comparison=comparison)
    signal_types, signal_hops = signal_facets(get_session(), comparison.id)
    return {**context, "page": page, "pages": page_numbers(args.offset, limit, page.total),
            "signal_types": signal_types, "signal_hops": signal_hops}


def ready_comparison(comparison_id: int, *, one_row: bool = False) -> ComparisonView:
    """The comparison's header, refused unless it is ready; ``one_row``: for one row's partial,
    which shows neither the toolbar's undo buttons nor the job (not read)."""
    comparison = review.get_comparison(get_session(), comparison_id,
                                       undo_state=(False, False) if one_row else None,
                                       with_job=not one_row, with_counts=False)
    if comparison.state != ComparisonState.READY:
        raise review.ComparisonNotReadyError(
            _("This comparison is not aligned yet (state: %(state)s).", state=comparison.state))
    return comparison


@bp.get("/<int:comparison_id>")
def show(comparison_id: int) -> Any:
    """The review page; htmx filter/search/paging requests get only the rows pane (which
    does not show the latest job: not read)."""
    whole_page = not htmx or bool(htmx.history_restore_request)
    comparison = review.get_comparison(get_session(), comparison_id, with_job=whole_page,
                                       with_counts=False)
    if comparison.state != ComparisonState.READY:
        return redirect(url_for("jobs.progress_page", comparison_id=comparison_id))
    args = read_view_args(request.args)
    pills_oob = bool(htmx) and not htmx.history_restore_request  # see _filter_pills.html
    return render_htmx_template("review.html", "partials/_rows.html", pills_oob=pills_oob,
                                **review_context(comparison, args))


@bp.get("/<int:comparison_id>/rows/<int:row_id>")
def row(comparison_id: int, row_id: int) -> Any:
    """One row: its partial for htmx, otherwise the review page window that shows it."""
    one_row = bool(htmx) and not htmx.history_restore_request
    comparison = ready_comparison(comparison_id, one_row=one_row)
    found = review.get_row(get_session(), row_id, comparison_id=comparison_id,
                           labels=comparison.version_keys)
    limit = int(current_app.config["ROWS_PER_PAGE"])
    args = read_view_args(request.args)
    if one_row:  # one row: no window of rows queried
        return render_template("partials/_row.html", row=found,
                               **row_context(comparison, args))
    if request.headers.get("HX-Request"):  # a history restore: the whole page
        return render_htmx_template("review.html", "partials/_row.html", row=found,
                                    **review_context(comparison, args))
    offset = found.position // limit * limit
    return redirect(url_for("review.show", comparison_id=comparison_id, offset=offset or None,
                            _anchor=f"row-{row_id}"))


@bp.get("/<int:comparison_id>/goto")
def goto(comparison_id: int) -> Any:
    """Go to row N as the UI numbers rows (from 1): its page of all rows, with it focused."""
    comparison = ready_comparison(comparison_id)
    args = read_view_args(request.args)
    total = comparison.row_count
    number = parse_int(request.args.get("row") or "", low=-MAX_ID)
    if number is None:
        raise BadInput(_("Type a row number from 1 to %(total)s.", total=total))
    if not 1 <= number <= total:
        raise BadInput(_("There is no row %(number)s: this comparison has rows 1 to %(total)s.",
                         number=number, total=total))
    limit = int(current_app.config["ROWS_PER_PAGE"])
    found = review.query_rows(get_session(), comparison_id, offset=number - 1, limit=1).rows[0]
    view = ViewArgs(filter="all", threshold=args.threshold, q="",
                    offset=(number - 1) // limit * limit)
    url = url_for("review.show", comparison_id=comparison_id, **view.as_args())
    if not htmx:
        return redirect(f"{url}#row-{found.id}")
    body, status = render_htmx_template("review.html", "partials/_rows.html", pills_oob=True,
                                        focus_row=found.id, **review_context(comparison, view))
    return body, status, {"HX-Push-Url": url}


def _no_further_row(to: str, forward: bool) -> str:
    """What a key that found nothing says: the reviewer must not think it did nothing."""
    if to == "flagged":
        return (_("No flagged row after this one.") if forward
                else _("No flagged row before this one."))
    if to == "critical":
        return (_("No critical signal after this one.") if forward
                else _("No critical signal before this one."))
    return _("This is the last row.") if forward else _("This is the first row.")


@bp.get("/<int:comparison_id>/jump")
def jump(comparison_id: int) -> Any:
    """The page holding the next (``dir=next``) or previous row of a kind after position
    ``after``, in the view being looked at: the j/k, next-flagged and next-critical keys
    cross pages. htmx gets the rows pane with that row focused and the URL to push."""
    comparison = ready_comparison(comparison_id)
    args = read_view_args(request.args)
    to = request.args.get("to", "row")
    if to not in NAVIGATION:
        raise BadInput(_("Choose one of: %(choices)s.", choices=", ".join(NAVIGATION)))
    forward = request.args.get("dir", "next") != "prev"
    after = read_int(request.args, "after", -1 if forward else comparison.row_count, low=-1,
                     message=_("The threshold and the offset must be numbers."))
    found = locate_row(get_session(), comparison_id, after=after, forward=forward, to=to,
                       filter=cast(RowFilter, args.filter), threshold=args.threshold,
                       search=args.q, signal_type=args.signal, hop=args.signal_hop)
    if found is None:
        message = _no_further_row(to, forward)
        if not htmx:
            return redirect(url_for("review.show", comparison_id=comparison_id,
                                    **args.as_args()))
        return (render_template("partials/_status_message.html", message=message), 200,
                {"HX-Reswap": "none"})
    row_id, index = found
    limit = int(current_app.config["ROWS_PER_PAGE"])
    args.offset = index // limit * limit
    url = url_for("review.show", comparison_id=comparison_id, **args.as_args())
    if not htmx:
        return redirect(f"{url}#row-{row_id}")
    body = render_template("partials/_rows.html", pills_oob=True, focus_row=row_id,
                           **review_context(comparison, args))
    return body, 200, {"HX-Push-Url": url}
