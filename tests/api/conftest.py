"""Fixtures of the JSON API tests: a fresh app and database, a small saved comparison.

Alignment jobs run at once with ``FakeEncoder`` (plumbing: what the API stores and
answers); ``POST /check`` scores with the real default model, as ``workbench check`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import build_comparison, running_test_app, save

API = "/api/v1"


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    yield from running_test_app(tmp_path, monkeypatch)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def comparison_id(app: Flask) -> int:
    """Six zh/ru/en rows with known scores and one critical number signal (row 3)."""
    return save(app, build_comparison())


def rows_of(client: FlaskClient, comparison_id: int) -> list[dict[str, Any]]:
    response = client.get(f"{API}/comparisons/{comparison_id}/rows", query_string={"limit": 1000})
    assert response.status_code == 200, response.get_data(as_text=True)
    rows: list[dict[str, Any]] = response.get_json()["rows"]
    return rows


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """An RFC 9457 problem of this status, with the four members."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    assert body["status"] == status and body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    return body


def snapshot(app: Flask) -> dict[str, Any]:
    """Everything a refused write must leave as it was: counts and review state of every row."""
    from sqlalchemy import func, select

    from workbench.store import session_scope
    from workbench.store.models import (
        AlignmentRow,
        CommentModel,
        Comparison,
        FlagModel,
        HistoryEntry,
        Job,
        Project,
    )

    with session_scope(app.config["DATABASE_URL"]) as session:
        counts = {model.__name__: session.scalar(select(func.count()).select_from(model))
                  for model in (Project, Comparison, AlignmentRow, FlagModel, CommentModel,
                                HistoryEntry, Job)}
        rows = sorted(session.execute(select(AlignmentRow.id, AlignmentRow.status)).tuples())
        flags = sorted(session.execute(select(FlagModel.id, FlagModel.dismissed)).tuples())
        return {"counts": counts, "rows": rows, "flags": flags}
