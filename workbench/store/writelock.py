"""Review writers of one SQLite database wait for each other here, not in SQLite's busy handler.

SQLite has one write lock per database. A writer that finds it taken sleeps and tries
again (1, 2, 5, ... 50, 100 ms apart, until the busy timeout), so under a burst of flags
whoever comes last often gets it first and an early writer can wait for seconds: with
50 reviewers on the load bench the wait for the lock had a p95 of 1.8 s while it was
held for 50 ms at the median. A review operation therefore queues first
(:func:`queue_for_write`, called before its first write): on a thread lock within the
process, then on an ``flock`` of a file beside the database, shared by every process.
The lock is let go when the transaction ends (commit or rollback), just after SQLite's.
A waiter there is woken within a millisecond or two of its turn.

Other writers (a job's progress, an import) do not queue and meet the queued writer in
SQLite as before. A transaction that has written already holds (or waits for) SQLite's
lock and does not queue (that order could deadlock); nor does a second session of a thread
that holds the lock. After the busy timeout a writer stops waiting here and goes on to
SQLite, which then decides as it did before this lock existed. PostgreSQL locks rows
fairly by itself: nothing is done there.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from workbench.store.db import SQLITE_BUSY_TIMEOUT_MS

HELD = "workbench_writer_lock"
"""``Session.info``: the writer lock this session's transaction holds."""
LOCK_SUFFIX = "-writers"
"""The lock file: the database's path with this suffix (beside its ``-wal`` and ``-shm``)."""


class WriterLock:
    """The writers' lock of one database file in this process."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._threads = threading.Lock()
        self._owner: int | None = None
        self._fd: int | None = None
        self._file_locked = False

    def _file(self) -> int:
        if self._fd is None:
            self._fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    def acquire(self, timeout: float) -> bool:
        """Wait for the lock (at most ``timeout`` seconds); whether it is now held."""
        if self._owner == threading.get_ident():
            return False  # a second session of the holding thread: SQLite decides
        deadline = time.monotonic() + timeout
        if not self._threads.acquire(timeout=timeout):
            return False
        self._file_locked = False
        if self.path is not None:
            try:
                self._file_locked = self._lock_file(deadline)
            except OSError:
                self._file_locked = False  # no lock file (read-only folder): threads only
            else:
                if not self._file_locked:
                    self._threads.release()
                    return False
        self._owner = threading.get_ident()
        return True

    def _lock_file(self, deadline: float) -> bool:
        fd = self._file()
        delay = 0.0005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(delay)  # only one thread per process waits here
                delay = min(0.002, delay * 2)

    def release(self) -> None:
        self._owner = None
        if self._file_locked and self._fd is not None:
            self._file_locked = False
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._threads.release()


_locks: dict[str | None, WriterLock] = {}
_locks_guard = threading.Lock()


def _lock_for(database: str | None) -> WriterLock:
    path = (database + LOCK_SUFFIX if database and database != ":memory:"
            and not database.startswith("file:") else None)
    with _locks_guard:
        if path not in _locks:
            _locks[path] = WriterLock(path)
        return _locks[path]


def queue_for_write(session: Session) -> None:
    """Before a review operation's first write: wait for its turn among the writers."""
    if HELD in session.info:
        return
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if getattr(connection.connection.dbapi_connection, "in_transaction", False):
        return  # it wrote already: it holds SQLite's lock, or waits for it there
    lock = _lock_for(connection.engine.url.database)
    if lock.acquire(SQLITE_BUSY_TIMEOUT_MS / 1000):
        session.info[HELD] = lock


def _release(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        lock = session.info.pop(HELD, None)
        if lock is not None:
            lock.release()


def _forget_after_fork() -> None:
    """A forked child starts with no lock held and opens the lock file again."""
    global _locks_guard
    _locks.clear()
    _locks_guard = threading.Lock()


event.listen(Session, "after_transaction_end", _release)
os.register_at_fork(after_in_child=_forget_after_fork)

__all__ = ["HELD", "LOCK_SUFFIX", "WriterLock", "queue_for_write"]
