"""Alignment jobs: progress in the database, failure with a clear message, retry, consumer."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.store.dbfixtures import EN, RU
from workbench import jobs, review
from workbench.jobs.progress import JobProgress
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.types import FloatArray, Segment
from workbench.pipeline import VersionInput
from workbench.store import create_project
from workbench.store.models import AlignmentRow, Comparison


class BrokenEncoder(FakeEncoder):
    """Fails like a model that cannot be loaded."""

    def encode(self, texts: Sequence[str]) -> FloatArray:
        raise OSError("model files are missing")


@pytest.fixture()
def immediate(tmp_path: Path) -> Iterator[None]:
    jobs.configure_queue(tmp_path / "queue", immediate=True)
    jobs.set_job_encoder(FakeEncoder())
    yield
    jobs.set_job_encoder(None)


def inputs(n: int = 6) -> list[VersionInput]:
    return [VersionInput(label="en", text="\n".join(EN[:n]), lang="en", segmented=True),
            VersionInput(label="ru", text="\n".join(RU[:n]), lang="ru", segmented=True)]


def test_alignment_job_reports_progress_and_stores_result(
        session: Session, immediate: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, float]] = []
    original = JobProgress.write

    def spy(self: JobProgress, phase: str, percent: float, message: str) -> None:
        seen.append((phase, percent))
        original(self, phase, percent, message)

    monkeypatch.setattr(JobProgress, "write", spy)
    project_id = create_project(session, "P")
    given = inputs()
    given[0].title, given[0].filename, given[0].encoding = "English", "dam.txt", "utf-8"
    job = jobs.enqueue_alignment(session, project_id, given, title="Dam")
    assert (job.state, job.phase, job.percent, job.attempts) == ("done", "checking", 100.0, 1)
    phases = [phase for phase, _ in seen]
    assert [p for k, p in enumerate(phases) if k == 0 or phases[k - 1] != p] == [
        "segmenting", "embedding", "aligning", "checking"]
    percents = [percent for _, percent in seen]
    assert percents == sorted(percents) and percents[-1] == 100.0
    view = review.get_comparison(session, job.comparison_id)
    assert view.state == "ready" and view.row_count == 6 and view.title == "Dam"
    assert (view.versions[0].title, view.versions[0].source_filename) == ("English", "dam.txt")
    assert view.job is not None and view.job.id == job.id
    assert jobs.latest_job(session, job.comparison_id) == jobs.get_job(session, job.id)
    # the stored rows are reviewable at once
    row = review.query_rows(session, job.comparison_id, limit=1).rows[0]
    assert review.set_status(session, row.id, "accepted").rows[0].status == "accepted"


def test_chain_order_is_stored(session: Session, immediate: None) -> None:
    project_id = create_project(session, "P")
    job = jobs.enqueue_alignment(session, project_id, inputs(), chain=["ru", "en"])
    assert job.state == "done", job.error
    view = review.get_comparison(session, job.comparison_id)
    assert (view.labels, view.chain) == (["ru", "en"], ["ru", "en"])


def test_edited_segments_are_kept(session: Session, immediate: None) -> None:
    project_id = create_project(session, "P")
    text = "One. Two. Three."
    edited = [Segment(0, "One. Two.", 0, 9), Segment(1, "Three.", 10, 16)]
    job = jobs.enqueue_alignment(session, project_id, [
        VersionInput(label="a", text=text, lang="en", segments=edited),
        VersionInput(label="b", text="Uno. Dos. Tres.", lang="es", segmented=False)])
    assert job.state == "done", job.error
    rows = review.query_rows(session, job.comparison_id).rows
    assert [t for r in rows for t in r.segment_texts["a"]] == ["One. Two.", "Three."]


def test_failure_is_recorded_and_retry_succeeds(session: Session, immediate: None) -> None:
    jobs.set_job_encoder(BrokenEncoder())
    project_id = create_project(session, "P")
    job = jobs.enqueue_alignment(session, project_id, inputs())
    assert (job.state, job.error) == ("failed", "OSError: model files are missing")
    assert review.get_comparison(session, job.comparison_id).state == "failed"
    assert session.scalar(select(func.count()).select_from(AlignmentRow)) == 0
    with pytest.raises(review.ComparisonNotReadyError):
        review.undo(session, job.comparison_id)
    jobs.set_job_encoder(FakeEncoder())
    retried = jobs.retry_job(session, job.id)
    assert (retried.state, retried.error, retried.attempts) == ("done", "", 2)
    assert review.get_comparison(session, job.comparison_id).row_count == 6
    with pytest.raises(review.InvalidOperationError, match="only a failed job"):
        jobs.retry_job(session, job.id)


@pytest.mark.parametrize(("labels", "chain", "message"), [
    (["en"], None, "two to eight"),
    (["en", "en"], None, "distinct"),
    (["en", "ru"], ["en", "fr"], "unknown"),
])
def test_bad_requests_are_refused(session: Session, immediate: None, labels: list[str],
                                  chain: list[str] | None, message: str) -> None:
    project_id = create_project(session, "P")
    items = [VersionInput(label=label, text="Text.", lang="en") for label in labels]
    with pytest.raises(review.InvalidOperationError, match=message):
        jobs.enqueue_alignment(session, project_id, items, chain=chain)
    with pytest.raises(review.NotFoundError):
        jobs.enqueue_alignment(session, 999, inputs())
    assert session.scalar(select(func.count()).select_from(Comparison)) == 0


def test_interrupted_jobs_become_retryable(session: Session, db_url: str,
                                           immediate: None) -> None:
    project_id = create_project(session, "P")
    job = jobs.enqueue_alignment(session, project_id, inputs())
    from sqlalchemy import update

    from workbench.store.models import Job
    session.execute(update(Job).where(Job.id == job.id).values(state="running"))
    session.commit()
    assert jobs.recover_interrupted_jobs(db_url) == 1
    recovered = jobs.get_job(session, job.id)
    assert recovered.state == "failed" and "retry" in recovered.error


def test_realign_job(session: Session, immediate: None) -> None:
    project_id = create_project(session, "P")
    job = jobs.enqueue_alignment(session, project_id, inputs())
    realign = jobs.enqueue_realign(session, job.comparison_id)
    assert realign.state == "done" and realign.kind == "realign", realign.error
    assert [h.action for h in review.list_history(session, job.comparison_id)] == ["realign"]


def test_durable_queue_with_consumer_threads(session: Session, tmp_path: Path) -> None:
    """A job queued with no consumer waits in huey.db; a consumer started later runs it."""
    jobs.configure_queue(tmp_path / "queue", immediate=False)
    jobs.set_job_encoder(FakeEncoder())
    try:
        project_id = create_project(session, "P")
        job = jobs.enqueue_alignment(session, project_id, inputs())
        assert job.state == "queued"
        assert review.get_comparison(session, job.comparison_id).state == "queued"
        assert (tmp_path / "queue" / "huey.db").exists()
        assert len(jobs.huey) == 1  # pending in the SQLite queue
        handle = jobs.start_consumer(workers=1, database_url=session_url(session))
        try:
            deadline = time.monotonic() + 60
            while jobs.get_job(session, job.id).state in ("queued", "running"):
                assert time.monotonic() < deadline, "the consumer did not run the job"
                time.sleep(0.1)
        finally:
            handle.stop()
        assert jobs.get_job(session, job.id).state == "done"
        assert handle.stopped
        # the same long-lived session sees the comparison the worker thread finished
        assert review.get_comparison(session, job.comparison_id).state == "ready"
    finally:
        jobs.set_job_encoder(None)
        jobs.configure_queue(tmp_path / "queue", immediate=True)


def session_url(session: Session) -> str:
    from workbench.jobs.service import session_url as url_of

    return url_of(session)


def test_ensure_demo_runs_once(session: Session, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    corpora = tmp_path / "corpora"
    corpora.mkdir()
    (corpora / "en.txt").write_text("\n".join(EN[:4]), encoding="utf-8")
    (corpora / "ru.txt").write_text("\n".join(RU[:4]), encoding="utf-8")
    (corpora / "sco-neighbors.json").write_text(json.dumps({
        "title": "Demo text", "chain": ["en", "ru"],
        "versions": [{"label": "en", "lang": "en", "file": "en.txt", "title": "English"},
                     {"label": "ru", "lang": "ru", "file": "ru.txt", "title": "Русский"}]}),
        encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CORPORA", str(corpora))
    comparison_id = jobs.ensure_demo(session, FakeEncoder())
    assert comparison_id is not None
    view = review.get_comparison(session, comparison_id)
    assert (view.title, view.chain, view.state) == ("Demo text", ["en", "ru"], "ready")
    assert [v.title for v in view.versions] == ["English", "Русский"]
    assert view.row_count >= 4
    assert jobs.ensure_demo(session, FakeEncoder()) is None
    assert session.scalar(select(func.count()).select_from(Comparison)) == 1


def test_progress_is_throttled_but_phase_changes_always_written(
        session: Session, engine: object) -> None:
    from workbench.store import make_sessionmaker
    from workbench.store.models import Job

    project_id = create_project(session, "P")
    comparison = Comparison(project_id=project_id, title="x", state="running")
    session.add(comparison)
    session.flush()
    job = Job(comparison_id=comparison.id)
    session.add(job)
    session.commit()
    progress = JobProgress(make_sessionmaker(engine), job.id)  # type: ignore[arg-type]
    progress("embedding", 0.5, "half")
    progress("embedding", 0.6, "more")  # within the interval: skipped
    assert jobs.get_job(session, job.id).message == "half"
    progress("aligning", 0.0, "aligning")
    view = jobs.get_job(session, job.id)
    assert (view.phase, view.percent, view.message) == ("aligning", 60.0, "aligning")
    assert np.isclose(progress.percent, 60.0)
