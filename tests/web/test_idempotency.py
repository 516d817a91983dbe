"""Idempotency-Key: a retried POST gets the first answer again and writes nothing twice."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.web.conftest import HX, soup


def _count(app: Flask, model: Any, **where: Any) -> int:
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(session.scalar(query) or 0)


def _reviewer_flags(app: Flask) -> int:
    from workbench.store.models import FlagModel

    return _count(app, FlagModel, source="reviewer")


def _first_row(client: FlaskClient, comparison_id: int) -> str:
    return str(soup(client.get(f"/comparisons/{comparison_id}")).select_one(
        "article.row")["data-row-id"])


FLAG = {"category": "terminology", "severity": "minor", "comment": "once"}


def test_two_posts_with_the_same_key_create_one_flag(app: Flask, client: FlaskClient,
                                                     comparison_id: int) -> None:
    from workbench.store.models import HistoryEntry

    row_id = _first_row(client, comparison_id)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/flags"
    headers = {**HX, "Idempotency-Key": "retry-0001-abcdef"}
    first = client.post(url, data=FLAG, headers=headers)
    second = client.post(url, data=FLAG, headers=headers)
    assert first.status_code == second.status_code == 200
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert second.get_data() == first.get_data()
    assert _reviewer_flags(app) == 1
    assert _count(app, HistoryEntry, comparison_id=comparison_id) == 1


def test_another_key_is_another_action(app: Flask, client: FlaskClient,
                                       comparison_id: int) -> None:
    row_id = _first_row(client, comparison_id)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/flags"
    for key in ("action-one-1234", "action-two-1234"):
        assert client.post(url, data=FLAG, headers={**HX, "Idempotency-Key": key}
                           ).status_code == 200
    assert _reviewer_flags(app) == 2


def test_plain_form_post_replays_its_redirect(app: Flask, client: FlaskClient,
                                              comparison_id: int) -> None:
    row_id = _first_row(client, comparison_id)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/flags"
    headers = {"Idempotency-Key": "plain-form-0001"}
    first = client.post(url, data=FLAG, headers=headers)
    second = client.post(url, data=FLAG, headers=headers)
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert _reviewer_flags(app) == 1


def test_a_refusal_is_not_remembered(app: Flask, client: FlaskClient,
                                     comparison_id: int) -> None:
    """A refused request wrote nothing: the same key may then carry the corrected request."""
    row_id = _first_row(client, comparison_id)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/flags"
    headers = {**HX, "Idempotency-Key": "fix-and-retry-01"}
    refused = client.post(url, data={**FLAG, "severity": "enormous"}, headers=headers)
    assert refused.status_code == 400
    assert _reviewer_flags(app) == 0
    assert client.post(url, data=FLAG, headers=headers).status_code == 200
    assert _reviewer_flags(app) == 1


def test_a_key_reused_on_another_url_is_refused(app: Flask, client: FlaskClient,
                                                comparison_id: int) -> None:
    row_id = _first_row(client, comparison_id)
    headers = {**HX, "Idempotency-Key": "one-key-two-urls"}
    client.post(f"/comparisons/{comparison_id}/rows/{row_id}/flags", data=FLAG,
                headers=headers)
    other = client.post(f"/comparisons/{comparison_id}/rows/{row_id}/status",
                        data={"status": "accepted"}, headers=headers)
    assert other.status_code == 422
    from workbench.store.models import AlignmentRow

    assert _count(app, AlignmentRow, status="accepted") == 0


def test_malformed_keys_are_refused_before_anything_is_written(
        app: Flask, client: FlaskClient, comparison_id: int) -> None:
    row_id = _first_row(client, comparison_id)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/flags"
    for key in ("short", "x" * 101, "spaces are not allowed", "ключ-на-русском"):
        response = client.post(url, data=FLAG, headers={**HX, "Idempotency-Key": key})
        assert response.status_code == 422, key
        assert "Idempotency-Key" in response.get_data(as_text=True)
    assert _reviewer_flags(app) == 0


def test_a_key_whose_answer_was_lost_is_not_written_again(
        app: Flask, client: FlaskClient, comparison_id: int) -> None:
    """The key is committed with the write: a record without an answer means "done"."""
    from workbench.store import session_scope
    from workbench.store.models import IdempotencyRecord

    row_id = _first_row(client, comparison_id)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/flags"
    headers = {**HX, "Idempotency-Key": "answer-lost-0001"}
    assert client.post(url, data=FLAG, headers=headers).status_code == 200
    with session_scope(app.config["DATABASE_URL"]) as session:
        record = session.scalars(select(IdempotencyRecord)).one()
        record.status, record.body = 0, None  # as if killed between commit and answer
        session.commit()
    again = client.post(url, data=FLAG, headers=headers)
    assert again.status_code == 409
    assert "reload" in again.get_data(as_text=True)
    assert _reviewer_flags(app) == 1
