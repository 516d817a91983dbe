"""Progress of a comparison's background job: a page that htmx polls, stopping with HTTP 286
when done (the jobs themselves are in :mod:`workbench.jobs`; the blueprint keeps the name
``jobs`` for its URLs)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from flask import Blueprint, redirect, url_for
from flask_babel import gettext as _
from flask_htmx.responses import HTMXResponseStopPolling
from sqlalchemy.orm import Session

from workbench import review
from workbench.jobs import dismiss_job, latest_job, retry_job
from workbench.states import ComparisonState
from workbench.web.accounts import author_name
from workbench.web.db import get_session
from workbench.web.extensions import htmx
from workbench.web.templating import render_htmx_template

bp = Blueprint("jobs", __name__, url_prefix="/comparisons")


@bp.get("/<int:comparison_id>/progress")
def progress_page(comparison_id: int) -> Any:
    """The progress bar (full page, or the polled partial); 286 stops polling when finished."""
    comparison = review.get_comparison(get_session(), comparison_id)
    if not htmx and comparison.state == ComparisonState.READY:
        return redirect(url_for("review.show", comparison_id=comparison_id))
    if htmx and comparison.state == ComparisonState.READY:
        # Done while the user watched: stop polling and go to the review.
        response = HTMXResponseStopPolling(
            headers={"HX-Redirect": url_for("review.show", comparison_id=comparison_id)})
        return response
    rendered, status = render_htmx_template("progress.html", "partials/_progress.html",
                                            comparison=comparison, job=comparison.job)
    if htmx and comparison.state == ComparisonState.FAILED:
        return HTMXResponseStopPolling(rendered)
    return rendered, status


def _on_latest_job(comparison_id: int, act: Callable[[Session, int], object]) -> None:
    """Run ``act(session, job_id)`` on the comparison's latest job, or say there is none."""
    session = get_session()
    job = latest_job(session, comparison_id)
    if job is None:
        raise review.NotFoundError(_("This comparison has no alignment job."))
    act(session, job.id)


@bp.post("/<int:comparison_id>/retry")
def retry(comparison_id: int) -> Any:
    """Enqueue the failed alignment again (the stored versions are kept)."""
    _on_latest_job(comparison_id, partial(retry_job, author=author_name()))
    return redirect(url_for("jobs.progress_page", comparison_id=comparison_id), code=303)


@bp.post("/<int:comparison_id>/dismiss")
def dismiss(comparison_id: int) -> Any:
    """Hide the notice of a failed re-alignment (the rows were kept as they were)."""
    _on_latest_job(comparison_id, dismiss_job)
    return redirect(url_for("review.show", comparison_id=comparison_id), code=303)
