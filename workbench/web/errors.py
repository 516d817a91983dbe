"""Friendly error pages (or partials for htmx): never a traceback in the browser."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from workbench.web.templating import render_htmx_template

log = logging.getLogger(__name__)


class BadInput(ValueError):
    """Input a view refuses; the message is shown to the user as it is (400)."""


def _titles() -> dict[int, str]:
    return {
        400: _("The request could not be understood"),
        404: _("Not found"),
        405: _("That action is not allowed here"),
        413: _("The upload is too large"),
        500: _("Something went wrong on our side"),
    }


def _render(status: int, message: str) -> Any:
    title = _titles().get(status, _("Error"))
    return render_htmx_template("error.html", "partials/_error.html", status=status,
                                code=status, title=title, message=message)


def handle_http(error: HTTPException) -> Any:
    status = error.code or 500
    messages = {
        404: _("This page or item does not exist (it may have been merged or deleted)."),
        405: _("Use the buttons on the page for this action."),
        413: _("Files larger than %(size)s MB are refused; nothing was stored.",
               size=_max_megabytes()),
    }
    message = messages.get(status) or str(error.description or "")
    return _render(status, message)


def _max_megabytes() -> int:
    from flask import current_app

    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return int(limit) // (1024 * 1024)


def handle_csrf(error: CSRFError) -> Any:
    return _render(400, _("Your session has expired or the form is stale: reload the page "
                          "and try again. (%(reason)s)", reason=error.description))


def handle_bad_input(error: ValueError) -> Any:
    """ReviewError / PipelineError / ValueError subclasses carry a one-line human message."""
    from workbench.review import NotFoundError

    status = 404 if isinstance(error, NotFoundError) else 400
    return _render(status, str(error))


def handle_crash(error: Exception) -> Any:
    from flask import current_app

    if isinstance(error, HTTPException):
        return handle_http(error)
    if current_app.config.get("PROPAGATE_UNHANDLED"):
        raise error  # tests: see the real traceback instead of the friendly page
    log.exception("unhandled error", exc_info=error)
    return _render(500, _("The error was logged. Your earlier work is saved."))


def setup_errors(app: Flask) -> None:
    """Register handlers: CSRF first (it is an HTTPException), then bad input, then the rest."""
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(ValueError, handle_bad_input)
    app.register_error_handler(InternalServerError, handle_crash)
    app.register_error_handler(Exception, handle_crash)
