"""A large upload is not read in the request: it is kept, and the job reads and segments it."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from bench import hostile
from tests.web.conftest import EN, soup


def _not_in_the_request(*_args: Any) -> Any:
    raise AssertionError("the request read the upload")


@pytest.fixture()
def kept(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Flask:
    app.config["INLINE_READ_BYTES"] = 200
    monkeypatch.setattr("workbench.web.drafts.read_document", _not_in_the_request)
    return app


def _post(client: FlaskClient, data: bytes, name: str, **form: str) -> Any:
    return client.post("/comparisons/preview", content_type="multipart/form-data", data={
        "file_1": (io.BytesIO(data), name), "text_2": "Весной река поднялась.", **form})


def _uploads_left(app: Flask) -> list[str]:
    folder = os.path.join(app.instance_path, "uploads")
    return os.listdir(folder) if os.path.isdir(folder) else []


def test_a_large_upload_is_read_by_the_job(kept: Flask, client: FlaskClient) -> None:
    text = "\n".join(EN * 10).encode()
    answer = _post(client, text, "river.txt", label_1="en", lang_1="en")
    assert answer.status_code == 303 and "/comparisons/drafts/" in answer.headers["Location"]
    page = client.get(answer.headers["Location"])  # the job ran (immediate mode)
    assert page.status_code == 200
    shown = soup(page).get_text()
    assert EN[1] in shown and "Весной река поднялась." in shown
    assert _uploads_left(kept) == []  # read: not kept any longer


def test_a_kept_hostile_upload_fails_its_draft_with_the_reason(kept: Flask,
                                                               client: FlaskClient) -> None:
    from workbench.store import session_scope
    from workbench.store.models import Comparison, Project

    answer = _post(client, hostile.epub_bomb(), "bomb.epub")
    assert answer.status_code == 303
    page = client.get(answer.headers["Location"])
    assert page.status_code == 400
    reason = soup(page).get_text()
    assert "bomb.epub" in reason and "failed (" not in reason  # the reader's reason, no bug
    assert _uploads_left(kept) == []
    with session_scope(kept.config["DATABASE_URL"]) as session:
        assert session.scalar(select(func.count()).select_from(Comparison)) == 0
        assert session.scalar(select(func.count()).select_from(Project)) == 0


def test_form_fields_are_still_checked_in_the_request(kept: Flask, client: FlaskClient) -> None:
    big = b"The river rose in spring again.\n" * 100
    refused = _post(client, big, "river.txt", lang_1="xx")
    assert refused.status_code == 400 and "xx" in soup(refused).get_text()
    empty = client.post("/comparisons/preview", content_type="multipart/form-data", data={
        "file_1": (io.BytesIO(big), "a.txt"), "file_2": (io.BytesIO(b""), "empty.txt")})
    assert empty.status_code == 400 and "empty.txt" in soup(empty).get_text()
    assert _uploads_left(kept) == []
