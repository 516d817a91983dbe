"""Hostile uploads, pastes, drafts and aligned files through the web: each gets a clear 4xx
(or is handled correctly), never a 500, and a refusal changes no row of any table.

Speed is not timed here (``bench/hostile.py`` does); the limits are asserted by what
was done: what is stored, which path (request or job queue) a file took.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from bench import hostile
from tests.web.conftest import HX, soup

EN = "The river rose in spring. Farmers moved their cattle to the hills."
RU = "Весной река поднялась. Крестьяне перегнали скот в горы."


def counts(app: Flask) -> dict[str, int]:
    """Rows in every table of the database."""
    from workbench.store.models import Base
    from workbench.web.db import get_session

    with app.app_context():
        session = get_session()
        return {table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
                for table in Base.metadata.sorted_tables}


def _form(**fields: Any) -> dict[str, Any]:
    return {"label_1": "en", "text_1": EN, "label_2": "ru", "text_2": RU, **fields}


def _refused(app: Flask, client: FlaskClient, url: str, data: dict[str, Any],
             status: int = 400, **kwargs: Any) -> str:
    """POST ``data``; assert ``status``, a message, and that no table changed."""
    before = counts(app)
    response = client.post(url, data=data, content_type="multipart/form-data", **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    page = soup(response)
    message = page.select_one(".form-error, .error-message")
    assert message is not None and message.get_text(strip=True)
    assert "Traceback" not in page.get_text()
    assert counts(app) == before
    return str(message.get_text(" ", strip=True))


def _file(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(data), name


UPLOADS = {
    "epub bomb": (hostile.epub_bomb(), "bomb.epub", "zip bomb"),
    "docx bomb": (hostile.docx_bomb(), "bomb.docx", "zip bomb"),
    "deep html": (hostile.deep_html(300), "deep.html", "deeper than"),
    "deep epub": (hostile.epub([hostile.deep_html(300)]), "deep.epub", "deeper than"),
    "deep docx": (hostile.deep_docx(300), "deep.docx", "deeper than"),
    "nul text": (b"hello.\n" * 20_000 + b"\x00" * 1000, "nul.txt", "binary"),
    "png as txt": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "notes.txt", "PNG"),
    "docx that is not a zip": (b"plain words", "report.docx", "not a DOCX"),
    "aligned as a version": (hostile.tmx(["en", "ru"]), "memory.tmx", "aligned material"),
}


@pytest.mark.parametrize("case", list(UPLOADS))
def test_hostile_version_uploads_are_refused(app: Flask, client: FlaskClient, case: str) -> None:
    data, name, expected = UPLOADS[case]
    message = _refused(app, client, "/comparisons/preview",
                       _form(text_1="", file_1=_file(data, name)))
    assert expected in message


@pytest.mark.parametrize(("fields", "expected"), [
    ({f"text_{n}": f"Text number {n}." for n in range(3, 10)}, "at most 4 versions"),
    ({"text_5": "A fifth version."}, "version 5"),
    ({"file_7": _file(b"seventh", "v7.txt")}, "version 7"),
    ({"label_1": "x" * 5000}, "at most 20 characters"),
    ({"label_1": "a|b"}, "“|”"),
    ({"lang_1": "xx-evil"}, "Unknown language"),
    ({"title": "t" * 5000}, "longer than 200"),
    ({"text_2": "   \n\t "}, "at least two versions"),
    ({"label_2": "en"}, "own label"),
    ({"project_id": "1180591620717411303424"}, "There is no project"),
    ({"chain": "en, xx"}, "chain"),
])
def test_hostile_form_fields_are_refused(app: Flask, client: FlaskClient,
                                         fields: dict[str, Any], expected: str) -> None:
    assert expected in _refused(app, client, "/comparisons/preview", _form(**fields))


def _token(client: FlaskClient, **fields: Any) -> str:
    response = client.post("/comparisons/preview", data=_form(**fields), headers=HX)
    assert response.status_code == 200
    return str(soup(response).select_one("input[name=draft]")["value"])


def test_a_hand_written_draft_is_not_accepted(app: Flask, client: FlaskClient) -> None:
    forged = json.dumps({"title": "x", "project_id": 7, "versions": [
        {"label": "l" * 5000, "text": "a", "lang": "evil"}] * 8})
    _refused(app, client, "/comparisons/draft", {"draft": forged, "op": "align"}, status=404)


@pytest.mark.parametrize("token", ["", "x" * 5000, "../../etc/passwd", "1 OR 1=1"])
def test_unknown_draft_tokens_are_404(app: Flask, client: FlaskClient, token: str) -> None:
    _refused(app, client, "/comparisons/draft", {"draft": token, "op": "merge:0:0"},
             status=404)


@pytest.mark.parametrize("op", ["merge:0:99999999999999999999", "split:-1:0", "merge:x:y",
                                "page:99999999999999999999", "bogus:0:0"])
def test_bad_preview_operations(app: Flask, client: FlaskClient, op: str) -> None:
    token = _token(client)
    _refused(app, client, "/comparisons/draft", {"draft": token, "op": op})


def test_a_refused_draft_leaves_no_orphan_project(app: Flask, client: FlaskClient) -> None:
    token = _token(client)
    message = _refused(app, client, "/comparisons/draft",
                       {"draft": token, "op": "align", "chain": "en, nowhere"})
    assert "chain" in message
    with app.app_context():  # the draft is still there to be corrected
        from workbench.store.drafts import get_draft
        from workbench.web.db import get_session

        assert get_draft(get_session(), token).state == "ready"


def test_a_draft_for_a_deleted_project_is_refused(app: Flask, client: FlaskClient) -> None:
    from workbench.store import create_project
    from workbench.store.models import Project
    from workbench.web.db import get_session

    with app.app_context():
        project_id = create_project(get_session(), "Soon gone")
    token = _token(client, project_id=str(project_id))
    with app.app_context():
        session = get_session()
        session.delete(session.get(Project, project_id))
        session.commit()
    assert "no project" in _refused(app, client, "/comparisons/draft",
                                    {"draft": token, "op": "align"})


def test_a_large_paste_is_segmented_in_the_job_queue(app: Flask, client: FlaskClient) -> None:
    app.config["INLINE_SEGMENT_CHARS"] = 50
    response = client.post("/comparisons/preview", data=_form())
    assert response.status_code == 303  # not segmented in the request: to the draft's page
    page = client.get(response.headers["Location"])
    assert page.status_code == 200  # the job ran (immediate mode): the preview is there
    assert len(soup(page).select("li.segment")) == 4


def test_a_failed_segmenting_job_says_why(app: Flask, client: FlaskClient) -> None:
    app.config["INLINE_SEGMENT_CHARS"] = 5
    response = client.post("/comparisons/preview", data=_form(text_2="12345 67890 !!!"))
    page = client.get(response.headers["Location"])
    assert page.status_code == 400
    assert soup(page).select_one(".form-error").get_text(strip=True)


def _import(app: Flask, client: FlaskClient, data: bytes, name: str, **fields: Any) -> Any:
    return client.post("/comparisons/import", data={"file": _file(data, name), **fields},
                       content_type="multipart/form-data")


ALIGNED = {
    "csv of 10,000 columns": (hostile.wide_csv(), "wide.csv", "10,000 columns"),
    "tmx with entities": (b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x "y">]><tmx/>',
                          "evil.tmx", "entities"),
    "nine languages": (hostile.tmx([f"l{n}" for n in range(9)]), "nine.tmx", "two to eight"),
    "one language": (hostile.tmx(["en"]), "one.tmx", "fewer than two"),
    "jsonl row of nine": (hostile.jsonl_rows(3, tuple(f"v{n}" for n in range(9))),
                          "nine.jsonl", "two to eight"),
    "csv with an unclosed quote": (b'en,ru\n"open,x\na,b\n', "open.csv", "not valid CSV"),
    "nul bytes": (b"en\tru\n" + b"a\x00\tb\n", "nul.tsv", "binary"),
    "long labels": (hostile.tmx(["x" * 30, "ru"]), "labels.tmx", "longer"),
}


@pytest.mark.parametrize("case", list(ALIGNED))
def test_hostile_aligned_files_are_refused(app: Flask, client: FlaskClient, case: str) -> None:
    data, name, expected = ALIGNED[case]
    message = _refused(app, client, "/comparisons/import", {"file": _file(data, name)})
    assert expected in message


def test_quoted_tsv_imports_every_line_unaltered(app: Flask, client: FlaskClient) -> None:
    data = hostile.quoted_tsv(50)
    response = _import(app, client, data, "../../quotes.tsv")
    assert response.status_code == 303
    from workbench.store.models import VersionModel
    from workbench.web.db import get_session

    with app.app_context():
        versions = get_session().scalars(select(VersionModel)).all()
        assert {v.source_filename for v in versions} == {"quotes.tsv"}
        cells = [line.split("\t") for line in data.decode().splitlines()]
        assert [v.text.split("\n") for v in versions] == [[c[0] for c in cells],
                                                          [c[1] for c in cells]]


def test_a_large_aligned_file_is_read_in_the_job_queue(app: Flask, client: FlaskClient) -> None:
    app.config["IMPORT_INLINE_BYTES"] = 1000
    before = counts(app)
    response = _import(app, client, hostile.jsonl_rows(200), "rows.jsonl")
    assert response.status_code == 303 and "/imports/" in response.headers["Location"]
    progress = client.get(response.headers["Location"])
    assert progress.status_code == 303 and progress.headers["Location"].endswith("/progress")
    after = counts(app)
    assert after["comparisons"] == before["comparisons"] + 1
    assert after["rows"] == before["rows"] + 200
    uploads = app.instance_path + "/imports"
    import os

    assert os.listdir(uploads) == []  # the kept upload is gone once read


def test_a_large_hostile_aligned_file_fails_its_job_and_stores_nothing(
        app: Flask, client: FlaskClient) -> None:
    app.config["IMPORT_INLINE_BYTES"] = 1000
    before = counts(app)
    response = _import(app, client, hostile.jsonl_rows(100, tuple(f"v{n}" for n in range(9))),
                       "nine.jsonl")
    page = client.get(response.headers["Location"])
    assert page.status_code == 400 and "two to eight" in soup(page).get_text()
    after = counts(app)
    assert {k: v for k, v in after.items() if k != "drafts"} == \
        {k: v for k, v in before.items() if k != "drafts"}


def test_queued_work_runs_in_a_child_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Served (not immediate), a draft is segmented in a child process: the server's GIL
    stays free; a refusal comes back as itself."""
    from workbench.errors import UserError
    from workbench.jobs.draft_jobs import in_child_process, read_import, segment_draft_data
    from workbench.jobs.queue import huey

    monkeypatch.setattr(huey, "immediate", False)
    data = {"versions": [{"label": "en", "text": EN, "lang": "en", "segments": []},
                         {"label": "ru", "text": RU, "lang": None, "segments": []}]}
    done = in_child_process(segment_draft_data, data)
    assert [v["lang"] for v in done["versions"]] == ["en", "ru"]
    assert [len(v["segments"]) for v in done["versions"]] == [2, 2]
    with pytest.raises(UserError, match="10,000 columns"):
        in_child_process(read_import, (hostile.wide_csv(), "wide.csv"))
