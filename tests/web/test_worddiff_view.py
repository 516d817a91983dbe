"""The review row shows the word diff of its same-language versions (and only of those)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, save, soup

AGENCY = ["Kazakhstan keeps ties with its landlocked neighbours.",
          "The meeting opens in <Astana> today.",
          "On Monday the ministers met."]
RELAY = ["Kazakhstan keeps ties with its neighbours.",
         "The summit opens in <Astana> today.",
         "On Monday the ministers met."]


def _same_language_comparison() -> Any:
    from workbench.aligned import AlignedComparison
    from workbench.comparison import ComparisonRecord, RowRecord, VersionInfo
    from workbench.nlp.segment import segment_lines
    from workbench.nlp.types import Row, Version

    texts = {"agency": AGENCY, "relay": RELAY}
    versions = [Version(label=label, lang="en", text="\n".join(lines),
                        segments=segment_lines("\n".join(lines)))
                for label, lines in texts.items()]
    rows = [Row(cells={label: (i,) for label in texts}) for i in range(len(AGENCY))]
    records = [RowRecord(index=i, segments={k: [i] for k in texts},
                         text={k: texts[k][i] for k in texts},
                         similarity={"agency|relay": 0.97}, score={"agency|relay": 0.99})
               for i in range(len(AGENCY))]
    record = ComparisonRecord(title="Two editions", rows=records, model="fake",
                              versions=[VersionInfo(v.label, v.lang) for v in versions])
    return AlignedComparison(versions=versions, rows=rows, record=record)


def test_same_language_rows_show_inserted_and_deleted_words(app: Flask,
                                                           client: FlaskClient) -> None:
    comparison_id = save(app, _same_language_comparison())
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    rows = page.select("article.row")
    assert len(rows) == 3 and all("has-worddiff" in r["class"] for r in rows)
    first, second, third = (r.select_one(".worddiff") for r in rows)
    assert first["data-pair"] == "agency|relay"
    assert [d.get_text() for d in first.select("del")] == ["landlocked "]
    assert first.select("ins") == []
    assert [d.get_text() for d in second.select("del")] == ["meeting "]
    assert [i.get_text() for i in second.select("ins")] == ["summit"]
    assert "<Astana>" in second.get_text()  # escaped, shown as text
    assert second.select("Astana") == [] and "&lt;Astana&gt;" in str(second)
    assert third.select("del, ins") == [] and third.select_one(".wd-same") is not None


def test_htmx_row_partial_keeps_the_diff(app: Flask, client: FlaskClient) -> None:
    comparison_id = save(app, _same_language_comparison())
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    row_id = page.select_one("article.row")["data-row-id"]
    partial = soup(client.get(f"/comparisons/{comparison_id}/rows/{row_id}", headers=HX))
    assert [d.get_text() for d in partial.select(".worddiff del")] == ["landlocked "]


def test_rows_in_different_languages_have_no_diff(client: FlaskClient,
                                                  comparison_id: int) -> None:
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    assert page.select("article.row") and page.select(".worddiff") == []
