"""Drafts of new comparisons, kept on the server (the browser holds an opaque token only).

A draft is what the create form gave (texts, labels, languages) plus the segments
the user edited in the preview. It lives in the ``drafts`` table until it is
aligned, or until it expires (:data:`DRAFT_TTL` after its last change); expired
drafts are purged whenever a new one is made.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.errors import UserError
from workbench.store.models import DRAFT_STATES, DraftModel, utcnow

DRAFT_TTL = timedelta(hours=24)
"""How long a draft is kept after its last change."""


class DraftNotFoundError(UserError):
    """The draft does not exist or has expired (the user starts again)."""

    status = 404


@dataclass
class StoredDraft:
    token: str
    state: str
    error: str
    data: dict[str, Any]


def _now() -> datetime:
    return utcnow()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=_now().tzinfo)


def create_draft(session: Session, data: dict[str, Any], *, state: str = "ready",
                 commit: bool = True) -> str:
    """Store a new draft and return its token (also purges expired drafts)."""
    if state not in DRAFT_STATES:
        raise ValueError(f"unknown draft state {state!r}")
    purge_expired(session)
    token = secrets.token_urlsafe(24)
    session.add(DraftModel(token=token, state=state, error="", data=data,
                           expires_at=_now() + DRAFT_TTL))
    if commit:
        session.commit()
    return token


def _model(session: Session, token: str) -> DraftModel:
    model = None
    if token and len(token) <= 64:
        model = session.scalar(select(DraftModel).where(DraftModel.token == token))
    if model is None or _aware(model.expires_at) < _now():
        raise DraftNotFoundError("This draft no longer exists (it expired or was already "
                                 "aligned); start again.")
    return model


def get_draft(session: Session, token: str) -> StoredDraft:
    model = _model(session, token)
    return StoredDraft(token=model.token, state=model.state, error=model.error,
                       data=dict(model.data))


def update_draft(session: Session, token: str, data: dict[str, Any] | None = None, *,
                 state: str = "ready", error: str = "", commit: bool = True) -> None:
    """Replace the draft's data (when given) and state; its expiry starts again."""
    if state not in DRAFT_STATES:
        raise ValueError(f"unknown draft state {state!r}")
    model = _model(session, token)
    if data is not None:
        model.data = data
    model.state, model.error = state, error[:2000]
    model.expires_at = _now() + DRAFT_TTL
    if commit:
        session.commit()


def delete_draft(session: Session, token: str, *, commit: bool = True) -> None:
    session.execute(delete(DraftModel).where(DraftModel.token == token))
    if commit:
        session.commit()


def live_draft_data(session: Session) -> list[dict[str, Any]]:
    """The data of every draft that has not expired (what kept files they still need)."""
    return [dict(data or {}) for data in session.scalars(
        select(DraftModel.data).where(DraftModel.expires_at >= _now()))]


def purge_expired(session: Session) -> int:
    """Delete expired drafts (not committed: the caller's transaction does); how many."""
    result = session.execute(delete(DraftModel).where(DraftModel.expires_at < _now()))
    return int(getattr(result, "rowcount", 0) or 0)
