"""Stored answers of idempotent requests: recorded with the write, or after its own commit."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.store.idempotency import KEEP_FOR, drop_stale, find_record, new_record, set_answer
from workbench.store.models import IdempotencyRecord, utcnow


def _records(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(IdempotencyRecord)) or 0)


def test_the_answer_is_stored_after_the_write_committed(session: Session) -> None:
    """A view commits (its record reloads from the database) before the answer is known:
    dropping stale keys must not compare the reloaded time with an aware one (it did: 500)."""
    record = new_record("local", "key-1", "POST /x")
    session.add(record)
    session.commit()
    session.expire_all()  # as after the view's own commit: times come back from the database
    set_answer(record, 200, b"done", {"HX-Trigger": "saved"})
    drop_stale(session)
    session.commit()
    stored = find_record(session, "local", "key-1")
    assert stored is not None and stored.status == 200 and stored.body == b"done"
    assert stored.headers == {"HX-Trigger": "saved"}
    assert _records(session) == 1


def test_stale_keys_are_dropped_and_fresh_ones_kept(session: Session) -> None:
    old = new_record("local", "key-old", "POST /x")
    old.created_at = utcnow() - KEEP_FOR - timedelta(minutes=1)
    session.add_all([old, new_record("local", "key-new", "POST /x")])
    session.commit()
    drop_stale(session)
    session.commit()
    assert find_record(session, "local", "key-old") is None
    assert find_record(session, "local", "key-new") is not None


def test_an_answer_too_large_is_not_kept_but_the_key_is(session: Session) -> None:
    from workbench.store.idempotency import MAX_BODY_BYTES

    record = new_record("local", "key-big", "POST /x")
    set_answer(record, 200, b"x" * (MAX_BODY_BYTES + 1), {})
    session.add(record)
    session.commit()
    stored = find_record(session, "local", "key-big")
    assert stored is not None and stored.status == 200 and stored.body is None
