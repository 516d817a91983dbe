"""The Huey queue (SQLite file in the instance folder) and an in-process consumer.

The queue is durable: a task enqueued while no consumer runs waits in
``huey.db`` until one starts. ``workbench serve`` runs the consumer in threads
of its own process through :func:`start_consumer`; tests use immediate mode.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from huey import SqliteHuey
from huey.consumer import Consumer
from huey.storage import SqliteStorage
from sqlalchemy.exc import SQLAlchemyError

from workbench.store.db import instance_dir

QUEUE_NAME = "workbench"
QUEUE_FILE = "huey.db"

# Tables are created on first use (configure_queue), not at import time.
huey = SqliteHuey(QUEUE_NAME, filename=str(instance_dir() / QUEUE_FILE), create_tables=False,
                  results=False)

_configured: Path | None = None
_config_lock = threading.Lock()
log = logging.getLogger(__name__)


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


def ensure_configured() -> None:
    if _configured is None:
        configure_queue()


class _EmbeddedConsumer(Consumer):
    """A consumer that leaves signal handling to the host process (the web server)."""

    def _set_signal_handlers(self) -> None:
        return None


class ConsumerHandle:
    """A running in-process consumer; :meth:`stop` ends it (waiting for a running task)."""

    def __init__(self, consumer: Any) -> None:
        self._consumer = consumer
        self.stopped = False

    @property
    def workers(self) -> int:
        return int(self._consumer.workers)

    def stop(self, timeout: float | None = 30.0) -> None:
        if self.stopped:
            return
        self._consumer.shutdown_timeout = timeout
        self._consumer.stop(graceful=True)
        self.stopped = True


def start_consumer(workers: int = 1, *, instance: Path | None = None,
                   database_url: str | None = None) -> ConsumerHandle:
    """Run a Huey consumer in threads of this process (for ``workbench serve``).

    Jobs a previous process left ``running`` are marked failed (they can be retried).
    """
    from workbench.jobs.service import recover_interrupted_jobs  # it imports the queue

    if workers < 1:
        raise QueueError("the consumer needs at least one worker")
    configure_queue(instance, immediate=False)
    # Register every task before consuming: a task queued by another process (or left in the
    # queue by a killed server) would otherwise be dropped as unknown and its job stay queued.
    import workbench.jobs.tasks  # noqa: F401  (the tasks import the queue)
    try:
        recover_interrupted_jobs(database_url)
    except SQLAlchemyError as exc:  # e.g. a database not migrated yet: nothing to recover
        log.warning("could not check for interrupted jobs: %s", str(exc).splitlines()[0])
    consumer = _EmbeddedConsumer(huey, workers=workers, worker_type="thread", periodic=False,
                                 initial_delay=0.1, max_delay=1.0, check_worker_health=False)
    consumer.start()
    log.info("job consumer started with %d worker thread(s)", workers)
    return ConsumerHandle(consumer)
