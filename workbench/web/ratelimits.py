"""Rate-limit counters in one SQLite file, shared by every server process.

Flask-Limiter's ``memory://`` storage counts per process: with gunicorn's pre-forked
workers an address would get ``workers x`` the allowed failed logins. The ``limits``
library ships no file storage (Redis, Memcached, MongoDB only), so this is a small
one for its fixed-window strategy: a counter and its expiry per key, changed inside
``BEGIN IMMEDIATE`` so that concurrent workers never lose an increment. It registers
the URI scheme ``workbench+sqlite``: ``workbench+sqlite:///path/to/ratelimits.db``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from typing import Any

from limits.storage import Storage

SCHEME = "workbench+sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL, " \
          "expiry REAL NOT NULL)"


def storage_uri(path: str) -> str:
    """The storage URI for a counters file at ``path``."""
    return f"{SCHEME}://{os.path.abspath(path)}"


class SqliteLimitStorage(Storage):
    """Fixed-window counters in SQLite (one connection per process and thread)."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 (the base class declares it so)

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False,
                 **options: Any) -> None:
        self.path = (uri or "").split("://", 1)[-1]
        if not self.path:
            raise ValueError(f"{SCHEME} needs a file path: {SCHEME}:///path/ratelimits.db")
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return sqlite3.Error

    def _db(self) -> sqlite3.Connection:
        """This thread's connection, made again after a fork (a connection is per process)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            created = not os.path.exists(self.path)
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            if created:
                os.chmod(self.path, 0o600)
            conn.execute(_SCHEMA)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _live(self, key: str) -> tuple[int, float] | None:
        row = self._db().execute("SELECT value, expiry FROM counters WHERE key = ?",
                                 (key,)).fetchone()
        if row is None or row[1] <= time.time():
            return None
        return int(row[0]), float(row[1])

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            found = self._live(key)
            value, ends = (amount, time.time() + expiry) if found is None else (
                found[0] + amount, found[1])
            db.execute("INSERT OR REPLACE INTO counters (key, value, expiry) VALUES (?, ?, ?)",
                       (key, value, ends))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return value

    def get(self, key: str) -> int:
        found = self._live(key)
        return 0 if found is None else found[0]

    def get_expiry(self, key: str) -> float:
        found = self._live(key)
        return time.time() if found is None else found[1]

    def check(self) -> bool:
        try:
            self._db().execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        cursor = self._db().execute("DELETE FROM counters")
        return cursor.rowcount

    def clear(self, key: str) -> None:
        self._db().execute("DELETE FROM counters WHERE key = ?", (key,))
