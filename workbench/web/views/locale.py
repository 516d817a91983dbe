"""The locale switch: POST a language, kept in the session and a year-long cookie."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh

from workbench.web.errors import BadInput
from workbench.web.i18n import LOCALE_COOKIE

bp = Blueprint("locale", __name__)


def safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after a POST (no open redirect)."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") \
                and not target.startswith("//"):
            return target
    return url_for("projects.index")


@bp.post("/locale")
def set_locale() -> Any:
    chosen = request.form.get("locale", "")
    if chosen not in current_app.config["LANGUAGES"]:
        raise BadInput(_("That is an unknown language here: choose one of %(choices)s.",
                         choices=", ".join(current_app.config["LANGUAGES"])))
    session["locale"] = chosen
    refresh()
    response = redirect(safe_next(request.form.get("next")), code=303)
    response.set_cookie(LOCALE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax",
                        httponly=True,
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response
