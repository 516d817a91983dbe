"""Progress of the alignment job: polling partial, HTTP 286 when done, failure and retry."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, soup
from workbench.nlp.types import FloatArray


class BrokenEncoder:
    """An encoder whose model is missing: the job must fail with this message."""

    model_id = "broken"

    def encode(self, texts: Sequence[str]) -> FloatArray:
        raise RuntimeError("the model files are missing")


def _enqueue(app: Flask) -> int:
    from workbench.jobs import enqueue_alignment
    from workbench.pipeline import VersionInput
    from workbench.store import create_project, session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        inputs = [VersionInput("ru", "Весной река поднялась.\nКрестьяне ушли.", "ru",
                               segmented=True),
                  VersionInput("en", "The river rose in spring.\nFarmers left.", "en",
                               segmented=True)]
        job = enqueue_alignment(session, create_project(session, "P"), inputs, title="Jobs")
        return int(job.comparison_id)


def test_queued_job_polls_and_survives_reload(app: Flask, client: FlaskClient,
                                              rendered: list[str]) -> None:
    from workbench.jobs import configure_queue

    configure_queue(None, immediate=False)  # queue it, nobody consumes it
    try:
        comparison_id = _enqueue(app)
    finally:
        configure_queue(None, immediate=True)
    page = soup(client.get(f"/comparisons/{comparison_id}/progress"))
    assert rendered[-1] == "progress.html"
    bar = page.select_one("#progress")
    assert bar["hx-trigger"] == "every 1s" and bar.select_one("progress") is not None
    assert page.select_one("noscript meta[http-equiv=refresh]") is not None
    partial = client.get(f"/comparisons/{comparison_id}/progress", headers=HX)
    assert partial.status_code == 200 and rendered[-1] == "partials/_progress.html"
    # the review and the index send the user to the progress page meanwhile
    assert client.get(f"/comparisons/{comparison_id}").headers["Location"].endswith("/progress")
    assert client.get("/").headers["Location"].endswith("/progress")


def test_done_job_stops_polling_with_286(app: Flask, client: FlaskClient) -> None:
    comparison_id = _enqueue(app)  # immediate mode: aligned already (FakeEncoder)
    polled = client.get(f"/comparisons/{comparison_id}/progress", headers=HX)
    assert polled.status_code == 286
    assert polled.headers["HX-Redirect"] == f"/comparisons/{comparison_id}"
    full = client.get(f"/comparisons/{comparison_id}/progress")
    assert full.status_code == 302


def test_failed_job_shows_message_and_retry_works(app: Flask, client: FlaskClient) -> None:
    from workbench.jobs import set_job_encoder
    from workbench.nlp.embed.fake import FakeEncoder

    set_job_encoder(BrokenEncoder())
    comparison_id = _enqueue(app)
    polled = client.get(f"/comparisons/{comparison_id}/progress", headers=HX)
    assert polled.status_code == 286  # failed: stop polling, show the message
    page = soup(polled)
    assert "the model files are missing" in page.select_one(".form-error").get_text()
    retry = page.select_one("form")["action"]
    set_job_encoder(FakeEncoder())
    response = client.post(retry)
    assert response.status_code == 303
    assert client.get(f"/comparisons/{comparison_id}").status_code == 200
    again = client.post(retry)  # nothing failed any more: refused clearly
    assert again.status_code == 400
