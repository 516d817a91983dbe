"""Changing one's password (current one required, rate-limited, CSRF) and the admin's reset
from the CLI: either way every other session of the account ends."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web import test_accounts
from tests.web.conftest import soup
from tests.web.test_accounts import (
    PASSWORD,
    csrf_of,
    login,
)

NEW = "a new and longer secret"

accounts_app = test_accounts.accounts_app  # the fixture: two accounts, a project each


def _signed_in(app: Flask, name: str = "ann") -> tuple[FlaskClient, str]:
    client = app.test_client()
    assert login(client, name).status_code == 303
    return client, csrf_of(client)


def _change(client: FlaskClient, token: str | None, current: str = PASSWORD, new: str = NEW,
            confirm: str | None = None) -> object:
    data = {"current_password": current, "new_password": new,
            "confirm_password": new if confirm is None else confirm}
    if token is not None:
        data["csrf_token"] = token
    return client.post("/account/password", data=data)


def _logged_in(client: FlaskClient) -> bool:
    answer = client.get("/projects")
    return answer.status_code == 200


def _password_works(app: Flask, password: str) -> bool:
    return login(app.test_client(), "ann", password).status_code == 303


def test_a_change_needs_the_current_password_and_ends_the_other_sessions(
        accounts_app: Flask) -> None:
    app = accounts_app
    here, token = _signed_in(app)
    elsewhere, _other_token = _signed_in(app)
    bob, _bob_token = _signed_in(app, "bob")
    form = soup(here.get("/account/password"))
    assert form.select_one("#password-form input[name=current_password]") is not None
    assert soup(here.get("/projects")).select_one("#password-link") is not None

    wrong = _change(here, token, current="not my password")
    assert wrong.status_code == 400  # type: ignore[attr-defined]
    assert "current password is wrong" in soup(wrong).get_text()
    differ = _change(here, token, confirm=NEW + "!")
    assert differ.status_code == 400  # type: ignore[attr-defined]
    short = _change(here, token, new="short")
    assert short.status_code == 400  # type: ignore[attr-defined]
    no_csrf = _change(here, None)
    assert no_csrf.status_code == 400  # type: ignore[attr-defined]
    assert _password_works(app, PASSWORD) and _logged_in(elsewhere)  # nothing changed yet

    done = _change(here, token)
    assert done.status_code == 303  # type: ignore[attr-defined]
    assert "other sessions have ended" in soup(here.get(done.headers["Location"])).get_text()  # type: ignore[attr-defined]
    assert _logged_in(here)  # this session was renewed
    assert not _logged_in(elsewhere)  # the other one ended
    assert _logged_in(bob)  # another account's did not
    assert _password_works(app, NEW) and not _password_works(app, PASSWORD)


def test_failed_changes_are_rate_limited_per_account(accounts_app: Flask) -> None:
    app = accounts_app
    app.config["PASSWORD_CHANGE_RATE_LIMIT"] = "3/minute"
    here, token = _signed_in(app)
    for _attempt in range(3):
        assert _change(here, token, current="guess").status_code == 400  # type: ignore[attr-defined]
    limited = _change(here, token)  # the right password, but too late
    assert limited.status_code == 429  # type: ignore[attr-defined]
    assert "Too many failed attempts" in soup(limited).get_text()
    assert _password_works(app, PASSWORD)


def test_an_api_token_cannot_change_the_password(accounts_app: Flask) -> None:
    from workbench.review.accounts import create_token
    from workbench.store import session_scope

    app = accounts_app
    with session_scope(app.config["DATABASE_URL"]) as session:
        _info, secret = create_token(session, "ann")
    app.config["WTF_CSRF_ENABLED"] = False  # the token is the point here, not the form
    answer = app.test_client().post("/account/password", headers={
        "Authorization": f"Bearer {secret}"}, data={
        "current_password": PASSWORD, "new_password": NEW, "confirm_password": NEW})
    assert answer.status_code == 403
    assert _password_works(app, PASSWORD)


def test_an_admin_resets_a_password_from_the_cli(accounts_app: Flask) -> None:
    from click.testing import CliRunner

    from workbench.cli import cli
    from workbench.store.db import database_url

    app = accounts_app
    assert database_url() == app.config["DATABASE_URL"]  # the CLI works on this database
    client, _token = _signed_in(app)
    result = CliRunner().invoke(cli, ["users", "password", "ann", "--password-stdin"],
                                input=NEW + "\n")
    assert result.exit_code == 0, result.output
    assert "open sessions have ended" in result.output
    assert not _logged_in(client)
    assert _password_works(app, NEW) and not _password_works(app, PASSWORD)
    refused = CliRunner().invoke(cli, ["users", "password", "nobody", "--password-stdin"],
                                 input=NEW + "\n")
    assert refused.exit_code != 0 and "no user called 'nobody'" in refused.output
    short = CliRunner().invoke(cli, ["users", "password", "ann", "--password-stdin"],
                               input="short\n")
    assert short.exit_code != 0 and "Traceback" not in short.output
    assert _password_works(app, NEW)


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_the_password_page_and_its_refusals_are_translated(accounts_app: Flask,
                                                           lang: str) -> None:
    from tests.web.test_ui_translated import untranslated

    here, token = _signed_in(accounts_app)
    here.set_cookie("workbench_locale", lang)
    pages = {"form": here.get("/account/password"), "wrong": _change(here, token, current="x"),
             "differ": _change(here, token, confirm="other"),
             "done": here.get("/account/password?changed=1")}
    for name, page in pages.items():
        assert not untranslated(page.get_data(as_text=True)), (lang, name)  # type: ignore[attr-defined]
