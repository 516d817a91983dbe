"""Every review change is recorded under the account that made it, and the history shows who."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web import test_accounts
from tests.web.conftest import soup
from tests.web.test_accounts import (
    add_member,
    add_user,
    csrf_of,
    login,
    project_of,
)
from workbench.store.models import AlignmentRow, CommentModel, FlagModel, HistoryEntry

accounts_app = test_accounts.accounts_app  # the fixture: two accounts, a project each


def _rows(app: Flask, comparison_id: int) -> list[int]:
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return list(session.scalars(select(AlignmentRow.id).where(
            AlignmentRow.comparison_id == comparison_id).order_by(AlignmentRow.position)))


def _history(app: Flask, comparison_id: int) -> list[tuple[str, str]]:
    """(action, author) of every history entry, oldest first."""
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return [(e.action, e.author) for e in session.scalars(
            select(HistoryEntry).where(HistoryEntry.comparison_id == comparison_id)
            .order_by(HistoryEntry.seq))]


def _signed_in(app: Flask, name: str) -> tuple[FlaskClient, str]:
    client = app.test_client()
    assert login(client, name).status_code == 303
    return client, csrf_of(client)


def test_each_action_records_the_account_and_the_history_page_names_it(
        accounts_app: Flask) -> None:
    from workbench.store import session_scope

    app = accounts_app
    mine, _theirs = app.config["SEEDED"]
    add_user(app, "rita")
    add_member(app, project_of(app, mine), "rita", "reviewer")
    rows = _rows(app, mine)
    ann, ann_token = _signed_in(app, "ann")
    rita, rita_token = _signed_in(app, "rita")
    base = f"/comparisons/{mine}"

    def post(client: FlaskClient, token: str, path: str, **form: str) -> None:
        answer = client.post(base + path, data={**form, "csrf_token": token})
        assert answer.status_code == 303, (path, answer.status_code)

    post(ann, ann_token, f"/rows/{rows[0]}/status", status="accepted")
    post(rita, rita_token, f"/rows/{rows[1]}/flags", category="omission", severity="major")
    post(rita, rita_token, f"/rows/{rows[1]}/comments", text="check the source")
    with session_scope(app.config["DATABASE_URL"]) as session:
        signal = session.scalar(select(FlagModel.id).where(
            FlagModel.row_id == rows[2], FlagModel.source != "reviewer"))
        assert signal is not None
    post(ann, ann_token, f"/flags/{signal}/dismiss", reason="fine")
    post(rita, rita_token, f"/rows/{rows[3]}/correct", op="merge")
    post(ann, ann_token, "/undo")

    assert _history(app, mine) == [("status", "ann"), ("add_flag", "rita"),
                                   ("add_comment", "rita"), ("dismiss", "ann"),
                                   ("merge", "rita")]
    with session_scope(app.config["DATABASE_URL"]) as session:
        merge = session.scalar(select(HistoryEntry).where(HistoryEntry.action == "merge"))
        assert merge is not None and merge.state == "undone"
        assert merge.payload["log"][-1]["author"] == "ann"  # the undo: ann's
        comment = session.scalar(select(CommentModel).where(CommentModel.row_id == rows[1]))
        assert comment is not None and comment.author == "rita"

    page = soup(rita.get(f"{base}/history"))
    shown = [row.get_text(" ", strip=True) for row in page.select("#history-table tbody tr")]
    by_action = {action: text for (action, _author), text in zip(
        reversed(_history(app, mine)), shown, strict=True)}  # the page: newest first
    assert "ann" in by_action["status"] and "rita" not in by_action["status"]
    assert "rita" in by_action["add_flag"] and "ann" not in by_action["add_flag"]


def test_an_api_change_is_recorded_under_the_token_s_account(accounts_app: Flask) -> None:
    from workbench.review.accounts import create_token
    from workbench.store import session_scope

    app = accounts_app
    mine, _theirs = app.config["SEEDED"]
    rows = _rows(app, mine)
    with session_scope(app.config["DATABASE_URL"]) as session:
        _info, token = create_token(session, "ann", "script")
    answer = app.test_client().put(f"/api/v1/comparisons/{mine}/rows/{rows[0]}/status",
                                   json={"status": "accepted"},
                                   headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert _history(app, mine) == [("status", "ann")]


def test_the_local_user_s_changes_name_no_account(client: FlaskClient, app: Flask,
                                                  comparison_id: int) -> None:
    rows = _rows(app, comparison_id)
    answer = client.post(f"/comparisons/{comparison_id}/rows/{rows[0]}/status",
                         data={"status": "accepted"})
    assert answer.status_code == 303
    assert _history(app, comparison_id) == [("status", "")]


def test_a_re_alignment_job_is_recorded_under_who_asked_for_it(accounts_app: Flask) -> None:
    app = accounts_app
    app.config["REALIGN_INLINE_ROWS"] = 1  # six rows: the background job (run at once here)
    mine, _theirs = app.config["SEEDED"]
    ann, token = _signed_in(app, "ann")
    answer = ann.post(f"/comparisons/{mine}/realign", data={"csrf_token": token})
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/comparisons/{mine}/progress")
    assert _history(app, mine) == [("realign", "ann")]
