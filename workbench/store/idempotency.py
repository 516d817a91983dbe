"""Stored answers of requests sent with an ``Idempotency-Key`` (see ``web/idempotency.py``).

A key's record is committed in the transaction of the write it answers: after a crash
either both are stored or neither. The record goes into that commit still without an answer
(status 0): a review action commits its change before rendering its answer (the writers'
lock is not held through the template, ``web/idempotency.commit_change_first``), and so does a
view that commits on its own; the answer is filled in afterwards (one update). A record left
at status 0 means "written, answer lost".
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.store.models import IdempotencyRecord, utcnow

KEEP_FOR = timedelta(days=1)
"""How long a key's answer is replayed (a client retries within seconds or minutes)."""

MAX_BODY_BYTES = 2 * 1024 * 1024
"""Answers larger than this are not stored (the record then says only that it was done)."""


def find_record(session: Session, scope: str, key: str) -> IdempotencyRecord | None:
    return session.scalar(select(IdempotencyRecord).where(
        IdempotencyRecord.scope == scope, IdempotencyRecord.key == key))


def new_record(scope: str, key: str, endpoint: str) -> IdempotencyRecord:
    """A key's record, not yet in any session, without an answer (status 0)."""
    return IdempotencyRecord(scope=scope, key=key, endpoint=endpoint, status=0, body=None,
                             headers={}, created_at=utcnow())


def set_answer(record: IdempotencyRecord, status: int, body: bytes | None,
               headers: dict[str, str]) -> None:
    """The answer to replay (a body over :data:`MAX_BODY_BYTES` is not kept)."""
    record.status = status
    record.body = body if body is not None and len(body) <= MAX_BODY_BYTES else None
    record.headers = headers


def drop_stale(session: Session) -> None:
    """Delete the records older than :data:`KEEP_FOR` (in the session's transaction)."""
    # synchronize_session=False: the SQL decides; evaluating the rule in Python would compare
    # the naive datetimes SQLite gives back with an aware one (a TypeError, and a 500).
    session.execute(delete(IdempotencyRecord).where(
        IdempotencyRecord.created_at < utcnow() - KEEP_FOR
    ).execution_options(synchronize_session=False))


__all__ = ["KEEP_FOR", "MAX_BODY_BYTES", "drop_stale", "find_record", "new_record",
           "set_answer"]
