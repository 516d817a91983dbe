"""Review actions: each saved at once; htmx gets the row (or rows pane), plain posts redirect."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from tests.web.conftest import HX, soup


def _rows(client: FlaskClient, comparison_id: int, query: str = "") -> list[Any]:
    return list(soup(client.get(f"/comparisons/{comparison_id}{query}")).select("article.row"))


def _row_id(client: FlaskClient, comparison_id: int, index: int = 0) -> str:
    return str(_rows(client, comparison_id)[index]["data-row-id"])


def test_accept_via_htmx_returns_row_and_toolbar(client: FlaskClient, comparison_id: int,
                                                 rendered: list[str]) -> None:
    row_id = _row_id(client, comparison_id)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row_id}/status",
                           data={"status": "accepted"}, headers=HX)
    assert response.status_code == 200
    assert rendered[-1] == "partials/_row_changed.html"
    page = soup(response)
    row = page.select_one("article.row")
    assert row["id"] == f"row-{row_id}" and "status-accepted" in row["class"]
    toolbar = page.select_one("#toolbar")
    assert toolbar["hx-swap-oob"] == "true"
    assert "1 of 6 rows reviewed" in toolbar.get_text()
    assert not page.select_one("#undo-button").has_attr("disabled")


def test_plain_post_redirects_back_to_the_row(client: FlaskClient, comparison_id: int) -> None:
    row_id = _row_id(client, comparison_id)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row_id}/status",
                           data={"status": "accepted", "filter": "unreviewed", "q": "河"})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.endswith(f"#row-{row_id}") and "filter=unreviewed" in location


def test_flag_with_comment_is_saved_and_shown(client: FlaskClient, comparison_id: int) -> None:
    row_id = _row_id(client, comparison_id, 1)
    response = client.post(f"/comparisons/{comparison_id}/rows/{row_id}/flags", headers=HX,
                           data={"category": "terminology", "severity": "minor",
                                 "comment": "скот → <cattle>?"})
    assert response.status_code == 200
    row = _rows(client, comparison_id)[1]
    flag = row.select_one("li.flag.src-reviewer")
    assert "Terminology" in flag.get_text()
    assert flag.select_one("q.comment").get_text() == "скот → <cattle>?"
    assert "status-flagged" in row["class"]
    flagged = _rows(client, comparison_id, "?filter=flagged")
    assert str(row_id) in [r["data-row-id"] for r in flagged]
    # remove it again
    remove = flag.select_one("form")["action"]
    assert client.post(remove, headers=HX).status_code == 200
    assert _rows(client, comparison_id)[1].select_one("li.flag.src-reviewer") is None


def test_bad_flag_input_is_400(client: FlaskClient, comparison_id: int) -> None:
    row_id = _row_id(client, comparison_id)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/flags"
    bad = client.post(url, data={"category": "nonsense", "severity": "minor"}, headers=HX)
    assert bad.status_code == 400
    assert "Choose one of" in soup(bad).get_text()
    long = client.post(url, data={"category": "style", "severity": "minor",
                                  "comment": "x" * 3000})
    assert long.status_code == 400
    assert client.post(f"/comparisons/{comparison_id}/rows/999999/status",
                       data={"status": "accepted"}).status_code == 404


def test_comment_is_added(client: FlaskClient, comparison_id: int) -> None:
    row_id = _row_id(client, comparison_id)
    client.post(f"/comparisons/{comparison_id}/rows/{row_id}/comments", data={"text": "ok?"},
                headers=HX)
    assert _rows(client, comparison_id)[0].select_one("ul.comments").get_text() == "ok?"
    empty = client.post(f"/comparisons/{comparison_id}/rows/{row_id}/comments",
                        data={"text": " "})
    assert empty.status_code == 400


def test_undo_and_redo(client: FlaskClient, comparison_id: int, rendered: list[str]) -> None:
    row_id = _row_id(client, comparison_id)
    client.post(f"/comparisons/{comparison_id}/rows/{row_id}/status", data={"status": "accepted"})
    undone = client.post(f"/comparisons/{comparison_id}/undo", headers=HX)
    assert undone.status_code == 200
    assert rendered[-1] == "partials/_rows_changed.html"
    assert "status-unreviewed" in soup(undone).select_one(f"#row-{row_id}")["class"]
    redone = soup(client.post(f"/comparisons/{comparison_id}/redo", headers=HX))
    assert "status-accepted" in redone.select_one(f"#row-{row_id}")["class"]
    client.post(f"/comparisons/{comparison_id}/undo")
    client.post(f"/comparisons/{comparison_id}/redo")
    nothing = client.post(f"/comparisons/{comparison_id}/redo", headers=HX)
    assert nothing.status_code == 400


def test_get_never_changes_state(client: FlaskClient, comparison_id: int) -> None:
    row_id = _row_id(client, comparison_id)
    assert client.get(f"/comparisons/{comparison_id}/undo").status_code == 405
    assert client.get(f"/comparisons/{comparison_id}/rows/{row_id}/status?status=accepted"
                      ).status_code == 405
    assert "status-unreviewed" in _rows(client, comparison_id)[0]["class"]


def test_merge_then_undo(client: FlaskClient, comparison_id: int) -> None:
    row_id = _row_id(client, comparison_id)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/correct"
    merged = soup(client.post(url, data={"op": "merge"}, headers=HX))
    first = merged.select_one("article.row")
    assert first.select(".cell")[0].get_text() == "春天河水上涨。农民把牛赶到山上。"
    assert first.select_one(".kind").get_text() == "2-2-2"
    assert "of 5" in merged.select_one(".rows-summary").get_text()
    restored = soup(client.post(f"/comparisons/{comparison_id}/undo", headers=HX))
    assert "of 6" in restored.select_one(".rows-summary").get_text()
    assert restored.select_one("article.row .cell").get_text() == "春天河水上涨。"


def test_detach_and_move_and_bad_corrections(client: FlaskClient, comparison_id: int) -> None:
    row_id = _row_id(client, comparison_id, 1)
    url = f"/comparisons/{comparison_id}/rows/{row_id}/correct"
    detached = soup(client.post(url, data={"op": "detach::en"}, headers=HX))
    assert "of 7" in detached.select_one(".rows-summary").get_text()
    assert client.post(url, data={"op": "move:sideways:en"}).status_code == 400
    assert client.post(url, data={"op": "detach::xx"}).status_code == 400
    assert client.post(url, data={"op": "explode"}).status_code == 400


def test_split_and_move_and_realign(client: FlaskClient, comparison_id: int) -> None:
    first = _row_id(client, comparison_id)
    client.post(f"/comparisons/{comparison_id}/rows/{first}/correct", data={"op": "merge"})
    merged = _row_id(client, comparison_id)
    split = soup(client.post(f"/comparisons/{comparison_id}/rows/{merged}/correct",
                             data={"op": "split"}, headers=HX))
    assert "of 6" in split.select_one(".rows-summary").get_text()
    second = _row_id(client, comparison_id, 1)
    moved = soup(client.post(f"/comparisons/{comparison_id}/rows/{second}/correct",
                             data={"op": "move:up:en"}, headers=HX))
    kinds = [k.get_text() for k in moved.select("article.row .kind")]
    assert kinds[:2] == ["1-1-2", "0-0-1"] or kinds[:2] == ["1-1-2", "1-1-0"]
    client.post(f"/comparisons/{comparison_id}/rows/{_row_id(client, comparison_id)}/status",
                data={"status": "accepted"})
    realigned = client.post(f"/comparisons/{comparison_id}/realign", headers=HX)
    assert realigned.status_code == 200
    rows = soup(realigned).select("article.row")
    assert "status-accepted" in rows[0]["class"]


def test_split_at_chosen_segments(client: FlaskClient, comparison_id: int) -> None:
    url = f"/comparisons/{comparison_id}"
    for _ in range(2):  # rows 1-3 become one 3-3-3 row
        client.post(f"{url}/rows/{_row_id(client, comparison_id)}/correct", data={"op": "merge"})
    row = _rows(client, comparison_id)[0]
    assert row.select_one(".kind").get_text() == "3-3-3"
    choices = [o["value"] for o in row.select("select[name=at_ru] option")]
    assert choices == ["", "1", "2"]  # no cut, or before segment 2 or 3
    assert row.select_one("select[name=at_ru] option[selected]")["value"] == "1"  # the middle
    split = soup(client.post(f"{url}/rows/{row['data-row-id']}/correct", headers=HX,
                             data={"op": "split", "at_zh": "2", "at_ru": "1", "at_en": ""}))
    kinds = [k.get_text() for k in split.select("article.row .kind")]
    assert kinds[:2] == ["2-1-3", "1-2-0"]
    bad = client.post(f"{url}/rows/{_row_id(client, comparison_id)}/correct",
                      data={"op": "split", "at_zh": "0", "at_ru": "", "at_en": ""})
    assert bad.status_code == 400
