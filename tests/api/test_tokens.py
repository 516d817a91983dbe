"""The API with accounts: Bearer tokens, the same roles as the web UI, CSRF for cookies."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.api.conftest import API, assert_problem, rows_of, snapshot
from tests.web.conftest import build_comparison, save
from tests.web.test_accounts import add_member, add_user, csrf_of, login, project_of


def _token(app: Flask, name: str) -> dict[str, str]:
    from workbench.review.accounts import create_token
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        _info, token = create_token(session, name, "script")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture()
def seeded(app: Flask) -> dict[str, Any]:
    """ann reviews the comparison's project, vic only views it, bob is not a member."""
    comparison_id = save(app, build_comparison())
    for name in ("ann", "vic", "bob"):
        add_user(app, name)
    project_id = project_of(app, comparison_id)
    add_member(app, project_id, "ann", "reviewer")
    add_member(app, project_id, "vic", "viewer")
    return {"comparison": comparison_id, "project": project_id,
            **{name: _token(app, name) for name in ("ann", "vic", "bob")}}


def test_without_a_token_the_api_says_401(client: FlaskClient, seeded: dict[str, Any]) -> None:
    answer = client.get(f"{API}/comparisons/{seeded['comparison']}/rows")
    assert_problem(answer, 401)
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert_problem(client.get(f"{API}/projects",
                              headers={"Authorization": "Bearer wb_not-a-token"}), 401)
    assert client.get(f"{API}/openapi.json").status_code == 200  # the document is public


def test_roles_apply_to_tokens(app: Flask, client: FlaskClient, seeded: dict[str, Any]) -> None:
    cid = seeded["comparison"]
    row = client.get(f"{API}/comparisons/{cid}/rows", headers=seeded["vic"]).get_json()["rows"][0]
    status_url = f"{API}/comparisons/{cid}/rows/{row['id']}/status"
    before = snapshot(app)
    assert_problem(client.put(status_url, json={"status": "accepted"}, headers=seeded["vic"]),
                   403)
    assert_problem(client.put(status_url, json={"status": "accepted"}, headers=seeded["bob"]),
                   404)  # not a member: the comparison is not even revealed
    assert_problem(client.get(f"{API}/comparisons/{cid}", headers=seeded["bob"]), 404)
    assert client.get(f"{API}/comparisons", headers=seeded["bob"]).get_json() == []
    assert snapshot(app) == before
    done = client.put(status_url, json={"status": "accepted"}, headers=seeded["ann"])
    assert done.status_code == 200  # a token needs no CSRF token
    assert _authors(app, cid) == ["ann"]


def _authors(app: Flask, comparison_id: int) -> list[str]:
    from workbench.store import session_scope
    from workbench.store.models import HistoryEntry

    with session_scope(app.config["DATABASE_URL"]) as session:
        return list(session.scalars(select(HistoryEntry.author)
                                    .where(HistoryEntry.comparison_id == comparison_id)))


def test_a_viewer_cannot_create_in_the_project(app: Flask, client: FlaskClient,
                                               seeded: dict[str, Any]) -> None:
    body = {"project_id": seeded["project"], "versions": [
        {"label": "ru", "text": "Один.", "segmented": True},
        {"label": "en", "text": "One.", "segmented": True}]}
    before = snapshot(app)
    assert_problem(client.post(f"{API}/comparisons", json=body, headers=seeded["vic"]), 403)
    assert_problem(client.post(f"{API}/comparisons", json=body, headers=seeded["bob"]), 404)
    assert snapshot(app) == before
    made = client.post(f"{API}/comparisons", json=body, headers=seeded["ann"])
    assert made.status_code == 202 and made.get_json()["project_id"] == seeded["project"]


def test_a_login_cookie_needs_the_csrf_token(app: Flask, seeded: dict[str, Any]) -> None:
    client = app.test_client()
    assert login(client, "ann").status_code == 303
    cid = seeded["comparison"]
    row = rows_of(client, cid)[0]  # reading with the cookie is fine
    url = f"{API}/comparisons/{cid}/rows/{row['id']}/status"
    before = snapshot(app)
    assert "CSRF" in assert_problem(client.put(url, json={"status": "accepted"}), 400)["detail"]
    assert snapshot(app) == before
    with_token = client.put(url, json={"status": "accepted"},
                            headers={"X-CSRFToken": csrf_of(client)})
    assert with_token.status_code == 200
