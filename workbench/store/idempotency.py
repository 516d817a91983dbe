"""Stored answers of requests sent with an ``Idempotency-Key`` (see ``web/idempotency.py``).

The record of a key is added to the session of the write it answers, so the key and
the write are committed together: after a crash either both are stored or neither.
Its answer (status, body, a few headers) is filled in once known; a record left at
status 0 means "written, answer lost".
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


def claim(session: Session, scope: str, key: str, endpoint: str) -> IdempotencyRecord:
    """A pending record in ``session``: it is written with the request's own commit."""
    record = IdempotencyRecord(scope=scope, key=key, endpoint=endpoint, status=0, body=None,
                               headers={}, created_at=utcnow())
    session.add(record)
    return record


def remember(session: Session, record: IdempotencyRecord, status: int, body: bytes | None,
             headers: dict[str, str]) -> None:
    """Store the answer in ``record`` (pending or committed) and commit; drop stale keys."""
    record.status = status
    record.body = body if body is not None and len(body) <= MAX_BODY_BYTES else None
    record.headers = headers
    session.add(record)
    # synchronize_session=False: the SQL decides; evaluating the rule in Python would compare
    # the naive datetimes SQLite gives back with an aware one (a TypeError, and a 500).
    session.execute(delete(IdempotencyRecord).where(
        IdempotencyRecord.created_at < utcnow() - KEEP_FOR
    ).execution_options(synchronize_session=False))
    session.commit()


__all__ = ["KEEP_FOR", "MAX_BODY_BYTES", "claim", "find_record", "remember"]
