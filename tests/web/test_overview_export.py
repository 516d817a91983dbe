"""Overview (SVG heat strip and histogram, counts, progress) and export downloads."""

from __future__ import annotations

import json

from flask.testing import FlaskClient

from tests.web.conftest import HX, soup


def test_overview_full_and_partial(client: FlaskClient, comparison_id: int,
                                   rendered: list[str]) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}/overview"))
    assert rendered[0] == "overview.html"
    cells = page.select("svg.heat-strip a")
    assert len(cells) == 6
    assert cells[4].select_one("rect")["class"] == ["heat", "band-bad"]
    assert "offset=4" in cells[4]["href"] and cells[4]["href"].split("#")[1].startswith("row-")
    bars = page.select("svg.histogram rect.bar")
    assert len(bars) == 10
    counts = page.select_one("#flag-counts")
    assert "Number" in counts.get_text() and "ru → en" in counts.get_text()
    client.get(f"/comparisons/{comparison_id}/overview", headers=HX)
    assert rendered[-1] == "partials/_overview.html"


def test_export_form_and_download(client: FlaskClient, comparison_id: int,
                                  rendered: list[str]) -> None:
    form = soup(client.get(f"/comparisons/{comparison_id}/export"))
    assert rendered[0] == "export.html"
    formats = [o["value"] for o in form.select("input[name=format]")]
    assert "jsonl" in formats and "tmx" in formats
    response = client.get(f"/comparisons/{comparison_id}/download?format=jsonl&rows=all")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert "River" in response.headers["Content-Disposition"]
    rows = [json.loads(line) for line in response.get_data(as_text=True).splitlines()
            if '"row"' in line]
    assert [r["text"]["zh"] for r in rows][:1] == ["春天河水上涨。"] and len(rows) == 6
    accepted_only = client.get(f"/comparisons/{comparison_id}/download?format=jsonl&rows=accepted")
    assert '"row"' not in accepted_only.get_data(as_text=True)
    tmx = client.get(f"/comparisons/{comparison_id}/download?format=xliff&pair=ru|en")
    assert tmx.status_code == 200 and b"<xliff" in tmx.data


def test_bad_export_requests(client: FlaskClient, comparison_id: int) -> None:
    assert client.get(f"/comparisons/{comparison_id}/download?format=exe").status_code == 400
    assert client.get(f"/comparisons/{comparison_id}/download?format=jsonl&rows=x"
                      ).status_code == 400
    assert client.get(f"/comparisons/{comparison_id}/download?format=jsonl&min_score=hi"
                      ).status_code == 400
    assert client.get(f"/comparisons/{comparison_id}/download?format=jsonl&min_score=7"
                      ).status_code == 400
    assert client.get(f"/comparisons/{comparison_id}/download?format=xliff&pair=ru|xx"
                      ).status_code == 400
