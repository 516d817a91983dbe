"""The OpenAPI document, its reference page, and problem details for paths and methods."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.conftest import API, assert_problem


def test_document_is_openapi_3_1_with_every_operation(client: FlaskClient) -> None:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    paths = document["paths"]
    assert {"post"} <= set(paths[f"{API}/comparisons"])
    status = paths[f"{API}/comparisons/{{comparison_id}}/rows/{{row_id}}/status"]
    assert set(status) == {"put", "parameters"}
    limit = next(p for p in paths[f"{API}/comparisons/{{comparison_id}}/rows"]["get"]
                 ["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 1000 and limit["schema"]["minimum"] == 1
    ids = paths[f"{API}/comparisons/{{comparison_id}}"]["parameters"][0]["schema"]
    assert ids["type"] == "integer" and ids["minimum"] == 1
    errors = document["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert list(errors) == ["application/problem+json"]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    exported = paths[f"{API}/comparisons/{{comparison_id}}/export"]["get"]["responses"]["200"]
    assert {"application/x-tmx+xml", "application/xliff+xml", "text/csv"} <= set(
        exported["content"])


def test_reference_page_renders_the_document_without_scripts(client: FlaskClient) -> None:
    page = client.get(f"{API}/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "<script" not in html
    assert "PUT /api/v1/comparisons/{comparison_id}/rows/{row_id}/status" in html
    assert 'id="schema-RowOut"' in html and "openapi.json" in html
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_unknown_api_paths_and_methods_are_problems(client: FlaskClient) -> None:
    body = assert_problem(client.get(f"{API}/no-such-thing"), 404)
    assert body["instance"] == f"{API}/no-such-thing"
    assert_problem(client.get(f"{API}/"), 404)
    wrong = client.delete(f"{API}/projects")
    assert_problem(wrong, 405)
    assert set(wrong.headers["Allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert_problem(client.post(f"{API}/openapi.json"), 405)


def test_ids_out_of_range_are_404_problems(client: FlaskClient, comparison_id: int) -> None:
    for path in ("/comparisons/0", "/comparisons/99999999999999999999",
                 f"/comparisons/{comparison_id}/rows/0", "/comparisons/-1", "/projects/007",
                 "/comparisons/12345"):
        assert_problem(client.get(f"{API}{path}"), 404)


def test_the_web_ui_keeps_its_own_error_pages(client: FlaskClient) -> None:
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"


def test_a_bug_is_a_500_problem_without_internals(app: Flask, client: FlaskClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench import review

    def broken(_session: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(review, "list_projects", broken)
    app.config["PROPAGATE_UNHANDLED"] = False
    body = assert_problem(client.get(f"{API}/projects"), 500)
    assert "secret" not in body["detail"] and "Traceback" not in body["detail"]
