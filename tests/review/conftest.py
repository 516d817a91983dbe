"""Database fixtures (SQLite always, PostgreSQL when configured): see tests/store/dbfixtures.py."""

from __future__ import annotations

from tests.store.dbfixtures import db_url, engine, session

__all__ = ["db_url", "engine", "session"]
