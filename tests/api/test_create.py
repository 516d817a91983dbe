"""Creating comparisons from texts (JSON) and files (multipart); watching their job."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.conftest import API, assert_problem, rows_of, snapshot
from tests.web.conftest import EN, RU, ZH


def _versions(*pairs: tuple[str, list[str]]) -> list[dict[str, Any]]:
    return [{"label": label, "text": "\n".join(lines), "segmented": True}
            for label, lines in pairs]


def test_texts_become_a_comparison_whose_job_can_be_watched(client: FlaskClient) -> None:
    response = client.post(f"{API}/comparisons", json={
        "title": "River", "chain": ["zh", "ru", "en"],
        "versions": _versions(("zh", ZH), ("ru", RU), ("en", EN))})
    assert response.status_code == 202, response.get_data(as_text=True)
    created = response.get_json()
    assert response.headers["Location"] == f"{API}/comparisons/{created['id']}"
    assert created["labels"] == ["zh", "ru", "en"] and created["chain"] == ["zh", "ru", "en"]
    job = client.get(f"{API}/comparisons/{created['id']}/job").get_json()
    assert job["kind"] == "align" and job["state"] == "done" and job["finished"]
    assert job["percent"] == 100.0
    comparison = client.get(response.headers["Location"]).get_json()
    assert comparison["state"] == "ready" and comparison["row_count"] == len(ZH)
    rows = rows_of(client, created["id"])
    assert [row["text"]["ru"] for row in rows] == RU
    projects = client.get(f"{API}/projects").get_json()
    assert [p["name"] for p in projects] == ["River"]


def test_versions_without_labels_take_their_language(client: FlaskClient) -> None:
    response = client.post(f"{API}/comparisons", json={"versions": [
        {"text": " ".join(RU)}, {"text": " ".join(EN), "lang": "en"}]})
    assert response.status_code == 202, response.get_data(as_text=True)
    assert response.get_json()["labels"] == ["ru", "en"]


def test_a_queued_job_reports_progress_until_a_worker_runs_it(app: Flask,
                                                              client: FlaskClient) -> None:
    from workbench.jobs import configure_queue

    configure_queue(None, immediate=False)
    try:
        response = client.post(f"{API}/comparisons", json={
            "versions": _versions(("ru", RU), ("en", EN))})
    finally:
        configure_queue(None, immediate=True)
    comparison_id = response.get_json()["id"]
    job = client.get(f"{API}/comparisons/{comparison_id}/job").get_json()
    assert job["state"] == "queued" and not job["finished"]
    assert_problem(client.get(f"{API}/comparisons/{comparison_id}/rows"), 409)
    assert_problem(client.post(f"{API}/comparisons/{comparison_id}/job/retry"), 400)


REFUSED = [
    ({"versions": _versions(("ru", RU))}, 422),  # one version
    ({"versions": _versions(("ru", RU), ("en", ["   "]))}, 422),  # only spaces
    ({"versions": _versions(("ru", RU), ("ru", EN))}, 400),  # one label twice
    ({"versions": _versions(("r|u", RU), ("en", EN))}, 422),
    ({"versions": _versions(("ru", RU), ("en", EN)), "chain": ["ru", "de"]}, 400),
    ({"versions": _versions(("ru", RU), ("en", EN)), "project_id": 999}, 404),
    ({"versions": [{"text": "x", "lang": "klingon"}, {"text": "y"}]}, 422),
    ({"versions": _versions(("ru", RU), ("en", EN)), "colour": "blue"}, 422),
    ({"versions": _versions(*[(f"v{n}", EN) for n in range(5)])}, 422),
]


@pytest.mark.parametrize(("body", "status"), REFUSED)
def test_refused_creations_store_nothing(app: Flask, client: FlaskClient,
                                         body: dict[str, Any], status: int) -> None:
    before = snapshot(app)
    assert_problem(client.post(f"{API}/comparisons", json=body), status)
    assert snapshot(app) == before  # not even the project a new comparison would have made


def test_a_body_that_is_not_json_is_refused(app: Flask, client: FlaskClient) -> None:
    before = snapshot(app)
    assert_problem(client.post(f"{API}/comparisons", data="{not json",
                               content_type="application/json"), 400)
    assert snapshot(app) == before


def test_files_become_a_comparison(client: FlaskClient) -> None:
    response = client.post(f"{API}/comparisons/files", data={
        "title": "Uploaded", "label_1": "ru", "label_2": "en", "chain": "ru,en",
        "file_1": (io.BytesIO("\n\n".join(RU).encode("utf-8")), "river.ru.txt"),
        "file_2": (io.BytesIO("\n\n".join(EN).encode("utf-16")), "river.en.txt"),
    }, content_type="multipart/form-data")
    assert response.status_code == 202, response.get_data(as_text=True)
    created = response.get_json()
    assert created["labels"] == ["ru", "en"] and created["state"] == "ready"
    assert [v["source_filename"] for v in created["versions"]] == ["river.ru.txt",
                                                                   "river.en.txt"]
    assert rows_of(client, created["id"])[0]["text"]["en"] == EN[0]


def test_refused_uploads_store_nothing(app: Flask, client: FlaskClient) -> None:
    before = snapshot(app)
    one_file = client.post(f"{API}/comparisons/files", data={
        "file_1": (io.BytesIO("\n".join(RU).encode()), "ru.txt")},
        content_type="multipart/form-data")
    assert "at least two" in assert_problem(one_file, 400)["detail"]
    empty = client.post(f"{API}/comparisons/files", data={
        "file_1": (io.BytesIO(b""), "ru.txt"), "file_2": (io.BytesIO(b"x y z"), "en.txt")},
        content_type="multipart/form-data")
    assert "empty" in assert_problem(empty, 400)["detail"]
    bad_lang = client.post(f"{API}/comparisons/files", data={
        "lang_1": "xx", "file_1": (io.BytesIO(b"a b"), "a.txt"),
        "file_2": (io.BytesIO(b"c d"), "b.txt")}, content_type="multipart/form-data")
    assert "lang_1" in assert_problem(bad_lang, 422)["errors"]["multipart"]
    assert snapshot(app) == before


def test_a_request_over_the_size_limit_is_413(app: Flask, client: FlaskClient) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 2000
    before = snapshot(app)
    big = {"versions": _versions(("ru", RU * 20), ("en", EN * 20))}
    assert_problem(client.post(f"{API}/comparisons", json=big), 413)
    upload = client.post(f"{API}/comparisons/files", data={
        "file_1": (io.BytesIO(b"x " * 2000), "a.txt"), "file_2": (io.BytesIO(b"y"), "b.txt")},
        content_type="multipart/form-data")
    assert_problem(upload, 413)
    assert snapshot(app) == before


def test_a_failed_job_says_why_and_can_be_retried(client: FlaskClient) -> None:
    from tests.web.test_jobs import BrokenEncoder
    from workbench.jobs import set_job_encoder
    from workbench.nlp.embed.fake import FakeEncoder

    set_job_encoder(BrokenEncoder())
    created = client.post(f"{API}/comparisons", json={
        "versions": _versions(("ru", RU), ("en", EN))}).get_json()
    job = client.get(f"{API}/comparisons/{created['id']}/job").get_json()
    assert job["state"] == "failed" and job["finished"] and "model files" in job["error"]
    assert client.get(f"{API}/comparisons/{created['id']}").get_json()["state"] == "failed"
    set_job_encoder(FakeEncoder())
    retried = client.post(f"{API}/comparisons/{created['id']}/job/retry")
    assert retried.status_code == 202 and retried.get_json()["state"] == "done"
    assert len(rows_of(client, created["id"])) == len(RU)


def test_a_project_is_read_by_its_id_with_its_comparison_count(client: FlaskClient) -> None:
    created = client.post(f"{API}/comparisons", json={
        "title": "River", "versions": _versions(("ru", RU), ("en", EN))}).get_json()
    listed = client.get(f"{API}/projects").get_json()
    project_id = listed[0]["id"]
    one = client.get(f"{API}/projects/{project_id}").get_json()
    assert one == listed[0] and one["comparison_count"] == 1 and created["id"]
    assert_problem(client.get(f"{API}/projects/{project_id + 1}"), 404)
