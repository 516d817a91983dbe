"""Go to row N and page numbers on the review page (server side; the browser test checks
that the message and the row are visible: tests/web/test_browser_layout.py)."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, build_comparison, save, soup
from workbench.web.paging import page_numbers


def test_page_numbers_window() -> None:
    assert page_numbers(0, 50, 40).numbers == (1,)
    assert page_numbers(0, 50, 1000).numbers == (1, 2, 3, None, 20)
    middle = page_numbers(500, 50, 1000)
    assert (middle.current, middle.count) == (11, 20)
    assert middle.numbers == (1, None, 9, 10, 11, 12, 13, None, 20)
    assert page_numbers(950, 50, 1000).numbers == (1, None, 18, 19, 20)
    assert page_numbers(0, 50, 0).count == 1


def test_pager_links_every_page(app: Flask, client: FlaskClient) -> None:
    comparison_id = save(app, build_comparison(repeat=3))  # 18 rows, 4 a page: 5 pages
    page = soup(client.get(f"/comparisons/{comparison_id}?offset=8"))
    pager = page.select_one(".page-numbers")
    assert [a.get_text(strip=True) for a in pager.select("a.page, .page.current")] == \
        ["1", "2", "3", "4", "5"]
    assert pager.select_one("[aria-current=page]").get_text(strip=True) == "3"
    assert "offset=12" in pager.select("a.page")[2]["href"]
    assert "page 3 of 5" in page.select_one(".rows-summary").get_text(" ", strip=True)


def test_goto_row_in_range_without_js_redirects_to_its_page(app: Flask,
                                                            client: FlaskClient) -> None:
    comparison_id = save(app, build_comparison(repeat=3))
    response = client.get(f"/comparisons/{comparison_id}/goto?row=10")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "offset=8" in location and "#row-" in location
    page = soup(client.get(location.split("#")[0]))
    row_id = location.split("#")[1]
    assert page.select_one(f"article#{row_id} .pos a").get_text() == "10"


def test_goto_row_with_htmx_gives_its_page_focused(app: Flask, client: FlaskClient) -> None:
    comparison_id = save(app, build_comparison(repeat=3))
    response = client.get(f"/comparisons/{comparison_id}/goto?row=18&q=river&threshold=0.4",
                          headers=HX)
    assert response.status_code == 200
    pushed = response.headers["HX-Push-Url"]
    assert pushed == f"/comparisons/{comparison_id}?threshold=0.4&offset=16"
    page = soup(response)
    focus = page.select_one("#rows")["data-focus-row"]
    assert page.select_one(f"article#{focus} .pos a").get_text() == "18"
    assert page.select_one("#filter-pills input[value=all]").has_attr("checked")


def test_goto_row_out_of_range_says_so(client: FlaskClient, comparison_id: int) -> None:
    for wanted in ("7", "0", "-3"):
        response = client.get(f"/comparisons/{comparison_id}/goto?row={wanted}", headers=HX)
        assert response.status_code == 400
        assert response.headers["HX-Retarget"] == "#status-message"
        text = soup(response).get_text(" ", strip=True)
        assert f"There is no row {wanted}: this comparison has rows 1 to 6." in text
    plain = client.get(f"/comparisons/{comparison_id}/goto?row=abc")
    assert plain.status_code == 400
    assert "Type a row number from 1 to 6." in plain.get_data(as_text=True)


def test_review_page_offers_the_layout_controls(client: FlaskClient, comparison_id: int) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    sticky = page.select_one("#review-sticky")
    assert sticky.select_one("#toolbar") and sticky.select_one("#filters")
    assert sticky.select_one("form.goto-row input[name=row]")
    assert sticky.select_one("#compact-toggle")
    assert [i["data-column"] for i in sticky.select("input[data-column]")] == ["zh", "ru", "en"]
    assert [s["data-label"] for s in page.select(".grid-head [data-label]")] == ["zh", "ru", "en"]
