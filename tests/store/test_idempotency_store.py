"""Stored answers of idempotent requests: recording one after the write's own commit."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.store.idempotency import claim, find_record, remember
from workbench.store.models import IdempotencyRecord


def test_the_answer_is_stored_after_the_write_committed(session: Session) -> None:
    """A view commits (its record reloads from the database) before the answer is known:
    dropping stale keys must not compare the reloaded time with an aware one (it did: 500)."""
    record = claim(session, "local", "key-1", "POST /x")
    session.commit()
    session.expire_all()  # as after the view's own commit: times come back from the database
    remember(session, record, 200, b"done", {"HX-Trigger": "saved"})
    stored = find_record(session, "local", "key-1")
    assert stored is not None and stored.status == 200 and stored.body == b"done"
    assert session.scalar(select(func.count()).select_from(IdempotencyRecord)) == 1
