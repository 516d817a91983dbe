"""Reading: projects, comparisons, their alignment job, and rows with scores and signals."""

from __future__ import annotations

from typing import Any, cast

from flask import current_app
from flask_babel import gettext as _
from flask_smorest import abort

from workbench import review
from workbench.api import lookup
from workbench.api.auth import current_author
from workbench.api.blueprint import ID, bp
from workbench.api.responses import (
    ComparisonOut,
    JobOut,
    ProjectOut,
    RowOut,
    RowPageOut,
)
from workbench.api.rowjson import json_response, page_json
from workbench.api.schemas import ProjectIn, RowsQuery


@bp.get("/projects")
@bp.response(200, ProjectOut(many=True))
def list_projects() -> Any:
    """All projects, newest first."""
    return review.list_projects(lookup.session())


@bp.post("/projects")
@bp.arguments(ProjectIn)
@bp.response(201, ProjectOut)
def create_project(body: dict[str, Any]) -> Any:
    """Create a project (comparisons can then be made in it)."""
    from workbench.review.projects import NameRefusedError, create_named_project

    try:
        return create_named_project(lookup.session(), body["name"])
    except NameRefusedError as exc:
        if exc.kind == "taken":
            abort(409, message=str(exc))
        raise


@bp.get(f"/projects/<{ID}:project_id>")
@bp.response(200, ProjectOut)
def get_project(project_id: int) -> Any:
    return lookup.project(project_id)


@bp.get(f"/projects/<{ID}:project_id>/comparisons")
@bp.response(200, ComparisonOut(many=True))
def list_project_comparisons(project_id: int) -> Any:
    """The project's comparisons, newest first."""
    lookup.project(project_id)
    return review.list_comparisons(lookup.session(), project_id)


@bp.get("/comparisons")
@bp.response(200, ComparisonOut(many=True))
def list_comparisons() -> Any:
    """Every comparison, newest first, with its state and latest job."""
    return review.list_comparisons(lookup.session())


@bp.get(f"/comparisons/<{ID}:comparison_id>")
@bp.response(200, ComparisonOut)
def get_comparison(comparison_id: int) -> Any:
    """A comparison: versions, state (queued, running, ready, failed), job, review progress."""
    return lookup.comparison(comparison_id)


@bp.get(f"/comparisons/<{ID}:comparison_id>/job")
@bp.response(200, JobOut)
def get_job(comparison_id: int) -> Any:
    """The comparison's latest job: poll it until ``finished`` (state done or failed)."""
    return _latest_job(comparison_id)


def _latest_job(comparison_id: int) -> review.JobView:
    from workbench.jobs import latest_job

    lookup.comparison(comparison_id)
    job = latest_job(lookup.session(), comparison_id)
    if job is None:
        raise review.NotFoundError(_("Comparison %(id)s has no job.", id=comparison_id))
    return job


@bp.post(f"/comparisons/<{ID}:comparison_id>/job/retry")
@bp.response(202, JobOut)
def retry_job(comparison_id: int) -> Any:
    """Queue the comparison's failed job again (its stored versions are kept)."""
    from workbench.jobs import retry_job as retry

    job = _latest_job(comparison_id)
    return retry(lookup.session(), job.id, author=current_author())


@bp.post(f"/comparisons/<{ID}:comparison_id>/realign")
@bp.response(202, JobOut)
def realign(comparison_id: int) -> Any:
    """Keep the accepted rows and re-align the rest, as a background job."""
    from workbench.jobs import enqueue_realign

    lookup.ready(comparison_id)
    return enqueue_realign(lookup.session(), comparison_id, author=current_author())


@bp.get(f"/comparisons/<{ID}:comparison_id>/rows")
@bp.arguments(RowsQuery, location="query")
@bp.response(200, RowPageOut)
def list_rows(query: dict[str, Any], comparison_id: int) -> Any:
    """A page of rows in document order (``limit`` up to 1000), filtered and searched."""
    lookup.ready(comparison_id)
    threshold = query["threshold"]
    if threshold is None:
        threshold = float(current_app.config["SCORE_THRESHOLD"])
    page = review.query_rows(
        lookup.session(), comparison_id, filter=cast(review.RowFilter, query["filter"]),
        threshold=threshold, search=query["q"], offset=query["offset"], limit=query["limit"],
        signal_type=query["signal"], hop=query["signal_hop"])
    return json_response(page_json(page))  # what RowPageOut dumps, without its cost


@bp.get(f"/comparisons/<{ID}:comparison_id>/rows/<{ID}:row_id>")
@bp.response(200, RowOut)
def get_row(comparison_id: int, row_id: int) -> Any:
    """One row with its texts, scores, signals, reviewer flags and comments."""
    return review.get_row(lookup.session(), row_id)
