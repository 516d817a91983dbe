"""Log in, log out, and share a project (owner only; the rules live in web/access.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_login import current_user

from workbench.review.accounts import (
    AccountError,
    any_accounts,
    authenticate,
    remove_member,
    share_project,
)
from workbench.store.models import ROLES
from workbench.web.accounts import sign_in, sign_out
from workbench.web.db import get_session
from workbench.web.views.locale import safe_next

bp = Blueprint("auth", __name__)
LOGIN_SUBMIT = "auth.login_submit"


def _login_page(error: str = "", status: int = 200) -> Any:
    return render_template("login.html", error=error,
                           next=safe_next(request.values.get("next")),
                           username=request.form.get("username", "")[:100]), status


@bp.get("/login")
def login() -> Any:
    """The login form (with no accounts there is nothing to log in to: the workbench)."""
    if not any_accounts(get_session()) or current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    return _login_page()


@bp.post("/login")
def login_submit() -> Any:
    """One message for a wrong name or a wrong password; failures are rate-limited."""
    session = get_session()
    if not any_accounts(session):
        return redirect(url_for("projects.index"), code=303)
    user = authenticate(session, request.form.get("username", ""),
                        request.form.get("password", ""))
    if user is None:
        return _login_page(_("Wrong user name or password."), status=401)
    sign_in(user)
    return redirect(safe_next(request.form.get("next")), code=303)


@bp.errorhandler(RateLimitExceeded)
def too_many_attempts(_error: RateLimitExceeded) -> Any:
    """The answer once the failed logins of this address (and name) are used up."""
    page, _status = _login_page(_("Too many failed attempts: wait a minute and try again."))
    return page, 429, {"Retry-After": "60"}


@bp.post("/logout")
def logout() -> Any:
    sign_out()
    return redirect(url_for("auth.login"), code=303)


def _back(project_id: int, error: str = "") -> Any:
    from workbench.web.views.projects import project_page

    if error:
        return project_page(project_id, status=400, share_error=error)
    return redirect(url_for("projects.show", project_id=project_id) + "#members", code=303)


@bp.post("/projects/<int:project_id>/members")
def share(project_id: int) -> Any:
    """Give a user (by name) a role in the project, or change their role."""
    role = request.form.get("role", "")
    try:
        share_project(get_session(), project_id, request.form.get("username", "")[:200], role)
    except AccountError as exc:
        get_session().rollback()
        return _back(project_id, share_refusal(exc))
    return _back(project_id)


@bp.post("/projects/<int:project_id>/members/<int:user_id>/remove")
def unshare(project_id: int, user_id: int) -> Any:
    try:
        remove_member(get_session(), project_id, user_id)
    except AccountError as exc:
        get_session().rollback()
        return _back(project_id, share_refusal(exc))
    return _back(project_id)


def share_refusal(error: AccountError) -> str:
    if error.kind == "unknown_user":
        return _("There is no user of that name.")
    if error.kind == "last_owner":
        return _("A project keeps at least one owner.")
    return _("Choose a role: %(roles)s.", roles=", ".join(role_name(r) for r in ROLES))


def role_name(role: str) -> str:
    return {"owner": _("owner"), "reviewer": _("reviewer"), "viewer": _("viewer")}.get(role, role)
