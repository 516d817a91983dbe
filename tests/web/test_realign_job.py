""""Re-align the rest" of a large comparison runs as a background job with progress."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, soup
from workbench.nlp.types import FloatArray


class BrokenEncoder:
    model_id = "broken"

    def encode(self, texts: Sequence[str]) -> FloatArray:
        raise RuntimeError("the model files are missing")


def _rows(client: FlaskClient, comparison_id: int) -> list[str]:
    page = soup(client.get(f"/comparisons/{comparison_id}?limit=50"))
    return [" / ".join(c.get_text(strip=True) for c in r.select(".cell"))
            for r in page.select("article.row")]


def _accept_first(client: FlaskClient, comparison_id: int) -> None:
    first = soup(client.get(f"/comparisons/{comparison_id}")).select_one("article.row")
    client.post(f"/comparisons/{comparison_id}/rows/{first['data-row-id']}/status",
                data={"status": "accepted"})


def test_large_comparison_realigns_in_a_job(app: Flask, client: FlaskClient,
                                            comparison_id: int) -> None:
    app.config["REALIGN_INLINE_ROWS"] = 0
    _accept_first(client, comparison_id)
    response = client.post(f"/comparisons/{comparison_id}/realign")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/comparisons/{comparison_id}/progress")
    htmx = client.post(f"/comparisons/{comparison_id}/realign", headers=HX)
    assert htmx.headers["HX-Redirect"].endswith("/progress")
    # immediate mode: the job ran; the comparison is ready and the accepted row is kept
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    assert "status-accepted" in page.select_one("article.row")["class"]
    assert page.select_one(".notice") is None


def test_queued_realign_shows_progress_and_blocks_edits(app: Flask, client: FlaskClient,
                                                        comparison_id: int) -> None:
    from workbench.jobs import configure_queue

    app.config["REALIGN_INLINE_ROWS"] = 0
    configure_queue(None, immediate=False)  # queued, nobody consumes it
    try:
        client.post(f"/comparisons/{comparison_id}/realign")
    finally:
        configure_queue(None, immediate=True)
    review = client.get(f"/comparisons/{comparison_id}")
    assert review.headers["Location"].endswith("/progress")
    bar = soup(client.get(f"/comparisons/{comparison_id}/progress")).select_one("#progress")
    assert bar is not None and bar["hx-trigger"] == "every 1s"


def _fail_realign(app: Flask, client: FlaskClient, comparison_id: int) -> list[str]:
    """Run a re-alignment job whose encoder fails; returns the rows as they were before."""
    from workbench.jobs import set_job_encoder

    app.config["REALIGN_INLINE_ROWS"] = 0
    before = _rows(client, comparison_id)
    set_job_encoder(BrokenEncoder())
    client.post(f"/comparisons/{comparison_id}/realign")
    return before


def test_failed_realign_keeps_the_rows_and_offers_retry(app: Flask, client: FlaskClient,
                                                        comparison_id: int) -> None:
    from workbench.jobs import set_job_encoder
    from workbench.nlp.embed.fake import FakeEncoder

    before = _fail_realign(app, client, comparison_id)
    polled = client.get(f"/comparisons/{comparison_id}/progress", headers=HX)
    assert polled.headers["HX-Redirect"] == f"/comparisons/{comparison_id}"
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    notice = page.select_one(".notice")
    assert notice is not None and "the model files are missing" in notice.get_text()
    assert _rows(client, comparison_id) == before
    set_job_encoder(FakeEncoder())
    retried = client.post(notice.select_one("form")["action"])
    assert retried.status_code == 303
    assert soup(client.get(f"/comparisons/{comparison_id}")).select_one(".notice") is None


def test_interrupted_realign_returns_the_comparison_to_review(app: Flask, client: FlaskClient,
                                                              comparison_id: int) -> None:
    from sqlalchemy import update

    from workbench.jobs import configure_queue, recover_interrupted_jobs
    from workbench.store import session_scope
    from workbench.store.models import Comparison, Job

    app.config["REALIGN_INLINE_ROWS"] = 0
    configure_queue(None, immediate=False)
    try:
        client.post(f"/comparisons/{comparison_id}/realign")
    finally:
        configure_queue(None, immediate=True)
    url = app.config["DATABASE_URL"]
    with session_scope(url) as session:  # the server stopped while the job ran
        session.execute(update(Job).values(state="running"))
        session.execute(update(Comparison).values(state="running"))
        session.commit()
    assert recover_interrupted_jobs(url) == 1
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    assert "the server stopped" in page.select_one(".notice").get_text().lower()
    from workbench.jobs import latest_job
    from workbench.web.db import get_session

    with app.app_context():
        job = latest_job(get_session(), comparison_id)
        assert job is not None and job.message == "interrupted"


def test_realign_job_embeds_before_taking_the_write_lock(
        app: Flask, client: FlaskClient, comparison_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The slow part (embedding) runs outside the write transaction; phases are reported."""
    import workbench.review as review
    from workbench.jobs import progress as progress_module
    from workbench.jobs import set_job_encoder
    from workbench.nlp.embed.fake import FakeEncoder

    locked = {"inside": False, "embedded_inside": 0}
    phases: list[str] = []

    class Counting(FakeEncoder):
        def encode(self, texts: Sequence[str]) -> FloatArray:
            if locked["inside"]:
                locked["embedded_inside"] += len(texts)
            return super().encode(texts)

    original = review.realign_rest

    def watched(*args: object, **kwargs: object) -> object:
        locked["inside"] = True
        try:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            locked["inside"] = False

    original_write = progress_module.JobProgress.write

    def record(self: object, phase: str, percent: float, message: str) -> None:
        phases.append(phase)
        original_write(self, phase, percent, message)  # type: ignore[arg-type]

    monkeypatch.setattr(review, "realign_rest", watched)
    monkeypatch.setattr(progress_module.JobProgress, "write", record)
    app.config["REALIGN_INLINE_ROWS"] = 0
    _accept_first(client, comparison_id)
    set_job_encoder(Counting())
    client.post(f"/comparisons/{comparison_id}/realign")
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    assert "status-accepted" in page.select_one("article.row")["class"]
    assert locked["embedded_inside"] == 0
    assert {"aligning", "checking", "storing"} <= set(phases)


def test_failed_realign_notice_can_be_dismissed(app: Flask, client: FlaskClient,
                                                comparison_id: int) -> None:
    from workbench.jobs import set_job_encoder
    from workbench.nlp.embed.fake import FakeEncoder

    before = _fail_realign(app, client, comparison_id)
    set_job_encoder(FakeEncoder())
    forms = soup(client.get(f"/comparisons/{comparison_id}")).select(".notice form")
    dismiss = [f for f in forms if f["action"].endswith("/dismiss")]
    assert len(dismiss) == 1
    done = client.post(dismiss[0]["action"])
    assert done.status_code == 303 and done.headers["Location"].endswith(f"/{comparison_id}")
    assert soup(client.get(f"/comparisons/{comparison_id}")).select_one(".notice") is None
    assert _rows(client, comparison_id) == before
    again = client.post(dismiss[0]["action"])  # nothing failed any more: a clear message
    assert again.status_code == 409 or again.status_code == 400
    assert "dismissed" in again.get_data(as_text=True)
