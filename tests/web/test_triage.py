"""Severity first and keyboard triage, server side: the row's edge, the signal filter, the
overview's links, the key help and the route that lets the keys cross pages (review.jump).

The 18-row comparison (``build_comparison(repeat=3)``) has a critical number signal on
rows 3, 9 and 15 (positions 2, 8, 14) and four rows a page in the test app.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, build_comparison, save, soup


@pytest.fixture()
def long_id(app: Flask) -> int:
    return save(app, build_comparison("Long", repeat=3))


def _row_ids(client: FlaskClient, comparison_id: int) -> list[int]:
    page = soup(client.get(f"/comparisons/{comparison_id}?offset=0"))
    total = int(page.select_one(".rows-summary").get_text().split("of")[1].split()[0])
    ids: list[int] = []
    for offset in range(0, total, 4):
        part = soup(client.get(f"/comparisons/{comparison_id}?offset={offset}"))
        ids += [int(a["data-row-id"]) for a in part.select("article.row")]
    return ids


def test_a_critical_signal_colours_a_row_whose_scores_are_good(client: FlaskClient,
                                                               comparison_id: int) -> None:
    rows = soup(client.get(f"/comparisons/{comparison_id}")).select("article.row")
    critical = rows[2]
    assert "band-good" in critical["class"]  # its scores alone would look green
    assert "worst-critical" in critical["class"]
    assert critical["data-worst"] == "critical" and critical.has_attr("data-flagged")
    assert critical.select_one(".worst-mark.sev-critical") is not None
    assert critical["data-pos"] == "2"
    plain = rows[0]
    assert "worst-none" in plain["class"] and not plain.has_attr("data-flagged")


def test_dismissed_signal_no_longer_colours_the_row(client: FlaskClient,
                                                    comparison_id: int) -> None:
    row = soup(client.get(f"/comparisons/{comparison_id}")).select("article.row")[2]
    flag_url = row.select_one("details.dismiss-form form")["action"]
    client.post(flag_url, data={"reason": "false alarm"})
    row = soup(client.get(f"/comparisons/{comparison_id}")).select("article.row")[2]
    assert "worst-none" in row["class"] and not row.has_attr("data-flagged")


def test_filter_by_signal_type_and_hop(client: FlaskClient, long_id: int) -> None:
    def positions(query: str) -> list[str]:
        page = soup(client.get(f"/comparisons/{long_id}?{query}"))
        return [r.select_one(".pos a").get_text() for r in page.select("article.row")]

    assert positions("signal=number") == ["3", "9", "15"]
    assert positions("filter=flagged&signal=number&signal_hop=ru|en") == ["3", "9", "15"]
    assert positions("signal_hop=zh|ru") == []
    assert positions("signal=omission") == []
    page = soup(client.get(f"/comparisons/{long_id}?signal=number"))
    chosen = page.select_one("#signal option[selected]")
    assert chosen is not None and chosen["value"] == "number"
    assert [o["value"] for o in page.select("#signal-hop option")] == ["", "ru|en"]
    # the view arguments travel with every action (hidden fields), under their own names
    form = page.select_one("article.row form.button-form")
    assert form.select_one("input[name=signal]")["value"] == "number"


def test_signal_filter_is_sent_out_of_band_with_the_rows(client: FlaskClient,
                                                         long_id: int) -> None:
    part = soup(client.get(f"/comparisons/{long_id}?signal=number", headers=HX))
    oob = part.select_one("#signal-filter")
    assert oob is not None and oob["hx-swap-oob"] == "true"


def test_overview_counts_link_to_the_filtered_review(client: FlaskClient, long_id: int) -> None:
    page = soup(client.get(f"/comparisons/{long_id}/overview"))
    links = [a["href"] for a in page.select("#flag-counts a")]
    assert any("signal=number" in h and "signal_hop=ru" in h for h in links), links
    target = next(h for h in links if "signal=number" in h and "signal_hop" in h)
    rows = soup(client.get(target)).select("article.row")
    assert len(rows) == 3


def test_search_term_is_marked_by_the_page(client: FlaskClient, long_id: int) -> None:
    rows = soup(client.get(f"/comparisons/{long_id}?q=River")).select_one("#rows")
    assert rows["data-search"] == "River"  # static/keys.js marks it in the cells


def test_key_help_lists_every_key(client: FlaskClient, comparison_id: int) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    dialog = page.select_one("dialog#key-help")
    keys = {k.get_text() for k in dialog.select("kbd")}
    assert {"j", "k", "n", "p", "x", "X", "a", "f", "c", "m", "s", "S", "u", "U", "/", "?",
            "Esc"} <= keys
    assert page.select_one("#key-strings")["data-jump-url"].endswith("/jump")
    assert page.select_one("script[src$='keys.js']") is not None


def _jump(client: FlaskClient, comparison_id: int, query: str) -> tuple[int, str, str]:
    response = client.get(f"/comparisons/{comparison_id}/jump?{query}", headers=HX)
    page = soup(response)
    holder = page.select_one("#rows")
    focus = holder["data-focus-row"] if holder is not None else ""
    return response.status_code, focus, response.headers.get("HX-Push-Url", "")


def test_next_flagged_crosses_pages(client: FlaskClient, long_id: int) -> None:
    ids = _row_ids(client, long_id)
    status, focus, url = _jump(client, long_id, "to=flagged&dir=next&after=2")
    assert status == 200 and focus == f"row-{ids[8]}"
    assert parse_qs(urlsplit(url).query)["offset"] == ["8"]
    _status, focus, url = _jump(client, long_id, "to=flagged&dir=prev&after=8")
    assert focus == f"row-{ids[2]}" and "offset" not in url
    _status, focus, _url = _jump(client, long_id, "to=critical&dir=next&after=8")
    assert focus == f"row-{ids[14]}"


def test_row_keys_cross_page_boundaries(client: FlaskClient, long_id: int) -> None:
    ids = _row_ids(client, long_id)
    _status, focus, url = _jump(client, long_id, "to=row&dir=next&after=3")
    assert focus == f"row-{ids[4]}" and "offset=4" in url
    _status, focus, url = _jump(client, long_id, "to=row&dir=prev&after=4")
    assert focus == f"row-{ids[3]}" and "offset" not in url


def test_jump_stays_in_the_filtered_view(client: FlaskClient, long_id: int) -> None:
    ids = _row_ids(client, long_id)
    _status, focus, url = _jump(client, long_id, "filter=flagged&to=row&dir=next&after=8")
    assert focus == f"row-{ids[14]}"
    query = parse_qs(urlsplit(url).query)
    assert query["filter"] == ["flagged"] and "offset" not in query  # third of three: page 1


def test_nothing_further_says_so_and_keeps_the_rows(client: FlaskClient, long_id: int) -> None:
    response = client.get(f"/comparisons/{long_id}/jump?to=flagged&dir=next&after=14",
                          headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Reswap"] == "none"
    assert "No flagged row after this one." in soup(response).select_one("#status-message").text


def test_jump_without_javascript_redirects_to_the_row(client: FlaskClient, long_id: int) -> None:
    ids = _row_ids(client, long_id)
    response = client.get(f"/comparisons/{long_id}/jump?to=critical&after=2")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"offset=8#row-{ids[8]}")


def test_jump_refuses_an_unknown_target(client: FlaskClient, long_id: int) -> None:
    assert client.get(f"/comparisons/{long_id}/jump?to=nowhere").status_code == 400
