"""SQLAlchemy 2 models: project -> comparison -> versions -> segments -> rows -> scores/flags.

Every segment belongs to exactly one alignment row (``segments.row_id`` is NOT
NULL); a row's position is unique within its comparison. Reviewer actions are
recorded in ``history`` with enough data to undo and redo them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from workbench.states import (  # the allowed values of the checked columns
    COMPARISON_STATES,
    FLAG_SOURCES,
    HISTORY_STATES,
    JOB_STATES,
    ROW_STATUSES,
    SEVERITIES,
    ComparisonState,
    HistoryState,
    JobState,
    RowStatus,
    Severity,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    comparisons: Mapped[list[Comparison]] = relationship(
        back_populates="project", cascade="all, delete-orphan", passive_deletes=True)


class Comparison(Base):
    __tablename__ = "comparisons"
    __table_args__ = (CheckConstraint(_one_of("state", COMPARISON_STATES), name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    chain: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # imported aligned material: its rows ({label: [segment indices]}), kept instead of
    # aligned by the job; None for versions that are to be aligned
    given_rows: Mapped[list[dict[str, list[int]]] | None] = mapped_column(JSON, nullable=True)
    model_id: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(20), default=ComparisonState.READY.value)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    project: Mapped[Project] = relationship(back_populates="comparisons")
    versions: Mapped[list[VersionModel]] = relationship(
        back_populates="comparison", order_by="VersionModel.position",
        cascade="all, delete-orphan", passive_deletes=True)
    jobs: Mapped[list[Job]] = relationship(
        back_populates="comparison", order_by="Job.id", cascade="all, delete-orphan",
        passive_deletes=True)


class VersionModel(Base):
    """One version of the text; ``position`` is its place in the chain / reading order."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("comparison_id", "label"),
                      UniqueConstraint("comparison_id", "position"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comparison_id: Mapped[int] = mapped_column(
        ForeignKey("comparisons.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(100))
    lang: Mapped[str] = mapped_column(String(20), default="")
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    source_filename: Mapped[str] = mapped_column(String(500), default="")
    encoding: Mapped[str] = mapped_column(String(50), default="")
    segmented: Mapped[bool] = mapped_column(Boolean, default=False)
    # segments edited in a preview, kept until the alignment job has run
    input_segments: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)

    comparison: Mapped[Comparison] = relationship(back_populates="versions")


class AlignmentRow(Base):
    """One aligned row; ``corrected`` marks a row shaped by the reviewer's hand."""

    __tablename__ = "rows"
    __table_args__ = (UniqueConstraint("comparison_id", "position"),
                      CheckConstraint(_one_of("status", ROW_STATUSES), name="status"))

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
        CheckConstraint(_one_of("source", FLAG_SOURCES), name="source"),
        CheckConstraint(_one_of("severity", SEVERITIES), name="severity"),
        CheckConstraint("source = 'auto' OR " + _one_of("type", (
            "omission", "addition", "mistranslation", "number", "name", "terminology",
            "style", "other")), name="category"),
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


class HistoryEntry(Base):
    """One change: ``payload`` holds the rows before and after, by position range."""

    __tablename__ = "history"
    __table_args__ = (UniqueConstraint("comparison_id", "seq"),
                      CheckConstraint(_one_of("state", HISTORY_STATES), name="state"))

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


class Job(Base):
    """A background alignment job; progress survives reloads and restarts."""

    __tablename__ = "jobs"
    __table_args__ = (CheckConstraint(_one_of("state", JOB_STATES), name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comparison_id: Mapped[int] = mapped_column(
        ForeignKey("comparisons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="align")
    state: Mapped[str] = mapped_column(String(20), default=JobState.QUEUED.value)
    phase: Mapped[str] = mapped_column(String(20), default="")
    percent: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    task_id: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    comparison: Mapped[Comparison] = relationship(back_populates="jobs")


class GlossaryModel(Base):
    """A project's glossary (one per project): the parsed terms as ``Glossary.to_json()``."""

    __tablename__ = "glossaries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    filename: Mapped[str] = mapped_column(String(500), default="")
    term_count: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# -- accounts (see workbench.review.accounts and workbench.web.access) ------------------

ROLES = ("owner", "reviewer", "viewer")
"""Project roles, strongest first: owner (share, rename, delete), reviewer (review), viewer."""


class UserModel(Base):
    """An account; ``session_token`` is rotated at logout so every login cookie of it ends."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    session_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Membership(Base):
    """A user's role in a project (the project's creator is its first owner)."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "project_id"),
                      CheckConstraint(_one_of("role", ROLES), name="role"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    project: Mapped[Project] = relationship()


class ApiToken(Base):
    """A token for scripts (``Authorization: Bearer``): only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


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


# -- drafts of new comparisons (see workbench.store.drafts) ------------------------------

DRAFT_STATES = ("ready", "segmenting", "failed")


class DraftModel(Base):
    """A comparison being prepared (texts, labels, edited segments), kept on the server.

    The browser holds only ``token`` (opaque, random); drafts expire at ``expires_at``.
    """

    __tablename__ = "drafts"
    __table_args__ = (CheckConstraint(_one_of("state", DRAFT_STATES), name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="ready")
    error: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
