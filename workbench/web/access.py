"""Who may do what, checked in one place: a ``before_request`` hook over every route.

For each request the hook

1. lets the :data:`PUBLIC` endpoints through (static files, the login page, the
   locale switch, the start-up page) without touching the database;
2. decides the actor (:mod:`workbench.web.accounts`): the local user when there
   are no accounts, else the logged-in account or a Bearer token's; anonymous
   requests get the login page (a browser) or 401 (htmx, scripts);
3. resolves the URL's ids (:mod:`workbench.web.access_scope`: ``project_id``,
   ``comparison_id``, ``row_id``, ``flag_id``...) to their project: 404 when an object
   does not exist or does not belong to the comparison in the URL, whoever asks;
4. asks :data:`POLICY` what the endpoint needs: ``user`` (any logged-in user;
   lists are filtered), ``project`` (viewer for safe methods, reviewer for the
   others) or ``owner``. An endpoint the policy does not name is refused: a new
   route is closed until it is given a rule. ``project_id`` in the query string or
   form (and in a draft's JSON) is checked the same way (reviewer to write into it);
5. a draft of a new comparison or a queued import, named by its token (in the URL or
   the preview form), is its starter's: another account gets 403 unless it is an
   admin or an owner of the project the draft goes into.

A user who is not a member of the project gets 404 (not 403: ids are not
revealed), a member whose role is too weak 403. For accounts that do not see
everything, the request's database session also filters every ORM query on
projects and comparisons to the user's projects (:func:`_filter_queries`), so
lists, search and the start page show only those.

A new blueprint (e.g. the JSON API) gets its rules with :func:`register_policy`
(``register_policy({"api.rows": "project"})``) or the :func:`requires` decorator,
and uses the same view argument names so that its ids are resolved here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Flask, abort, current_app, g, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from workbench.review.accounts import any_accounts
from workbench.review.members import ROLE_RANK, role_in, visible_project_ids
from workbench.store.models import (
    Comparison,
    DraftModel,
    Membership,
    Project,
)
from workbench.web.access_scope import MAX_ID, deny, resolve_project
from workbench.web.accounts import LOCAL_USER, Actor, current_actor, is_loopback, session_expired
from workbench.web.db import get_session
from workbench.web.drafts import OWNER_KEY

PUBLIC = "public"  # nothing needed (must not touch the database: served while preparing)
USER = "user"  # any logged-in user (or the local user); no project in the URL
PROJECT = "project"  # viewer for GET/HEAD/OPTIONS, reviewer for other methods
OWNER = "owner"
LEVELS = (PUBLIC, USER, PROJECT, OWNER)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DRAFT_FORM_FIELD = "draft"  # the preview form's draft token (POST /comparisons/draft)
VISIBLE_KEY = "workbench_visible_user"  # Session.info: filter queries to this user's projects

POLICY: dict[str, str] = {
    "static": PUBLIC, "auth.login": PUBLIC, "auth.login_submit": PUBLIC,
    "locale.set_locale": PUBLIC, "starting.page": PUBLIC,
    "auth.logout": USER, "auth.password_form": USER, "auth.password_submit": USER,
    "projects.index": USER, "projects.list_all": USER,
    "projects.create": USER, "create.new": USER, "create.preview": USER,
    "create.edit_preview": USER, "import_aligned.form": USER, "import_aligned.submit": USER,
    "create.draft_page": USER, "import_aligned.import_page": USER,
    "projects.show": PROJECT, "review.show": PROJECT, "review.row": PROJECT,
    "review.goto": PROJECT, "review.jump": PROJECT, "history.show": PROJECT,
    "history.undo_to": PROJECT, "export.form": PROJECT, "export.download": PROJECT,
    "overview.show": PROJECT, "jobs.progress_page": PROJECT, "jobs.dismiss": PROJECT,
    "jobs.retry": PROJECT, "actions.row_comments": PROJECT, "actions.row_correct": PROJECT,
    "actions.row_flags": PROJECT, "actions.row_status": PROJECT, "actions.remove_flag": PROJECT,
    "actions.dismiss_signal": PROJECT, "actions.restore_signal": PROJECT,
    "actions.realign": PROJECT, "actions.undo": PROJECT, "actions.redo": PROJECT,
    "project_admin.manage": PROJECT,
    "projects.upload_glossary": OWNER, "projects.remove_glossary": OWNER,
    "project_admin.rename_project": OWNER, "project_admin.confirm_delete_project": OWNER,
    "project_admin.delete_project": OWNER, "project_admin.rename_comparison": OWNER,
    "project_admin.move_comparison": OWNER, "project_admin.confirm_delete_comparison": OWNER,
    "project_admin.delete_comparison": OWNER,
    "auth.share": OWNER, "auth.unshare": OWNER,
}


def register_policy(rules: dict[str, str]) -> None:
    """Add endpoint rules (``endpoint -> level``) for a new blueprint."""
    for endpoint, level in rules.items():
        if level not in LEVELS:
            raise ValueError(f"unknown access level {level!r} for {endpoint}")
        POLICY[endpoint] = level


def requires(level: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator form of :func:`register_policy` for a view (read from the view function)."""
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")

    def mark(view: Callable[..., Any]) -> Callable[..., Any]:
        view.access_level = level  # type: ignore[attr-defined]
        return view

    return mark


def level_of(app: Flask, endpoint: str) -> str | None:
    return POLICY.get(endpoint) or getattr(app.view_functions.get(endpoint), "access_level", None)


def _chosen_projects() -> list[int]:
    """``project_id`` given in the query string, the form or a draft's JSON."""
    chosen: list[Any] = [request.args.get("project_id"), request.form.get("project_id")]
    draft = request.form.get("draft")
    if draft:
        try:
            data = json.loads(draft)
            chosen.append(data.get("project_id") if isinstance(data, dict) else None)
        except ValueError:
            pass  # the view refuses the draft itself
    ids = []
    for value in chosen:
        text = str(value).strip() if value is not None else ""
        if text.isdigit():
            number = int(text)
            if 0 < number <= MAX_ID:
                ids.append(number)
    return ids


# -- the hook --------------------------------------------------------------------------


def accounts_enabled() -> bool:
    """Whether accounts exist (every non-public route then needs a login or a token)."""
    return any_accounts(get_session())


def _refuse_anonymous() -> Any:
    wants_page = (request.method in SAFE_METHODS and "HX-Request" not in request.headers
                  and "Authorization" not in request.headers
                  and not request.path.startswith("/api/"))
    if wants_page:
        g.access_refused = 302
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if request.path.startswith("/api/"):  # the API's error handlers answer (problem details)
        g.access_refused = 401
        error = Unauthorized(www_authenticate=WWWAuthenticate("Bearer"))
        error.data = {"headers": {"WWW-Authenticate": "Bearer"}}  # type: ignore[attr-defined]
        raise error  # (``data.headers``: flask-smorest's convention for error headers)
    g.access_refused = 401
    headers = {"WWW-Authenticate": "Bearer", "HX-Redirect": url_for("auth.login")}
    return _("Log in first."), 401, headers


def _require(actor: Any, project_id: int, needed: str) -> None:
    if actor.sees_everything:
        return
    role = role_in(get_session(), actor.id, project_id)
    if role is None:
        deny(404)
    if ROLE_RANK[role] < ROLE_RANK[needed]:
        deny(403)


def check_access() -> Any:
    """The before_request hook (see the module docstring)."""
    endpoint = request.endpoint
    if endpoint is None:  # no such route: Flask answers 404/405 itself
        return None
    level = level_of(current_app, endpoint)
    if level == PUBLIC:
        return None
    session = get_session()
    if not any_accounts(session):
        if not (current_app.config["LOCAL_MODE"] and is_loopback(request.remote_addr)):
            g.access_refused = 403
            return _("This workbench has no accounts yet: create one on the server with "
                     "“workbench users add NAME --admin”."), 403
        g.actor = LOCAL_USER
    elif session_expired():
        return _refuse_anonymous()
    actor = current_actor()
    if not actor.is_authenticated:
        return _refuse_anonymous()
    if level is None:
        current_app.logger.error("access: endpoint %s has no rule: refused", endpoint)
        deny(403)
    if isinstance(actor, Actor) and actor.id is not None:
        session.info[CREATOR_KEY] = actor.id  # a project made in this request: theirs
        if not actor.sees_everything:
            session.info[VISIBLE_KEY] = actor.id
    project_id = resolve_project(session, dict(request.view_args or {}))
    needed = OWNER if level == OWNER else (
        "viewer" if request.method in SAFE_METHODS else "reviewer")
    if level in (PROJECT, OWNER):
        if project_id is None:
            deny(403)  # a rule for objects on a route without one: a mistake, closed
        _require(actor, project_id, needed)
    for chosen in _chosen_projects():  # one the user cannot see: the view's "no project"
        if not actor.sees_everything and role_in(session, actor.id, chosen) is not None:
            _require(actor, chosen, needed if level != OWNER else "reviewer")
    _require_draft(session, actor)
    return None


def _draft_tokens() -> list[str]:
    tokens = [(request.view_args or {}).get("token"), request.form.get(DRAFT_FORM_FIELD)
              if request.method not in SAFE_METHODS else None]
    return [str(token) for token in tokens if token]


def _require_draft(session: Session, actor: Any) -> None:
    """A draft or queued import is its starter's: others get 403 (admins, and owners of the
    project it goes into, may step in). A missing or expired draft is the view's 404.

    The token is random, but a link can be shared or leak: the token alone is not enough.
    """
    if actor.sees_everything:
        return
    for token in _draft_tokens():
        data = session.scalar(select(DraftModel.data).where(DraftModel.token == token[:64]))
        if not isinstance(data, dict):
            continue
        if data.get(OWNER_KEY) is not None and data.get(OWNER_KEY) == actor.id:
            continue
        project_id = data.get("project_id")
        if isinstance(project_id, int) and role_in(session, actor.id, project_id) == "owner":
            continue
        g.access_refused = 403
        abort(403, _("This draft was started by another account: only they (or an owner of "
                     "its project) can open it. Start a new comparison of your own."))


# -- queries filtered to the user's projects; new projects owned by their creator ---------

CREATOR_KEY = "workbench_creator"  # Session.info: new projects get this user as owner


def _filter_queries(state: ORMExecuteState) -> None:
    user_id = state.session.info.get(VISIBLE_KEY)
    if user_id is None or not state.is_select or state.is_column_load \
            or state.is_relationship_load:
        return
    mine = visible_project_ids(user_id)
    state.statement = state.statement.options(
        with_loader_criteria(Project, Project.id.in_(mine), include_aliases=True),
        with_loader_criteria(Comparison, Comparison.project_id.in_(mine),
                             include_aliases=True))


def _own_new_projects(session: Session, _context: Any, _instances: Any) -> None:
    user_id = session.info.get(CREATOR_KEY)
    if user_id is None:
        return
    for project in [obj for obj in session.new if isinstance(obj, Project)]:
        session.add(Membership(user_id=user_id, project=project, role="owner"))


_listening = False


def setup_access(app: Flask) -> None:
    global _listening
    if not _listening:  # on the Session class: only sessions marked in .info are affected
        event.listen(Session, "do_orm_execute", _filter_queries)
        event.listen(Session, "before_flush", _own_new_projects)
        _listening = True
    app.before_request(check_access)
