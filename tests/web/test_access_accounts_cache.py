"""Whether accounts exist is read at most once per ``ACCOUNTS_RECHECK_SECONDS`` (every request
asks): an account made by another process is seen within that bound, one made by this process
at once. The clock is the module's own (``_clock``), moved by hand: no waiting."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.test_accounts import PASSWORD, add_user

CREATE_IN_ANOTHER_PROCESS = textwrap.dedent("""
    import sys
    from workbench.review.accounts import create_user
    from workbench.store import session_scope
    with session_scope(sys.argv[1]) as session:
        create_user(session, sys.argv[2], sys.argv[3])
""")


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    import workbench.review.accounts as accounts

    now = [1000.0]
    monkeypatch.setattr(accounts, "_clock", lambda: now[0])
    monkeypatch.setattr(accounts, "_accounts_known", {})
    return now


def _needs_login(client: FlaskClient, comparison_id: int) -> bool:
    answer = client.get(f"/comparisons/{comparison_id}")
    assert answer.status_code in (200, 302)
    return answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_an_account_made_by_another_process_is_seen_within_the_bound(
        app: Flask, client: FlaskClient, comparison_id: int, clock: list[float]) -> None:
    from workbench.review.accounts import ACCOUNTS_RECHECK_SECONDS

    assert not _needs_login(client, comparison_id)  # no accounts: the local user
    made = subprocess.run([sys.executable, "-c", CREATE_IN_ANOTHER_PROCESS,
                           app.config["DATABASE_URL"], "zoe", PASSWORD],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    clock[0] += ACCOUNTS_RECHECK_SECONDS / 2
    assert not _needs_login(client, comparison_id)  # this process read it just now
    clock[0] += ACCOUNTS_RECHECK_SECONDS
    assert _needs_login(client, comparison_id)  # past the bound: read again, login required


def test_an_account_made_by_this_process_is_seen_at_once(
        app: Flask, client: FlaskClient, comparison_id: int, clock: list[float]) -> None:
    assert not _needs_login(client, comparison_id)
    add_user(app, "yan")  # the same clock moment: only the forgotten answer can tell
    assert _needs_login(client, comparison_id)
