"""``Idempotency-Key`` on state-changing requests: a retry gets the first answer again.

htmx sends a key with every POST (``static/workbench.js``; the same key again when
the user repeats an action whose answer never arrived). The first request with a
key adds a pending record to its database session, so the key is committed with
the write itself; its answer is stored after the view. A request repeating the key
(same user, same URL) gets that answer replayed (``Idempotent-Replayed: true``)
without running the view again; the same key on another URL is refused (422).
Refusals (4xx) and failures are not stored: nothing was written, so a retry runs again.
"""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, g, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import Conflict, UnprocessableEntity

from workbench.store.idempotency import claim, find_record, remember
from workbench.store.models import IdempotencyRecord
from workbench.web.db import get_session
from workbench.web.security import SAFE_METHODS

HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9._:\-]{8,100}")
REPLAYED_HEADERS = ("Content-Type", "Location", "HX-Redirect", "HX-Retarget", "HX-Reswap",
                    "HX-Push-Url", "HX-Trigger", "HX-Refresh")


def _scope() -> str:
    """Whose key: the logged-in account, else the one local user."""
    if getattr(current_app, "login_manager", None) is None:
        return "local"
    user_id = current_user.get_id() if current_user else None
    return f"user:{user_id}" if user_id else "local"


def _endpoint() -> str:
    return f"{request.method} {request.path}"[:300]


def _replay(record: IdempotencyRecord) -> Response:
    if not record.status:
        raise Conflict(_("This action was saved already, but its answer was lost: reload "
                         "the page to see it."))
    response = Response(record.body or b"", status=record.status)
    for name, value in (record.headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def claim_key() -> Response | None:
    """Before the view: replay a known key's answer, or claim the key for this request."""
    if request.method in SAFE_METHODS:
        return None
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not KEY_PATTERN.fullmatch(key):
        raise UnprocessableEntity(_("The Idempotency-Key header must be 8 to 100 letters, "
                                    "digits or . _ : -"))
    session = get_session()
    scope = _scope()
    found = find_record(session, scope, key)
    if found is not None:
        if found.endpoint != _endpoint():
            raise UnprocessableEntity(_("This Idempotency-Key was used for another action; "
                                        "nothing was changed."))
        return _replay(found)
    g.idempotency = (scope, key, claim(session, scope, key, _endpoint()))
    return None


def store_answer(response: Response) -> Response:
    """After the view: keep a successful answer for the key (a refusal is not kept)."""
    claimed = g.pop("idempotency", None)
    if claimed is None:
        return response
    scope, key, record = claimed
    session = get_session()
    if response.status_code >= 400:
        session.rollback()  # the pending key goes with whatever the refusal left undone
        found = find_record(session, scope, key)  # a twin request may have won the race
        return _replay(found) if found is not None and found.status else response
    body = None if response.direct_passthrough or response.is_streamed else response.get_data()
    headers = {name: response.headers[name] for name in REPLAYED_HEADERS
               if name in response.headers}
    try:
        remember(session, record, response.status_code, body, headers)
    except SQLAlchemyError:
        session.rollback()  # the write itself was committed before; the answer is a bonus
    return response


def setup_idempotency(app: Flask) -> None:
    """After access control (a refused request claims nothing)."""
    app.before_request(claim_key)
    app.after_request(store_answer)


__all__ = ["HEADER", "setup_idempotency"]
