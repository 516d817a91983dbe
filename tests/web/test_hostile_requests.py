"""Hostile requests (query strings, form fields, ids, headers, Host and Origin).

Each case asserts a clear 4xx in words (no exception text), or the correct handling,
and that nothing stored changed. A 500 fails the test by itself: the app fixture sets
``PROPAGATE_UNHANDLED``, so a bug raises instead of rendering the friendly page.
The upload and file cases are in the upload tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import HX, soup

BIG = str(2**63)  # one past SQLite's largest integer
HUGE = "100000000000000000000"  # 10^20
HUGER = "1180591620717411303424"  # 2^70
INTERNALS = ("Traceback", "Error(", "object is not", "KeyError", "ValueError",
             "OverflowError", "sqlalchemy", "NoneType")


def state(app: Flask) -> tuple[Any, ...]:
    """Everything a request could change: rows, flags, comments, history, names."""
    from workbench.store import session_scope
    from workbench.store.models import (
        AlignmentRow,
        CommentModel,
        Comparison,
        FlagModel,
        HistoryEntry,
        IdempotencyRecord,
        Project,
    )

    with session_scope(app.config["DATABASE_URL"]) as session:
        def rows(*columns: Any) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in session.execute(select(*columns).order_by(columns[0]))]

        return (rows(AlignmentRow.id, AlignmentRow.position, AlignmentRow.status),
                rows(FlagModel.id, FlagModel.row_id, FlagModel.dismissed_at),
                rows(CommentModel.id, CommentModel.text),
                rows(HistoryEntry.id, HistoryEntry.state),
                rows(Project.id, Project.name),
                rows(Comparison.id, Comparison.title, Comparison.project_id),
                rows(IdempotencyRecord.id))


def first_row(client: FlaskClient, comparison_id: int) -> str:
    return str(soup(client.get(f"/comparisons/{comparison_id}")).select_one(
        "article.row")["data-row-id"])


def first_flag(client: FlaskClient, comparison_id: int) -> str:
    form = soup(client.get(f"/comparisons/{comparison_id}")).select_one(
        "form[action*='/flags/'][action$='/dismiss']")
    return str(form["action"]).split("/flags/")[1].split("/")[0]


def refused(response: Any, *statuses: int) -> str:
    """The response is one of ``statuses`` and its text shows no internals; the text."""
    text = response.get_data(as_text=True)
    assert response.status_code in statuses, (response.status_code, text[:500])
    for word in INTERNALS:
        assert word not in text, word
    return text


# -- ids out of range in the URL: 404, never an OverflowError -----------------------

URL_IDS: list[tuple[str, str, str]] = [
    ("GET", f"/comparisons/{BIG}", ""),
    ("GET", f"/comparisons/{HUGE}", ""),
    ("GET", f"/comparisons/{HUGER}/overview", ""),
    ("GET", f"/comparisons/{BIG}/export", ""),
    ("GET", f"/comparisons/{BIG}/download?format=tmx", ""),
    ("GET", f"/comparisons/{BIG}/history", ""),
    ("GET", f"/comparisons/{BIG}/progress", ""),
    ("GET", f"/projects/{HUGER}", ""),
    ("GET", "/comparisons/{cid}/rows/" + BIG, ""),
    ("POST", "/comparisons/{cid}/rows/" + BIG + "/status", "status=accepted"),
    ("POST", "/comparisons/{cid}/rows/" + HUGE + "/flags", "category=other&severity=minor"),
    ("POST", "/comparisons/{cid}/flags/" + BIG + "/delete", ""),
    ("POST", "/comparisons/{cid}/flags/" + BIG + "/dismiss", ""),
    ("POST", f"/comparisons/{BIG}/undo", ""),
    ("POST", f"/comparisons/{BIG}/history/undo-to", "to=start"),
    ("POST", f"/projects/{HUGER}/rename", "name=x"),
    ("POST", f"/comparisons/{BIG}/delete", "confirm=yes"),
    ("GET", "/comparisons/-1", ""),
]


@pytest.mark.parametrize(("method", "url", "body"), URL_IDS)
def test_out_of_range_ids_in_urls_are_404(app: Flask, client: FlaskClient, comparison_id: int,
                                          method: str, url: str, body: str) -> None:
    before = state(app)
    response = client.open(url.format(cid=comparison_id), method=method, data=body,
                           content_type="application/x-www-form-urlencoded")
    refused(response, 404)
    assert state(app) == before


# -- query strings -----------------------------------------------------------------------

QUERIES = [
    "?offset=" + HUGE, "?offset=-1", "?offset=1e3", "?offset=%D9%A3",  # Arabic-Indic 3
    "?offset=0x10", "?threshold=nan", "?threshold=inf", "?threshold=2", "?threshold=-0.5",
    "?threshold=1e999", "?filter=%3Cscript%3E", "?filter=flagged%00",
]


@pytest.mark.parametrize("query", QUERIES)
def test_review_page_refuses_nonsense_queries(client: FlaskClient, comparison_id: int,
                                              query: str) -> None:
    text = refused(client.get(f"/comparisons/{comparison_id}{query}"), 400)
    assert "<script>" not in text


@pytest.mark.parametrize("query", ["?row=" + HUGE, "?row=-1", "?row=abc", "?row=0", "?row=7",
                                   "?row=" + "9" * 5000])
def test_go_to_row_refuses_rows_that_do_not_exist(client: FlaskClient, comparison_id: int,
                                                  query: str) -> None:
    text = refused(client.get(f"/comparisons/{comparison_id}/goto{query}"), 400)
    assert "1 to 6" in text


@pytest.mark.parametrize("query", ["?after=" + HUGE, "?after=-2", "?to=nowhere",
                                   "?after=x&dir=prev"])
def test_jump_refuses_nonsense(client: FlaskClient, comparison_id: int, query: str) -> None:
    refused(client.get(f"/comparisons/{comparison_id}/jump{query}", headers=HX), 400)


def test_history_offsets(client: FlaskClient, comparison_id: int) -> None:
    refused(client.get(f"/comparisons/{comparison_id}/history?offset=-5"), 400)
    refused(client.get(f"/comparisons/{comparison_id}/history?offset={HUGE}"), 400)
    page = client.get(f"/comparisons/{comparison_id}/history?undone={HUGER}&to={BIG}")
    assert page.status_code == 200  # a nonsense notice is not shown, the page is


@pytest.mark.parametrize("query", ["?format=exe", "?format=tmx&min_score=nan",
                                   "?format=tmx&min_score=7", "?format=tmx&pair=zh|zh",
                                   "?format=tmx&pair=zh|xx", "?format=tmx&rows=bogus"])
def test_download_refuses_bad_options(client: FlaskClient, comparison_id: int,
                                      query: str) -> None:
    refused(client.get(f"/comparisons/{comparison_id}/download{query}"), 400)


# -- form fields: refused before anything is written ------------------------------------


ACCEPT = {"status": "accepted"}
FLAG = {"category": "other", "severity": "minor"}
FORMS: dict[str, tuple[str, dict[str, str]]] = {  # "ROW" stands for the first row's id
    "status accepted with offset -1": ("rows/ROW/status", {**ACCEPT, "offset": "-1"}),
    "status accepted with a huge offset": ("rows/ROW/status", {**ACCEPT, "offset": HUGE}),
    "status accepted with threshold nan": ("rows/ROW/status", {**ACCEPT, "threshold": "nan"}),
    "status accepted, unknown filter": ("rows/ROW/status", {**ACCEPT, "filter": "everything"}),
    "unknown status": ("rows/ROW/status", {"status": "approved"}),
    "no status": ("rows/ROW/status", {}),
    "unknown flag category": ("rows/ROW/flags", {**FLAG, "category": "spam"}),
    "flag without severity": ("rows/ROW/flags", {"category": "other"}),
    "flag comment over 2000 characters": ("rows/ROW/flags", {**FLAG, "comment": "x" * 2001}),
    "flag on an unknown version": ("rows/ROW/flags", {**FLAG, "hop": "de"}),
    "flag on a pair of one version": ("rows/ROW/flags", {**FLAG, "hop": "ru|ru"}),
    "flag with offset -1": ("rows/ROW/flags", {**FLAG, "offset": "-1"}),
    "empty comment": ("rows/ROW/comments", {"text": "   "}),
    "unknown correction": ("rows/ROW/correct", {"op": "explode"}),
    "move a version sideways": ("rows/ROW/correct", {"op": "move:sideways:zh"}),
    "move an unknown version": ("rows/ROW/correct", {"op": "move:up:xx"}),
    "split at a huge segment": ("rows/ROW/correct", {"op": "split", "at_zh": HUGE}),
    "detach with offset 1e3": ("rows/ROW/correct", {"op": "detach::zh", "offset": "1e3"}),
    "undo-to a huge entry": ("history/undo-to", {"to": HUGER}),
    "undo-to a negative entry": ("history/undo-to", {"to": "-1"}),
    "undo-to an injection": ("history/undo-to", {"to": "1 OR 1=1"}),
    "undo with nothing to undo, offset -1": ("undo", {"offset": "-1"}),
    "move to a huge project id": ("move", {"project_id": HUGER}),
    "move to a project id in words": ("move", {"project_id": "two"}),
    "rename the comparison to 10,000 characters": ("rename", {"title": "t" * 10_000}),
    "a project without a name": ("/projects", {"name": "  "}),
    "a project name of 10,000 characters": ("/projects", {"name": "n" * 10_000}),
    "an unknown language": ("/locale", {"locale": "xx'); --"}),
    "re-align with threshold 5": ("realign", {"threshold": "5"}),
}


@pytest.mark.parametrize("case", list(FORMS), ids=list(FORMS))
def test_bad_form_fields_change_nothing(app: Flask, client: FlaskClient, comparison_id: int,
                                        case: str) -> None:
    path, body = FORMS[case]
    if not path.startswith("/"):
        path = f"/comparisons/{comparison_id}/" + path.replace(
            "ROW", first_row(client, comparison_id))
    before = state(app)
    refused(client.post(path, data=body, headers=HX), 400, 404)
    assert state(app) == before


def test_dismiss_reason_over_500_characters(app: Flask, client: FlaskClient,
                                            comparison_id: int) -> None:
    flag = first_flag(client, comparison_id)
    before = state(app)
    refused(client.post(f"/comparisons/{comparison_id}/flags/{flag}/dismiss",
                        data={"reason": "r" * 501}, headers=HX), 400)
    assert state(app) == before


def test_flag_of_another_row_in_a_huge_form_field_is_not_an_overflow(
        app: Flask, client: FlaskClient, comparison_id: int) -> None:
    """Form fields nobody reads (``row``, ``flag_id``) with huge numbers are ignored."""
    row = first_row(client, comparison_id)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row}/status", headers=HX,
                           data={"status": "accepted", "row": HUGER, "flag_id": BIG})
    assert response.status_code == 200


# -- headers: Host, Origin, Referer, CSRF, proxies ------------------------------------

FOREIGN_HOSTS = ["attacker.example", "attacker.example:5000", "127.0.0.1.attacker.example",
                 "localhost.attacker.example", "[::2]:5000", "10.0.0.1"]


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_foreign_host_names_are_not_served(client: FlaskClient, comparison_id: int,
                                           host: str) -> None:
    text = refused(client.get("/projects", headers={"Host": host}), 400)
    assert "host name" in text
    refused(client.get(f"/comparisons/{comparison_id}/download?format=tmx",
                       headers={"Host": host}), 400)


@pytest.mark.parametrize("host", ["127.0.0.1:5000", "localhost", "LOCALHOST:8000", "[::1]:5000",
                                  "localhost."])
def test_loopback_host_names_are_served(client: FlaskClient, host: str) -> None:
    assert client.get("/projects", headers={"Host": host}).status_code == 200


def test_a_foreign_host_cannot_write_even_with_a_token(app: Flask, csrf_app: Flask,
                                                       comparison_id: int) -> None:
    client = csrf_app.test_client()
    token = soup(client.get(f"/comparisons/{comparison_id}")).select_one("body")
    row = first_row(client, comparison_id)
    before = state(app)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                           data={"status": "accepted"},
                           headers={"Host": "attacker.example", **_token_header(token)})
    refused(response, 400)
    assert state(app) == before


def _token_header(body: Any) -> dict[str, str]:
    import json

    return dict(json.loads(body["hx-headers"]))


FOREIGN_ORIGINS = [{"Origin": "http://attacker.example"}, {"Origin": "null"},
                   {"Origin": "http://localhost:8080"}, {"Origin": "https://localhost"},
                   {"Origin": "http://[::1"}, {"Referer": "http://evil.example/page"},
                   {"Referer": "http://localhost.evil.example/"}]


@pytest.mark.parametrize("headers", FOREIGN_ORIGINS, ids=[str(h) for h in FOREIGN_ORIGINS])
def test_writes_from_another_origin_are_refused_even_with_a_token(
        app: Flask, csrf_app: Flask, comparison_id: int, headers: dict[str, str]) -> None:
    client = csrf_app.test_client()
    token = _token_header(soup(client.get(f"/comparisons/{comparison_id}")).select_one("body"))
    row = first_row(client, comparison_id)
    before = state(app)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                           data={"status": "accepted"}, headers={**token, **headers, **HX})
    text = refused(response, 403)
    assert "another web site" in text
    assert state(app) == before


@pytest.mark.parametrize("headers", [{"Origin": "http://localhost"},
                                     {"Referer": "http://localhost/comparisons/1"}, {}])
def test_writes_from_our_own_pages_pass(app: Flask, csrf_app: Flask, comparison_id: int,
                                        headers: dict[str, str]) -> None:
    client = csrf_app.test_client()
    token = _token_header(soup(client.get(f"/comparisons/{comparison_id}")).select_one("body"))
    row = first_row(client, comparison_id)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                           data={"status": "accepted"}, headers={**token, **headers, **HX})
    assert response.status_code == 200


def test_a_write_without_a_csrf_token_changes_nothing(app: Flask, csrf_app: Flask,
                                                      comparison_id: int) -> None:
    client = csrf_app.test_client()
    row = first_row(client, comparison_id)
    before = state(app)
    text = refused(client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                               data={"status": "accepted"}), 400)
    assert "reload the page" in text
    assert state(app) == before


def test_forwarded_host_is_ignored_without_a_proxy(client: FlaskClient) -> None:
    response = client.get("/projects", headers={"X-Forwarded-Host": "attacker.example"})
    assert response.status_code == 200


@pytest.mark.parametrize("key", ["short", "x" * 101, "with space 123", "ключ-ключ-ключ"])
def test_malformed_idempotency_keys(app: Flask, client: FlaskClient, comparison_id: int,
                                    key: str) -> None:
    row = first_row(client, comparison_id)
    before = state(app)
    refused(client.post(f"/comparisons/{comparison_id}/rows/{row}/status",
                        data={"status": "accepted"},
                        headers={**HX, "Idempotency-Key": key}), 422)
    assert state(app) == before


def test_a_bare_bad_request_has_words_not_internals(client: FlaskClient) -> None:
    """A POST whose body cannot be parsed gets werkzeug's 400, in our words."""
    response = client.post("/projects", data=b"\xff" * 10, content_type="multipart/form-data")
    refused(response, 400)
