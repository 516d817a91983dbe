"""Hostile requests: headers (Host, Origin, Referer, CSRF, proxies, Idempotency-Key).

As in ``test_hostile_requests.py``: a clear 4xx in words, or the correct handling, and
nothing stored changed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, soup
from tests.web.hostile import first_row, refused, state

# -- headers: Host, Origin, Referer, CSRF, proxies ------------------------------------

FOREIGN_HOSTS = ["attacker.example", "attacker.example:5000", "127.0.0.1.attacker.example",
                 "localhost.attacker.example", "[::2]:5000", "10.0.0.1"]


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_foreign_host_names_are_not_served(client: FlaskClient, comparison_id: int,
                                           host: str) -> None:
    text = refused(client.get("/projects", headers={"Host": host}), 400)
    assert "host name" in text
    refused(client.get(f"/comparisons/{comparison_id}/download?format=tmx",
                       headers={"Host": host}), 400)


@pytest.mark.parametrize("host", ["127.0.0.1:5000", "localhost", "LOCALHOST:8000", "[::1]:5000",
                                  "localhost."])
def test_loopback_host_names_are_served(client: FlaskClient, host: str) -> None:
    assert client.get("/projects", headers={"Host": host}).status_code == 200


def test_a_foreign_host_cannot_write_even_with_a_token(app: Flask, csrf_app: Flask,
                                                       comparison_id: int) -> None:
    client = csrf_app.test_client()
    token = soup(client.get(f"/comparisons/{comparison_id}")).select_one("body")
    row = first_row(client, comparison_id)
    before = state(app)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                           data={"status": "accepted"},
                           headers={"Host": "attacker.example", **_token_header(token)})
    refused(response, 400)
    assert state(app) == before


def _token_header(body: Any) -> dict[str, str]:
    return dict(json.loads(body["hx-headers"]))


FOREIGN_ORIGINS = [{"Origin": "http://attacker.example"}, {"Origin": "null"},
                   {"Origin": "http://localhost:8080"}, {"Origin": "https://localhost"},
                   {"Origin": "http://[::1"}, {"Referer": "http://evil.example/page"},
                   {"Referer": "http://localhost.evil.example/"}]


@pytest.mark.parametrize("headers", FOREIGN_ORIGINS, ids=[str(h) for h in FOREIGN_ORIGINS])
def test_writes_from_another_origin_are_refused_even_with_a_token(
        app: Flask, csrf_app: Flask, comparison_id: int, headers: dict[str, str]) -> None:
    client = csrf_app.test_client()
    token = _token_header(soup(client.get(f"/comparisons/{comparison_id}")).select_one("body"))
    row = first_row(client, comparison_id)
    before = state(app)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                           data={"status": "accepted"}, headers={**token, **headers, **HX})
    text = refused(response, 403)
    assert "another web site" in text
    assert state(app) == before


@pytest.mark.parametrize("headers", [{"Origin": "http://localhost"},
                                     {"Referer": "http://localhost/comparisons/1"}, {}])
def test_writes_from_our_own_pages_pass(app: Flask, csrf_app: Flask, comparison_id: int,
                                        headers: dict[str, str]) -> None:
    client = csrf_app.test_client()
    token = _token_header(soup(client.get(f"/comparisons/{comparison_id}")).select_one("body"))
    row = first_row(client, comparison_id)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                           data={"status": "accepted"}, headers={**token, **headers, **HX})
    assert response.status_code == 200


def test_a_write_without_a_csrf_token_changes_nothing(app: Flask, csrf_app: Flask,
                                                      comparison_id: int) -> None:
    client = csrf_app.test_client()
    row = first_row(client, comparison_id)
    before = state(app)
    text = refused(client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                               data={"status": "accepted"}), 400)
    assert "reload the page" in text
    assert state(app) == before


def test_forwarded_host_is_ignored_without_a_proxy(client: FlaskClient) -> None:
    response = client.get("/projects", headers={"X-Forwarded-Host": "attacker.example"})
    assert response.status_code == 200


@pytest.mark.parametrize("key", ["short", "x" * 101, "with space 123", "ключ-ключ-ключ"])
def test_malformed_idempotency_keys(app: Flask, client: FlaskClient, comparison_id: int,
                                    key: str) -> None:
    row = first_row(client, comparison_id)
    before = state(app)
    refused(client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                        data={"status": "accepted"},
                        headers={**HX, "Idempotency-Key": key}), 422)
    assert state(app) == before


def test_a_bare_bad_request_has_words_not_internals(client: FlaskClient) -> None:
    """A POST whose body cannot be parsed gets werkzeug's 400, in our words."""
    response = client.post("/projects", data=b"\xff" * 10, content_type="multipart/form-data")
    refused(response, 400)
