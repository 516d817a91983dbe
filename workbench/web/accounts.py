"""Who is asking: Flask-Login sessions, Bearer tokens and timeouts.

:mod:`workbench.web.account_setup` wires them into the app, with the login rate limit.

Two modes (decided per request by :mod:`workbench.web.access`):

* **local** -- no account exists and the request comes from this machine on a
  server bound to a loopback address: the one local user owns everything (the
  workbench as it always was; ``workbench serve`` refuses any other address
  without accounts);
* **accounts** -- once an account exists, every route but the public ones needs a
  login (a session cookie) or ``Authorization: Bearer <token>`` (scripts, the API).

A login cookie carries ``"<user id>:<session token>"``; logging out rotates the
account's session token, so every copy of an old cookie stops working. The
session also records when the login happened and when it was last used: past
``ACCOUNTS_IDLE_TIMEOUT`` or ``ACCOUNTS_ABSOLUTE_TIMEOUT`` seconds it has ended.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, session
from flask_login import AnonymousUserMixin, LoginManager, current_user, login_user, logout_user

ACCOUNT_DEFAULTS: dict[str, Any] = {
    "ACCOUNTS_IDLE_TIMEOUT": 8 * 3600,  # seconds without a request before a login ends
    "ACCOUNTS_ABSOLUTE_TIMEOUT": 7 * 24 * 3600,  # seconds after the login, however active
    "LOGIN_RATE_LIMIT": "5/minute",  # failed logins per address and user name
    "LOGIN_ADDRESS_RATE_LIMIT": "30/minute",  # failed logins per address, any name
    "PASSWORD_CHANGE_RATE_LIMIT": "5/minute",  # failed password changes per account
    "LOCAL_MODE": True,  # False when served on a non-loopback address: accounts required
    "ACCOUNTS_CLOCK": None,  # tests: a callable giving the time in seconds
}
LOOPBACK_ADDRESSES = frozenset({"127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1"})
LIMITER_KEY = "workbench_limiter"
_AUTH_AT, _SEEN_AT = "auth_at", "seen_at"

login_manager = LoginManager()


@dataclass(frozen=True)
class Actor:
    """The user a request acts for: an account, or the local user (no accounts)."""

    id: int | None
    name: str
    is_admin: bool
    session_token: str = ""
    local: bool = False
    by_token: bool = False

    # Flask-Login's user protocol
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def sees_everything(self) -> bool:
        """The local user and admins act as owner of every project."""
        return self.local or self.is_admin


LOCAL_USER = Actor(id=None, name="local", is_admin=True, local=True)


class Anonymous(AnonymousUserMixin):
    name = ""
    is_admin = False
    local = False
    sees_everything = False


def now() -> float:
    clock = current_app.config.get("ACCOUNTS_CLOCK")
    return float(clock()) if callable(clock) else time.time()


def is_loopback(address: str | None) -> bool:
    """From this machine (no address at all: a local socket, not the network)."""
    return not address or address in LOOPBACK_ADDRESSES


def _actor(user: Any, *, by_token: bool = False) -> Actor:
    return Actor(id=user.id, name=user.name, is_admin=user.is_admin,
                 session_token=user.session_token, by_token=by_token)


def load_user(user_id: str) -> Actor | None:
    """A session's user, when its session token is still the account's current one."""
    from workbench.store.models import UserModel
    from workbench.web.db import get_session

    number, _sep, token = user_id.partition(":")
    if not number.isdigit() or len(number) > 18 or not token:
        return None
    user = get_session().get(UserModel, int(number))
    if user is None or user.session_token != token:
        return None
    return _actor(user)


def load_from_request(req: Any) -> Actor | None:
    """``Authorization: Bearer <token>``: the token's account (scripts and the JSON API)."""
    from workbench.review.accounts import user_for_token
    from workbench.web.db import get_session

    scheme, _sep, token = req.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    user = user_for_token(get_session(), token.strip())
    return _actor(user, by_token=True) if user is not None else None


def current_actor() -> Any:
    """The local user in local mode, else Flask-Login's user (an :class:`Actor` or anonymous)."""
    actor = g.get("actor")
    return actor if actor is not None else current_user._get_current_object()


def author_name() -> str:
    """The name a review change is recorded under in the history: the acting account's.

    "" for the local user (no accounts: there is only one person) and for anonymous
    requests (the access check refuses those before any change).
    """
    actor = current_actor()
    if getattr(actor, "local", False) or not getattr(actor, "is_authenticated", False):
        return ""
    return str(getattr(actor, "name", "") or getattr(actor, "id", "") or "")


def account_id() -> int | None:
    """The acting account's id (what drafts and imports are owned by); None: the local user."""
    actor = current_actor()
    return actor.id if isinstance(actor, Actor) and not actor.local else None


def sign_in(user: Any) -> None:
    """A new session for ``user``: nothing of the old one survives but the UI language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    login_user(_actor(user))
    session[_AUTH_AT] = session[_SEEN_AT] = now()


def sign_out() -> None:
    """End the session here and every other copy of its cookie."""
    from workbench.review.accounts import end_sessions
    from workbench.web.db import get_session

    actor = current_actor()
    if isinstance(actor, Actor) and actor.id is not None and not actor.by_token:
        end_sessions(get_session(), actor.id)
    locale = session.get("locale")
    logout_user()
    session.clear()
    if locale:
        session["locale"] = locale


def session_expired() -> bool:
    """Whether the logged-in session is past its idle or absolute timeout (then it is ended).

    Otherwise its last use is noted.
    """
    actor = current_user
    if not actor.is_authenticated or getattr(actor, "by_token", False):
        return False
    config, moment = current_app.config, now()
    auth_at, seen_at = session.get(_AUTH_AT), session.get(_SEEN_AT)
    if not isinstance(auth_at, int | float) or not isinstance(seen_at, int | float) \
            or moment - auth_at > config["ACCOUNTS_ABSOLUTE_TIMEOUT"] \
            or moment - seen_at > config["ACCOUNTS_IDLE_TIMEOUT"]:
        locale = session.get("locale")
        logout_user()
        session.clear()
        if locale:
            session["locale"] = locale
        return True
    session[_SEEN_AT] = moment
    return False
