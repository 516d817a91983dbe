"""Huey tasks. They take ids and the database URL, never live objects, so they survive restarts."""

from __future__ import annotations

from workbench.jobs.draft_jobs import run_import, run_segment_draft
from workbench.jobs.queue import huey
from workbench.jobs.service import run_alignment_job, run_realign_job


@huey.task()
def align_comparison(job_id: int, database_url: str) -> None:
    """Align the comparison of ``job_id`` (progress and outcome go to the job row)."""
    run_alignment_job(job_id, database_url)


@huey.task()
def realign_comparison(job_id: int, database_url: str, author: str = "") -> None:
    """Re-align the unconfirmed rows of the job's comparison (``author``: who asked)."""
    run_realign_job(job_id, database_url, author=author)


@huey.task()
def segment_draft(token: str, database_url: str) -> None:
    """Segment the versions of a stored draft of a new comparison (large texts)."""
    run_segment_draft(token, database_url)


@huey.task()
def import_aligned(token: str, database_url: str) -> None:
    """Read the aligned material of an import draft and queue its scoring."""
    run_import(token, database_url)
