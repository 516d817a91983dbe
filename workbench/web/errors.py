"""Friendly error pages (or partials for htmx): never a traceback in the browser.

An htmx request gets the message as a small partial aimed (``HX-Retarget``) at the
page's notice area, so that a refused action shows its reason in place instead of
replacing the row or form it came from; base.html tells htmx to swap these answers.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from workbench.errors import UserError
from workbench.web.extensions import htmx
from workbench.web.messages import localise_error
from workbench.web.templating import render_htmx_template

log = logging.getLogger(__name__)


class BadInput(UserError):
    """Input a view refuses; the message is shown to the user as it is (400)."""


def _titles() -> dict[int, str]:
    return {
        400: _("The request could not be understood"),
        403: _("Refused"),
        404: _("Not found"),
        405: _("That action is not allowed here"),
        409: _("Not possible right now"),
        413: _("The upload is too large"),
        500: _("Something went wrong on our side"),
        503: _("The workbench is busy"),
    }


NOTICE_AREA = "#status-message"
"""Where an htmx request's error message is shown (see base.html)."""


def _render(status: int, message: str) -> Any:
    title = _titles().get(status, _("Error"))
    if htmx and not htmx.history_restore_request:
        body = render_template("partials/_error.html", code=status, title=title,
                               message=message, compact=True)
        return body, status, {"HX-Retarget": NOTICE_AREA, "HX-Reswap": "innerHTML"}
    return render_htmx_template("error.html", "partials/_error.html", status=status,
                                code=status, title=title, message=message)


def handle_http(error: HTTPException) -> Any:
    status = error.code or 500
    messages = {
        400: _("The request was not understood: use the buttons and forms on the page."),
        404: _("This page or item does not exist (it may have been merged or deleted)."),
        405: _("Use the buttons on the page for this action."),
        413: _("Files larger than %(size)s MB are refused; nothing was stored.",
               size=_max_megabytes()),
    }
    described = error.description and error.description != type(error).description
    # werkzeug's own descriptions (a missing form field, ...) are for developers, in
    # English: people get ours; a view's abort(status, description) keeps its words.
    message = str(error.description) if described else messages.get(status, "")
    return _render(status, message)


def _max_megabytes() -> int:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return int(limit) // (1024 * 1024)


def handle_csrf(error: CSRFError) -> Any:
    """A stale or missing token: say what to do, not Flask-WTF's English reason."""
    if "expired" in str(error.description):
        return _render(400, _("This page was open too long and its form has expired: "
                              "reload the page and try again."))
    return _render(400, _("Your session has expired or the form is stale: reload the page "
                          "and try again."))


def handle_user_error(error: UserError) -> Any:
    """A refusal (bad input, an action not possible now): its status and its message.

    A row another tab merged away is 404, a comparison still being aligned 409.
    """
    status = error.status if 400 <= error.status < 500 else 400
    return _render(status, localise_error(str(error)))


def handle_crash(error: Exception) -> Any:
    """Anything else is a bug: logged, and a 500 page that shows nothing of it."""
    if isinstance(error, HTTPException) and not isinstance(error, InternalServerError):
        return handle_http(error)
    original = getattr(error, "original_exception", None) or error
    if current_app.config.get("PROPAGATE_UNHANDLED"):
        raise original  # tests: a bug fails the test instead of showing the friendly page
    log.exception("unhandled error", exc_info=original)
    return _render(500, _("The error was logged. Your earlier work is saved."))


def setup_errors(app: Flask) -> None:
    """CSRF first (it is an HTTPException), then HTTP errors, refusals, and bugs (the rest).

    A plain ``ValueError`` is not a refusal any more: it is a bug like any other.
    """
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(UserError, handle_user_error)
    app.register_error_handler(InternalServerError, handle_crash)
    app.register_error_handler(Exception, handle_crash)
