"""The real ``workbench serve`` in a subprocess, for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(instance: Path, *args: str, timeout: float = 600,
                   env: dict[str, str] | None = None) -> Iterator[str]:
    """``workbench serve ARGS`` on a free port with ``instance`` as its folder; its base URL.

    Waits until ``/projects`` answers 200 (a first run aligns the demo first) and
    stops the server afterwards; a server that exits early fails with its log.
    ``env`` adds variables (e.g. ``WORKBENCH_FLASK_ROWS_PER_PAGE``) for the server only.
    """
    port = free_port()
    environment = {**os.environ, **(env or {}), "WORKBENCH_INSTANCE": str(instance)}
    environment.pop("WORKBENCH_DATABASE_URL", None)
    log_path = instance / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "workbench", "serve", *args,
                                    "--port", str(port)], stdout=log,
                                   stderr=subprocess.STDOUT, env=environment)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise AssertionError("server exited: " + log_path.read_text()[-2000:])
                try:
                    with urllib.request.urlopen(f"{base}/projects", timeout=5) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError("server did not start in time")
                time.sleep(0.5)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


SHARED_ROWS_PER_PAGE = 5
"""Rows a page on the shared server (``shared_server`` in ``tests/web/conftest.py``): the
keyboard triage crosses pages (the other modules on it look at the first rows of their own
comparison only)."""


def seed_instance(instance: Path, repeat: int = 3, *, title: str = "River",
                  project: str = "Project") -> int:
    """Store the web tests' zh -> ru -> en comparison (6 x ``repeat`` rows) in a new project
    named ``project``; its id. Safe while a server runs on ``instance`` (its own rows only)."""
    from tests.web.conftest import build_comparison, save
    from workbench.store import dispose_engines, upgrade_database
    from workbench.web import create_app

    app = create_app({"INSTANCE_PATH": str(instance), "DATABASE_URL": None})
    upgrade_database(app.config["DATABASE_URL"])
    comparison_id = save(app, build_comparison(title, repeat=repeat), project=project)
    dispose_engines()
    return int(comparison_id)


@contextmanager
def seeded_server(instance: Path, *, repeat: int = 3, rows_per_page: int | None = None,
                  timeout: float = 120) -> Iterator[tuple[str, int]]:
    """``workbench serve --no-demo`` on an instance seeded with one comparison: (URL, its id).

    No minute of demo alignment; skips when an outside database is configured
    (the seeded SQLite file would not be the one served).
    """
    skip_with_outside_database()
    comparison_id = seed_instance(instance, repeat)
    extra = {} if rows_per_page is None else {"WORKBENCH_FLASK_ROWS_PER_PAGE": str(rows_per_page)}
    with running_server(instance, "--no-demo", timeout=timeout, env=extra) as base:
        yield base, comparison_id


def skip_with_outside_database() -> None:
    """A seeded SQLite file is only served when no outside database is configured."""
    import pytest

    if "WORKBENCH_DATABASE_URL" in os.environ:
        pytest.skip("WORKBENCH_DATABASE_URL is set: the seeded database would not be used")


@dataclass(frozen=True)
class SharedServer:
    """One ``workbench serve --no-demo`` for several browser modules (see ``shared_server``
    in ``tests/web/conftest.py``): each module seeds its own comparison in its own project
    and opens it by id, so no module sees another's changes."""

    base: str
    instance: Path

    def seed(self, project: str, repeat: int = 3) -> int:
        """A fresh seeded comparison (6 x ``repeat`` rows) in project ``project``; its id."""
        return seed_instance(self.instance, repeat, project=project)
