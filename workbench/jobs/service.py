"""Creating, running, retrying and reading alignment jobs; loading the demo on first run."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbench import pipeline, review
from workbench.aligned import VersionInput
from workbench.ingest.versions import VersionsError, check_versions
from workbench.jobs.progress import JobProgress
from workbench.jobs.queue import ensure_configured, runs_task
from workbench.jobs.warmup import warm_realign
from workbench.nlp.types import Encoder, Row, Segment
from workbench.review.encoders import rescoring_encoder
from workbench.review.errors import InvalidOperationError, NotFoundError
from workbench.review.queries import job_view
from workbench.review.readmodels import JobView
from workbench.states import ComparisonState, JobState
from workbench.store import StoreError, create_project, fill_alignment, save_comparison
from workbench.store.db import get_sessionmaker
from workbench.store.glossary import load_glossary
from workbench.store.models import Comparison, Job, Project, VersionModel, utcnow

log = logging.getLogger(__name__)
_job_encoder: Encoder | None = None


def set_job_encoder(encoder: Encoder | None) -> None:
    """Use ``encoder`` in jobs of this process (tests); None: the default model."""
    global _job_encoder
    _job_encoder = encoder


def session_url(session: Session) -> str:
    """The URL of the session's database, with its password, for a task to reconnect."""
    return session.get_bind().engine.url.render_as_string(hide_password=False)


def _segments_json(segments: Sequence[Segment] | None) -> list[dict[str, object]] | None:
    if segments is None:
        return None
    return [{"index": s.index, "text": s.text, "start": s.start, "end": s.end,
             "paragraph": s.paragraph} for s in segments]


def _enqueue(session: Session, job: Job, kind: str, author: str = "") -> JobView:
    """Queue the job's task; ``author`` (a re-alignment's) goes to its history entry."""
    from workbench.jobs import tasks  # on first use: the jobs package loads without its tasks

    ensure_configured()
    if kind == "align":
        result = tasks.align_comparison(job.id, session_url(session))
    else:
        result = tasks.realign_comparison(job.id, session_url(session), author)
    task_id = getattr(result, "id", "") or ""
    if task_id:
        session.execute(update(Job).where(Job.id == job.id).values(task_id=str(task_id)))
        session.commit()
    session.expire_all()
    refreshed = session.get(Job, job.id)
    assert refreshed is not None
    return job_view(refreshed)


def enqueue_alignment(session: Session, project_id: int,
                      inputs: Sequence[VersionInput], *,
                      title: str = "", chain: Sequence[str] | None = None,
                      rows: Sequence[Mapping[str, Sequence[int]]] | None = None) -> JobView:
    """Create the comparison (versions only) and its job row, commit, and queue the alignment.

    The versions are checked here, once on the web's, the API's and an import's path
    (``check_versions``), before anything is stored; the job trusts what it reads back.

    ``rows`` is the alignment imported aligned material brings (over the inputs'
    given segments): the job then keeps it, scoring and checking it instead of aligning.
    """
    if session.get(Project, project_id) is None:
        raise NotFoundError(f"project {project_id} does not exist")
    labels = [v.label.strip() for v in inputs]
    try:  # the one check of versions on this path (the job does not run it again)
        checked_chain = check_versions(inputs, chain, from_file=rows is not None)
    except VersionsError as exc:
        raise InvalidOperationError(str(exc)) from None
    if rows is not None and any(item.segments is None for item in inputs):
        raise InvalidOperationError("a given alignment needs the versions' segments")
    comparison = Comparison(project_id=project_id, title=title.strip() or "Comparison",
                            chain=checked_chain, state=ComparisonState.QUEUED,
                            given_rows=None if rows is None else
                            [{label: list(cell) for label, cell in row.items()} for row in rows])
    session.add(comparison)
    session.flush()
    for position, (label, item) in enumerate(zip(labels, inputs, strict=True)):
        session.add(VersionModel(
            comparison_id=comparison.id, label=label, lang=item.lang or "", position=position,
            title=item.title, text=item.text, source_filename=item.filename,
            encoding=item.encoding, segmented=item.segmented,
            input_segments=_segments_json(item.segments)))
    job = Job(comparison_id=comparison.id, kind="align", state=JobState.QUEUED,
              message="waiting for a worker")
    session.add(job)
    session.commit()
    return _enqueue(session, job, "align")


def enqueue_realign(session: Session, comparison_id: int, *, author: str = "") -> JobView:
    """Queue "re-align the rest" of a ready comparison as a job (for large comparisons);
    the change is recorded under ``author``."""
    comparison = session.get(Comparison, comparison_id)
    if comparison is None:
        raise NotFoundError(f"comparison {comparison_id} does not exist")
    if comparison.state != ComparisonState.READY:
        raise InvalidOperationError(f"comparison {comparison_id} is {comparison.state}")
    job = Job(comparison_id=comparison_id, kind="realign", state=JobState.QUEUED,
              message="waiting for a worker")
    session.add(job)
    comparison.state = ComparisonState.QUEUED  # the review waits on the progress page meanwhile
    session.commit()
    return _enqueue(session, job, "realign", author)


def retry_job(session: Session, job_id: int, *, author: str = "") -> JobView:
    """Queue a failed job again (its comparison goes back to ``queued``); a re-alignment
    is then recorded under ``author``, who retried it."""
    job = session.get(Job, job_id)
    if job is None:
        raise NotFoundError(f"job {job_id} does not exist")
    if job.state != JobState.FAILED:
        raise InvalidOperationError(f"only a failed job can be retried; this one is {job.state}")
    job.state, job.error, job.phase, job.percent = JobState.QUEUED, "", "", 0.0
    job.message, job.updated_at = "waiting for a worker", utcnow()
    job.comparison.state = ComparisonState.QUEUED
    session.commit()
    return _enqueue(session, job, job.kind, author)


def dismiss_job(session: Session, job_id: int) -> JobView:
    """Put away a failed re-alignment's notice (its rows were kept as they were).

    The job ends as ``done``; its message keeps the error, for the record.
    """
    job = session.get(Job, job_id)
    if job is None:
        raise NotFoundError(f"job {job_id} does not exist")
    if job.state != JobState.FAILED or job.kind != "realign":
        raise InvalidOperationError("only a failed re-alignment can be dismissed")
    job.state, job.message = JobState.DONE, f"dismissed after failing: {job.error}"[:500]
    job.updated_at = utcnow()
    session.commit()
    return job_view(job)


def get_job(session: Session, job_id: int) -> JobView:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFoundError(f"job {job_id} does not exist")
    session.refresh(job)
    return job_view(job)


def latest_job(session: Session, comparison_id: int) -> JobView | None:
    """The comparison's most recent job (what a progress bar polls)."""
    job = session.scalars(select(Job).where(Job.comparison_id == comparison_id)
                          .order_by(Job.id.desc()).limit(1)).first()
    if job is None:
        return None
    session.refresh(job)
    return job_view(job)


def _error_message(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, ValueError | LookupError) and text:
        return text
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def _start(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise StoreError(f"job {job_id} does not exist")
    job.state, job.attempts, job.error = JobState.RUNNING, job.attempts + 1, ""
    job.updated_at = utcnow()
    job.comparison.state = ComparisonState.RUNNING
    session.commit()
    return job


def _fail(url: str, job_id: int, exc: BaseException) -> None:
    message = _error_message(exc)
    log.warning("job %s failed: %s", job_id, message)
    with get_sessionmaker(url)() as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        job.state, job.error, job.updated_at = JobState.FAILED, message, utcnow()
        job.message = "failed"
        # a failed alignment leaves nothing to review; a failed re-alignment rolled back,
        # so the comparison is as it was before
        job.comparison.state = (ComparisonState.FAILED if job.kind == "align"
                                else ComparisonState.READY)
        session.commit()


@runs_task("align_comparison")
def run_alignment_job(job_id: int, database_url: str, encoder: Encoder | None = None) -> None:
    """Run ``pipeline.compare`` for the job's comparison and store the result.

    Any failure marks the job (and its comparison) failed with a one-line message.
    """
    sessions = get_sessionmaker(database_url)
    try:
        with sessions() as session:
            job = _start(session, job_id)
            comparison = job.comparison
            inputs = [VersionInput(
                label=v.label, text=v.text, lang=v.lang or None, title=v.title,
                segmented=v.segmented,
                segments=[Segment(**s) for s in v.input_segments]
                if v.input_segments is not None else None,
                filename=v.source_filename, encoding=v.encoding) for v in comparison.versions]
            progress = JobProgress(sessions, job_id)
            given = None if comparison.given_rows is None else [
                Row({label: tuple(cell) for label, cell in row.items()})
                for row in comparison.given_rows]
            glossary = load_glossary(session, comparison.project_id)  # the project's terms
            result = pipeline.compare(inputs, encoder or _job_encoder, chain=comparison.chain,
                                      title=comparison.title, progress=progress, rows=given,
                                      glossary=glossary, checked=True)  # by enqueue_alignment
            fill_alignment(session, comparison, result)
            comparison.state = ComparisonState.READY
            job.state, job.phase, job.percent = JobState.DONE, "checking", 100.0
            job.message, job.updated_at = f"{len(result.rows)} rows aligned", utcnow()
            session.commit()
    except Exception as exc:
        _fail(database_url, job_id, exc)


@runs_task("realign_comparison")
def run_realign_job(job_id: int, database_url: str, encoder: Encoder | None = None, *,
                    author: str = "") -> None:
    """Run :func:`workbench.review.realign_rest` as a job (recorded under ``author``)."""
    sessions = get_sessionmaker(database_url)
    try:
        with sessions() as session:
            job = _start(session, job_id)
            progress = JobProgress(sessions, job_id)
            memo = rescoring_encoder(encoder or _job_encoder)
            warm_realign(session, job.comparison_id, memo, progress)
            progress.write("storing", 95.0, "saving the re-aligned rows")
            result = review.realign_rest(session, job.comparison_id, author=author,
                                         encoder=memo, as_job=True)
            session.execute(update(Job).where(Job.id == job_id).values(
                state=JobState.DONE, phase="checking", percent=100.0, updated_at=utcnow(),
                message=f"{len(result.rows)} rows after re-alignment"))
            session.execute(update(Comparison).where(Comparison.id == job.comparison_id)
                            .values(state=ComparisonState.READY, updated_at=utcnow()))
            session.commit()
    except Exception as exc:
        _fail(database_url, job_id, exc)


def recover_interrupted_jobs(database_url: str | None = None) -> int:
    """Mark jobs left ``running`` by a stopped process as failed (retryable); returns how many."""
    with get_sessionmaker(database_url)() as session:
        jobs = list(session.scalars(select(Job).where(Job.state == JobState.RUNNING)))
        for job in jobs:
            job.state, job.updated_at = JobState.FAILED, utcnow()
            job.error = "the server stopped while this job was running; retry it"
            job.message = "interrupted"
            job.comparison.state = (ComparisonState.FAILED if job.kind == "align"
                                    else ComparisonState.READY)
        session.commit()
        return len(jobs)


def ensure_demo(session: Session, encoder: Encoder | None = None) -> int | None:
    """On first run (no comparison yet), align the ``corpora/`` demo synchronously and save it.

    Returns the demo comparison's id, or None when the database already has comparisons.
    """
    if session.scalar(select(func.count()).select_from(Comparison)):
        return None
    title, inputs, chain = pipeline.load_demo()
    session.rollback()  # no transaction open during the slow part
    result = pipeline.compare(inputs, encoder, chain=chain, title=title)
    project_id = create_project(session, "Demo", commit=False)  # takes the write lock first
    if session.scalar(select(func.count()).select_from(Comparison)):
        session.rollback()  # another process got there first
        return None
    return save_comparison(session, project_id, result, title=title, inputs=inputs)
