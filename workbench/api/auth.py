"""Who is calling the API: the central access check, Bearer tokens and CSRF.

:mod:`workbench.web.access` decides, before every request, who the actor is (the
local user in local single-user mode, else a login session or a Bearer token read
by Flask-Login's request loader) and whether the URL's ids are theirs to read or
change; :data:`RULES` gives it the API's endpoints. The API blueprints are exempt
from the app-wide CSRF check, and :func:`guard_csrf` puts it back for a state change
that rides on a browser's login cookie: only a token or the local user go without.
"""

from __future__ import annotations

from flask import Response, abort, request

from workbench.api.problems import PROBLEM_JSON, problem

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_PROJECT_ENDPOINTS = (
    "get_project", "list_project_comparisons", "get_comparison", "get_job", "retry_job",
    "realign", "list_rows", "get_row", "set_status", "add_flag", "remove_flag",
    "dismiss_signal", "restore_signal", "add_comment", "export_comparison",
)
_USER_ENDPOINTS = ("list_projects", "create_project", "list_comparisons", "create_comparison",
                   "create_comparison_from_files", "check")
RULES: dict[str, str] = {
    **{f"api.{name}": "project" for name in _PROJECT_ENDPOINTS},
    **{f"api.{name}": "user" for name in _USER_ENDPOINTS},
    # the document, its page and 404/405 answers: no database, nothing revealed
    "api_meta.openapi_json": "public", "api_meta.reference_page": "public",
    "api_meta.fallback": "public",
}


def register_rules() -> None:
    from workbench.web.access import register_policy

    register_policy(RULES)


def _actor() -> object:
    from workbench.web.accounts import current_actor

    return current_actor()


def guard_csrf() -> None:
    """Before every API request: CSRF for a state change not made with a token or locally."""
    if request.method in SAFE_METHODS:
        return
    actor = _actor()
    if getattr(actor, "local", False) or getattr(actor, "by_token", False):
        return
    from workbench.web.security import csrf

    csrf.protect()


def current_author() -> str:
    """The name a change is recorded under: the account's, "" for the local user."""
    from workbench.web.accounts import author_name

    return author_name()


def require_reviewer(project_id: int) -> None:
    """Writing into a project named in a JSON body: reviewer at least (404 if not a member).

    (The central check reads ``project_id`` from query strings and forms, not JSON.)
    """
    from workbench.review.members import ROLE_RANK, role_in
    from workbench.web.db import get_session

    actor = _actor()
    if getattr(actor, "sees_everything", False):
        return
    role = role_in(get_session(), int(getattr(actor, "id", 0) or 0), project_id)
    if role is None:
        abort(404)
    if ROLE_RANK[role] < ROLE_RANK["reviewer"]:
        abort(403)


def as_problem(response: Response) -> Response:
    """After every API request: an error the access check answered in plain text (401, 403)
    becomes problem details, keeping its headers (``WWW-Authenticate``)."""
    if response.status_code < 400 or response.mimetype == PROBLEM_JSON:
        return response
    text = response.get_data(as_text=True).strip()
    detail = "" if text.startswith("<") else text[:500]  # a page's HTML says nothing useful
    converted = problem(response.status_code, detail)
    for name in ("WWW-Authenticate", "Allow", "Retry-After"):
        if name in response.headers:
            converted.headers[name] = response.headers[name]
    return converted
