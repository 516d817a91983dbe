"""Accounts in the browser: login, logout, rate limit, timeouts, sharing, filtered lists."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import build_comparison, save, soup
from workbench.store.models import Membership, Project

PASSWORD = "correct horse battery"


def add_user(app: Flask, name: str, *, admin: bool = False) -> int:
    from workbench.review.accounts import create_user
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return create_user(session, name, PASSWORD, admin=admin).id


def add_member(app: Flask, project_id: int, name: str, role: str) -> None:
    from workbench.review.members import share_project
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        share_project(session, project_id, name, role)


def project_of(app: Flask, comparison_id: int) -> int:
    from workbench.store import session_scope
    from workbench.store.models import Comparison

    with session_scope(app.config["DATABASE_URL"]) as session:
        project_id = session.scalar(select(Comparison.project_id)
                                    .where(Comparison.id == comparison_id))
        assert project_id is not None
        return project_id


def csrf_of(client: FlaskClient) -> str:
    """The CSRF token of the client's session (from the login form or any page)."""
    for path in ("/login", "/projects"):
        body = client.get(path).get_data(as_text=True)
        found = re.search(r'name="csrf_token" value="([^"]+)"', body) \
            or re.search(r'"X-CSRFToken": "([^"]+)"', body)
        if found:
            return found.group(1)
    raise AssertionError("no CSRF token on the login page or the projects page")


def login(client: FlaskClient, name: str, password: str = PASSWORD) -> Any:
    return client.post("/login", data={"username": name, "password": password,
                                       "csrf_token": csrf_of(client), "next": "/projects"})


@pytest.fixture()
def accounts_app(csrf_app: Flask) -> Flask:
    """CSRF on, two accounts: ann owns the seeded comparison's project, bob owns another."""
    first = save(csrf_app, build_comparison("Ann's river"))
    second = save(csrf_app, build_comparison("Bob's river"))
    add_user(csrf_app, "ann")
    add_user(csrf_app, "bob")
    add_member(csrf_app, project_of(csrf_app, first), "ann", "owner")
    add_member(csrf_app, project_of(csrf_app, second), "bob", "owner")
    csrf_app.config["SEEDED"] = (first, second)
    return csrf_app


def test_without_accounts_the_local_user_needs_no_login(client: FlaskClient,
                                                        comparison_id: int) -> None:
    assert client.get(f"/comparisons/{comparison_id}").status_code == 200
    assert client.get("/login").status_code == 302  # nothing to log in to
    page = soup(client.get("/projects"))
    assert page.select_one("#user-menu") is None


def test_with_accounts_every_page_needs_a_login(accounts_app: Flask) -> None:
    client = accounts_app.test_client()
    first, _second = accounts_app.config["SEEDED"]
    answer = client.get(f"/comparisons/{first}")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert client.get("/projects", headers={"HX-Request": "true"}).status_code == 401
    with client.get("/static/workbench.css") as static:
        assert static.status_code == 200
    assert client.get("/login").status_code == 200


def test_login_renews_the_session_and_shows_who_is_in(accounts_app: Flask) -> None:
    client = accounts_app.test_client()
    before = csrf_of(client)
    answer = login(client, "ANN")  # names are compared without case
    assert answer.status_code == 303 and answer.headers["Location"] == "/projects"
    assert csrf_of(client) != before  # the pre-login session (and its token) is gone
    page = soup(client.get("/projects"))
    assert page.select_one("#user-menu .user-name").get_text() == "ann"


def test_wrong_name_and_wrong_password_get_one_message(accounts_app: Flask) -> None:
    client = accounts_app.test_client()
    wrong_password = login(client, "ann", "not the password")
    wrong_name = login(client, "nobody")
    assert wrong_password.status_code == wrong_name.status_code == 401
    messages = {soup(r).select_one("#login-error").get_text() for r in (wrong_password,
                                                                         wrong_name)}
    assert messages == {"Wrong user name or password."}
    assert client.get("/projects").status_code == 302


def test_failed_logins_are_rate_limited_per_address_and_name(accounts_app: Flask) -> None:
    client = accounts_app.test_client()
    answers = [login(client, "ann", "wrong").status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]
    assert login(client, "ann").status_code == 429  # even the right password, for a while
    assert "wait a minute" in soup(login(client, "ann")).select_one("#login-error").get_text()
    assert login(client, "bob").status_code == 303  # another name from the same address


def test_logout_ends_the_session_and_every_copy_of_its_cookie(accounts_app: Flask) -> None:
    client = accounts_app.test_client()
    login(client, "ann")
    cookie = client.get_cookie("session")
    assert cookie is not None
    copy = accounts_app.test_client()
    copy.set_cookie("session", cookie.value)
    assert copy.get("/projects").status_code == 200
    without_token = client.post("/logout")
    assert without_token.status_code == 400  # CSRF: a foreign page cannot log you out
    answer = client.post("/logout", data={"csrf_token": csrf_of(client)})
    assert answer.status_code == 303
    assert client.get("/projects").status_code == 302
    assert copy.get("/projects").status_code == 302  # the old cookie is dead too


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_idle_and_absolute_timeouts_end_the_login(accounts_app: Flask) -> None:
    clock = Clock()
    accounts_app.config.update(ACCOUNTS_CLOCK=clock, ACCOUNTS_IDLE_TIMEOUT=600,
                               ACCOUNTS_ABSOLUTE_TIMEOUT=3600)
    client = accounts_app.test_client()
    login(client, "ann")
    clock.now += 599
    assert client.get("/projects").status_code == 200  # idle for less than 10 minutes
    clock.now += 601
    assert client.get("/projects").status_code == 302  # idle too long: logged out
    login(client, "ann")
    for _ in range(7):  # active every 9 minutes, but past the hour it ends anyway
        clock.now += 540
        status = client.get("/projects").status_code
    assert status == 302
    assert clock.now - 1_000_000.0 - 1200 > 3600


def test_lists_show_only_the_users_projects(accounts_app: Flask) -> None:
    first, second = accounts_app.config["SEEDED"]
    client = accounts_app.test_client()
    login(client, "bob")
    listing = client.get("/projects").get_data(as_text=True)
    assert "Bob&#39;s river" in listing and "Ann&#39;s river" not in listing
    assert client.get("/").headers["Location"].endswith(f"/comparisons/{second}")
    assert client.get(f"/comparisons/{first}").status_code == 404
    form = client.get(f"/comparisons/new?project_id={project_of(accounts_app, first)}")
    assert form.status_code == 200  # a project not theirs is not offered, nor preselected
    offered = [o["value"] for o in soup(form).select("select[name=project_id] option")]
    assert offered == ["", str(project_of(accounts_app, second))]


def test_a_new_project_is_owned_by_its_creator(accounts_app: Flask) -> None:
    client = accounts_app.test_client()
    login(client, "bob")
    answer = client.post("/projects", data={"name": "Bob's second",
                                            "csrf_token": csrf_of(client)})
    assert answer.status_code == 303
    from workbench.store import session_scope

    with session_scope(accounts_app.config["DATABASE_URL"]) as session:
        project = session.scalar(select(Project).where(Project.name == "Bob's second"))
        assert project is not None
        roles = session.execute(select(Membership.role).where(
            Membership.project_id == project.id)).scalars().all()
    assert roles == ["owner"]
    assert client.get(answer.headers["Location"]).status_code == 200


def test_owner_shares_and_removes_a_member(accounts_app: Flask) -> None:
    first, _second = accounts_app.config["SEEDED"]
    project_id = project_of(accounts_app, first)
    owner, guest = accounts_app.test_client(), accounts_app.test_client()
    login(owner, "ann")
    login(guest, "bob")
    assert guest.get(f"/projects/{project_id}").status_code == 404
    token = csrf_of(owner)
    refused = owner.post(f"/projects/{project_id}/members",
                         data={"username": "nobody", "role": "viewer", "csrf_token": token})
    assert refused.status_code == 400
    assert soup(refused).select_one("#share-error").get_text() == "There is no user of that name."
    shared = owner.post(f"/projects/{project_id}/members",
                        data={"username": "bob", "role": "viewer", "csrf_token": token})
    assert shared.status_code == 303
    page = soup(guest.get(f"/projects/{project_id}"))
    assert [li.select_one(".member-name").get_text() for li in page.select("#members li")] \
        == ["ann", "bob"]
    assert page.select_one("#share-form") is None  # a viewer does not share
    guest_token = csrf_of(guest)
    assert guest.post(f"/comparisons/{first}/undo",
                      data={"csrf_token": guest_token}).status_code == 403
    bob_id = next(m.user_id for m in _members(accounts_app, project_id) if m.name == "bob")
    ann_id = next(m.user_id for m in _members(accounts_app, project_id) if m.name == "ann")
    last = owner.post(f"/projects/{project_id}/members/{ann_id}/remove",
                      data={"csrf_token": token})
    assert last.status_code == 400  # the last owner stays
    removed = owner.post(f"/projects/{project_id}/members/{bob_id}/remove",
                         data={"csrf_token": token})
    assert removed.status_code == 303
    assert guest.get(f"/projects/{project_id}").status_code == 404


def _members(app: Flask, project_id: int) -> list[Any]:
    from workbench.review.members import list_members
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return list_members(session, project_id)


def test_bearer_token_authenticates_scripts(accounts_app: Flask) -> None:
    from workbench.review.accounts import create_token
    from workbench.store import session_scope

    first, second = accounts_app.config["SEEDED"]
    with session_scope(accounts_app.config["DATABASE_URL"]) as session:
        _info, token = create_token(session, "bob", "script")
    client = accounts_app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/comparisons/{second}", headers=auth).status_code == 200
    assert client.get(f"/comparisons/{first}", headers=auth).status_code == 404
    assert client.get("/projects", headers={"Authorization": "Bearer wb_forged"}) \
        .status_code == 401


def test_without_accounts_other_addresses_are_refused(client: FlaskClient, app: Flask,
                                                      comparison_id: int) -> None:
    far = client.get("/projects", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert far.status_code == 403
    app.config["LOCAL_MODE"] = False  # what `workbench serve --host 0.0.0.0` sets
    assert client.get("/projects").status_code == 403
    assert "workbench users add" in client.get("/projects").get_data(as_text=True)


def test_project_ids_in_forms_need_a_role_there(accounts_app: Flask) -> None:
    """Writing into a project named in a form needs reviewer; another's stays unknown."""
    first, second = accounts_app.config["SEEDED"]
    ann_project, bob_project = project_of(accounts_app, first), project_of(accounts_app, second)
    add_member(accounts_app, bob_project, "ann", "viewer")
    client = accounts_app.test_client()
    login(client, "ann")
    token = csrf_of(client)
    preview = {"csrf_token": token, "project_id": str(bob_project), "text_1": "One.",
               "text_2": "Один."}
    assert client.post("/comparisons/preview", data=preview).status_code == 403
    move = client.post(f"/comparisons/{first}/move",
                       data={"csrf_token": token, "project_id": str(bob_project)})
    assert move.status_code == 403  # a viewer there: nothing moves into it
    assert project_of(accounts_app, first) == ann_project
    bob = accounts_app.test_client()
    login(bob, "bob")
    into_anns = bob.post(f"/comparisons/{second}/move",
                         data={"csrf_token": csrf_of(bob), "project_id": str(ann_project)})
    assert into_anns.status_code == 400  # not a member: "there is no project"
    assert project_of(accounts_app, second) == bob_project
