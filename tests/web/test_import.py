"""Open aligned material in the browser: the file's pairing is kept, then scored and checked."""

from __future__ import annotations

import io
from pathlib import Path

from flask.testing import FlaskClient

from tests.web.conftest import HX, soup

DATA = Path(__file__).parent.parent / "io" / "data"


def _upload(client: FlaskClient, name: str, data: bytes, **form: str) -> object:
    fields: dict[str, object] = {"file": (io.BytesIO(data), name), **form}
    return client.post("/comparisons/import", data=fields, content_type="multipart/form-data")


def test_form_full_page_and_linked_from_new(client: FlaskClient, rendered: list[str]) -> None:
    page = soup(client.get("/comparisons/import"))
    assert rendered[-1] == "import.html"
    assert page.select_one("form#import-form input[type=file][name=file]") is not None
    new = soup(client.get("/comparisons/new"))
    assert new.select_one("a[href='/comparisons/import']") is not None


def test_tmx_opens_as_a_comparison_with_its_pairs(client: FlaskClient) -> None:
    response = _upload(client, "memory.tmx", (DATA / "other_tool.tmx").read_bytes(),
                       chain="zh-CN, ru-RU, en-US")
    assert response.status_code == 303  # type: ignore[attr-defined]
    progress = response.headers["Location"]  # type: ignore[attr-defined]
    assert progress.endswith("/progress")
    review = client.get(progress.removesuffix("/progress"))
    assert review.status_code == 200  # the job ran (immediate mode): ready for review
    page = soup(review)
    rows = page.select("article.row")
    assert [r.select_one(".kind").get_text() for r in rows] == ["1-1-1", "1-0-1"]
    cells = [c.get_text(strip=True) for c in rows[0].select(".cell")]
    assert cells == ["他在2024年来到莫斯科。", "Он приехал в Москву в 2024 году.",
                     "He came to Moscow in 2024."]
    assert rows[0].select(".scores li")  # every pair scored
    assert "Omission" in rows[1].select_one("li.flag").get_text()  # nothing in ru-RU


def test_bad_files_get_one_clear_message_and_nothing_is_stored(client: FlaskClient) -> None:
    hostile = (b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv>'
               b'</tu></body></tmx>')
    for name, data in (("bad.tmx", hostile), ("empty.tmx", b""),
                       ("one.csv", b"en\nonly one column\n"),
                       ("notes.txt", b"just text")):
        response = _upload(client, name, data)
        assert response.status_code == 400, name  # type: ignore[attr-defined]
        error = soup(response).select_one(".form-error")
        assert error is not None and error.get_text(strip=True), name
    assert "Traceback" not in soup(_upload(client, "bad.tmx", hostile)).get_text()
    projects = soup(client.get("/projects")).get_text()
    assert "bad.tmx" not in projects and "one.csv" not in projects


def test_htmx_submit_redirects_client_side(client: FlaskClient) -> None:
    response = client.post("/comparisons/import", headers=HX, content_type="multipart/form-data",
                           data={"file": (io.BytesIO((DATA / "other_tool.tmx").read_bytes()),
                                          "memory.tmx")})
    assert response.status_code == 200 and response.headers["HX-Redirect"].endswith("/progress")
