"""Lists and headers read a comparison's header, not its bulk (an import's pairing, texts).

A 100,000-row import kept megabytes of JSON in ``comparisons.given_rows`` and
``versions.input_segments``: every ``/projects`` decoded them (2.3 s a request).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from bench import hostile

BULK_COLUMNS = ("given_rows", "input_segments", "versions.text")


@pytest.fixture()
def statements(app: Flask) -> Iterator[list[str]]:
    from workbench.store import get_engine

    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = get_engine(app.config["DATABASE_URL"])
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_pages_listing_an_import_do_not_read_its_bulk(app: Flask, client: FlaskClient,
                                                      statements: list[str]) -> None:
    answer = client.post("/comparisons/import", content_type="multipart/form-data", data={
        "file": (io.BytesIO(hostile.jsonl_rows(50)), "pairs.jsonl")})
    assert answer.status_code == 303
    comparison_id = int(answer.headers["Location"].split("/")[-2])
    base = f"/comparisons/{comparison_id}"
    for path in ("/projects", base, f"{base}/progress", f"{base}/history"):
        statements.clear()
        assert client.get(path).status_code in (200, 302), path
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert selects, path
        for column in BULK_COLUMNS:
            assert not [s for s in selects if column in s], (path, column)
