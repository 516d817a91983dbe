"""The review history: one entry per reviewer action, with what undo and redo need."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.states import HISTORY_STATES, HistoryState
from workbench.store.models.base import Base, one_of, utcnow


class HistoryEntry(Base):
    """One change: ``payload`` holds the rows before and after, by position range."""

    __tablename__ = "history"
    __table_args__ = (UniqueConstraint("comparison_id", "seq"),
                      CheckConstraint(one_of("state", HISTORY_STATES), name="state"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comparison_id: Mapped[int] = mapped_column(
        ForeignKey("comparisons.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    state: Mapped[str] = mapped_column(String(20), default=HistoryState.DONE.value)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


Index("ix_history_comparison_state", HistoryEntry.comparison_id, HistoryEntry.state)
