"""The Huey queue (SQLite file in the instance folder) and the bodies its tasks run.

The queue is durable: a task enqueued while no consumer runs waits in
``huey.db`` until one starts (:mod:`workbench.jobs.consumer`); tests use immediate mode.

The tasks (:mod:`workbench.jobs.tasks`) find the functions they run here, registered
by name with :func:`runs_task`, not by importing them: a job may queue another task
(an import queues its alignment), so the tasks module imports none of the jobs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from huey import SqliteHuey
from huey.storage import SqliteStorage

from workbench.store.db import instance_dir

QUEUE_NAME = "workbench"
QUEUE_FILE = "huey.db"

# Tables are created on first use (configure_queue), not at import time.
huey = SqliteHuey(QUEUE_NAME, filename=str(instance_dir() / QUEUE_FILE), create_tables=False,
                  results=False)

_configured: Path | None = None
_config_lock = threading.Lock()
_runners: dict[str, Callable[..., None]] = {}
Runner = TypeVar("Runner", bound=Callable[..., None])


class QueueError(RuntimeError):
    """The job queue cannot be used; the message says why."""


def configure_queue(instance: Path | None = None, *, immediate: bool | None = None) -> Path:
    """Point the queue at ``instance/huey.db`` and create it.

    ``instance=None`` keeps the folder configured before, or else uses the
    instance folder. ``immediate=True`` runs tasks at once in the caller
    (tests); ``False`` queues them.
    """
    global _configured
    with _config_lock:
        if immediate is not None:
            huey.immediate = immediate
        if instance is None and _configured is not None:
            instance = _configured.parent
        folder = instance or instance_dir()
        path = folder / QUEUE_FILE
        if _configured != path:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                huey.storage_kwargs["filename"] = str(path)
                huey.storage_kwargs["create_tables"] = True
                if not huey.immediate:
                    huey.storage.close()
                    huey.storage = SqliteStorage(QUEUE_NAME, filename=str(path))
            except OSError as exc:
                raise QueueError(f"cannot create the job queue at {path}: {exc}") from None
            _configured = path
        return path


def queue_instance() -> Path | None:
    """The instance folder the queue was configured for (``None`` before it was)."""
    return _configured.parent if _configured is not None else None


def ensure_configured() -> None:
    if _configured is None:
        configure_queue()


def runs_task(name: str) -> Callable[[Runner], Runner]:
    """Register the decorated function as what the task ``name`` of the tasks module runs."""
    def register(function: Runner) -> Runner:
        _runners[name] = function
        return function
    return register


def task_runner(name: str) -> Callable[..., None]:
    """The function the task ``name`` runs (its module registered it when it was imported)."""
    try:
        return _runners[name]
    except KeyError:
        raise QueueError(f"nothing runs the task {name!r}: its module is not loaded") from None
