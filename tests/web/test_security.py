"""Headers, cookies, proxies, file modes, errors by kind and the capacity limit."""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import soup


def test_content_security_policy_names_base_form_and_objects(client: FlaskClient) -> None:
    policy = client.get("/projects").headers["Content-Security-Policy"]
    for directive in ("base-uri 'none'", "form-action 'self'", "object-src 'none'",
                      "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in policy


def test_session_cookie_is_http_only_and_lax_and_not_secure_on_plain_http(
        client: FlaskClient) -> None:
    client.post("/locale", data={"locale": "ru", "next": "/projects"})
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert not cookie.secure


def test_csrf_tokens_expire_after_a_working_day(app: Flask) -> None:
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 8 * 3600


def test_an_expired_token_asks_to_reload(csrf_app: Flask, comparison_id: int,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import itsdangerous.timed

    client = csrf_app.test_client()
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    token = json.loads(page.select_one("body")["hx-headers"])
    row = page.select_one("article.row")["data-row-id"]
    real_time = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real_time() + 8 * 3600 + 60)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                           data={"status": "accepted"}, headers=token)
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)


def _proxied_app(app: Flask, tmp_path: Path) -> Flask:
    from workbench.web import create_app

    return create_app({"TESTING": True, "INSTANCE_PATH": app.instance_path,
                       "BEHIND_PROXY": True, "ALLOWED_HOSTS": ("review.example.org",),
                       "WTF_CSRF_ENABLED": False, "PROPAGATE_UNHANDLED": True})


def test_behind_a_proxy_cookies_are_secure_and_forwarded_names_are_checked(
        app: Flask, tmp_path: Path) -> None:
    client = _proxied_app(app, tmp_path).test_client()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "review.example.org"}
    response = client.post("/locale", data={"locale": "ru", "next": "/projects"},
                           headers={**forwarded, "Origin": "https://review.example.org"})
    assert response.status_code == 303
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.secure and cookie.http_only
    assert client.get("/projects", headers=forwarded).status_code == 200
    foreign = client.get("/projects", headers={"X-Forwarded-Proto": "https",
                                               "X-Forwarded-Host": "attacker.example"})
    assert foreign.status_code == 400
    # the proxy says https: an http:// origin is another origin
    downgraded = client.post("/locale", data={"locale": "ru"},
                             headers={**forwarded, "Origin": "http://review.example.org"})
    assert downgraded.status_code == 403


def test_extra_allowed_hosts_are_served(app: Flask) -> None:
    app.config["ALLOWED_HOSTS"] = ("127.0.0.1", "localhost", "::1", "workbench.lan")
    client = app.test_client()
    assert client.get("/projects", headers={"Host": "workbench.lan:5000"}).status_code == 200
    assert client.get("/projects", headers={"Host": "other.lan"}).status_code == 400


def test_allowed_host_names_are_normalised() -> None:
    from workbench.web.security import allowed_hosts, host_name

    assert host_name("[::1]:5000") == "::1"
    assert host_name("LocalHost.:80") == "localhost"
    assert allowed_hosts(["Review.Example.org", "", "localhost"]) == (
        "127.0.0.1", "localhost", "::1", "review.example.org")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_instance_files_are_private(app: Flask, client: FlaskClient,
                                                 comparison_id: int) -> None:
    instance = Path(app.instance_path)
    assert _mode(instance) == 0o700
    files = [p for p in instance.iterdir() if p.is_file()]
    assert any(p.name == "workbench.db" for p in files)
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_existing_world_readable_files_are_tightened(tmp_path: Path) -> None:
    from workbench.web.settings import secure_instance

    folder = tmp_path / "instance"
    folder.mkdir(mode=0o755)
    database = folder / "workbench.db"
    database.write_bytes(b"")
    database.chmod(0o644)
    (folder / "secret_key").write_text("k")
    (folder / "secret_key").chmod(0o666)
    elsewhere = tmp_path / "data" / "other.db"
    secure_instance(folder, f"sqlite:///{elsewhere}")
    assert _mode(folder) == 0o700
    assert _mode(database) == 0o600 and _mode(folder / "secret_key") == 0o600
    assert elsewhere.exists() and _mode(elsewhere) == 0o600


# -- errors by kind ---------------------------------------------------------------------


def _answer(app: Flask, error: Exception) -> Any:
    """What the app's error handlers make of ``error`` raised by a view."""
    with app.test_request_context("/projects"):
        return app.make_response(app.handle_user_exception(error))


def test_a_user_error_is_its_status_with_its_message(app: Flask) -> None:
    from workbench.errors import UserError
    from workbench.review import ComparisonNotReadyError, NotFoundError

    response = _answer(app, UserError("That is not possible."))
    assert response.status_code == 400
    assert "That is not possible." in response.get_data(as_text=True)
    assert _answer(app, NotFoundError("no such row")).status_code == 404
    assert _answer(app, ComparisonNotReadyError("still aligning")).status_code == 409


def test_a_plain_value_error_is_a_bug_not_a_refusal(app: Flask) -> None:
    bug = ValueError("'int' object is not iterable")
    with pytest.raises(ValueError):  # tests: a bug fails the test
        _answer(app, bug)
    app.config["PROPAGATE_UNHANDLED"] = False
    response = _answer(app, bug)
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "not iterable" not in text and "ValueError" not in text
    assert "Your earlier work is saved" in text


def test_every_refusal_exception_is_a_user_error() -> None:
    from workbench.errors import UserError
    from workbench.export.options import ExportError
    from workbench.ingest.errors import BadInputError
    from workbench.nlp.align.errors import AlignError
    from workbench.nlp.drift.base import DriftError
    from workbench.nlp.langid import LanguageError
    from workbench.nlp.segment.errors import SegmentationError
    from workbench.pipeline import PipelineError
    from workbench.review.errors import ReviewError
    from workbench.web.errors import BadInput

    for refusal in (ExportError, BadInputError, AlignError, DriftError, LanguageError,
                    SegmentationError, PipelineError, ReviewError, BadInput):
        assert issubclass(refusal, UserError), refusal


# -- capacity ---------------------------------------------------------------------------


def test_past_capacity_requests_get_503_at_once() -> None:
    from workbench.web.capacity import CapacityLimit

    entered, release = threading.Event(), threading.Event()

    def slow_app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        entered.set()
        release.wait(10)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"done"]

    limited = CapacityLimit(slow_app, limit=1, retry_after=2)
    answers: list[str] = []

    def call() -> None:
        def start(status: str, headers: list[tuple[str, str]]) -> None:
            answers.append(status)
        body = limited({}, start)
        b"".join(body)
        getattr(body, "close", lambda: None)()

    worker = threading.Thread(target=call)
    worker.start()
    assert entered.wait(10)
    refused_headers: dict[str, str] = {}

    def start_refused(status: str, headers: list[tuple[str, str]]) -> None:
        refused_headers.update(headers)
        answers.append(status)

    body = limited({}, start_refused)
    assert answers == ["503 Service Unavailable"] and refused_headers["Retry-After"] == "2"
    assert b"nothing was changed" in b"".join(body)
    release.set()
    worker.join(10)
    assert answers[-1] == "200 OK" and limited.in_flight == 0 and limited.refused == 1
    call()  # capacity is back once the first response is closed
    assert answers[-1] == "200 OK"
