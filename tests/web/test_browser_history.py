"""Browser test: undo back to a chosen point from the history page, and see the result.

The shared server (``shared_server`` in conftest) with this module's own seeded 18-row
comparison (no demo alignment); accepting rows needs no model, so the test is about what
the reviewer sees in chromium.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web import test_browser as _shared
from tests.web.serving import SharedServer

page = _shared.page  # the same page fixture (conftest's one browser), on this server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


SEEDED: dict[str, int] = {}


@pytest.fixture(scope="module")
def server(shared_server: SharedServer) -> Iterator[str]:
    SEEDED["id"] = shared_server.seed("History")
    yield shared_server.base


def _open(page: Any) -> None:
    page.goto(f"/comparisons/{SEEDED['id']}")


def _row(page: Any, n: int) -> Any:
    return page.locator("article.row").nth(n)


def test_undo_back_to_a_chosen_change(page: Any) -> None:
    _open(page)
    for n in range(3):  # accept rows 1, 2 and 3 with their buttons (htmx)
        _row(page, n).locator("button[data-key=accept]").click()
        expect(_row(page, n)).to_have_class(re.compile(r"\bstatus-accepted\b"))
    page.locator("#history-link").click()
    table = page.locator("#history-table")
    expect(table).to_be_visible()
    entries = table.locator("tbody tr")
    expect(entries).to_have_count(3)
    expect(entries.nth(0)).to_contain_text("Accepted row 3")
    first = entries.filter(has_text="Accepted row 1")
    expect(first).to_contain_text("in effect")
    first.get_by_role("button", name="Undo back to here").click()
    message = page.locator("#history-message")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Undid 2 changes: the comparison is back to change #1.")
    expect(entries.filter(has_text="Accepted row 3")).to_contain_text("undone")
    expect(entries.filter(has_text="Accepted row 2")).to_contain_text("undone")
    expect(entries.filter(has_text="Accepted row 1")).to_contain_text("in effect")
    page.get_by_role("link", name=re.compile("Back to the review")).click()
    expect(_row(page, 0)).to_have_class(re.compile(r"\bstatus-accepted\b"))
    expect(_row(page, 1)).to_have_class(re.compile(r"\bstatus-unreviewed\b"))
    expect(_row(page, 2)).to_have_class(re.compile(r"\bstatus-unreviewed\b"))
    expect(page.locator("#redo-button")).to_be_enabled()


def test_refused_undo_shows_its_reason(page: Any) -> None:
    """A stale form (here: aimed at a change undone meanwhile) is refused visibly."""
    _open(page)
    page.locator("#history-link").click()
    stale = page.locator("#history-table tbody tr").filter(has_text="Accepted row 3")
    expect(stale).to_contain_text("undone")
    entry_id = stale.get_attribute("id").removeprefix("change-")
    page.evaluate("""(id) => {
        const form = document.querySelector('#undo-all').form;
        form.querySelector('input[name=to]').value = id;
        form.submit();
    }""", entry_id)
    alert = page.locator("#history-error")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("is undone already")
