"""Engines and sessions: SQLite (WAL, foreign keys, busy timeout) by default, or PostgreSQL.

The database lives in the instance folder (``$WORKBENCH_INSTANCE`` or
``data_dir()/instance``) unless ``$WORKBENCH_DATABASE_URL`` names another one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from workbench.config import data_dir

SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(RuntimeError):
    """The database cannot be opened or upgraded; the message says why in one line."""


def instance_dir() -> Path:
    """The instance folder (database, job queue): ``$WORKBENCH_INSTANCE`` or data_dir()/instance."""
    env = os.environ.get("WORKBENCH_INSTANCE")
    return Path(env) if env else data_dir() / "instance"


def database_url() -> str:
    """``$WORKBENCH_DATABASE_URL``, or the SQLite file ``workbench.db`` in the instance folder."""
    env = os.environ.get("WORKBENCH_DATABASE_URL")
    if env:
        return env
    return f"sqlite:///{instance_dir() / 'workbench.db'}"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """A new engine for ``url`` (default :func:`database_url`), configured for the workbench."""
    url = url or database_url()
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"invalid database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    try:
        engine = create_engine(parsed, **kwargs)
    except Exception as exc:  # missing driver, bad option...
        raise DatabaseError(f"cannot open database {parsed!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (views are built after committing)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


_defaults: dict[str, tuple[Engine, sessionmaker[Session]]] = {}
_defaults_lock = threading.Lock()


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default :func:`database_url`), made once."""
    return _default(url)[0]


def get_sessionmaker(url: str | None = None) -> sessionmaker[Session]:
    """The process-wide session factory for ``url`` (what background jobs use)."""
    return _default(url)[1]


def _default(url: str | None) -> tuple[Engine, sessionmaker[Session]]:
    key = url or database_url()
    with _defaults_lock:
        if key not in _defaults:
            engine = make_engine(key)
            _defaults[key] = (engine, make_sessionmaker(engine))
        return _defaults[key]


def dispose_engines() -> None:
    """Close every process-wide engine (tests, shutdown)."""
    with _defaults_lock:
        for engine, _ in _defaults.values():
            engine.dispose()
        _defaults.clear()


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session on the process-wide engine, rolled back on error and always closed."""
    session = get_sessionmaker(url)()
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
