"""Huey tasks. They take ids and the database URL, never live objects, so they survive restarts.

Each runs the function registered under its name (:func:`workbench.jobs.queue.runs_task`,
in :mod:`workbench.jobs.service` and :mod:`workbench.jobs.draft_jobs`): an import's task
queues an alignment task, so this module imports no job, and no job imports it at load.
"""

from __future__ import annotations

from workbench.jobs.queue import huey, task_runner


@huey.task()
def align_comparison(job_id: int, database_url: str) -> None:
    """Align the comparison of ``job_id`` (progress and outcome go to the job row)."""
    task_runner("align_comparison")(job_id, database_url)


@huey.task()
def realign_comparison(job_id: int, database_url: str, author: str = "") -> None:
    """Re-align the unconfirmed rows of the job's comparison (``author``: who asked)."""
    task_runner("realign_comparison")(job_id, database_url, author=author)


@huey.task()
def segment_draft(token: str, database_url: str) -> None:
    """Segment the versions of a stored draft of a new comparison (large texts)."""
    task_runner("segment_draft")(token, database_url)


@huey.task()
def import_aligned(token: str, database_url: str) -> None:
    """Read the aligned material of an import draft and queue its scoring."""
    task_runner("import_aligned")(token, database_url)
