"""Accounts wired into the app: Flask-Login, the login rate limit and the access hook.

Kept apart from :mod:`workbench.web.accounts` (who is asking): the access check and the
login views import that module, and this one imports them, so nothing imports back.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from workbench.review.members import list_members
from workbench.store.models import ROLES
from workbench.web.access import setup_access
from workbench.web.accounts import (
    ACCOUNT_DEFAULTS,
    LIMITER_KEY,
    Actor,
    Anonymous,
    current_actor,
    load_from_request,
    load_user,
    login_manager,
)
from workbench.web.db import get_session
from workbench.web.ratelimits import storage_uri
from workbench.web.views.auth import LOGIN_SUBMIT, PASSWORD_SUBMIT, role_name


def _login_key() -> str:
    """Rate-limit key: the address and the (case-folded) name tried."""
    name = request.form.get("username", "").strip().casefold()[:100]
    return f"{get_remote_address()}|{name}"


def _account_key() -> str:
    """Rate-limit key of a password change: the account (else the address)."""
    actor = current_actor()
    return f"account:{actor.id}" if isinstance(actor, Actor) and actor.id is not None \
        else get_remote_address()


def setup_accounts(app: Flask) -> None:
    """Flask-Login, the login limiter (counters shared by every server process) and the access hook.

    Call after the blueprints are registered (the limit wraps the login view).
    """
    for key, value in ACCOUNT_DEFAULTS.items():
        app.config.setdefault(key, value)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.request_loader(load_from_request)
    login_manager.anonymous_user = Anonymous
    login_manager.session_protection = None  # our own timeouts; the token rotates at logout
    counters = app.config.get("RATELIMIT_STORAGE_URI") or storage_uri(
        os.path.join(app.instance_path, "ratelimits.db"))
    limiter = Limiter(get_remote_address, app=app, storage_uri=counters,
                      default_limits=[], headers_enabled=False)
    app.extensions[LIMITER_KEY] = limiter
    def failed(response: Any) -> bool:  # only failed attempts count (success: 303)
        return bool(response.status_code != 303)

    view: Any = app.view_functions[LOGIN_SUBMIT]
    view = limiter.limit(lambda: str(app.config["LOGIN_RATE_LIMIT"]), key_func=_login_key,
                         methods=["POST"], deduct_when=failed)(view)
    view = limiter.limit(lambda: str(app.config["LOGIN_ADDRESS_RATE_LIMIT"]),
                         key_func=get_remote_address, methods=["POST"], deduct_when=failed)(view)
    app.view_functions[LOGIN_SUBMIT] = view
    change: Any = app.view_functions[PASSWORD_SUBMIT]
    app.view_functions[PASSWORD_SUBMIT] = limiter.limit(
        lambda: str(app.config["PASSWORD_CHANGE_RATE_LIMIT"]), key_func=_account_key,
        methods=["POST"], deduct_when=failed)(change)
    app.context_processor(_template_globals)
    setup_access(app)


def _template_globals() -> dict[str, Any]:
    """For the user menu and the project's members (partials/_user_menu, _members)."""
    return {"workbench_actor": current_actor, "ROLES": ROLES, "role_name": role_name,
            "project_members": lambda project_id: list_members(get_session(), project_id)}
