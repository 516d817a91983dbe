"""Rename, move and delete projects and comparisons from the browser; refusals change nothing."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.web.conftest import build_comparison, save, soup
from workbench import review
from workbench.store import session_scope
from workbench.store.models import AlignmentRow, Comparison, FlagModel, HistoryEntry, Job


def _project_of(app: Flask, comparison_id: int) -> int:
    with session_scope(app.config["DATABASE_URL"]) as session:
        return review.get_comparison(session, comparison_id).project_id


def _names(app: Flask) -> dict[int, str]:
    with session_scope(app.config["DATABASE_URL"]) as session:
        return {p.id: p.name for p in review.list_projects(session)}


def _alert(answer: object) -> str:
    found = soup(answer).select_one("[role=alert]")
    assert found is not None
    return " ".join(found.get_text().split())


def test_rename_project_and_refusals(client: FlaskClient, app: Flask,
                                     comparison_id: int) -> None:
    project_id = _project_of(app, comparison_id)
    page = soup(client.get(f"/projects/{project_id}"))
    assert page.select_one("#rename-project") is not None
    assert page.select_one("#delete-project") is not None
    answer = client.post(f"/projects/{project_id}/rename", data={"name": "Chapter 3"})
    assert answer.status_code == 303 and _names(app)[project_id] == "Chapter 3"
    client.post("/projects", data={"name": "Other"})
    for name, message in (("", "Give the project a name."),
                          ("other", "Another project is already called Other"),
                          ("x" * 201, "Keep it under 200 characters.")):
        refused = client.post(f"/projects/{project_id}/rename", data={"name": name})
        assert refused.status_code == 400 and message in _alert(refused)
        assert _names(app)[project_id] == "Chapter 3"
    duplicate = client.post("/projects", data={"name": "chapter 3"})
    assert duplicate.status_code == 400 and "already called Chapter 3" in duplicate.text
    assert client.post("/projects/999/rename", data={"name": "x"}).status_code == 404


def test_comparison_rename_and_move(client: FlaskClient, app: Flask,
                                    comparison_id: int) -> None:
    project_id = _project_of(app, comparison_id)
    listing = soup(client.get(f"/projects/{project_id}"))
    assert listing.select_one(f"a[href='/comparisons/{comparison_id}/manage']") is not None
    page = client.get(f"/comparisons/{comparison_id}/manage")
    assert "There is no other project yet." in page.text
    base = f"/comparisons/{comparison_id}"
    renamed = client.post(f"{base}/rename", data={"title": "Dam chapter"},
                          follow_redirects=True)
    assert "Renamed." in renamed.text and "Dam chapter" in renamed.text
    refused = client.post(f"{base}/rename", data={"title": "  "})
    assert refused.status_code == 400 and "Give the comparison a title." in _alert(refused)
    client.post("/projects", data={"name": "Target"})
    target = next(i for i, n in _names(app).items() if n == "Target")
    options = soup(client.get(f"{base}/manage")).select("#move-project option")
    assert [o["value"] for o in options] == [str(target)]
    for data, message in (({}, "Choose the project to move the comparison to."),
                          ({"project_id": "999"}, "There is no project 999."),
                          ({"project_id": str(project_id)},
                           "The comparison is already in this project.")):
        refused = client.post(f"{base}/move", data=data)
        assert refused.status_code == 400 and message in _alert(refused), data
        assert _project_of(app, comparison_id) == project_id
    moved = client.post(f"{base}/move", data={"project_id": str(target)},
                        follow_redirects=True)
    assert "Moved to Target." in moved.text and _project_of(app, comparison_id) == target
    assert client.get("/comparisons/999/manage").status_code == 404
    assert client.post("/comparisons/999/rename", data={"title": "x"}).status_code == 404


def _count(app: Flask, model: type, *where: Any) -> int:
    with session_scope(app.config["DATABASE_URL"]) as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_delete_comparison_asks_first_and_leaves_no_orphans(
        client: FlaskClient, app: Flask, comparison_id: int) -> None:
    project_id = _project_of(app, comparison_id)
    other = save(app, build_comparison("Kept"))
    with session_scope(app.config["DATABASE_URL"]) as session:
        row = review.query_rows(session, comparison_id).rows[0]
        review.add_flag(session, row.id, "omission", "major", "x")
        session.add(Job(comparison_id=comparison_id, kind="align", state="done"))
        session.commit()
    confirm = client.get(f"/comparisons/{comparison_id}/delete")
    assert confirm.status_code == 200 and "will be deleted for good" in confirm.text
    assert "6 rows" in confirm.text
    asked_again = client.post(f"/comparisons/{comparison_id}/delete", data={})
    assert asked_again.status_code == 200 and soup(asked_again).select_one(
        "#confirm-delete-button") is not None
    assert _count(app, Comparison, Comparison.id == comparison_id) == 1
    done = client.post(f"/comparisons/{comparison_id}/delete", data={"confirm": "yes"})
    assert done.status_code == 303
    assert done.headers["Location"].startswith(f"/projects/{project_id}")
    assert "Deleted River" in client.get(done.headers["Location"]).text
    for model in (AlignmentRow, HistoryEntry, Job):
        assert _count(app, model, model.comparison_id == comparison_id) == 0
    assert _count(app, FlagModel, ~FlagModel.row_id.in_(select(AlignmentRow.id))) == 0
    assert _count(app, Comparison, Comparison.id == other) == 1
    assert client.get(f"/comparisons/{comparison_id}").status_code == 404
    again = client.post(f"/comparisons/{comparison_id}/delete", data={"confirm": "yes"})
    assert again.status_code == 404 and "does not exist" in again.text


def test_delete_project_and_busy_refusal(client: FlaskClient, app: Flask,
                                         comparison_id: int) -> None:
    project_id = _project_of(app, comparison_id)
    with session_scope(app.config["DATABASE_URL"]) as session:
        session.get(Comparison, comparison_id).state = "running"  # type: ignore[union-attr]
        session.commit()
    refused = client.post(f"/projects/{project_id}/delete", data={"confirm": "yes"})
    assert refused.status_code == 400 and "is being aligned" in _alert(refused)
    assert project_id in _names(app)
    with session_scope(app.config["DATABASE_URL"]) as session:
        session.get(Comparison, comparison_id).state = "ready"  # type: ignore[union-attr]
        session.commit()
    confirm = client.get(f"/projects/{project_id}/delete")
    assert "its 1 comparison will be deleted" in confirm.text
    done = client.post(f"/projects/{project_id}/delete", data={"confirm": "yes"},
                       follow_redirects=True)
    assert "Deleted Project." in done.text and project_id not in _names(app)
    assert _count(app, Comparison, Comparison.id == comparison_id) == 0
    assert client.get(f"/projects/{project_id}/delete").status_code == 404


def test_creation_forms_offer_existing_projects(client: FlaskClient, app: Flask,
                                                comparison_id: int) -> None:
    project_id = _project_of(app, comparison_id)
    for url in ("/comparisons/new", "/comparisons/import"):
        options = soup(client.get(f"{url}?project_id={project_id}")).select(
            "#project_id option")
        assert [o.get_text() for o in options] == ["New project, named after the title",
                                                   "Project"]
        assert options[1].has_attr("selected")
    refused = client.post("/comparisons/preview", data={
        "text_1": "Весной река поднялась.", "text_2": "The river rose in spring.",
        "project_id": "999"})
    assert refused.status_code == 400 and "There is no project 999." in refused.text
