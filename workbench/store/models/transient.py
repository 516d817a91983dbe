"""What the server keeps between requests for a while: answers to requests sent with an
``Idempotency-Key``, and drafts of new comparisons (see :mod:`workbench.store.drafts`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models.base import Base, one_of, utcnow


class IdempotencyRecord(Base):
    """The answer given to a state-changing request sent with an ``Idempotency-Key``.

    Stored in the transaction of the write it answers (``status`` 0 until the answer is
    known), so that a retry with the same key gets the same answer instead of a second write.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(100))  # whose key: the user or "local"
    key: Mapped[str] = mapped_column(String(100))
    endpoint: Mapped[str] = mapped_column(String(300))  # "POST /comparisons/1/rows/2/flags"
    status: Mapped[int] = mapped_column(Integer, default=0)
    body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    headers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)


DRAFT_STATES = ("ready", "segmenting", "failed")


class DraftModel(Base):
    """A comparison being prepared (texts, labels, edited segments), kept on the server.

    The browser holds only ``token`` (opaque, random); drafts expire at ``expires_at``.
    """

    __tablename__ = "drafts"
    __table_args__ = (CheckConstraint(one_of("state", DRAFT_STATES), name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="ready")
    error: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
