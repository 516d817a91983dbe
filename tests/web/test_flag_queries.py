"""What one flag costs the database: queries counted (deterministic, unlike clocks), one
commit for the flag, its history entry and its key, made before the answer is rendered (the
writers' lock is not held through the template), a second one for the key's answer, and what
happens when either commit fails (the first: nothing saved, and the answer says so; the
second: saved and acknowledged, and a retry is not written twice)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask, template_rendered
from flask.testing import FlaskClient
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from tests.web import test_accounts
from tests.web.conftest import HX, soup
from tests.web.test_accounts import add_member, add_user, csrf_of, login, project_of
from workbench.store.models import FlagModel, HistoryEntry, IdempotencyRecord

accounts_app = test_accounts.accounts_app  # the fixture: two accounts, a project each

FLAG_QUERIES = 19
"""Queries of one flag from the review page, local user: the access check 3 (whether
accounts exist is read at most once a second: counted here), the key's lookup 1, the
answer's comparison header 3 (before any lock), the row read before the lock 5 (row,
segments, scores, flags, comments: the comparison's last change and versions come from the
header), the lock 1, the flag's insert and the row's flags read back 2, history 2, the key
1 (committed with the flag, before the answer is rendered), the key's answer 1. It was 42
before the write path was trimmed, then 20 with the answer rendered under the lock."""
FIRST_FLAG_EXTRA = 2
"""The row's first flag also writes its status, and a process's first keyed request drops
stale keys."""
ACCOUNT_EXTRA = 2
"""Signed in as a reviewer: the account and its role in the project are read too."""

FLAG = {"category": "terminology", "severity": "minor", "comment": "counted"}


@dataclass
class Counted:
    statements: list[str] = field(default_factory=list)
    commits: int = 0
    events: list[str] = field(default_factory=list)  # "commit" and "render", in their order


@contextmanager
def counting(app: Flask) -> Iterator[Counted]:
    """SQL statements and commits on the app's engine while the block runs."""
    from workbench.store import get_engine

    engine = get_engine(app.config["DATABASE_URL"])
    counted = Counted()

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        counted.statements.append(" ".join(sql.split()))

    def commit(_conn: Any) -> None:
        counted.commits += 1
        counted.events.append("commit")

    def rendered(_app: Any, **_extra: Any) -> None:
        counted.events.append("render")

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    template_rendered.connect(rendered, app)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)
        template_rendered.disconnect(rendered, app)


@contextmanager
def failing_commit(app: Flask, which: int) -> Iterator[None]:
    """The ``which``-th commit on the app's engine while the block runs fails (as SQLite's
    COMMIT does when it cannot get its lock): nothing of that transaction is stored."""
    from workbench.store import get_engine

    engine = get_engine(app.config["DATABASE_URL"])
    seen: list[int] = []

    def commit(_conn: Any) -> None:
        seen.append(1)
        if len(seen) == which:
            raise OperationalError("COMMIT", {}, Exception("database is locked"))

    event.listen(engine, "commit", commit)
    try:
        yield
    finally:
        event.remove(engine, "commit", commit)


def _count(app: Flask, query: Any) -> int:
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return int(session.scalar(query) or 0)


def _reviewer_flags(app: Flask) -> int:
    return _count(app, select(func.count()).select_from(FlagModel)
                  .where(FlagModel.source == "reviewer"))


def _rows(client: FlaskClient, comparison_id: int) -> list[str]:
    page = soup(client.get(f"/comparisons/{comparison_id}"))
    return [str(row["data-row-id"]) for row in page.select("article.row")]


def _flag(client: FlaskClient, comparison_id: int, row_id: str, key: str,
          **extra: str) -> Any:
    return client.post(f"/comparisons/{comparison_id}/rows/{row_id}/flags",
                       data={**FLAG, "offset": "0", **extra},
                       headers={**HX, "Idempotency-Key": key})


def _explain(counted: Counted) -> str:
    return "\n".join(counted.statements)


def test_a_flag_stays_within_its_queries_and_commits_once(
        app: Flask, client: FlaskClient, comparison_id: int) -> None:
    row_id = _rows(client, comparison_id)[1]
    with counting(app) as first:
        assert _flag(client, comparison_id, row_id, "count-first-0001").status_code == 200
    assert len(first.statements) <= FLAG_QUERIES + FIRST_FLAG_EXTRA, _explain(first)
    for n in range(3):
        with counting(app) as counted:
            answer = _flag(client, comparison_id, row_id, f"count-more-000{n}")
        assert answer.status_code == 200
        assert len(counted.statements) <= FLAG_QUERIES, _explain(counted)
        # the flag, its history entry and the key: one transaction, committed before the
        # answer is rendered; then the key's answer
        assert counted.commits == 2
        assert counted.events.index("commit") < counted.events.index("render")
        assert counted.events[-1] == "commit"
        assert sum(s.startswith("INSERT INTO idempotency_keys") for s in counted.statements) == 1
        assert sum(s.startswith("UPDATE idempotency_keys") for s in counted.statements) == 1
    assert _reviewer_flags(app) == 4
    assert _count(app, select(func.count()).select_from(HistoryEntry)) == 4
    stored = _count(app, select(func.count()).select_from(IdempotencyRecord)
                    .where(IdempotencyRecord.status == 200))
    assert stored == 4  # every key kept with its answer, ready to be replayed


def test_adding_a_flag_keeps_the_ids_of_the_row_flags_shown(
        app: Flask, client: FlaskClient, comparison_id: int) -> None:
    """Only the new flag is written: the remove buttons already on screen stay valid."""
    row_id = _rows(client, comparison_id)[2]  # holds an automatic number signal
    ids_before = _count(app, select(func.min(FlagModel.id)).where(FlagModel.row_id == row_id))
    assert _flag(client, comparison_id, row_id, "keep-ids-00001").status_code == 200
    assert _count(app, select(func.min(FlagModel.id))
                  .where(FlagModel.row_id == row_id)) == ids_before
    undo = client.post(f"/comparisons/{comparison_id}/undo", headers=HX)
    assert undo.status_code == 200
    assert _count(app, select(func.count()).select_from(FlagModel)
                  .where(FlagModel.row_id == row_id)) == 1
    assert _count(app, select(func.min(FlagModel.id))
                  .where(FlagModel.row_id == row_id)) == ids_before


def test_a_signed_in_reviewer_s_flag_stays_within_its_queries(accounts_app: Flask) -> None:
    app = accounts_app
    mine, _theirs = app.config["SEEDED"]
    add_user(app, "rita")
    add_member(app, project_of(app, mine), "rita", "reviewer")
    client = app.test_client()
    assert login(client, "rita").status_code == 303
    token = csrf_of(client)
    row_id = _rows(client, mine)[0]
    for n in range(3):
        with counting(app) as counted:
            answer = _flag(client, mine, row_id, f"signed-in-000{n}", csrf_token=token)
        assert answer.status_code == 200
        limit = FLAG_QUERIES + ACCOUNT_EXTRA + (FIRST_FLAG_EXTRA if n == 0 else 0)
        assert len(counted.statements) <= limit, _explain(counted)
    assert _count(app, select(func.count()).select_from(HistoryEntry)
                  .where(HistoryEntry.author == "rita")) == 3


def test_a_twin_that_won_the_key_is_replayed_and_nothing_is_written_twice(
        app: Flask, client: FlaskClient, comparison_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two requests with one key at once: both miss the key, the first commits; the
    second's commit then fails on the key, its flag goes with it, the first's answer comes."""
    import workbench.web.idempotency as idempotency

    row_id = _rows(client, comparison_id)[0]
    first = _flag(client, comparison_id, row_id, "twin-key-00001")
    assert first.status_code == 200
    real_find = idempotency.find_record
    calls: list[int] = []

    def missed_once(*args: Any) -> Any:  # the twin's lookup ran before the first committed
        calls.append(1)
        return None if len(calls) == 1 else real_find(*args)

    monkeypatch.setattr(idempotency, "find_record", missed_once)
    second = _flag(client, comparison_id, row_id, "twin-key-00001")
    assert len(calls) == 2  # missed before the view, found after the failed commit
    assert second.status_code == 200
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.get_data() == first.get_data()
    assert _reviewer_flags(app) == 1
    assert _count(app, select(func.count()).select_from(HistoryEntry)) == 1


def test_a_flag_whose_commit_fails_is_not_saved_and_not_acknowledged(
        app: Flask, client: FlaskClient, comparison_id: int) -> None:
    """The flag is committed with its key before the answer is rendered: when that commit
    fails, the answer is "busy, nothing was changed" (503), nothing is stored, and the same
    key then goes through."""
    row_id = _rows(client, comparison_id)[0]
    with failing_commit(app, 1):
        refused = _flag(client, comparison_id, row_id, "commit-fails-01")
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "1"
    assert "nothing was changed" in refused.get_data(as_text=True)
    assert _reviewer_flags(app) == 0
    assert _count(app, select(func.count()).select_from(HistoryEntry)) == 0
    assert _count(app, select(func.count()).select_from(IdempotencyRecord)) == 0
    assert _flag(client, comparison_id, row_id, "commit-fails-01").status_code == 200
    assert _reviewer_flags(app) == 1


def test_a_flag_whose_answer_is_not_stored_is_saved_once(
        app: Flask, client: FlaskClient, comparison_id: int) -> None:
    """The second commit (the key's answer) fails: the flag was saved with its key, so it is
    acknowledged; a retry with the key writes nothing again and says the answer was lost."""
    row_id = _rows(client, comparison_id)[0]
    with failing_commit(app, 2):
        saved = _flag(client, comparison_id, row_id, "answer-fails-1")
    assert saved.status_code == 200
    assert _reviewer_flags(app) == 1
    again = _flag(client, comparison_id, row_id, "answer-fails-1")
    assert again.status_code == 409
    assert "reload the page" in again.get_data(as_text=True)
    assert _reviewer_flags(app) == 1
    assert _count(app, select(func.count()).select_from(HistoryEntry)) == 1


def test_a_view_that_commits_itself_takes_the_key_into_its_commit(
        app: Flask, client: FlaskClient) -> None:
    """Creating a project commits in the view: the key goes with it, the answer after."""
    from workbench.store.models import Project

    headers = {"Idempotency-Key": "new-project-0001"}
    first = client.post("/projects", data={"name": "Keyed"}, headers=headers)
    again = client.post("/projects", data={"name": "Keyed"}, headers=headers)
    assert first.status_code == again.status_code
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert _count(app, select(func.count()).select_from(Project)
                  .where(Project.name == "Keyed")) == 1
    assert _count(app, select(func.count()).select_from(IdempotencyRecord)
                  .where(IdempotencyRecord.status == first.status_code)) == 1


def _progress(answer: Any) -> str:
    return " ".join(soup(answer).select_one("#toolbar .review-progress span").get_text().split())


def test_the_answer_s_progress_counts_the_change_read_before_it(
        app: Flask, client: FlaskClient, comparison_id: int) -> None:
    """The header is read before the write lock; the change's own step moves the progress."""
    rows = _rows(client, comparison_id)
    base = f"/comparisons/{comparison_id}"
    first = _flag(client, comparison_id, rows[0], "progress-0001")
    assert _progress(first) == "1 of 6 rows reviewed"
    again = _flag(client, comparison_id, rows[0], "progress-0002")  # still one row flagged
    assert _progress(again) == "1 of 6 rows reviewed"
    accepted = client.post(f"{base}/rows/{rows[1]}/status", data={"status": "accepted"},
                           headers=HX)
    assert _progress(accepted) == "2 of 6 rows reviewed"
    reopened = client.post(f"{base}/rows/{rows[1]}/status", data={"status": "unreviewed"},
                           headers=HX)
    assert _progress(reopened) == "1 of 6 rows reviewed"
    flags = soup(again).select(f'article[data-row-id="{rows[0]}"] form[action*="/delete"]')
    for form in flags:  # the row's reviewer flags, removed one by one
        removed = client.post(str(form["action"]), headers=HX)
        assert removed.status_code == 200
    assert _progress(removed) == "0 of 6 rows reviewed"
    unchanged = client.post(f"{base}/rows/{rows[2]}/status", data={"status": "unreviewed"},
                            headers=HX)
    assert _progress(unchanged) == "0 of 6 rows reviewed"
    page = soup(client.get(base))  # the count the page itself makes agrees
    assert " ".join(page.select_one("#toolbar .review-progress span").get_text().split()) == \
        "0 of 6 rows reviewed"
