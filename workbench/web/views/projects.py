"""Projects and the start page (which opens the most recent comparison)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request, url_for
from flask_babel import gettext as _

from workbench import review
from workbench.web.db import get_session
from workbench.web.errors import BadInput
from workbench.web.templating import render_htmx_template

bp = Blueprint("projects", __name__)


@bp.get("/")
def index() -> Any:
    """Straight to the most recent comparison's review, or to the projects list."""
    comparisons = review.list_comparisons(get_session())
    if comparisons:
        latest = comparisons[0]
        if latest.state == "ready":
            return redirect(url_for("review.show", comparison_id=latest.id))
        return redirect(url_for("jobs.progress_page", comparison_id=latest.id))
    return redirect(url_for("projects.list_all"))


@bp.get("/projects")
def list_all() -> Any:
    session = get_session()
    return render_htmx_template(
        "projects.html", "partials/_projects.html",
        projects=review.list_projects(session), comparisons=review.list_comparisons(session),
    )


@bp.post("/projects")
def create() -> Any:
    name = request.form.get("name", "").strip()
    if not name:
        raise BadInput(_("Give the project a name."))
    project = review.create_project(get_session(), name)
    return redirect(url_for("projects.show", project_id=project.id), code=303)


@bp.get("/projects/<int:project_id>")
def show(project_id: int) -> Any:
    session = get_session()
    project = next((p for p in review.list_projects(session) if p.id == project_id), None)
    if project is None:
        raise review.NotFoundError(_("There is no project %(id)d.", id=project_id))
    return render_htmx_template(
        "project.html", "partials/_comparisons.html", project=project,
        comparisons=review.list_comparisons(session, project_id),
    )
