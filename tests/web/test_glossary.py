"""The project page's glossary upload: stored for the project, used by its alignment jobs."""

from __future__ import annotations

import io

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import soup

GLOSSARY = ("zh,ru,en,en-forbidden\n"
            "大坝,плотина,dam,barrage\n"
            "水库,водохранилище,reservoir,\n").encode()


def _project(app: Flask) -> int:
    from workbench.store import create_project, session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return create_project(session, "Dams")


def _upload(client: FlaskClient, project_id: int, name: str, data: bytes) -> object:
    return client.post(f"/projects/{project_id}/glossary",
                       data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_project_page_offers_the_upload_and_shows_the_stored_glossary(
        app: Flask, client: FlaskClient) -> None:
    project_id = _project(app)
    page = soup(client.get(f"/projects/{project_id}"))
    assert page.select_one("form#glossary-form input[type=file][name=file]") is not None
    assert "No glossary yet" in page.get_text()
    response = _upload(client, project_id, "dams.csv", GLOSSARY)
    assert response.status_code == 303  # type: ignore[attr-defined]
    info = soup(client.get(f"/projects/{project_id}")).select_one(".glossary-info")
    assert info is not None
    assert "dams.csv" in info.get_text() and "2 terms" in info.get_text()
    assert "zh, ru, en" in info.get_text()


def test_bad_glossaries_get_one_message_and_keep_the_old_one(
        app: Flask, client: FlaskClient) -> None:
    project_id = _project(app)
    _upload(client, project_id, "dams.csv", GLOSSARY)
    bomb = (b'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY a "aaaa">]>'
            b"<martif><text><body/></text></martif>")
    for name, data, says in (("empty.csv", b"", "is empty"),
                             ("one.csv", b"en\ndam\n", "only one column"),
                             ("bad.tbx", b"<martif><text>", "not well-formed XML"),
                             ("bomb.tbx", bomb, "declares XML entities"),
                             ("odd.csv", b"en,xx-elvish\ndam,x\n", "not a language code")):
        response = _upload(client, project_id, name, data)
        assert response.status_code == 400, name  # type: ignore[attr-defined]
        page = soup(response)
        error = page.select_one("#glossary-form .form-error")
        assert error is not None and says in error.get_text(), (name, page.get_text()[:300])
        assert "Traceback" not in page.get_text()
    info = soup(client.get(f"/projects/{project_id}")).select_one(".glossary-info")
    assert info is not None and "dams.csv" in info.get_text()


def test_alignment_job_of_the_project_uses_its_glossary(app: Flask, client: FlaskClient) -> None:
    from workbench.jobs import enqueue_alignment
    from workbench.pipeline import VersionInput
    from workbench.store import session_scope
    from workbench.store.models import FlagModel

    project_id = _project(app)
    _upload(client, project_id, "dams.csv", GLOSSARY)
    inputs = [VersionInput("zh", "1998年大坝建成。\n水库很大。", "zh", segmented=True),
              VersionInput("en", "In 1998 the barrage was finished.\nThe lake is big.", "en",
                           segmented=True)]
    with session_scope(app.config["DATABASE_URL"]) as session:
        job = enqueue_alignment(session, project_id, inputs, title="Dam")
    with session_scope(app.config["DATABASE_URL"]) as session:
        flags = [(f.type, f.detail) for f in session.query(FlagModel) if f.type == "term"]
    assert len(flags) == 2
    assert any("forbidden" in detail and "“barrage”" in detail for _, detail in flags)
    assert any("“reservoir”" in detail for _, detail in flags)
    review = soup(client.get(f"/comparisons/{job.comparison_id}")).get_text()
    assert "barrage" in review and "Glossary term" in review
    # removing the glossary: the next alignment has no term signal
    client.post(f"/projects/{project_id}/glossary/remove")
    with session_scope(app.config["DATABASE_URL"]) as session:
        enqueue_alignment(session, project_id, inputs, title="Dam again")
    with session_scope(app.config["DATABASE_URL"]) as session:
        assert len([f for f in session.query(FlagModel) if f.type == "term"]) == 2
