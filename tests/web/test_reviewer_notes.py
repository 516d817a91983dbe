"""The reviewer's own notes in the page: a comment form on every row, what a flag is about,
dismissing a wrong automatic signal (shown, restorable, undoable, in the export)."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from tests.web.conftest import HX, soup


def _rows(client: FlaskClient, comparison_id: int) -> list[Any]:
    return list(soup(client.get(f"/comparisons/{comparison_id}")).select("article.row"))


def test_every_row_offers_a_comment_form_that_works(client: FlaskClient,
                                                    comparison_id: int) -> None:
    rows = _rows(client, comparison_id)
    forms = [row.select_one("details.comment-form form") for row in rows]
    assert all(form is not None for form in forms)
    action = forms[1]["action"]
    assert action.endswith(f"/rows/{rows[1]['data-row-id']}/comments")
    assert forms[1].select_one("textarea[name=text]") is not None
    response = client.post(action, data={"text": "check the <term>"}, headers=HX)
    assert response.status_code == 200
    assert soup(response).select_one("ul.comments").get_text() == "check the <term>"


def test_flag_form_says_which_version_or_hop(client: FlaskClient, comparison_id: int) -> None:
    row = _rows(client, comparison_id)[0]
    options = [o["value"] for o in row.select("details.flag-form select[name=hop] option")]
    assert options == ["", "zh", "ru", "en", "zh|ru", "ru|en"]  # the chain's hops
    url = row.select_one("details.flag-form form")["action"]
    client.post(url, data={"category": "mistranslation", "severity": "major", "hop": "ru|en",
                           "comment": "wrong word"}, headers=HX)
    flag = _rows(client, comparison_id)[0].select_one("li.flag.src-reviewer")
    assert "ru → en" in flag.select_one(".hop").get_text()
    bad = client.post(url, data={"category": "style", "severity": "minor", "hop": "de"})
    assert bad.status_code == 400


def test_dismiss_restore_and_undo_a_signal(client: FlaskClient, comparison_id: int) -> None:
    row = _rows(client, comparison_id)[2]  # the 1998 -> 1999 number signal
    signal = row.select_one("li.flag.src-auto")
    form = signal.select_one("details.dismiss-form form")
    assert form.select_one("input[name=reason]")["value"] == "false alarm"
    response = client.post(form["action"], data={"reason": "the English edition corrected it"},
                           headers=HX)
    assert response.status_code == 200
    shown = soup(response).select_one("li.flag.src-auto")
    assert "dismissed" in shown["class"]
    assert "the English edition corrected it" in shown.select_one(".dismissal").get_text()
    assert "top-none" in soup(response).select_one("ul.flags")["class"]
    flagged = soup(client.get(f"/comparisons/{comparison_id}?filter=flagged"))
    assert row["data-row-id"] not in [r["data-row-id"] for r in flagged.select("article.row")]

    jsonl = client.get(f"/comparisons/{comparison_id}/download?format=jsonl&rows=all")
    assert jsonl.status_code == 200
    assert '"dismissed": "the English edition corrected it"' in jsonl.get_data(as_text=True)

    undone = client.post(f"/comparisons/{comparison_id}/undo", headers=HX)
    assert undone.status_code == 200
    again = _rows(client, comparison_id)[2].select_one("li.flag.src-auto")
    assert "dismissed" not in again["class"]
    client.post(f"/comparisons/{comparison_id}/redo", headers=HX)
    dismissed = _rows(client, comparison_id)[2].select_one("li.flag.dismissed")
    restore = dismissed.select_one("form")["action"]
    assert restore.endswith("/restore")
    client.post(restore, headers=HX)
    assert _rows(client, comparison_id)[2].select_one("li.flag.dismissed") is None


def test_dismissing_a_reviewer_flag_or_a_missing_one_is_refused(client: FlaskClient,
                                                                comparison_id: int) -> None:
    row = _rows(client, comparison_id)[0]
    client.post(row.select_one("details.flag-form form")["action"],
                data={"category": "style", "severity": "minor"}, headers=HX)
    mine = _rows(client, comparison_id)[0].select_one("li.flag.src-reviewer")
    assert mine.select_one("details.dismiss-form") is None
    flag_id = mine.select_one("form")["action"].split("/flags/")[1].split("/")[0]
    refused = client.post(f"/comparisons/{comparison_id}/flags/{flag_id}/dismiss")
    assert refused.status_code == 400
    assert client.post(f"/comparisons/{comparison_id}/flags/999999/dismiss").status_code == 404
    too_long = client.post(f"/comparisons/{comparison_id}/flags/{flag_id}/dismiss",
                           data={"reason": "x" * 501})
    assert too_long.status_code == 400


def test_a_dismissed_signal_underlines_nothing(client: FlaskClient, comparison_id: int) -> None:
    row = _rows(client, comparison_id)[2]
    assert row.select("div.cell mark.drift"), "the number signal underlines its words at first"
    form = row.select_one("li.flag.src-auto details.dismiss-form form")
    client.post(form["action"], data={"reason": "false alarm"}, headers=HX)
    after = _rows(client, comparison_id)[2]
    assert "1999" in after.get_text() and not after.select("div.cell mark.drift")
