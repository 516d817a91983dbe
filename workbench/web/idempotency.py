"""``Idempotency-Key`` on state-changing requests: a retry gets the first answer again.

htmx sends a key with every POST (``static/workbench.js``; the same key again when
the user repeats an action whose answer never arrived). A request repeating a key (same
user, same URL) gets the first answer replayed (``Idempotent-Replayed: true``) without
running the view again; the same key on another URL is refused (422). Refusals (4xx) and
failures are not stored: nothing was written, so a retry runs again.

The key is committed with the write, in one transaction: a review operation only flushes
its change when the request has a key (:data:`workbench.review.base.CALLER_COMMITS`); the
review actions (``web/views/actions.py``) then commit the change with the key's record,
still without its answer (``before_commit``), and render the answer from the rows as
stored, outside the writers' lock; :func:`store_answer` fills the answer in afterwards. A
view that commits on its own (a project created, a job queued) does the same through its
first commit. A crash between the two commits leaves "saved, answer lost" (a retry gets
409, never a second write), never a change without its key. When the commit of a change
fails, nothing was saved and the answer says so: the twin request that won the key gets
its answer replayed, otherwise "busy, nothing was changed" (503).
"""

from __future__ import annotations

import re
import threading
import time

from flask import Flask, Response, current_app, g, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from werkzeug.exceptions import Conflict, HTTPException, ServiceUnavailable, UnprocessableEntity

from workbench.review.base import CALLER_COMMITS
from workbench.store.idempotency import drop_stale, find_record, new_record, set_answer
from workbench.store.models import IdempotencyRecord
from workbench.store.writelock import queue_for_write
from workbench.web.db import get_session
from workbench.web.security import SAFE_METHODS

HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9._:\-]{8,100}")
REPLAYED_HEADERS = ("Content-Type", "Location", "HX-Redirect", "HX-Retarget", "HX-Reswap",
                    "HX-Push-Url", "HX-Trigger", "HX-Refresh")
PENDING = "workbench_idempotency_record"
"""``Session.info``: this request's key record while no commit has taken it in yet."""
SWEEP_EVERY = 60.0
"""Seconds between two deletions of stale keys in a process (not one per request)."""

_next_sweep = 0.0
_sweep_lock = threading.Lock()


def _scope() -> str:
    """Whose key: the logged-in account, else the one local user."""
    if getattr(current_app, "login_manager", None) is None:
        return "local"
    user_id = current_user.get_id() if current_user else None
    return f"user:{user_id}" if user_id else "local"


def _endpoint() -> str:
    return f"{request.method} {request.path}"[:300]


def _error(error: HTTPException) -> Response:
    """``error`` as the app's error handlers answer it (an htmx notice, the API's JSON)."""
    return current_app.make_response(current_app.handle_http_exception(error))


def _replay(record: IdempotencyRecord) -> Response:
    if not record.status:
        raise Conflict(_answer_lost())
    response = Response(record.body or b"", status=record.status)
    for name, value in (record.headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _answer_lost() -> str:
    return _("This action was saved already, but its answer was lost: reload the page to "
             "see it.")


def claim_key() -> Response | None:
    """Before the view: replay a known key's answer, or hold the key for this request."""
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
    record = new_record(scope, key, _endpoint())
    session.info[PENDING] = record
    session.info[CALLER_COMMITS] = True
    g.idempotency = record
    return None


def _with_first_commit(session: Session) -> None:
    """``before_commit`` of every session: a pending key goes into the first commit."""
    record = session.info.pop(PENDING, None)
    if record is not None:
        session.add(record)


def _sweep_due() -> bool:
    global _next_sweep
    with _sweep_lock:
        now = time.monotonic()
        if now < _next_sweep:
            return False
        _next_sweep = now + SWEEP_EVERY
        return True


def store_answer(response: Response) -> Response:
    """After the view: commit a successful answer with the key (and the change it made)."""
    record: IdempotencyRecord | None = g.pop("idempotency", None)
    if record is None:
        return response
    session = get_session()
    session.info.pop(CALLER_COMMITS, None)
    uncommitted = session.info.pop(PENDING, None) is not None  # no commit took the key yet
    if response.status_code >= 400:
        session.rollback()  # whatever the refusal left undone goes, and the key with it
        found = find_record(session, record.scope, record.key)  # a twin may have won
        return _replay(found) if found is not None and found.status else response
    body = None if response.direct_passthrough or response.is_streamed else response.get_data()
    headers = {name: response.headers[name] for name in REPLAYED_HEADERS
               if name in response.headers}
    set_answer(record, response.status_code, body, headers)
    session.add(record)
    try:
        if _sweep_due():
            drop_stale(session)
        session.commit()
    except SQLAlchemyError:
        session.rollback()
        if not uncommitted:
            return response  # the write was committed with the key before; the answer is a bonus
        return _unsaved(session, record)
    return response


def _unsaved(session: Session, record: IdempotencyRecord) -> Response:
    """The change and its key could not be committed: nothing was saved by this request."""
    found = find_record(session, record.scope, record.key)
    if found is not None:  # a twin request with the same key committed first
        return _replay(found) if found.status else _error(Conflict(_answer_lost()))
    current_app.logger.warning("idempotency: the change of %s could not be committed",
                               record.endpoint)
    busy = ServiceUnavailable(_("The workbench is busy right now: nothing was changed. "
                                "Try again in a moment."))
    response = _error(busy)
    response.headers["Retry-After"] = "1"
    return response


_listening = False


def setup_idempotency(app: Flask) -> None:
    """After access control (a refused request claims nothing)."""
    global _listening
    if not _listening:  # on the Session class: only sessions holding a key are affected
        event.listen(Session, "before_commit", _with_first_commit)
        _listening = True
    app.before_request(claim_key)
    app.after_request(store_answer)




def commit_change_first() -> Response | None:
    """Commit the change a keyed request's operation only flushed, before its answer is
    rendered: the writers' lock (and SQLite's) is let go here, not after the template. The
    key's record goes into this commit without its answer, which
    :func:`store_answer` stores afterwards (a crash in between leaves "saved,
    answer lost", never a change without its key). The answer is rendered from the rows as
    this commit stored them. A failed commit saved nothing: "busy, nothing was changed"
    (503), and a twin request that won the key gets its answer replayed instead."""
    session = get_session()
    if not session.info.get(CALLER_COMMITS):
        return None  # no key: the operation committed already
    queue_for_write(session)  # a change that wrote nothing still stores its key in turn
    try:
        session.commit()
    except SQLAlchemyError:
        session.rollback()
        current_app.logger.warning("the change of %s could not be committed",
                                   request.path)
        busy = ServiceUnavailable(_("The workbench is busy right now: nothing was changed. "
                                    "Try again in a moment."))
        response = current_app.make_response(current_app.handle_http_exception(busy))
        response.headers["Retry-After"] = "1"
        return response
    return None


def queue_for_answer() -> None:
    """A keyed request's answer is committed after the view (with its key's record): it waits
    for its turn among the writers now, like the change did, not in SQLite's busy handler."""
    session = get_session()
    if session.info.get(CALLER_COMMITS):
        queue_for_write(session)


__all__ = ["HEADER", "commit_change_first", "queue_for_answer", "setup_idempotency"]
