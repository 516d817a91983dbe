"""An in-process Huey consumer: ``workbench serve`` runs it in threads of its jobs process.

Kept apart from :mod:`workbench.jobs.queue`: the jobs import the queue to queue work,
the consumer imports the jobs (what its tasks run), so the queue imports none of them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from huey.consumer import Consumer
from sqlalchemy.exc import SQLAlchemyError

from workbench.jobs.queue import QueueError, configure_queue, huey
from workbench.jobs.service import recover_interrupted_jobs
from workbench.store.db import get_sessionmaker

log = logging.getLogger(__name__)


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
    if workers < 1:
        raise QueueError("the consumer needs at least one worker")
    configure_queue(instance, immediate=False)
    # Register every task before consuming: a task queued by another process (or left in the
    # queue by a killed server) would otherwise be dropped as unknown and its job stay queued.
    # Imported here, not above: the jobs package loads without its tasks. The draft jobs
    # and the service (imported above) register what the tasks run.
    import workbench.jobs.draft_jobs
    import workbench.jobs.tasks
    try:
        recover_interrupted_jobs(database_url)
        if instance is not None:  # kept uploads a stopped server left behind
            with get_sessionmaker(database_url)() as session:
                workbench.jobs.draft_jobs.sweep_kept_uploads(session, instance)
    except SQLAlchemyError as exc:  # e.g. a database not migrated yet: nothing to recover
        log.warning("could not check for interrupted jobs: %s", str(exc).splitlines()[0])
    consumer = _EmbeddedConsumer(huey, workers=workers, worker_type="thread", periodic=False,
                                 initial_delay=0.1, max_delay=1.0, check_worker_health=False)
    consumer.start()
    log.info("job consumer started with %d worker thread(s)", workers)
    return ConsumerHandle(consumer)
