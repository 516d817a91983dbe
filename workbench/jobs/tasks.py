"""Huey tasks. They take ids and the database URL, never live objects, so they survive restarts."""

from __future__ import annotations

from workbench.jobs.queue import huey


@huey.task()
def align_comparison(job_id: int, database_url: str) -> None:
    """Align the comparison of ``job_id`` (progress and outcome go to the job row)."""
    from workbench.jobs.service import run_alignment_job

    run_alignment_job(job_id, database_url)


@huey.task()
def realign_comparison(job_id: int, database_url: str) -> None:
    """Re-align the unconfirmed rows of the job's comparison."""
    from workbench.jobs.service import run_realign_job

    run_realign_job(job_id, database_url)
