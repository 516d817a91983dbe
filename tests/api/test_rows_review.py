"""Reading rows (paged, filtered) and changing their review: status, flags, comments,
dismissals. A refused change leaves everything as it was."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.conftest import API, assert_problem, rows_of, snapshot
from tests.web.conftest import RU, build_comparison, save


def test_rows_are_paged_with_scores_and_signals(client: FlaskClient, comparison_id: int) -> None:
    page = client.get(f"{API}/comparisons/{comparison_id}/rows",
                      query_string={"offset": 2, "limit": 3}).get_json()
    assert (page["offset"], page["limit"], page["total"], page["total_rows"]) == (2, 3, 6, 6)
    assert [row["position"] for row in page["rows"]] == [2, 3, 4]
    signal = page["rows"][0]["flags"][0]
    assert (signal["type"], signal["hop"], signal["severity"]) == ("number", "ru|en", "critical")
    assert signal["spans"] == {"ru": [[2, 6]], "en": [[3, 7]]} and signal["source"] == "auto"
    assert page["rows"][0]["score"] == {"zh|ru": 0.9, "ru|en": 0.85}
    assert page["rows"][2]["min_score"] == 0.2 and page["rows"][2]["kind"] == "1-1-1"


def test_rows_filter_and_search(client: FlaskClient, comparison_id: int) -> None:
    url = f"{API}/comparisons/{comparison_id}/rows"
    below = client.get(url, query_string={"filter": "below", "threshold": 0.5}).get_json()
    assert [row["position"] for row in below["rows"]] == [4] and below["total_rows"] == 6
    flagged = client.get(url, query_string={"filter": "flagged"}).get_json()
    assert [row["position"] for row in flagged["rows"]] == [2]
    found = client.get(url, query_string={"q": "ПЛОТИНУ"}).get_json()
    assert [row["text"]["ru"] for row in found["rows"]] == [RU[2]]
    typed = client.get(url, query_string={"signal": "number", "signal_hop": "ru|en"}).get_json()
    assert typed["total"] == 1


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 1001}, {"offset": -1},
                                   {"filter": "odd"}, {"threshold": 2}, {"limit": "many"}])
def test_bad_paging_is_422(client: FlaskClient, comparison_id: int,
                           query: dict[str, Any]) -> None:
    body = assert_problem(client.get(f"{API}/comparisons/{comparison_id}/rows",
                                     query_string=query), 422)
    assert set(body["errors"]["query"]) == set(query)


def test_a_page_of_1000_rows(app: Flask, client: FlaskClient) -> None:
    big = save(app, build_comparison(repeat=200))  # 1,200 rows
    page = client.get(f"{API}/comparisons/{big}/rows", query_string={"limit": 1000}).get_json()
    assert len(page["rows"]) == 1000 and page["total"] == 1200
    rest = client.get(f"{API}/comparisons/{big}/rows",
                      query_string={"offset": 1000, "limit": 1000}).get_json()
    assert [row["position"] for row in rest["rows"]] == list(range(1000, 1200))


def test_a_row_of_another_comparison_is_404(app: Flask, client: FlaskClient,
                                            comparison_id: int) -> None:
    other = save(app, build_comparison("Other"))
    foreign = rows_of(client, other)[0]
    assert_problem(client.get(f"{API}/comparisons/{comparison_id}/rows/{foreign['id']}"), 404)
    before = snapshot(app)
    assert_problem(client.put(f"{API}/comparisons/{comparison_id}/rows/{foreign['id']}/status",
                              json={"status": "accepted"}), 404)
    flag = rows_of(client, other)[2]["flags"][0]["id"]
    assert_problem(client.put(f"{API}/comparisons/{comparison_id}/flags/{flag}/dismissal",
                              json={}), 404)
    assert snapshot(app) == before


def test_status_flag_comment_and_their_history(client: FlaskClient, comparison_id: int) -> None:
    row = rows_of(client, comparison_id)[1]
    base = f"{API}/comparisons/{comparison_id}/rows/{row['id']}"
    accepted = client.put(f"{base}/status", json={"status": "accepted"})
    assert accepted.status_code == 200 and accepted.get_json()["rows"][0]["status"] == "accepted"
    assert accepted.get_json()["can_undo"] is True and accepted.get_json()["history_id"] > 0
    again = client.put(f"{base}/status", json={"status": "accepted"}).get_json()
    assert again["action"] == "none" and again["history_id"] == 0
    flagged = client.post(f"{base}/flags", json={"category": "omission", "severity": "minor",
                                                "comment": " lost a clause ", "hop": "zh|ru"})
    assert flagged.status_code == 201
    flag = flagged.get_json()["rows"][0]["flags"][-1]
    assert (flag["source"], flag["type"], flag["comment"], flag["hop"]) == (
        "reviewer", "omission", "lost a clause", "zh|ru")
    new_row = flagged.get_json()["rows"][0]
    assert new_row["status"] == "flagged"
    commented = client.post(f"{API}/comparisons/{comparison_id}/rows/{new_row['id']}/comments",
                            json={"text": "ask the translator"})
    assert commented.status_code == 201
    assert commented.get_json()["rows"][0]["comments"][0]["text"] == "ask the translator"
    flag_id = commented.get_json()["rows"][0]["flags"][-1]["id"]
    removed = client.delete(f"{API}/comparisons/{comparison_id}/flags/{flag_id}")
    assert removed.status_code == 200 and removed.get_json()["rows"][0]["flags"] == []
    assert removed.get_json()["rows"][0]["status"] == "unreviewed"


def test_dismissing_and_restoring_a_signal(client: FlaskClient, comparison_id: int) -> None:
    signal = rows_of(client, comparison_id)[2]["flags"][0]
    url = f"{API}/comparisons/{comparison_id}/flags/{signal['id']}/dismissal"
    dismissed = client.put(url, json={"reason": "the year is right"})
    assert dismissed.status_code == 200
    kept = dismissed.get_json()["rows"][0]["flags"][0]
    assert kept["dismissed"] == "the year is right" and kept["dismissed_at"].endswith("+00:00")
    restore = client.delete(f"{API}/comparisons/{comparison_id}/flags/{kept['id']}/dismissal")
    assert restore.status_code == 200
    assert restore.get_json()["rows"][0]["flags"][0]["dismissed"] is None
    default = client.put(f"{API}/comparisons/{comparison_id}/flags/"
                         f"{restore.get_json()['rows'][0]['flags'][0]['id']}/dismissal", json={})
    assert default.get_json()["rows"][0]["flags"][0]["dismissed"] == "false alarm"


def _reviewer_flag(client: FlaskClient, comparison_id: int) -> tuple[int, int]:
    row = rows_of(client, comparison_id)[0]
    changed = client.post(f"{API}/comparisons/{comparison_id}/rows/{row['id']}/flags",
                          json={"category": "style"}).get_json()
    return changed["rows"][0]["id"], changed["rows"][0]["flags"][-1]["id"]


REFUSALS = [
    ("put", "row", "/status", {"status": "done"}, 422),
    ("put", "row", "/status", {}, 422),
    ("put", "row", "/status", {"status": "accepted", "by": "me"}, 422),
    ("post", "row", "/flags", {"category": "style", "hop": "de"}, 400),
    ("post", "row", "/flags", {"category": "rude"}, 422),
    ("post", "row", "/flags", {"category": "style", "comment": "x" * 2001}, 422),
    ("post", "row", "/comments", {"text": "   "}, 422),
    ("put", "flag", "/dismissal", {}, 400),  # a reviewer flag cannot be dismissed
    ("put", "flag", "/dismissal", {"reason": "x" * 501}, 422),
]


@pytest.mark.parametrize(("method", "target", "suffix", "body", "status"), REFUSALS)
def test_refused_changes_change_nothing(app: Flask, client: FlaskClient, comparison_id: int,
                                        method: str, target: str, suffix: str,
                                        body: dict[str, Any] | None, status: int) -> None:
    row_id, flag_id = _reviewer_flag(client, comparison_id)
    before = snapshot(app)
    path = (f"rows/{row_id}" if target == "row" else f"flags/{flag_id}") + suffix
    response = getattr(client, method)(f"{API}/comparisons/{comparison_id}/{path}", json=body)
    assert_problem(response, status)
    assert snapshot(app) == before


def test_restoring_a_standing_signal_changes_nothing(app: Flask, client: FlaskClient,
                                                    comparison_id: int) -> None:
    signal = rows_of(client, comparison_id)[2]["flags"][0]
    before = snapshot(app)
    answer = client.delete(f"{API}/comparisons/{comparison_id}/flags/{signal['id']}/dismissal")
    assert answer.status_code == 200 and answer.get_json()["action"] == "none"
    assert snapshot(app) == before


def test_changes_wait_for_the_alignment(app: Flask, client: FlaskClient,
                                        comparison_id: int) -> None:
    from workbench.jobs import configure_queue

    row = rows_of(client, comparison_id)[0]
    configure_queue(None, immediate=False)
    try:
        assert client.post(f"{API}/comparisons/{comparison_id}/realign").status_code == 202
    finally:
        configure_queue(None, immediate=True)
    before = snapshot(app)
    assert_problem(client.put(f"{API}/comparisons/{comparison_id}/rows/{row['id']}/status",
                              json={"status": "accepted"}), 409)
    assert snapshot(app) == before


def test_the_fast_rows_json_is_what_the_schema_dumps(app: Flask, client: FlaskClient,
                                                     comparison_id: int) -> None:
    """The rows page skips marshmallow for speed; it must still be exactly RowPageOut's dump
    (dismissed signals with their times, reviewer flags, comments, unscored rows included)."""
    import json

    from workbench import review
    from workbench.api.responses import RowPageOut
    from workbench.store import session_scope

    rows = rows_of(client, comparison_id)
    signal = rows[2]["flags"][0]["id"]
    client.put(f"{API}/comparisons/{comparison_id}/flags/{signal}/dismissal", json={})
    client.post(f"{API}/comparisons/{comparison_id}/rows/{rows[0]['id']}/comments",
                json={"text": "сверить"})
    client.post(f"{API}/comparisons/{comparison_id}/rows/{rows[1]['id']}/flags",
                json={"category": "name", "hop": "ru"})
    served = client.get(f"{API}/comparisons/{comparison_id}/rows", query_string={"limit": 50})
    with session_scope(app.config["DATABASE_URL"]) as session:
        page = review.query_rows(session, comparison_id, limit=50)
        dumped = json.loads(json.dumps(RowPageOut().dump(page)))
    assert served.get_json() == dumped
    assert any(flag["dismissed_at"] for row in dumped["rows"] for flag in row["flags"])
    assert any(row["comments"] for row in dumped["rows"])


def test_a_retried_post_with_its_idempotency_key_is_done_once(app: Flask, client: FlaskClient,
                                                              comparison_id: int) -> None:
    row = rows_of(client, comparison_id)[0]
    url = f"{API}/comparisons/{comparison_id}/rows/{row['id']}/comments"
    key = {"Idempotency-Key": "script-run-0001"}
    first = client.post(url, json={"text": "check the date"}, headers=key)
    retried = client.post(url, json={"text": "check the date"}, headers=key)
    assert first.status_code == retried.status_code == 201
    assert retried.headers.get("Idempotent-Replayed") == "true"
    assert retried.get_json() == first.get_json()
    assert len(rows_of(client, comparison_id)[0]["comments"]) == 1
