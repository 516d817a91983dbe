"""The API's problem details and the shared version check speak the request's language
(``Accept-Language``), like the web UI: one message each in Russian and in Chinese."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask.testing import FlaskClient

from bench import hostile
from tests.web.conftest import soup

NINE_VERSIONS = hostile.jsonl_rows(3, tuple(f"v{n}" for n in range(9)))


def _problem(answer: Any) -> dict[str, Any]:
    assert answer.mimetype == "application/problem+json", answer.get_data(as_text=True)
    body: dict[str, Any] = answer.get_json()
    return body


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "There is no such resource (it may have been merged or deleted)."),
    ("ru", "Такого ресурса нет (возможно, его объединили или удалили)."),
    ("zh", "没有这个资源（它可能已被合并或删除）。"),
])
def test_an_api_refusal_is_in_the_requested_language(client: FlaskClient, language: str,
                                                     expected: str) -> None:
    answer = client.get("/api/v1/no-such-thing", headers={"Accept-Language": language})
    assert answer.status_code == 404
    assert _problem(answer)["detail"] == expected
    assert answer.headers["Content-Language"] == language
    assert "Accept-Language" in answer.headers["Vary"]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "A comparison needs two to eight versions; 9 given."),
    ("ru", "Для сравнения нужно от двух до 8 версий; дано: 9."),
    ("zh", "比较需要两到 8 个版本；给出了 9 个。"),
])
def test_the_version_check_refuses_in_the_requested_language(
        client: FlaskClient, language: str, expected: str) -> None:
    answer = client.post("/api/v1/check", headers={"Accept-Language": language},
                         content_type="multipart/form-data",
                         data={"file": (io.BytesIO(NINE_VERSIONS), "nine.jsonl")})
    assert answer.status_code == 400
    assert _problem(answer)["detail"] == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("ru", "Для сравнения нужно от двух до 8 версий; дано: 9."),
    ("zh", "比较需要两到 8 个版本；给出了 9 个。"),
])
def test_an_import_refused_by_the_version_check_says_so_in_the_ui_language(
        client: FlaskClient, language: str, expected: str) -> None:
    answer = client.post("/comparisons/import", headers={"Accept-Language": language},
                         content_type="multipart/form-data",
                         data={"file": (io.BytesIO(NINE_VERSIONS), "nine.jsonl")})
    assert answer.status_code == 400
    assert expected in soup(answer).get_text()
