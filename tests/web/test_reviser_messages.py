"""What the reviewer is told: refusals aimed at the notice area, change and undo messages in
the UI language, filter pills that match the rows, a chain that sets itself, re-align the rest.

Plumbing only (FakeEncoder); the browser tests check the same answers are visible.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, soup

EN_A = "The river rose in spring. Farmers moved their cattle to the hills."
EN_B = "In spring the river rose. The farmers drove their herds into the hills."


def _rows(app: Flask, comparison_id: int) -> list[Any]:
    from workbench import review
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return review.query_rows(session, comparison_id, limit=100).rows


def _ru(client: FlaskClient) -> None:
    client.set_cookie("workbench_locale", "ru")


def test_htmx_refusal_is_aimed_at_the_notice_area(client: FlaskClient,
                                                  comparison_id: int) -> None:
    row = _rows(client.application, comparison_id)[0]
    gone = client.post(f"/comparisons/{comparison_id}/rows/{row.id + 999}/status",
                       data={"status": "accepted"}, headers=HX)
    assert gone.status_code == 404
    assert gone.headers["HX-Retarget"] == "#status-message"
    assert gone.headers["HX-Reswap"] == "innerHTML"
    notice = soup(gone).select_one("[role=alert]")
    assert "no longer exists" in notice.get_text()
    assert soup(gone).find("html") is None and soup(gone).find("h1") is None
    whole = client.post(f"/comparisons/{comparison_id}/rows/{row.id}/correct",
                        data={"op": "split", "at_zh": ""}, headers=HX)
    assert whole.status_code == 400 and whole.headers["HX-Retarget"] == "#status-message"
    plain = client.post(f"/comparisons/{comparison_id}/rows/{row.id + 999}/status",
                        data={"status": "accepted"})
    assert plain.status_code == 404 and "HX-Retarget" not in plain.headers
    assert soup(plain).find("html") is not None  # JavaScript off: the whole error page


def test_base_page_tells_htmx_to_swap_refusals(client: FlaskClient) -> None:
    meta = soup(client.get("/comparisons/new")).select_one("meta[name=htmx-config]")
    handling = json.loads(meta["content"])["responseHandling"]
    for status in ("400", "404", "409", "422"):
        rule = next(r for r in handling if r["code"] == "..." or status in r["code"])
        assert rule["swap"] is True, status


def test_undo_says_what_was_undone_in_the_ui_language(client: FlaskClient,
                                                      comparison_id: int) -> None:
    row = _rows(client.application, comparison_id)[1]
    done = client.post(f"/comparisons/{comparison_id}/rows/{row.id}/status",
                       data={"status": "accepted"}, headers=HX)
    assert soup(done).select_one("#status-message").get_text() == "Accepted row 2"
    undone = client.post(f"/comparisons/{comparison_id}/undo", headers=HX)
    assert soup(undone).select_one("#status-message").get_text() == "Undone: accepted row 2"
    _ru(client)
    redone = client.post(f"/comparisons/{comparison_id}/redo", headers=HX)
    assert soup(redone).select_one("#status-message").get_text() == \
        "Возвращено: принята строка 2"


def test_corrections_are_described_readably(client: FlaskClient, comparison_id: int) -> None:
    row = _rows(client.application, comparison_id)[2]
    detached = client.post(f"/comparisons/{comparison_id}/rows/{row.id}/correct",
                           data={"op": "detach::en"}, headers=HX)
    message = soup(detached).select_one("#status-message").get_text()
    assert message == "Put en segment 3 of row 3 in a row of its own"
    undone = client.post(f"/comparisons/{comparison_id}/undo", headers=HX)
    assert soup(undone).select_one("#status-message").get_text() == \
        "Undone: put en segment 3 of row 3 in a row of its own"


@pytest.mark.parametrize(("lang", "expected"), [("ru", "Сравнения 999 не существует."),
                                                ("zh", "比较 999 不存在。")])
def test_missing_comparison_and_export_formats_are_translated(
        client: FlaskClient, comparison_id: int, lang: str, expected: str) -> None:
    client.set_cookie("workbench_locale", lang)
    missing = client.get("/comparisons/999/overview")
    assert missing.status_code == 404
    assert expected in soup(missing).select_one(".error-message").get_text()
    form = soup(client.get(f"/comparisons/{comparison_id}/export"))
    descriptions = [s.get_text() for s in form.select("#export-form fieldset .muted")]
    assert descriptions and not any("translation memory" in d or "workbook" in d
                                    for d in descriptions)


def test_job_messages_are_translated(app: Flask) -> None:
    from workbench.web.messages import localise_job_message

    with app.test_request_context(headers={"Cookie": "workbench_locale=zh"}):
        assert localise_job_message("embedded 3 of 10 segments") == "已计算 3 / 10 个片段的向量"
        assert localise_job_message("an unknown line") == "an unknown line"


def test_filter_pills_come_with_the_rows(client: FlaskClient, comparison_id: int) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}?filter=flagged", headers=HX))
    pills = page.select_one("#filter-pills")
    assert pills["hx-swap-oob"] == "true"
    assert pills.select_one("input[checked]")["value"] == "flagged"
    full = soup(client.get(f"/comparisons/{comparison_id}?filter=below"))
    assert len(full.select("#filter-pills")) == 1
    assert full.select_one("#filter-pills").get("hx-swap-oob") is None
    assert full.select_one("#filter-pills input[checked]")["value"] == "below"


def test_labels_default_to_languages_and_the_chain_to_their_order(client: FlaskClient) -> None:
    from tests.web.test_create import RU_TEXT

    preview = client.post("/comparisons/preview", headers=HX, data={
        "text_1": RU_TEXT, "text_2": EN_A, "text_3": EN_B})
    assert preview.status_code == 200
    page = soup(preview)
    assert [h.contents[0].strip() for h in page.select(".preview-version h2")] == \
        ["ru", "en", "en-2"]
    assert page.select_one("#preview-chain")["value"] == "ru, en, en-2"
    draft = page.select_one("input[name=draft]")["value"]
    wrong = client.post("/comparisons/draft", headers=HX,
                        data={"draft": draft, "op": "align", "chain": "ru, xx"})
    assert wrong.status_code == 400 and "chain" in soup(wrong).select_one(".form-error").text
    started = client.post("/comparisons/draft", data={"draft": draft, "op": "align",
                                                      "chain": ""})
    comparison = client.get(started.headers["Location"], follow_redirects=True)
    pairs = soup(comparison).select_one("#compared-pairs").get_text()
    assert "ru ↔ en, ru ↔ en-2, en ↔ en-2" in pairs


def test_chain_from_the_preview_is_used(client: FlaskClient) -> None:
    preview = soup(client.post("/comparisons/preview", headers=HX, data={
        "text_1": EN_A, "label_2": "relay", "text_2": EN_B}))
    assert preview.select_one("#preview-chain")["value"] == "en, relay"
    started = client.post("/comparisons/draft", data={
        "draft": preview.select_one("input[name=draft]")["value"], "op": "align",
        "chain": preview.select_one("#preview-chain")["value"]})
    comparison = soup(client.get(started.headers["Location"], follow_redirects=True))
    assert comparison.select_one("#compared-pairs") is None
    assert "→" in comparison.select_one(".versions-line").get_text()


def test_realign_keeps_accepted_rows_only_and_score_order(client: FlaskClient,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.web.test_create import EN_TEXT, RU_TEXT
    from workbench import pipeline

    preview = soup(client.post("/comparisons/preview", headers=HX, data={
        "text_1": RU_TEXT, "text_2": EN_TEXT, "text_3": EN_TEXT.replace("river", "stream")}))
    started = client.post("/comparisons/draft", data={
        "draft": preview.select_one("input[name=draft]")["value"], "op": "align",
        "chain": "ru, en, en-2"})
    comparison_id = int(started.headers["Location"].split("/")[-2])
    before = _rows(client.application, comparison_id)
    order = list(before[0].score)
    assert len(order) == 3 and all(list(r.score) == order for r in before)
    base = f"/comparisons/{comparison_id}/rows"
    client.post(f"{base}/{before[0].id}/status", data={"status": "accepted"})
    client.post(f"{base}/{before[1].id}/correct", data={"op": "move:down:en"})
    corrected = [r.position for r in _rows(client.application, comparison_id) if r.corrected]
    assert corrected and 0 not in corrected
    kept: list[list[int]] = []
    realign = pipeline.realign

    def spy(versions: Any, rows: Any, confirmed: Any, encoder: Any) -> Any:
        kept.append(list(confirmed))
        return realign(versions, rows, confirmed, encoder)

    monkeypatch.setattr(pipeline, "realign", spy)
    answer = client.post(f"/comparisons/{comparison_id}/realign", headers=HX)
    assert answer.status_code == 200
    assert kept == [[0]]  # the accepted row only, not the corrected one
    assert "1" in soup(answer).select_one("#status-message").get_text()
    after = _rows(client.application, comparison_id)
    assert all(list(r.score) == order for r in after if len(r.score) == 3)
