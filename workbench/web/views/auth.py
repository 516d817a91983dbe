"""Log in, log out, change one's password, and share a project (owner only; the rules live in
web/access.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_login import current_user

from workbench.review.accounts import (
    PASSWORD_MAX,
    PASSWORD_MIN,
    AccountError,
    any_accounts,
    authenticate,
    change_password,
)
from workbench.review.members import remove_member, share_project
from workbench.store.models import ROLES
from workbench.web.accounts import Actor, current_actor, sign_in, sign_out
from workbench.web.db import get_session
from workbench.web.views.locale import safe_next
from workbench.web.views.projects import project_page

bp = Blueprint("auth", __name__)
LOGIN_SUBMIT = "auth.login_submit"
PASSWORD_SUBMIT = "auth.password_submit"


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
    """The answer once the failed logins (or password changes) are used up."""
    message = _("Too many failed attempts: wait a minute and try again.")
    page, _status = (_password_page(message) if request.endpoint == PASSWORD_SUBMIT
                     else _login_page(message))
    return page, 429, {"Retry-After": "60"}


def _password_page(error: str = "", status: int = 200, message: str = "") -> Any:
    return render_template("password.html", error=error, message=message,
                           password_min=PASSWORD_MIN, password_max=PASSWORD_MAX,
                           signed_in=_own_session() is not None), status


def _own_session() -> Actor | None:
    """The account of a login session (not the local user, not an API token)."""
    actor = current_actor()
    if isinstance(actor, Actor) and actor.id is not None and not actor.by_token:
        return actor
    return None


@bp.get("/account/password")
def password_form() -> Any:
    """The form to change one's own password (the current one is asked)."""
    return _password_page(message=_("Your password was changed: your other sessions have "
                                    "ended.") if request.args.get("changed") else "")


@bp.post("/account/password")
def password_submit() -> Any:
    """Change the password; failures are rate-limited like logins (per account); every
    other session of the account ends, this one is renewed."""
    actor = _own_session()
    if actor is None or actor.id is None:
        return _password_page(_("Only an account logged in here has a password to change "
                                "(API tokens cannot change it)."), status=403)
    new = request.form.get("new_password", "")
    if new != request.form.get("confirm_password", ""):
        return _password_page(_("The two new passwords differ."), status=400)
    if not PASSWORD_MIN <= len(new) <= PASSWORD_MAX:
        return _password_page(_("A password has %(min)d to %(max)d characters.",
                                min=PASSWORD_MIN, max=PASSWORD_MAX), status=400)
    session = get_session()
    try:
        user = change_password(session, actor.id, request.form.get("current_password", ""), new)
    except AccountError:
        session.rollback()
        return _password_page(_("The current password is wrong."), status=400)
    sign_in(user)
    return redirect(url_for("auth.password_form", changed=1), code=303)


@bp.post("/logout")
def logout() -> Any:
    sign_out()
    return redirect(url_for("auth.login"), code=303)


def _back(project_id: int, error: str = "") -> Any:
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
