"""A project, its comparisons, their versions, the alignment jobs and the project glossary.

The tables that point at each other (project <-> comparison <-> versions / jobs) live
together here, so their relationships need no import between modules.
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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.states import COMPARISON_STATES, JOB_STATES, ComparisonState, JobState
from workbench.store.models.base import Base, one_of, utcnow


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    comparisons: Mapped[list[Comparison]] = relationship(
        back_populates="project", cascade="all, delete-orphan", passive_deletes=True)


class Comparison(Base):
    __tablename__ = "comparisons"
    __table_args__ = (CheckConstraint(one_of("state", COMPARISON_STATES), name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    chain: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # imported aligned material: its rows ({label: [segment indices]}), kept instead of
    # aligned by the job; None for versions that are to be aligned
    given_rows: Mapped[list[dict[str, list[int]]] | None] = mapped_column(JSON, nullable=True)
    model_id: Mapped[str] = mapped_column(String(200), default="")
    # the document register per cross-language pair key the rows were checked with
    # (workbench.nlp.drift.pair_registers), given back to every rescore; None: not read
    registers: Mapped[dict[str, float | None] | None] = mapped_column(JSON, nullable=True)
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


class Job(Base):
    """A background alignment job; progress survives reloads and restarts."""

    __tablename__ = "jobs"
    __table_args__ = (CheckConstraint(one_of("state", JOB_STATES), name="state"),)

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
