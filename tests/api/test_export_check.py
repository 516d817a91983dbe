"""Export in every format of workbench.export; ``check`` over uploaded aligned material."""

from __future__ import annotations

import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.conftest import API, assert_problem, rows_of, snapshot
from workbench.export import FORMATS


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_format(client: FlaskClient, comparison_id: int, fmt: str) -> None:
    query = {"format": fmt, "pair": "ru|en"} if FORMATS[fmt].bilingual else {"format": fmt}
    response = client.get(f"{API}/comparisons/{comparison_id}/export", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == FORMATS[fmt].mimetype
    assert FORMATS[fmt].extension in response.headers["Content-Disposition"]
    assert response.data


def test_export_carries_the_review(client: FlaskClient, comparison_id: int) -> None:
    row = rows_of(client, comparison_id)[0]
    client.put(f"{API}/comparisons/{comparison_id}/rows/{row['id']}/status",
               json={"status": "accepted"})
    only = client.get(f"{API}/comparisons/{comparison_id}/export",
                      query_string={"format": "jsonl", "rows": "accepted"})
    lines = [json.loads(line) for line in only.get_data(as_text=True).splitlines()]
    rows = [line for line in lines if "row" in line]
    assert [r["status"] for r in rows] == ["accepted"]


@pytest.mark.parametrize(("query", "status"), [
    ({"format": "docx"}, 422), ({}, 422), ({"format": "csv", "min_score": 3}, 422),
    ({"format": "xliff", "pair": "ru|de"}, 400), ({"format": "csv", "rows": "some"}, 422)])
def test_bad_export_options(client: FlaskClient, comparison_id: int, query: dict[str, str],
                            status: int) -> None:
    assert_problem(client.get(f"{API}/comparisons/{comparison_id}/export",
                              query_string=query), status)


PAIRS = [("今天天气很好。", "Сегодня хорошая погода."),
         ("公园里有三百名游客。", "В парке было пятьсот посетителей."),
         ("晚上我们回家了。", "Вечером мы вернулись домой.")]
CHANGED_NUMBER = 1


def _tmx() -> bytes:
    units = "".join(f'<tu><tuv xml:lang="zh"><seg>{zh}</seg></tuv>'
                    f'<tuv xml:lang="ru"><seg>{ru}</seg></tuv></tu>\n' for zh, ru in PAIRS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
            '<header srclang="zh" datatype="plaintext" segtype="sentence" adminlang="en" '
            'creationtool="test" creationtoolversion="1" o-tmf="test"/>'
            f"<body>\n{units}</body></tmx>\n").encode()


@pytest.mark.model
def test_check_scores_aligned_material_and_stores_nothing(app: Flask,
                                                          client: FlaskClient) -> None:
    before = snapshot(app)
    response = client.post(f"{API}/check", data={"file": (io.BytesIO(_tmx()), "memory.tmx")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    checked = response.get_json()
    assert checked["labels"] == ["zh", "ru"] and len(checked["rows"]) == len(PAIRS)
    assert [row["text"]["ru"] for row in checked["rows"]] == [ru for _, ru in PAIRS]
    numbers = [row["row"] for row in checked["rows"]
               if any(f["type"] == "number" for f in row["flags"])]
    assert numbers == [CHANGED_NUMBER]
    assert all(0.0 <= score <= 1.0 for row in checked["rows"] for score in row["score"].values())
    tsv = client.post(f"{API}/check", data={"file": (io.BytesIO(_tmx()), "memory.tmx"),
                                            "format": "tsv"},
                      content_type="multipart/form-data")
    assert tsv.mimetype == "text/tab-separated-values"
    assert "пятьсот" in tsv.get_data(as_text=True)
    assert snapshot(app) == before


@pytest.mark.parametrize(("data", "status"), [
    ({}, 422),  # no file
    ({"file": (io.BytesIO(b""), "empty.tmx")}, 400),
    ({"file": (io.BytesIO(b"<tmx><body><tu>"), "broken.tmx")}, 400),
    ({"file": (io.BytesIO(_tmx()), "memory.tmx"), "format": "pdf"}, 422),
    ({"file": (io.BytesIO(_tmx()), "memory.tmx"), "chain": "zh,de"}, 400),
])
def test_check_refuses_bad_material(app: Flask, client: FlaskClient, data: dict[str, object],
                                    status: int) -> None:
    before = snapshot(app)
    assert_problem(client.post(f"{API}/check", data=data,
                               content_type="multipart/form-data"), status)
    assert snapshot(app) == before


@pytest.mark.model
def test_check_with_a_glossary_reports_the_missing_term(client: FlaskClient) -> None:
    glossary = "zh,ru\n游客,туристы\n".encode()
    response = client.post(f"{API}/check", data={
        "file": (io.BytesIO(_tmx()), "memory.tmx"),
        "glossary": (io.BytesIO(glossary), "terms.csv")}, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    terms = [row["row"] for row in response.get_json()["rows"]
             if any(f["type"] == "term" for f in row["flags"])]
    assert terms == [CHANGED_NUMBER]  # the row with 游客 says посетителей, not туристы
