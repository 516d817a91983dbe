"""Configuration: defaults, then ``instance/config.py``, then test overrides."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from workbench.config import data_dir

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,  # uploads: four versions of a long book
    "ROWS_PER_PAGE": 50,  # rows rendered at once on the review page (windowing)
    "SCORE_THRESHOLD": 0.5,  # "below threshold" filter default
    "MAX_VERSIONS": 4,
    "PREVIEW_SEGMENTS": 200,  # segments per version shown at once in the segmentation preview
    "REALIGN_INLINE_ROWS": 300,  # above this, "re-align the rest" runs as a background job
    "LANGUAGES": ("en", "ru", "zh"),
    "BABEL_DEFAULT_LOCALE": "en",
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": None,  # a translator keeps one tab open all day
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
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def setup_config(app: Flask, test_config: Mapping[str, Any] | None = None) -> None:
    """Defaults, then the instance ``config.py`` (if any) and env vars, then ``test_config``."""
    folder = Path(app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("WORKBENCH_FLASK")
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(folder)
