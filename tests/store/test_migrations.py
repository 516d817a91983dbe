"""Models and migrations agree; the engine is configured as promised."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from workbench.store import (
    Base,
    DatabaseError,
    current_revision,
    database_url,
    default_database_url,
    head_revision,
    make_engine,
    upgrade_database,
)


def test_migrations_create_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert current_revision(engine) == head_revision()


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent(db_url: str, engine: Engine) -> None:
    upgrade_database(db_url)
    upgrade_database(db_url)
    assert current_revision(engine) == head_revision()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    engine.dispose()
    assert (tmp_path / "sub" / "x.db").exists()


def test_default_url_follows_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("WORKBENCH_INSTANCE", str(tmp_path / "inst"))
    assert database_url() == f"sqlite:///{tmp_path / 'inst' / 'workbench.db'}"
    assert default_database_url(tmp_path) == f"sqlite:///{tmp_path / 'workbench.db'}"
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", "postgresql://u@localhost/db")
    assert database_url() == "postgresql://u@localhost/db"
    assert default_database_url(tmp_path) == "postgresql://u@localhost/db"


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="invalid database URL"):
        make_engine("not a url")
    with pytest.raises(DatabaseError, match="cannot open database"):
        make_engine("nosuchdialect://x/y")


def test_postgres_url_uses_psycopg3() -> None:
    engine = make_engine("postgresql://user@localhost:1/db")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()
