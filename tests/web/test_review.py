"""The review page: columns, colours, flags, highlights, filter, search, paging, row links."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, build_comparison, save, soup


def test_review_page_shows_one_column_per_version(client: FlaskClient, comparison_id: int,
                                                  rendered: list[str]) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    assert rendered[0] == "review.html"
    assert page.find("h1").get_text() == "River <test>"  # escaped, shown as text
    rows = page.select("article.row")
    assert len(rows) == 4  # ROWS_PER_PAGE in the test app
    cells = rows[0].select(".cell")
    assert [c["lang"] for c in cells] == ["zh", "ru", "en"]
    assert cells[0].get_text() == "春天河水上涨。"
    assert "band-good" in rows[0]["class"]
    assert page.select_one(".rows-summary").get_text(" ", strip=True).startswith("Rows 1–4 of 6")


def test_flags_show_reason_hop_and_highlights(client: FlaskClient, comparison_id: int) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    row = page.select("article.row")[2]
    flag = row.select_one("li.flag")
    assert "Number" in flag.get_text() and "ru → en" in flag.get_text()
    assert "1998 → 1999" in flag.select_one(".detail").get_text()
    marks = [m.get_text() for m in row.select("mark.drift")]
    assert marks == ["1998", "1999"]


def test_user_text_is_escaped(client: FlaskClient, comparison_id: int) -> None:
    response = client.get(f"/comparisons/{comparison_id}?offset=4")
    html = response.get_data(as_text=True)
    assert "new &lt;b&gt;houses&lt;/b&gt;." in html
    assert "<b>houses</b>" not in html


def test_htmx_filter_returns_rows_partial(client: FlaskClient, comparison_id: int,
                                          rendered: list[str]) -> None:
    response = client.get(f"/comparisons/{comparison_id}?filter=flagged", headers=HX)
    assert rendered[-1] == "partials/_rows.html"
    page = soup(response)
    assert page.find("html") is None
    assert len(page.select("article.row")) == 1
    below = soup(client.get(f"/comparisons/{comparison_id}?filter=below&threshold=0.5"))
    assert [r.select_one(".pos a").get_text() for r in below.select("article.row")] == ["5"]
    unreviewed = soup(client.get(f"/comparisons/{comparison_id}?filter=unreviewed"))
    assert len(unreviewed.select("article.row")) == 4


def test_search_and_paging(client: FlaskClient, comparison_id: int) -> None:
    found = soup(client.get(f"/comparisons/{comparison_id}?q=плотину"))
    assert [r.select_one(".pos a").get_text() for r in found.select("article.row")] == ["3"]
    second = soup(client.get(f"/comparisons/{comparison_id}?offset=4"))
    assert [r.select_one(".pos a").get_text() for r in second.select("article.row")] == ["5", "6"]
    assert second.select_one("a[rel=prev]") is not None
    assert second.select_one("a[rel=next]") is None
    first = soup(client.get(f"/comparisons/{comparison_id}"))
    assert "offset=4" in first.select_one("a[rel=next]")["href"]


def test_bad_filter_arguments_are_400(client: FlaskClient, comparison_id: int) -> None:
    for query in ("filter=nope", "threshold=abc", "threshold=3", "offset=-1"):
        response = client.get(f"/comparisons/{comparison_id}?{query}")
        assert response.status_code == 400, query
        assert soup(response).select_one(".error-message").get_text()


def test_missing_comparison_is_404(client: FlaskClient) -> None:
    assert client.get("/comparisons/4242").status_code == 404


def test_row_link_and_row_partial(client: FlaskClient, comparison_id: int,
                                  rendered: list[str]) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}?offset=4"))
    row_id = page.select("article.row")[1]["data-row-id"]
    redirect = client.get(f"/comparisons/{comparison_id}/rows/{row_id}")
    assert redirect.status_code == 302
    assert redirect.headers["Location"].endswith(f"offset=4#row-{row_id}")
    partial = soup(client.get(f"/comparisons/{comparison_id}/rows/{row_id}", headers=HX))
    assert rendered[-1] == "partials/_row.html"
    assert partial.select_one("article.row")["id"] == f"row-{row_id}"


def test_keyboard_hooks_are_in_the_page(client: FlaskClient, comparison_id: int) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    row = page.select_one("article.row")
    assert row["tabindex"] == "-1"
    assert row.select_one("[data-key=accept]") is not None
    assert row.select_one("details.flag-form") is not None
    assert page.select_one("#undo-button") is not None


def test_large_comparison_is_windowed(app: Flask, client: FlaskClient) -> None:
    app.config["ROWS_PER_PAGE"] = 100
    big = save(app, build_comparison("Big", repeat=50))  # 300 rows
    page = soup(client.get(f"/comparisons/{big}"))
    assert len(page.select("article.row")) == 100
    assert "of 300" in page.select_one(".rows-summary").get_text()
