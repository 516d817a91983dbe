"""What the hostile-request tests share: big numbers, a dump of what a request could
change, the ids of a row and a flag, and the check that a refusal shows no internals.

Used by ``test_hostile_requests.py`` (ids, query strings, form fields) and
``test_hostile_headers.py`` (Host, Origin, Referer, CSRF, Idempotency-Key).
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import soup
from workbench.store import session_scope
from workbench.store.models import (
    AlignmentRow,
    CommentModel,
    Comparison,
    FlagModel,
    HistoryEntry,
    IdempotencyRecord,
    Project,
)

BIG = str(2**63)  # one past SQLite's largest integer
HUGE = "100000000000000000000"  # 10^20
HUGER = "1180591620717411303424"  # 2^70
INTERNALS = ("Traceback", "Error(", "object is not", "KeyError", "ValueError",
             "OverflowError", "sqlalchemy", "NoneType")


def state(app: Flask) -> tuple[Any, ...]:
    """Everything a request could change: rows, flags, comments, history, names."""
    with session_scope(app.config["DATABASE_URL"]) as session:
        def rows(*columns: Any) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in session.execute(select(*columns).order_by(columns[0]))]

        return (rows(AlignmentRow.id, AlignmentRow.position, AlignmentRow.status),
                rows(FlagModel.id, FlagModel.row_id, FlagModel.dismissed_at),
                rows(CommentModel.id, CommentModel.text),
                rows(HistoryEntry.id, HistoryEntry.state),
                rows(Project.id, Project.name),
                rows(Comparison.id, Comparison.title, Comparison.project_id),
                rows(IdempotencyRecord.id))


def first_row(client: FlaskClient, comparison_id: int) -> str:
    return str(soup(client.get(f"/comparisons/{comparison_id}")).select_one(
        "article.row")["data-row-id"])


def first_flag(client: FlaskClient, comparison_id: int) -> str:
    form = soup(client.get(f"/comparisons/{comparison_id}")).select_one(
        "form[action*='/flags/'][action$='/dismiss']")
    return str(form["action"]).split("/flags/")[1].split("/")[0]


def refused(response: Any, *statuses: int) -> str:
    """The response is one of ``statuses`` and its text shows no internals; the text."""
    text = response.get_data(as_text=True)
    assert response.status_code in statuses, (response.status_code, text[:500])
    for word in INTERNALS:
        assert word not in text, word
    return text
