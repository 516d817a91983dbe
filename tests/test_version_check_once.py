"""The one check of versions (``ingest.versions.check_versions``) runs once on every path.

An upload from the web form or the API is checked where its versions are stored
(``jobs.enqueue_alignment``), not again when it is previewed or aligned; an import of
aligned material likewise; ``workbench align`` checks what it read, and ``compare``
does not check it again. The refusals stay what they were.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import EN, RU, running_test_app

API = "/api/v1"
DATA = Path(__file__).parent / "io" / "data"


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    yield from running_test_app(tmp_path, monkeypatch, WTF_CSRF_ENABLED=False)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def checks(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The labels of each call of ``check_versions``, wherever a module imported it from."""
    import workbench.cli.align_cmd
    import workbench.jobs.draft_jobs
    import workbench.jobs.service
    import workbench.pipeline  # noqa: F401  (every module that may call the check)
    from workbench.ingest import versions

    original = versions.check_versions
    calls: list[list[str]] = []

    def spy(given: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append([v.label for v in given])
        return original(given, *args, **kwargs)

    holders = [module for module in list(sys.modules.values())
               if getattr(module, "check_versions", None) is original]
    assert versions in holders and len(holders) > 1
    for module in holders:
        monkeypatch.setattr(module, "check_versions", spy)
    return calls


def _form(**extra: str) -> dict[str, str]:
    return {"title": "Dam", "label_1": "ru", "text_1": "\n\n".join(RU[:3]),
            "label_2": "", "lang_2": "en", "text_2": "\n\n".join(EN[:3]), **extra}


def _token(response: Any) -> str:
    html = response.get_data(as_text=True)
    marker = 'name="draft" value="'
    assert marker in html, html[:2000]
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_the_web_form_checks_once_from_preview_to_the_stored_comparison(
        client: FlaskClient, checks: list[list[str]]) -> None:
    preview = client.post("/comparisons/preview", data=_form())
    assert preview.status_code == 200 and checks == []  # the preview stores only a draft
    aligned = client.post("/comparisons/draft", data={"draft": _token(preview), "op": "align"})
    assert aligned.status_code == 303
    review = client.get(aligned.headers["Location"].removesuffix("/progress"))
    assert review.status_code == 200  # the job ran (immediate mode) and stored the rows
    assert checks == [["ru", "en"]]  # the unlabelled English version took its language


def test_a_draft_segmented_by_the_job_is_checked_once(
        app: Flask, client: FlaskClient, checks: list[list[str]]) -> None:
    app.config["INLINE_SEGMENT_CHARS"] = 10  # the draft goes to the (immediate) job queue
    waiting = client.post("/comparisons/preview", data=_form())
    assert waiting.status_code == 303
    preview = client.get(waiting.headers["Location"])
    aligned = client.post("/comparisons/draft", data={"draft": _token(preview), "op": "align"})
    assert aligned.status_code == 303 and checks == [["ru", "en"]]


def test_a_refused_chain_is_said_before_anything_is_stored(
        client: FlaskClient, checks: list[list[str]]) -> None:
    refused = client.post("/comparisons/preview", data=_form(chain="ru, fr"))
    assert refused.status_code == 400 and "chain" in refused.get_data(as_text=True)
    assert checks == []


def test_the_api_checks_texts_and_files_once(client: FlaskClient,
                                            checks: list[list[str]]) -> None:
    texts = client.post(f"{API}/comparisons", json={"title": "Dam", "versions": [
        {"label": "ru", "text": "\n".join(RU[:3])}, {"text": "\n".join(EN[:3]), "lang": "en"}]})
    assert texts.status_code == 202, texts.get_data(as_text=True)
    assert texts.get_json()["state"] == "ready" and checks == [["ru", "en"]]
    files = client.post(f"{API}/comparisons/files", data={
        "label_1": "ru", "label_2": "en", "chain": "ru,en",
        "file_1": (io.BytesIO("\n\n".join(RU).encode("utf-8")), "river.ru.txt"),
        "file_2": (io.BytesIO("\n\n".join(EN).encode("utf-8")), "river.en.txt"),
    }, content_type="multipart/form-data")
    assert files.status_code == 202, files.get_data(as_text=True)
    assert checks == [["ru", "en"], ["ru", "en"]]


def test_an_import_is_checked_once_and_still_refuses_a_bad_chain(
        client: FlaskClient, checks: list[list[str]]) -> None:
    data = (DATA / "other_tool.tmx").read_bytes()
    imported = client.post("/comparisons/import", content_type="multipart/form-data", data={
        "file": (io.BytesIO(data), "memory.tmx"), "chain": "zh-CN, ru-RU, en-US"})
    assert imported.status_code == 303 and len(checks) == 1
    refused = client.post("/comparisons/import", content_type="multipart/form-data", data={
        "file": (io.BytesIO(data), "memory.tmx"), "chain": "zh-CN, fr"})
    assert refused.status_code == 400
    assert "The chain names unknown versions (fr)" in refused.get_data(as_text=True)
    assert len(checks) == 2


@pytest.mark.model
def test_workbench_align_checks_once_and_still_refuses(
        tmp_path: Path, tmp_home: Path, checks: list[list[str]]) -> None:
    from workbench.cli import cli

    paths = []
    for lang, lines in (("ru", RU[:2]), ("en", EN[:2])):
        path = tmp_path / f"river.{lang}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(str(path))
    aligned = CliRunner().invoke(cli, ["align", *paths, "--chain", "ru,en"])
    assert aligned.exit_code == 0, aligned.output
    assert checks == [["ru", "en"]]
    refused = CliRunner().invoke(cli, ["align", *paths, "--labels", "a,a"])
    assert refused.exit_code != 0
    assert "every version needs a distinct label (got a, a)" in refused.output
    assert len(checks) == 2
