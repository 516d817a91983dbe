"""Creating a comparison: paste or upload -> segmentation preview -> edit -> align job."""

from __future__ import annotations

import io
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, soup

RU_TEXT = ("Весной река поднялась. Крестьяне перегнали скот в горы.\n\n"
           "В 1998 году плотину достроили.")
EN_TEXT = ("The river rose in spring. Farmers moved their cattle to the hills.\n\n"
           "In 1998 the dam was finished.")


def _preview(client: FlaskClient, **extra: str) -> Any:
    data = {"title": "Dam", "label_1": "ru", "lang_1": "auto", "text_1": RU_TEXT,
            "label_2": "en", "lang_2": "en", "text_2": EN_TEXT}
    data.update(extra)
    return client.post("/comparisons/preview", data=data, headers=HX)


def _token(response: Any) -> str:
    """The draft's opaque token: all the page holds of it."""
    return str(soup(response).select_one("input[name=draft]")["value"])


def _stored(app: Flask, token: str) -> Any:
    """The draft as the server keeps it."""
    from workbench.store.drafts import get_draft
    from workbench.web.db import get_session

    with app.app_context():
        return get_draft(get_session(), token).data


def _texts(version: Any) -> list[str]:
    """Segment texts of a stored version (bounds only, unless a text differs from its slice)."""
    return [s[3] if len(s) > 3 else version["text"][s[0]:s[1]] for s in version["segments"]]


def _draft(client: FlaskClient, response: Any) -> Any:
    return _stored(client.application, _token(response))


def test_new_form_full_and_partial(client: FlaskClient, rendered: list[str]) -> None:
    page = soup(client.get("/comparisons/new"))
    assert rendered[-1] == "create.html"
    assert page.select_one("textarea[name=text_4]") is not None  # up to four versions
    assert page.select_one("form#create-form")["enctype"] == "multipart/form-data"
    client.get("/comparisons/new", headers=HX)
    assert rendered[-1] == "partials/_create_form.html"


def test_preview_segments_and_detects_language(client: FlaskClient, rendered: list[str]) -> None:
    response = _preview(client)
    assert response.status_code == 200
    assert rendered[-1] == "partials/_preview.html"
    draft = _draft(client, response)
    versions = draft["versions"]
    assert [v["lang"] for v in versions] == ["ru", "en"]
    assert [len(v["segments"]) for v in versions] == [3, 3]
    page = soup(response)
    assert [s.get_text() for s in page.select("section[lang=ru] .segment-text")] == [
        "Весной река поднялась.", "Крестьяне перегнали скот в горы.",
        "В 1998 году плотину достроили."]


def test_preview_from_uploaded_files(client: FlaskClient) -> None:
    data = {"label_1": "ru", "file_1": (io.BytesIO(RU_TEXT.encode("cp1251")), "ru.txt"),
            "label_2": "en", "file_2": (io.BytesIO(EN_TEXT.encode()), "en.txt")}
    response = client.post("/comparisons/preview", data=data, headers=HX,
                           content_type="multipart/form-data")
    assert response.status_code == 200
    draft = _draft(client, response)
    first = draft["versions"][0]
    assert first["text"].startswith("Весной")
    assert first["filename"] == "ru.txt"


def test_merge_and_split_in_preview(client: FlaskClient) -> None:
    token = _token(_preview(client))
    merged = client.post("/comparisons/draft", headers=HX, data={
        "draft": token, "op": "merge:0:0"})
    assert _token(merged) == token
    merged_draft = _draft(client, merged)
    texts = _texts(merged_draft["versions"][0])
    assert texts[0] == "Весной река поднялась. Крестьяне перегнали скот в горы."
    split = client.post("/comparisons/draft", headers=HX, data={
        "draft": token, "op": "split:0:0", "split_before_0_0": "Крестьяне"})
    texts = _texts(_draft(client, split)["versions"][0])
    assert texts[:2] == ["Весной река поднялась.", "Крестьяне перегнали скот в горы."]


def test_bad_preview_edits_are_friendly(client: FlaskClient) -> None:
    draft = _token(_preview(client))
    missing = client.post("/comparisons/draft", headers=HX, data={
        "draft": draft, "op": "split:0:0", "split_before_0_0": "nowhere"})
    assert missing.status_code == 400
    assert "was not found" in soup(missing).select_one(".form-error").get_text()
    last = client.post("/comparisons/draft", headers=HX, data={"draft": draft, "op": "merge:0:2"})
    assert last.status_code == 400
    garbage = client.post("/comparisons/draft", data={"draft": "{not json", "op": "merge:0:0"})
    assert garbage.status_code == 404
    assert "start again" in soup(garbage).select_one(".error-message").get_text()


def test_bad_create_input_is_refused_with_a_message(client: FlaskClient) -> None:
    one = client.post("/comparisons/preview", data={"text_1": "Only one."})
    assert one.status_code == 400
    assert "at least two versions" in soup(one).select_one(".form-error").get_text()
    same = _preview(client, label_2="ru")
    assert same.status_code == 400
    chain = _preview(client, chain="ru, xx")
    assert "chain" in soup(chain).select_one(".form-error").get_text()
    # the user's text is kept in the form
    assert soup(chain).select_one("textarea[name=text_1]").get_text() == RU_TEXT


def test_too_large_upload_is_413_and_nothing_stored(app: Flask, client: FlaskClient) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024
    data = {"label_1": "ru", "file_1": (io.BytesIO(b"x" * 4096), "big.txt"),
            "label_2": "en", "text_2": "Hello."}
    response = client.post("/comparisons/preview", data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "nothing was stored" in soup(response).select_one(".error-message").get_text()
    assert client.get("/").headers["Location"].endswith("/projects")


def test_align_enqueues_job_and_redirects_to_progress(client: FlaskClient) -> None:
    draft = _token(_preview(client))
    response = client.post("/comparisons/draft", data={"draft": draft, "op": "align"})
    assert response.status_code == 303
    assert "/progress" in response.headers["Location"]
    again = client.post("/comparisons/draft", data={"draft": draft, "op": "align"})
    assert again.status_code == 404  # an aligned draft is used up: no second comparison
    htmx = client.post("/comparisons/draft", data={"draft": _token(_preview(client)),
                                                   "op": "align"}, headers=HX)
    assert htmx.headers["HX-Redirect"].endswith("/progress")


def test_unreadable_upload_is_refused_and_nothing_stored(client: FlaskClient) -> None:
    data = {"label_1": "ru", "file_1": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
                                        "picture.png"),
            "label_2": "en", "text_2": "Hello."}
    response = client.post("/comparisons/preview", data=data, headers=HX,
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert soup(response).select_one(".form-error").get_text().strip()
    assert client.get("/").headers["Location"].endswith("/projects")


def test_an_upload_without_text_is_refused_by_name_not_dropped(client: FlaskClient) -> None:
    # three versions given, one of them markup around nothing: never compared as two
    data = {"label_1": "ru", "text_1": "Привет.", "label_2": "en", "text_2": "Hello.",
            "label_3": "zh", "file_3": (io.BytesIO(b"<html><body><p> </p></body></html>"),
                                        "blank.html")}
    response = client.post("/comparisons/preview", data=data, headers=HX,
                           content_type="multipart/form-data")
    assert response.status_code == 400
    message = soup(response).select_one(".form-error").get_text()
    assert "blank.html" in message and "no text" in message
    assert client.get("/").headers["Location"].endswith("/projects")


def test_language_choice_covers_the_model_languages_with_localised_names(
        client: FlaskClient) -> None:
    options = soup(client.get("/comparisons/new", headers={"Accept-Language": "ru"})).select(
        "select[name=lang_1] option")
    names = {o["value"]: o.get_text(strip=True) for o in options}
    assert names["ru"] == "русский"
    assert names["de"] == "немецкий"  # Babel's name in the UI language
    response = _preview(client, lang_1="de", text_1="Der Fluss stieg im Frühling.")
    assert response.status_code == 200
    assert _draft(client, response)["versions"][0]["lang"] == "de"


def test_long_previews_are_shown_a_page_at_a_time(app: Flask, client: FlaskClient) -> None:
    app.config["PREVIEW_SEGMENTS"] = 2
    first = soup(_preview(client))
    assert [len(sec.select("li.segment")) for sec in first.select("section.preview-version")] \
        == [2, 2]
    assert first.select_one("nav.preview-pages button[value='page:2']") is not None
    draft = first.select_one("input[name=draft]")["value"]
    second = soup(client.post("/comparisons/draft", headers=HX,
                              data={"draft": draft, "op": "page:2", "start": "0"}))
    texts = [li.select_one(".segment-text").get_text() for li in second.select("li.segment")]
    assert texts == ["В 1998 году плотину достроили.", "In 1998 the dam was finished."]
    assert second.select_one("ol.segments")["start"] == "3"
    assert second.select_one("input[name=start]")["value"] == "2"
    # an edit on the second page keeps the user there
    split = soup(client.post("/comparisons/draft", headers=HX, data={
        "draft": draft, "start": "2", "op": "split:1:2", "split_before_1_2": "the dam"}))
    shown = [li.select_one(".segment-text").get_text() for li in split.select("li.segment")]
    assert shown[-2:] == ["In 1998", "the dam was finished."]


def test_a_file_read_as_another_format_is_said_in_the_preview(client: FlaskClient) -> None:
    from tests.io.builders import make_docx

    data = {"label_1": "ru", "text_1": RU_TEXT, "label_2": "en",
            "file_2": (io.BytesIO(make_docx(["The river rose in spring."])), "spring.odt")}
    client.set_cookie("workbench_locale", "ru")
    response = client.post("/comparisons/preview", data=data, headers=HX,
                           content_type="multipart/form-data")
    assert response.status_code == 200
    assert [v.get("read_as") for v in _draft(client, response)["versions"]] == [None, "DOCX"]
    (note,) = soup(response).select(".read-as")
    assert "spring.odt" in note.get_text() and "прочитан как DOCX" in note.get_text()


def test_a_kept_upload_read_by_the_job_keeps_the_format_it_was_read_as(tmp_path: Any) -> None:
    from tests.io.builders import make_docx
    from workbench.jobs.draft_jobs import KEPT_UPLOAD, read_kept_upload

    path = tmp_path / "kept.upload"
    path.write_bytes(make_docx(["The river rose in spring."]))
    version: dict[str, Any] = {"filename": "spring.odt", KEPT_UPLOAD: str(path)}
    read_kept_upload(version)
    assert version["read_as"] == "DOCX" and version["text"].startswith("The river")
    version = {"filename": "spring.docx", KEPT_UPLOAD: str(path)}
    read_kept_upload(version)
    assert version["read_as"] == ""
