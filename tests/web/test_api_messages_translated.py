"""The API's problem details and the shared version check speak the request's language
(``Accept-Language``), like the web UI: one message each in Russian and in Chinese."""

from __future__ import annotations

import io
from pathlib import Path
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


@pytest.mark.parametrize(("language", "missing", "choice", "unknown"), [
    ("en", "This field is required.", "The value must be one of: auto, ",
     "This field is not known here."),
    ("ru", "Это поле обязательно.", "Значение должно быть одним из: auto, ",
     "Такое поле здесь не принимается."),
    ("zh", "此字段为必填项。", "值必须是以下之一：auto, ", "此处不接受这个字段。"),
])
def test_the_field_messages_of_a_refused_request_are_in_the_requested_language(
        client: FlaskClient, language: str, missing: str, choice: str, unknown: str) -> None:
    answer = client.post("/api/v1/comparisons", headers={"Accept-Language": language},
                         json={"versions": [{"lang": "klingon", "text": "x"}, {}],
                               "colour": "blue"})
    assert answer.status_code == 422
    errors = _problem(answer)["errors"]["json"]
    assert errors["versions"]["1"]["text"] == [missing]
    assert errors["versions"]["0"]["lang"][0].startswith(choice)
    assert errors["colour"] == [unknown]  # the client's key kept, the line translated


def test_every_field_message_template_is_translated() -> None:
    from babel.messages.pofile import read_po

    from workbench.api import field_errors

    templates = {template for _pattern, template in field_errors.FIELD_MESSAGES}
    root = Path(field_errors.__file__).parents[1] / "translations"
    for language in ("ru", "zh"):
        with (root / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle)
        untranslated = {t for t in templates
                        if not ((found := catalog.get(t)) is not None and found.string)}
        assert not untranslated, (language, untranslated)
