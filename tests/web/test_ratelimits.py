"""Rate-limit counters in the instance's SQLite file: shared by processes, windows expire."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest
from flask import Flask

from tests.web.test_accounts import accounts_app, login  # noqa: F401 (the fixture)
from workbench.web import ratelimits
from workbench.web.ratelimits import SqliteLimitStorage, storage_uri


def _hammer(path: str, times: int) -> None:
    storage = SqliteLimitStorage(storage_uri(path))
    for _ in range(times):
        storage.incr("login/ann", 60)


def test_increments_from_several_processes_are_all_counted(tmp_path: Path) -> None:
    path = str(tmp_path / "ratelimits.db")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_hammer, args=(path, 40)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert SqliteLimitStorage(storage_uri(path)).get("login/ann") == 120
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"


def test_a_window_ends_at_its_expiry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(ratelimits.time, "time", lambda: now[0])
    storage = SqliteLimitStorage(storage_uri(str(tmp_path / "r.db")))
    assert storage.incr("k", 60) == 1 and storage.incr("k", 60) == 2
    assert storage.get_expiry("k") == 1060.0
    now[0] = 1061.0
    assert storage.get("k") == 0
    assert storage.incr("k", 60) == 1  # a new window
    storage.clear("k")
    assert storage.get("k") == 0
    assert storage.check()


def test_a_storage_without_a_path_is_refused() -> None:
    with pytest.raises(ValueError, match="file path"):
        SqliteLimitStorage("workbench+sqlite://")


def test_failed_logins_count_in_the_instance_file(accounts_app: Flask) -> None:  # noqa: F811
    client = accounts_app.test_client()
    assert [login(client, "ann", "wrong").status_code for _ in range(3)] == [401] * 3
    path = os.path.join(accounts_app.instance_path, "ratelimits.db")
    with sqlite3.connect(path) as db:  # what another worker process reads
        counts = [value for (value,) in db.execute("SELECT value FROM counters")]
    assert counts and max(counts) == 3
