"""Storage: SQLAlchemy 2 models, Alembic migrations, engines and conversions.

    database_url() / default_database_url(instance=None) -> str
    make_engine(url=None) -> Engine          (SQLite: WAL, foreign keys, busy_timeout)
    make_sessionmaker(engine) -> sessionmaker[Session]
    get_engine(url=None) / get_sessionmaker(url=None) / session_scope(url=None)
    upgrade_database(url=None, *, engine=None)  (runs the Alembic migrations; idempotent)
    create_project(session, name) -> int
    save_comparison(session, project_id, comparison, *, title=None, inputs=()) -> int
    load_record(session, comparison_id) -> ComparisonRecord    (for export)
    load_alignment(session, comparison_id) -> (versions, rows, chain)   (NLP types)
    load_registers(session, comparison_id) -> {pair key: register} | None  (for rescores)

Nothing here imports Flask; the web layer binds one session per request.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.orm import Session

from workbench.store.convert import (
    StoreError,
    fill_alignment,
    get_comparison_model,
    load_alignment,
    load_record,
    load_registers,
    save_comparison,
    write_row_records,
)
from workbench.store.db import (
    DatabaseError,
    database_url,
    dispose_engines,
    get_engine,
    get_sessionmaker,
    instance_dir,
    make_engine,
    make_sessionmaker,
    session_scope,
)
from workbench.store.migrate import current_revision, head_revision, upgrade_database
from workbench.store.models import Base, Project


def default_database_url(instance: Path | None = None) -> str:
    """``$WORKBENCH_DATABASE_URL``, else ``workbench.db`` in ``instance`` (or the instance dir)."""
    if instance is None:
        return database_url()
    return os.environ.get("WORKBENCH_DATABASE_URL") or f"sqlite:///{instance / 'workbench.db'}"


def create_project(session: Session, name: str, *, commit: bool = True) -> int:
    """Create a project and return its id (the name must not be empty)."""
    name = name.strip()
    if not name:
        raise StoreError("a project needs a name")
    project = Project(name=name[:200])
    session.add(project)
    session.flush()
    if commit:
        session.commit()
    return project.id


__all__ = [
    "Base", "DatabaseError", "StoreError", "create_project", "current_revision",
    "database_url", "default_database_url", "dispose_engines", "fill_alignment",
    "get_comparison_model", "get_engine", "get_sessionmaker", "head_revision", "instance_dir",
    "load_alignment", "load_record", "load_registers", "make_engine", "make_sessionmaker",
    "save_comparison", "session_scope", "upgrade_database", "write_row_records",
]
