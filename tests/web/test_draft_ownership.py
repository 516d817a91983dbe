"""Drafts and imports belong to the account that started them, not to whoever has the link."""

from __future__ import annotations

import io

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web import test_accounts
from tests.web.conftest import EN, RU, soup
from tests.web.test_accounts import (
    add_member,
    add_user,
    csrf_of,
    login,
    project_of,
)
from workbench.store.models import Comparison, DraftModel, Membership, UserModel

accounts_app = test_accounts.accounts_app  # the fixture: two accounts, a project each

REFUSED = "started by another account"


def _signed_in(app: Flask, name: str) -> tuple[FlaskClient, str]:
    client = app.test_client()
    assert login(client, name).status_code == 303
    return client, csrf_of(client)


def _drafts(app: Flask) -> list[tuple[str, str, object]]:
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return [(d.token, d.state, d.data) for d in session.scalars(select(DraftModel))]


def test_a_queued_import_s_project_is_the_importer_s(accounts_app: Flask) -> None:
    from workbench.store import session_scope

    app = accounts_app
    app.config["IMPORT_INLINE_BYTES"] = 100  # read by the job (run at once here)
    add_user(app, "root", admin=True)
    ann, token = _signed_in(app, "ann")
    pairs = "\n".join(f"{en}\t{ru}" for en, ru in zip(EN, RU, strict=True)).encode()
    answer = ann.post("/comparisons/import", content_type="multipart/form-data", data={
        "file": (io.BytesIO(pairs), "pairs.tsv"), "csrf_token": token})
    assert answer.status_code == 303 and "/imports/" in answer.headers["Location"]
    page = answer.headers["Location"]

    bob, _bob_token = _signed_in(app, "bob")
    refused = bob.get(page)
    assert refused.status_code == 403 and REFUSED in soup(refused).get_text()
    bob.set_cookie("workbench_locale", "zh")
    in_chinese = bob.get(page)
    assert in_chinese.status_code == 403 and "另一个账户" in soup(in_chinese).get_text()
    bob.set_cookie("workbench_locale", "en")
    root, _root_token = _signed_in(app, "root")
    assert root.get(page).status_code == 303  # an admin may step in

    progress = ann.get(page)
    assert progress.status_code == 303 and progress.headers["Location"].endswith("/progress")
    comparison_id = int(progress.headers["Location"].split("/")[-2])
    with session_scope(app.config["DATABASE_URL"]) as session:
        project_id = session.scalar(select(Comparison.project_id)
                                    .where(Comparison.id == comparison_id))
        owners = list(session.scalars(select(UserModel.name).join(
            Membership, Membership.user_id == UserModel.id).where(
            Membership.project_id == project_id, Membership.role == "owner")))
    assert owners == ["ann"]
    assert ann.get(f"/comparisons/{comparison_id}").status_code == 200
    assert bob.get(f"/comparisons/{comparison_id}").status_code == 404


def test_a_draft_opens_for_its_starter_and_the_project_s_owner_only(
        accounts_app: Flask) -> None:
    app = accounts_app
    first, _second = app.config["SEEDED"]
    project_id = project_of(app, first)
    add_user(app, "rita")
    add_user(app, "vera")
    add_member(app, project_id, "rita", "reviewer")
    add_member(app, project_id, "vera", "reviewer")
    rita, rita_token = _signed_in(app, "rita")
    answer = rita.post("/comparisons/preview", data={
        "text_1": "\n".join(EN), "lang_1": "en", "label_1": "en",
        "text_2": "\n".join(RU), "lang_2": "ru", "label_2": "ru",
        "project_id": str(project_id), "csrf_token": rita_token})
    assert answer.status_code == 200
    [(draft, _state, data)] = _drafts(app)
    assert isinstance(data, dict) and data["owner_id"] is not None
    before = _drafts(app)

    vera, vera_token = _signed_in(app, "vera")  # a reviewer of the same project, not its owner
    bob, bob_token = _signed_in(app, "bob")  # not even a member
    for client, token in ((vera, vera_token), (bob, bob_token)):
        page = client.get(f"/comparisons/drafts/{draft}")
        assert page.status_code == 403 and REFUSED in soup(page).get_text()
        aligned = client.post("/comparisons/draft", data={"draft": draft, "op": "align",
                                                          "csrf_token": token})
        assert aligned.status_code == 403
    assert _drafts(app) == before  # nothing aligned, nothing changed

    ann, _ann_token = _signed_in(app, "ann")  # the project's owner may step in
    assert ann.get(f"/comparisons/drafts/{draft}").status_code == 200
    merged = rita.post("/comparisons/draft", data={"draft": draft, "op": "merge:0:0",
                                                   "csrf_token": rita_token})
    assert merged.status_code == 200
    [(_token, _state, after)] = _drafts(app)
    assert isinstance(after, dict) and after["owner_id"] == data["owner_id"]  # kept on save
