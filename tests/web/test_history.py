"""The history page: every change listed readably, undo back to a chosen point, refusals."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import soup
from workbench import review
from workbench.store import session_scope


def _rows(app: Flask, comparison_id: int) -> list[review.RowView]:
    with session_scope(app.config["DATABASE_URL"]) as session:
        return review.query_rows(session, comparison_id, limit=100).rows


def _changes(client: FlaskClient, comparison_id: int) -> list[str]:
    page = soup(client.get(f"/comparisons/{comparison_id}/history"))
    return [" ".join(tr.get_text(" ").split()) for tr in page.select("#history-table tbody tr")]


def test_toolbar_links_the_history(client: FlaskClient, comparison_id: int) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    link = page.select_one("#history-link")
    assert link is not None and link["href"] == f"/comparisons/{comparison_id}/history"


def test_history_lists_changes_and_undoes_to_a_point(client: FlaskClient, app: Flask,
                                                     comparison_id: int) -> None:
    assert "No changes yet." in client.get(f"/comparisons/{comparison_id}/history").text
    rows = _rows(app, comparison_id)
    base = f"/comparisons/{comparison_id}/rows"
    client.post(f"{base}/{rows[0].id}/status", data={"status": "accepted"})
    client.post(f"{base}/{rows[1].id}/comments", data={"text": "check the date"})
    client.post(f"{base}/{rows[2].id}/flags", data={"category": "number",
                                                    "severity": "critical"})
    changes = _changes(client, comparison_id)
    assert changes[0].startswith("3 Flagged row 3: Number, critical row 3")
    assert changes[1].startswith("2 Commented on row 2 row 2")
    assert changes[2].startswith("1 Accepted row 1 row 1") and "in effect" in changes[2]
    page = soup(client.get(f"/comparisons/{comparison_id}/history"))
    buttons = page.select("#history-table form input[name=to]")
    assert len(buttons) == 2  # the latest change has nothing after it to undo
    first_id = buttons[-1]["value"]
    answer = client.post(f"/comparisons/{comparison_id}/history/undo-to",
                         data={"to": first_id})
    assert answer.status_code == 303
    shown = client.get(answer.headers["Location"])
    assert "Undid 2 changes: the comparison is back to change #1." in shown.text
    now = _rows(app, comparison_id)
    assert now[0].status == "accepted" and not now[1].comments and now[2].status != "flagged"
    assert [c.split(" ")[-1] for c in _changes(client, comparison_id)][:2] == [
        "undone", "undone"]
    client.post(f"/comparisons/{comparison_id}/redo")
    assert _rows(app, comparison_id)[1].comments


def test_undo_everything(client: FlaskClient, app: Flask, comparison_id: int) -> None:
    rows = _rows(app, comparison_id)
    for row in rows[:2]:
        client.post(f"/comparisons/{comparison_id}/rows/{row.id}/status",
                    data={"status": "accepted"})
    answer = client.post(f"/comparisons/{comparison_id}/history/undo-to", data={"to": "start"},
                         follow_redirects=True)
    assert "Undid 2 changes: the comparison is as it was before any change." in answer.text
    assert all(r.status == "unreviewed" for r in _rows(app, comparison_id))


def test_refusals_are_clear_and_change_nothing(client: FlaskClient, app: Flask,
                                               comparison_id: int) -> None:
    url = f"/comparisons/{comparison_id}/history/undo-to"
    row = _rows(app, comparison_id)[0]
    client.post(f"/comparisons/{comparison_id}/rows/{row.id}/status", data={"status": "accepted"})
    latest = soup(client.get(f"/comparisons/{comparison_id}/history")).select_one(
        "#history-table tbody tr")["id"].removeprefix("change-")
    cases = [({"to": latest}, 400, "No change after this one is in effect"),
             ({"to": "99999"}, 404, "There is no change 99999"),
             ({"to": "soon"}, 400, "Choose a change in the list."),
             ({}, 400, "Choose a change in the list.")]
    for data, status, message in cases:
        answer = client.post(url, data=data)
        assert answer.status_code == status, data
        alert = soup(answer).select_one("#history-error")
        assert alert is not None and message in alert.get_text(), data
    client.post(f"/comparisons/{comparison_id}/undo")
    answer = client.post(url, data={"to": latest})
    assert answer.status_code == 400 and "is undone already" in answer.text
    assert _rows(app, comparison_id)[0].status == "unreviewed"
    assert client.get("/comparisons/999/history").status_code == 404
    assert client.post("/comparisons/999/history/undo-to", data={"to": "start"}
                       ).status_code == 404


def test_history_page_in_russian(client: FlaskClient, app: Flask, comparison_id: int) -> None:
    row = _rows(app, comparison_id)[0]
    client.post(f"/comparisons/{comparison_id}/rows/{row.id}/status", data={"status": "accepted"})
    client.post("/locale", data={"locale": "ru"})
    text = client.get(f"/comparisons/{comparison_id}/history?locale=ru",
                      headers={"Accept-Language": "ru"}).text
    assert "История" in text
