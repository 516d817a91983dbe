"""Errors of the JSON API as RFC 9457 problem details (``application/problem+json``).

Registered on the API's blueprints only, so the web UI keeps its own error pages.
Every refusal of the layers below (a :class:`workbench.errors.UserError`) carries
its HTTP status; validation errors of the request (webargs) add ``errors``; anything
else is a 500 without internals (logged). ``detail`` is in the language the request
asks for (``Accept-Language``: en, ru, zh; Flask-Babel, the web UI's catalogs): the
lower layers' English lines go through :func:`workbench.web.messages.localise_error`;
``title`` stays the standard HTTP phrase; the field messages of ``errors`` are
translated by :mod:`workbench.api.field_errors` (their keys stay as the client sent them).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Blueprint, Flask, Response, current_app, json, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from workbench.api.field_errors import localise_field_errors
from workbench.errors import UserError
from workbench.web.messages import N_, localise_error

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


def problem(status: int, detail: str, *, errors: Any = None,
            headers: dict[str, str] | None = None) -> Response:
    """A problem-details response: ``type`` about:blank, ``title`` the status phrase."""
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status,
                            "detail": detail or title, "instance": request.path}
    if errors:
        body["errors"] = _json_safe(errors)
    response = current_app.response_class(json.dumps(body), status=status,
                                          mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    response.headers["Content-Language"] = str(get_locale() or "en")
    response.vary.add("Accept-Language")
    return response


def _json_safe(value: Any) -> Any:
    """Validation messages keyed by whatever field name a client sent (even none)."""
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


_DETAILS = {
    404: N_("There is no such resource (it may have been merged or deleted)."),
    405: N_("This method is not allowed on this resource."),
    413: N_("The request is larger than the server accepts; nothing was stored."),
    422: N_("The request is not valid; see errors."),
}
CRASHED = N_("The error was logged; nothing was half-saved.")


def handle_http(error: HTTPException) -> Response:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = localise_field_errors(data.get("errors") or data.get("messages"))
    detail = localise_error(str(data["message"])) if data.get("message") else (
        _(_DETAILS[status]) if status in _DETAILS else str(error.description or ""))
    headers = dict(data.get("headers") or {})
    allowed = getattr(error, "valid_methods", None)
    if status == 405 and allowed:
        headers["Allow"] = ", ".join(sorted(allowed))
    if status >= 500:
        detail = _(CRASHED)
    return problem(status, detail, errors=errors, headers=headers)


def handle_csrf(error: CSRFError) -> Response:
    return problem(400, _("A request authenticated by the browser session needs its CSRF "
                          "token; scripts use a Bearer token instead."))


def handle_user_error(error: UserError) -> Response:
    status = int(getattr(error, "status", 400) or 400)
    return problem(status if 400 <= status < 600 else 400, localise_error(str(error)))


def handle_value_error(error: ValueError) -> Response:
    """A refusal from a layer that still raises plain ``ValueError`` subclasses (bad input)."""
    return problem(400, localise_error(str(error)))


def handle_crash(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return handle_http(error)
    if current_app.config.get("PROPAGATE_UNHANDLED"):
        raise error
    log.exception("unhandled error in the API", exc_info=error)
    return problem(500, _(CRASHED))


def register_problem_handlers(blueprint: Blueprint) -> None:
    """The same handlers on each API blueprint (most specific exception classes win)."""
    blueprint.register_error_handler(CSRFError, handle_csrf)
    blueprint.register_error_handler(HTTPException, handle_http)
    blueprint.register_error_handler(UserError, handle_user_error)
    blueprint.register_error_handler(ValueError, handle_value_error)
    blueprint.register_error_handler(Exception, handle_crash)


def method_or_missing(app: Flask, path: str, method: str, fallback: str) -> HTTPException:
    """404 for a path no API route has, else 405 with the methods it allows."""
    from werkzeug.exceptions import MethodNotAllowed, NotFound

    adapter = app.url_map.bind_to_environ(request.environ)
    allowed = set()
    for candidate in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        if candidate == method:
            continue
        try:
            endpoint, _args = adapter.match(path, method=candidate)
        except HTTPException:
            continue
        if endpoint != fallback:
            allowed.add(candidate)
    if not allowed:
        return NotFound()
    if "GET" in allowed:
        allowed.add("HEAD")
    return MethodNotAllowed(valid_methods=sorted(allowed))
