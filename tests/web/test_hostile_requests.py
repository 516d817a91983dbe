"""Hostile requests: ids, query strings and form fields.

Each case asserts a clear 4xx in words (no exception text), or the correct handling,
and that nothing stored changed. A 500 fails the test by itself: the app fixture sets
``PROPAGATE_UNHANDLED``, so a bug raises instead of rendering the friendly page.
Headers (Host, Origin, CSRF) are in ``test_hostile_headers.py``; the upload and file
cases in the upload tests.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX
from tests.web.hostile import BIG, HUGE, HUGER, first_flag, first_row, refused, state

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
