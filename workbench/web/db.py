"""One database session per request, from :mod:`workbench.store`'s engine.

The store owns engines, pragmas (SQLite WAL, foreign keys) and migrations; the
web layer only opens a session lazily when a view needs one and closes it when
the request ends.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy.orm import Session, sessionmaker

from workbench.store.db import get_sessionmaker

EXTENSION_KEY = "workbench_db"


def database_url(app: Flask) -> str:
    """``DATABASE_URL`` from config, ``$WORKBENCH_DATABASE_URL``, else SQLite in the instance."""
    configured = app.config.get("DATABASE_URL") or os.environ.get("WORKBENCH_DATABASE_URL")
    if configured:
        return str(configured)
    return f"sqlite:///{Path(app.instance_path) / 'workbench.db'}"


def setup_db(app: Flask) -> None:
    """Share the store's process-wide engine (jobs use it too); sessions open per request."""
    app.config["DATABASE_URL"] = database_url(app)
    app.extensions[EXTENSION_KEY] = get_sessionmaker(app.config["DATABASE_URL"])
    app.teardown_appcontext(close_session)


def get_session() -> Session:
    """This request's session (opened on first use)."""
    if "db_session" not in g:
        factory: sessionmaker[Session] = current_app.extensions[EXTENSION_KEY]
        g.db_session = factory()
    session: Session = g.db_session
    return session


def close_session(_exc: BaseException | None = None) -> Any:
    """Roll back anything a failed request left half-done, then close the session."""
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        if _exc is not None:
            session.rollback()
        session.close()
