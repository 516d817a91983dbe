"""Configuration: defaults, then ``instance/config.py``, then test overrides."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy.engine import make_url

from workbench.config import data_dir
from workbench.scores import DEFAULT_SCORE_THRESHOLD
from workbench.web.db import database_url

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,  # uploads: four versions of a long book
    "ROWS_PER_PAGE": 50,  # rows rendered at once on the review page (windowing)
    "SCORE_THRESHOLD": DEFAULT_SCORE_THRESHOLD,  # "below threshold" filter default
    "MAX_VERSIONS": 4,
    "PREVIEW_SEGMENTS": 200,  # segments per version shown at once in the segmentation preview
    "REALIGN_INLINE_ROWS": 300,  # above this, "re-align the rest" runs as a background job
    "LANGUAGES": ("en", "ru", "zh"),
    "BABEL_DEFAULT_LOCALE": "en",
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,  # a working day; then the page asks to be reloaded
    "ALLOWED_HOSTS": ("127.0.0.1", "localhost", "::1"),  # Host names served (+ --allowed-host)
    "BEHIND_PROXY": False,  # trust X-Forwarded-Proto/Host of one proxy; cookies Secure
    "DATABASE_URL": None,  # None: WORKBENCH_DATABASE_URL, else SQLite in the instance folder
    "ENCODER": None,  # None: the default model (rescoring after corrections); tests set one
    "PROPAGATE_UNHANDLED": False,  # tests: raise bugs instead of the friendly 500 page
}


def instance_path(test_config: Mapping[str, Any] | None = None) -> Path:
    """The instance folder: test override, ``$WORKBENCH_INSTANCE``, or ``data_dir()/instance``."""
    if test_config and test_config.get("INSTANCE_PATH"):
        return Path(str(test_config["INSTANCE_PATH"]))
    env = os.environ.get("WORKBENCH_INSTANCE")
    return Path(env) if env else data_dir() / "instance"


def _secret_key(folder: Path) -> str:
    """A per-installation secret key kept in the instance folder (created once, mode 600)."""
    path = folder / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_hex(32)
    with private_files():
        path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


@contextmanager
def private_files() -> Iterator[None]:
    """Files and folders created inside are readable by their owner only (umask 077)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _owned(path: Path) -> bool:
    return hasattr(os, "getuid") and path.stat().st_uid == os.getuid()


def secure_instance(folder: Path, database: str | None) -> None:
    """Instance folder 700, its files and the SQLite database 600 (only what we own).

    The database file is created empty here with mode 600 when it does not exist yet, so
    that SQLite (which gives its -wal and -shm files the database's mode) never makes a
    world-readable one.
    """
    with private_files():
        folder.mkdir(parents=True, exist_ok=True)
        if _owned(folder):
            folder.chmod(0o700)
        paths = [p for p in folder.iterdir() if p.is_file()]
        db_file = _sqlite_file(database)
        if db_file is not None:
            db_file.parent.mkdir(parents=True, exist_ok=True)
            if not db_file.exists():
                os.close(os.open(db_file, os.O_CREAT | os.O_WRONLY, 0o600))
            paths += [p for p in db_file.parent.glob(db_file.name + "*") if p.is_file()]
    for path in paths:
        if _owned(path) and path.stat().st_mode & 0o077:
            path.chmod(0o600)


def _sqlite_file(database: str | None) -> Path | None:
    """The file of a ``sqlite:///path`` URL (None: another database, or in memory)."""
    if not database or not database.startswith("sqlite"):
        return None
    name = make_url(database).database
    return Path(name) if name and name != ":memory:" and not name.startswith("file:") else None


def setup_config(app: Flask, test_config: Mapping[str, Any] | None = None) -> None:
    """Defaults, then the instance ``config.py`` (if any) and env vars, then ``test_config``."""
    folder = Path(app.instance_path)
    with private_files():
        folder.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("WORKBENCH_FLASK")
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(folder)
    secure_instance(folder, database_url(app))
