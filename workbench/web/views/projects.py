"""Projects and the start page (which opens the most recent comparison)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request, url_for
from flask_babel import gettext as _

from workbench import review
from workbench.errors import UserError
from workbench.ingest.glossary import read_glossary
from workbench.review.projects import (
    PROJECT_NAME_MAX,
    TITLE_MAX,
    NameRefusedError,
    create_named_project,
)
from workbench.states import ComparisonState
from workbench.store import glossary as stored_glossaries
from workbench.store.glossary import glossary_info, save_glossary
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
        if latest.state == ComparisonState.READY:
            return redirect(url_for("review.show", comparison_id=latest.id))
        return redirect(url_for("jobs.progress_page", comparison_id=latest.id))
    return redirect(url_for("projects.list_all"))


@bp.get("/projects")
def list_all() -> Any:
    session = get_session()
    return render_htmx_template(
        "projects.html", "partials/_projects.html",
        projects=review.list_projects(session), comparisons=review.list_comparisons(session),
        deleted=request.args.get("deleted", "")[:500],
    )


@bp.post("/projects")
def create() -> Any:
    try:
        project = create_named_project(get_session(), request.form.get("name", ""))
    except NameRefusedError as exc:
        raise BadInput(name_refusal(exc, project=True)) from None
    return redirect(url_for("projects.show", project_id=project.id), code=303)


def name_refusal(error: NameRefusedError, *, project: bool) -> str:
    """A refused project name or comparison title in the UI language."""
    if error.kind == "taken":
        return _("Another project is already called %(name)s: choose another name.",
                 name=error.other)
    if error.kind == "long":
        return _("Keep it under %(n)s characters.",
                 n=PROJECT_NAME_MAX if project else TITLE_MAX)
    return _("Give the project a name.") if project else _("Give the comparison a title.")


def project_page(project_id: int, error: str = "", status: int = 200, **extra: Any) -> Any:
    """The project page; ``extra`` (e.g. ``rename_error``) goes to the template."""
    session = get_session()
    project = next((p for p in review.list_projects(session) if p.id == project_id), None)
    if project is None:
        raise review.NotFoundError(_("There is no project %(id)d.", id=project_id))
    return render_htmx_template(
        "project.html", "partials/_comparisons.html", status=status, project=project,
        comparisons=review.list_comparisons(session, project_id),
        glossary=glossary_info(session, project_id), glossary_error=error,
        deleted=request.args.get("deleted", "")[:500], **extra,
    )


@bp.get("/projects/<int:project_id>")
def show(project_id: int) -> Any:
    return project_page(project_id)


@bp.post("/projects/<int:project_id>/glossary")
def upload_glossary(project_id: int) -> Any:
    """Store the uploaded term list (CSV/TSV/TBX) as the project's glossary.

    Alignments of the project started afterwards (and re-checks after corrections)
    give ``term`` signals from it.
    """
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise BadInput(_("Choose a glossary file (CSV, TSV or TBX)."))
        glossary = read_glossary(upload.read(), upload.filename)
        save_glossary(get_session(), project_id, glossary, upload.filename)
    except LookupError:
        raise review.NotFoundError(_("There is no project %(id)d.", id=project_id)) from None
    except UserError as exc:  # BadInput and every ingest error: one clear message
        get_session().rollback()
        return project_page(project_id, error=str(exc), status=400)
    return redirect(url_for("projects.show", project_id=project_id), code=303)


@bp.post("/projects/<int:project_id>/glossary/remove")
def remove_glossary(project_id: int) -> Any:
    stored_glossaries.remove_glossary(get_session(), project_id)
    return redirect(url_for("projects.show", project_id=project_id), code=303)
