"""Review writers queue on their own lock (workbench/store/writelock.py) before SQLite's:
held from an operation's lock until its transaction ends, shared between processes."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.review.helpers import small_comparison
from workbench import review
from workbench.nlp.embed.fake import FakeEncoder
from workbench.review.base import CALLER_COMMITS
from workbench.store import dispose_engines, make_sessionmaker
from workbench.store.models import AlignmentRow, HistoryEntry
from workbench.store.writelock import HELD, LOCK_SUFFIX, WriterLock, queue_for_write


@pytest.fixture()
def db_url(tmp_path: Path) -> Iterator[str]:
    """SQLite only: PostgreSQL locks rows fairly and has no writer queue to test."""
    yield f"sqlite:///{tmp_path / 'test.db'}"
    dispose_engines()


@pytest.fixture()
def sqlite_session(session: Session) -> Session:
    assert session.get_bind().dialect.name == "sqlite"
    return session


def _lock_file(session: Session) -> str:
    return str(session.connection().engine.url.database) + LOCK_SUFFIX


def _free_elsewhere(session: Session) -> bool:
    """Whether another process could take the writers' lock now."""
    probe = (f"import fcntl, os, sys\n"
             f"fd = os.open({_lock_file(session)!r}, os.O_RDWR | os.O_CREAT, 0o600)\n"
             "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
             "except BlockingIOError:\n    sys.exit(1)\n")
    return subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0


def _first_row(session: Session, comparison_id: int) -> int:
    row_id = session.scalar(select(AlignmentRow.id).where(
        AlignmentRow.comparison_id == comparison_id).order_by(AlignmentRow.position))
    assert row_id is not None
    return row_id


def test_an_operation_holds_the_lock_until_its_transaction_is_committed(
        sqlite_session: Session) -> None:
    session = sqlite_session
    comparison_id = small_comparison(session, FakeEncoder(), n=4)
    row_id = _first_row(session, comparison_id)
    session.info[CALLER_COMMITS] = True  # as the web does: the change waits for its commit
    review.add_flag(session, row_id, "omission", "major", "held")
    assert HELD in session.info
    assert not _free_elsewhere(session)
    other = make_sessionmaker(session.get_bind())()  # type: ignore[arg-type]
    waited: list[float] = []

    def second_writer() -> None:  # another thread's operation waits for the commit
        began = time.monotonic()
        review.set_status(other, row_id, "accepted")
        waited.append(time.monotonic() - began)

    thread = threading.Thread(target=second_writer)
    thread.start()
    time.sleep(0.3)
    assert thread.is_alive()
    session.commit()
    thread.join(timeout=10)
    assert waited and waited[0] >= 0.3
    assert HELD not in session.info and HELD not in other.info
    assert _free_elsewhere(session)
    other.close()


def test_a_refused_or_empty_operation_lets_the_lock_go(sqlite_session: Session) -> None:
    session = sqlite_session
    comparison_id = small_comparison(session, FakeEncoder(), n=3)
    row_id = _first_row(session, comparison_id)
    with pytest.raises(review.NotFoundError):
        review.add_flag(session, 10**9, "omission")
    assert HELD not in session.info and _free_elsewhere(session)
    review.set_status(session, row_id, "unreviewed")  # unchanged: rolled back
    assert HELD not in session.info and _free_elsewhere(session)


def test_a_transaction_that_wrote_already_does_not_queue(sqlite_session: Session) -> None:
    """It holds SQLite's lock: waiting here for a writer that waits for it would deadlock."""
    session = sqlite_session
    comparison_id = small_comparison(session, FakeEncoder(), n=2)
    session.query(AlignmentRow).filter(AlignmentRow.comparison_id == comparison_id).update(
        {"corrected": False})
    queue_for_write(session)
    assert HELD not in session.info
    session.rollback()


def test_the_lock_is_shared_with_other_processes(tmp_path: object) -> None:
    path = f"{tmp_path}/db{LOCK_SUFFIX}"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time\n"
         f"fd = os.open({path!r}, os.O_RDWR | os.O_CREAT, 0o600)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(30)\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        lock = WriterLock(path)
        assert not lock.acquire(0.2)  # the other process has it
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    lock = WriterLock(path)
    assert lock.acquire(1.0)
    lock.release()


def test_writers_in_many_threads_all_get_through_in_turn(sqlite_session: Session) -> None:
    session = sqlite_session
    comparison_id = small_comparison(session, FakeEncoder(), n=6)
    rows = list(session.scalars(select(AlignmentRow.id).where(
        AlignmentRow.comparison_id == comparison_id)))
    factory = make_sessionmaker(session.get_bind())  # type: ignore[arg-type]
    failures: list[BaseException] = []

    def writer(k: int) -> None:
        own = factory()
        try:
            for n in range(4):
                review.add_flag(own, rows[(k + n) % len(rows)], "other", "minor", f"{k}-{n}")
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures
    seqs = list(session.scalars(select(HistoryEntry.seq).where(
        HistoryEntry.comparison_id == comparison_id).order_by(HistoryEntry.seq)))
    assert seqs == list(range(1, 25))
    assert session.scalar(select(func.count()).select_from(HistoryEntry)) == 24


def test_a_change_between_the_read_and_the_lock_is_not_overwritten(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """The row is read before the lock; a change committed in between is seen (the lock's
    condition fails) and the row read again under the lock: no update is lost."""
    import workbench.review.base as base
    from workbench.store.models import FlagModel

    comparison_id = small_comparison(session, FakeEncoder(), n=3)
    row_id = _first_row(session, comparison_id)
    factory = make_sessionmaker(session.get_bind())  # type: ignore[arg-type]
    real_load = base.load_rows
    reads: list[int] = []

    def load_then_someone_flags(*args: object, **kwargs: object) -> object:
        found = real_load(*args, **kwargs)  # type: ignore[arg-type]
        reads.append(1)
        if len(reads) == 1:  # another reviewer's flag lands right after our first read
            other = factory()
            review.add_flag(other, row_id, "omission", "major", "theirs")
            other.close()
        return found

    monkeypatch.setattr(base, "load_rows", load_then_someone_flags)
    result = review.add_flag(session, row_id, "terminology", "minor", "mine")
    assert len(reads) >= 3  # ours, theirs (inside), ours again under the lock
    comments = sorted(session.scalars(select(FlagModel.comment).where(
        FlagModel.row_id == row_id, FlagModel.source == "reviewer")))
    assert comments == ["mine", "theirs"]
    assert sorted(f.comment for f in result.rows[0].flags if f.source == "reviewer") == [
        "mine", "theirs"]
    history = list(session.scalars(select(HistoryEntry.seq).where(
        HistoryEntry.comparison_id == comparison_id)))
    assert sorted(history) == [1, 2]
