"""Run the Alembic migrations programmatically (at start-up, in tests, from the CLI)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from workbench.store.db import DatabaseError, get_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# any constant: PostgreSQL advisory lock taken while migrating, so that two
# processes starting together do not both create the tables
_PG_LOCK_KEY = 80_421_517


def alembic_config() -> Config:
    """An Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_database(url: str | None = None, *, engine: Engine | None = None,
                     revision: str = "head") -> None:
    """Bring the database at ``url`` (or ``engine``) up to ``revision``; idempotent."""
    engine = engine or get_engine(url)
    config = alembic_config()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    except SQLAlchemyError as exc:
        raise DatabaseError(
            f"cannot upgrade database {engine.url!r}: {exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0]}") from None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
