"""Durable background jobs (Huey with SQLite storage): alignment with progress in the DB.

    configure_queue(instance=None, *, immediate=None) -> Path
    start_consumer(workers=1, *, instance=None, database_url=None) -> ConsumerHandle (.stop())
    enqueue_alignment(session, project_id, inputs, *, title="", chain=None, rows=None) -> JobView
    enqueue_realign(session, comparison_id, *, author="") -> JobView
    retry_job(session, job_id, *, author="") -> JobView ; dismiss_job(session, job_id) -> JobView
    get_job(session, job_id) -> JobView ; latest_job(session, comparison_id) -> JobView | None
    ensure_demo(session, encoder=None) -> int | None

A job row holds state (queued / running / done / failed), phase (segmenting,
embedding, aligning, checking), percent, message and a one-line error; the
comparison's ``state`` follows its alignment job (queued / running / ready /
failed). Tasks reconnect to the database of the session that enqueued them.
"""

from __future__ import annotations

from workbench.jobs.consumer import ConsumerHandle, start_consumer
from workbench.jobs.queue import QueueError, configure_queue, huey
from workbench.jobs.service import (
    dismiss_job,
    enqueue_alignment,
    enqueue_realign,
    ensure_demo,
    get_job,
    latest_job,
    recover_interrupted_jobs,
    retry_job,
    run_alignment_job,
    run_realign_job,
    set_job_encoder,
)

__all__ = [
    "ConsumerHandle", "QueueError", "configure_queue", "dismiss_job", "enqueue_alignment",
    "enqueue_realign", "ensure_demo", "get_job", "huey", "latest_job", "recover_interrupted_jobs",
    "retry_job",
    "run_alignment_job", "run_realign_job", "set_job_encoder", "start_consumer",
]
