"""The app as a whole: factory, start page, locale, CSRF, error pages, static files."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, soup


def test_factory_layers_config(tmp_path: Path) -> None:
    from workbench.web import create_app

    instance = tmp_path / "inst"
    instance.mkdir()
    (instance / "config.py").write_text("ROWS_PER_PAGE = 7\nSCORE_THRESHOLD = 0.4\n")
    app = create_app({"INSTANCE_PATH": str(instance), "SCORE_THRESHOLD": 0.6})
    assert app.config["ROWS_PER_PAGE"] == 7          # instance config over defaults
    assert app.config["SCORE_THRESHOLD"] == 0.6      # test overrides over instance config
    assert app.config["MAX_CONTENT_LENGTH"] == 20 * 1024 * 1024
    assert app.config["DATABASE_URL"].endswith(str(instance / "workbench.db"))
    assert (instance / "secret_key").read_text() == app.config["SECRET_KEY"]
    assert app.jinja_env.autoescape is True
    assert {"projects", "create", "review", "actions", "jobs", "overview", "export",
            "locale"} <= set(app.blueprints)


def test_index_without_comparisons_goes_to_projects(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/projects")


def test_index_opens_latest_comparison(client: FlaskClient, comparison_id: int) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/comparisons/{comparison_id}")


def test_layout_carries_csrf_header_and_vendored_htmx(client: FlaskClient,
                                                      rendered: list[str]) -> None:
    page = soup(client.get("/projects"))
    assert rendered[0] == "projects.html"
    assert '"X-CSRFToken"' in page.body["hx-headers"]
    scripts = [s["src"] for s in page.find_all("script")]
    assert "/static/vendor/htmx-2.0.11.min.js" in scripts
    for static in ("/static/vendor/htmx-2.0.11.min.js", "/static/workbench.js",
                   "/static/workbench.css"):
        with client.get(static) as response:  # closes the file Flask streams
            assert response.status_code == 200


def test_locale_switch_translates_and_is_remembered(client: FlaskClient) -> None:
    response = client.post("/locale", data={"locale": "ru", "next": "/projects"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/projects"
    assert "workbench_locale=ru" in response.headers["Set-Cookie"]
    page = soup(client.get("/projects"))
    assert page.html["lang"] == "ru"
    assert page.find("h1").get_text() == "Проекты"
    client.post("/locale", data={"locale": "zh", "next": "/projects"})
    assert soup(client.get("/projects")).find("h1").get_text() == "项目"


def test_locale_from_browser_and_unsafe_next(app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    page = soup(client.get("/projects", headers={"Accept-Language": "zh-CN,zh;q=0.9"}))
    assert page.html["lang"] == "zh"
    response = client.post("/locale", data={"locale": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    bad = client.post("/locale", data={"locale": "xx"})
    assert bad.status_code == 400
    assert "unknown language" in soup(bad).select_one(".error-message").get_text()


def test_csrf_is_enforced_on_posts_including_htmx(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    refused = client.post("/projects", data={"name": "P"})
    assert refused.status_code == 400
    assert "stale" in soup(refused).select_one(".error-message").get_text()
    refused_htmx = client.post("/projects", data={"name": "P"}, headers=HX)
    assert refused_htmx.status_code == 400
    assert soup(refused_htmx).html is None  # a partial, not a page
    page = soup(client.get("/projects"))
    token = page.select_one("input[name=csrf_token]")["value"]
    assert client.post("/projects", data={"name": "P", "csrf_token": token}).status_code == 303
    header_ok = client.post("/projects", data={"name": "Q"},
                            headers={**HX, "X-CSRFToken": token})
    assert header_ok.status_code == 303


def test_friendly_404_405_and_partial_for_htmx(client: FlaskClient, rendered: list[str]) -> None:
    missing = client.get("/no/such/page")
    assert missing.status_code == 404
    assert soup(missing).select_one(".error-box h1").get_text() == "Not found"
    assert rendered[-1] == "error.html"
    not_allowed = client.get("/locale")
    assert not_allowed.status_code == 405
    partial = client.get("/comparisons/999", headers=HX)
    assert partial.status_code == 404
    assert rendered[-1] == "partials/_error.html"
    assert "Traceback" not in partial.get_data(as_text=True)


def test_friendly_500(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.web.views.projects as projects

    app.config["PROPAGATE_UNHANDLED"] = False

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(projects.review, "list_projects", boom)
    response = app.test_client().get("/projects")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "secret internals" not in text and "Traceback" not in text
    assert "Your earlier work is saved" in text


def test_security_headers(client: FlaskClient) -> None:
    headers = client.get("/projects").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_projects_create_and_show(client: FlaskClient, comparison_id: int,
                                  rendered: list[str]) -> None:
    listing = soup(client.get("/projects"))
    assert "River <test>" in listing.select_one("#comparisons").get_text()
    created = client.post("/projects", data={"name": "Повесть 故事"})
    assert created.status_code == 303
    project = soup(client.get(created.headers["Location"]))
    assert rendered[-1] == "project.html"
    assert project.find("h1").get_text() == "Повесть 故事"
    assert "No comparisons yet." in project.get_text()
    client.get(created.headers["Location"], headers=HX)
    assert rendered[-1] == "partials/_comparisons.html"
    assert client.post("/projects", data={"name": "  "}).status_code == 400
    assert client.get("/projects/999").status_code == 404
    assert client.get("/comparisons/999/progress").status_code == 404
