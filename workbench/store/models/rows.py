"""The alignment: rows, the segments in them, pair scores, flags and comments.

Every segment belongs to exactly one row (``segments.row_id`` is NOT NULL); a row's
position is unique within its comparison.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.states import (
    FLAG_CATEGORIES,
    FLAG_SOURCES,
    ROW_STATUSES,
    SEVERITIES,
    RowStatus,
    Severity,
)
from workbench.store.models.base import Base, one_of, utcnow


class AlignmentRow(Base):
    """One aligned row; ``corrected`` marks a row shaped by the reviewer's hand."""

    __tablename__ = "rows"
    __table_args__ = (UniqueConstraint("comparison_id", "position"),
                      CheckConstraint(one_of("status", ROW_STATUSES), name="status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comparison_id: Mapped[int] = mapped_column(
        ForeignKey("comparisons.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default=RowStatus.UNREVIEWED.value)
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)


class SegmentModel(Base):
    """A segment of a version; ``text_folded`` is its casefolded text for search."""

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("version_id", "index"),
                      CheckConstraint('"end" >= start', name="offsets"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    row_id: Mapped[int] = mapped_column(ForeignKey("rows.id"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_folded: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer, default=0)


class PairScore(Base):
    """Similarity and calibrated score of one pair of versions in one row."""

    __tablename__ = "pair_scores"
    __table_args__ = (UniqueConstraint("row_id", "pair_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("rows.id", ondelete="CASCADE"))
    pair_key: Mapped[str] = mapped_column(String(210))
    similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)


class FlagModel(Base):
    """An auto drift signal or a reviewer flag (``type`` is then the category)."""

    __tablename__ = "flags"
    __table_args__ = (
        CheckConstraint(one_of("source", FLAG_SOURCES), name="source"),
        CheckConstraint(one_of("severity", SEVERITIES), name="severity"),
        CheckConstraint("source = 'auto' OR " + one_of("type", FLAG_CATEGORIES),
                        name="category"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("rows.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20))
    type: Mapped[str] = mapped_column(String(50))
    hop: Mapped[str] = mapped_column(String(210), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    spans: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    severity: Mapped[str] = mapped_column(String(20), default=Severity.MAJOR.value)
    carried: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # a reviewer dismissed this auto signal ("false alarm"): the reason; NULL while it stands
    dismissed: Mapped[str | None] = mapped_column(Text, nullable=True)
    dismissed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # the reason as message key plus arguments (workbench.nlp.drift.messages), translated
    # when shown; "" for reviewer flags and for signals stored before reasons had keys
    reason_key: Mapped[str] = mapped_column(String(100), default="", server_default="")
    reason_args: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class CommentModel(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("rows.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
