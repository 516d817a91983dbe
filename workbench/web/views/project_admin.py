"""Rename, move and delete: housekeeping of projects and comparisons.

Plain forms that work with JavaScript off. A deletion asks again on a page of
its own (what will be removed, a Delete button and a way back); a refusal shows
the same page again with the reason (400) and changes nothing.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from workbench import review
from workbench.review.projects import BusyError, NameRefusedError, deletion_summary
from workbench.web.db import get_session
from workbench.web.inputs import parse_int
from workbench.web.views.projects import name_refusal, project_page

bp = Blueprint("project_admin", __name__)


def busy_refusal(error: BusyError) -> str:
    return _("%(title)s is being aligned: delete it once its job has finished.",
             title=error.title)


def _confirmed() -> bool:
    return request.form.get("confirm") == "yes"


# -- projects ---------------------------------------------------------------------------


@bp.post("/projects/<int:project_id>/rename")
def rename_project(project_id: int) -> Any:
    session = get_session()
    try:
        review.rename_project(session, project_id, request.form.get("name", ""))
    except NameRefusedError as exc:
        return project_page(project_id, status=400, rename_error=name_refusal(exc, project=True))
    return redirect(url_for("projects.show", project_id=project_id), code=303)


def _project_confirm(project_id: int, error: str = "", status: int = 200) -> Any:
    session = get_session()
    summary = deletion_summary(session, project_id=project_id)
    html = render_template("confirm_delete.html", summary=summary, error=error,
                           kind="project", item_id=project_id,
                           action=url_for("project_admin.delete_project", project_id=project_id),
                           back=url_for("projects.show", project_id=project_id))
    return html, status


@bp.get("/projects/<int:project_id>/delete")
def confirm_delete_project(project_id: int) -> Any:
    return _project_confirm(project_id)


@bp.post("/projects/<int:project_id>/delete")
def delete_project(project_id: int) -> Any:
    """Delete only when the confirmation form says so; otherwise ask (again)."""
    if not _confirmed():
        return _project_confirm(project_id)
    try:
        deleted = review.delete_project(get_session(), project_id)
    except BusyError as exc:
        return _project_confirm(project_id, error=busy_refusal(exc), status=400)
    return redirect(url_for("projects.list_all", deleted=deleted.name), code=303)


# -- comparisons ------------------------------------------------------------------------


def _manage_page(comparison_id: int, *, error: str = "", status: int = 200) -> Any:
    session = get_session()
    comparison = review.get_comparison(session, comparison_id)
    projects = review.list_projects(session)
    current = next((p for p in projects if p.id == comparison.project_id), None)
    html = render_template("comparison_manage.html", comparison=comparison, project=current,
                           others=[p for p in projects if p.id != comparison.project_id],
                           error=error, form=request.form)
    return html, status


@bp.get("/comparisons/<int:comparison_id>/manage")
def manage(comparison_id: int) -> Any:
    return _manage_page(comparison_id)


@bp.post("/comparisons/<int:comparison_id>/rename")
def rename_comparison(comparison_id: int) -> Any:
    try:
        review.rename_comparison(get_session(), comparison_id, request.form.get("title", ""))
    except NameRefusedError as exc:
        return _manage_page(comparison_id, error=name_refusal(exc, project=False), status=400)
    return redirect(url_for("project_admin.manage", comparison_id=comparison_id,
                            done="renamed"), code=303)


@bp.post("/comparisons/<int:comparison_id>/move")
def move_comparison(comparison_id: int) -> Any:
    session = get_session()
    review.get_comparison(session, comparison_id)  # a missing comparison: the 404 page
    chosen = request.form.get("project_id", "").strip()
    project_id = parse_int(chosen)
    if project_id is None:
        return _manage_page(comparison_id, status=400,
                            error=_("Choose the project to move the comparison to."))
    try:
        review.move_comparison(session, comparison_id, project_id)
    except review.NotFoundError:
        return _manage_page(comparison_id, status=400,
                            error=_("There is no project %(id)s.", id=chosen))
    except review.InvalidOperationError:
        return _manage_page(comparison_id, status=400,
                            error=_("The comparison is already in this project."))
    return redirect(url_for("project_admin.manage", comparison_id=comparison_id,
                            done="moved"), code=303)


def _comparison_confirm(comparison_id: int, error: str = "", status: int = 200) -> Any:
    session = get_session()
    summary = deletion_summary(session, comparison_id=comparison_id)
    html = render_template("confirm_delete.html", summary=summary, error=error,
                           kind="comparison", item_id=comparison_id,
                           action=url_for("project_admin.delete_comparison",
                                          comparison_id=comparison_id),
                           back=url_for("project_admin.manage", comparison_id=comparison_id))
    return html, status


@bp.get("/comparisons/<int:comparison_id>/delete")
def confirm_delete_comparison(comparison_id: int) -> Any:
    return _comparison_confirm(comparison_id)


@bp.post("/comparisons/<int:comparison_id>/delete")
def delete_comparison(comparison_id: int) -> Any:
    """Delete only when the confirmation form says so; otherwise ask (again)."""
    if not _confirmed():
        return _comparison_confirm(comparison_id)
    session = get_session()
    project_id = review.get_comparison(session, comparison_id).project_id
    try:
        deleted = review.delete_comparison(session, comparison_id)
    except BusyError as exc:
        return _comparison_confirm(comparison_id, error=busy_refusal(exc), status=400)
    return redirect(url_for("projects.show", project_id=project_id, deleted=deleted.name),
                    code=303)
