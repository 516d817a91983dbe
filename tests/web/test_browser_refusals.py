"""Browser tests: every refused action shows its reason in place, with JavaScript on.

htmx 2 swaps no 4xx answer unless told to; base.html tells it to, and the error
handler aims review-action errors at the notice area. Each test does what a
reviewer would do in chromium and checks that the message is *visible*.
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

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]



SEEDED: dict[str, int] = {}


@pytest.fixture(scope="module")
def server(shared_server: SharedServer) -> Iterator[str]:
    """The shared ``workbench serve --no-demo`` with this module's own seeded comparison."""
    SEEDED["id"] = shared_server.seed("Refusals")
    yield shared_server.base


def _open(page: Any) -> None:
    """This module's comparison, on its review page."""
    page.goto(f"/comparisons/{SEEDED['id']}")


WAIT = 90_000
"""ms: the server's first segmentation or rescoring loads the model (slow on a busy machine)."""
ZH = "春天河水上涨。农民把牛赶到山上。"
RU = "Весной река поднялась. Крестьяне перегнали скот в горы."


def _new_comparison(page: Any, **fields: str) -> None:
    page.goto("/comparisons/new")
    for name, value in fields.items():
        page.fill(f"#{name}", value)
    page.get_by_role("button", name="Preview segmentation").click()


def _visible_error(page: Any, scope: str, text: str | re.Pattern[str]) -> None:
    message = page.locator(f"{scope} [role=alert]")
    expect(message).to_be_visible(timeout=WAIT)
    expect(message).to_contain_text(text)


def test_js_is_on_and_htmx_loaded(page: Any) -> None:
    """The tests below are about the htmx path: make sure it is the one taken."""
    page.goto("/comparisons/new")
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.responseHandling.some(h => h.code.includes('400'))")


def test_new_comparison_with_one_version(page: Any) -> None:
    _new_comparison(page, text_1=RU)
    _visible_error(page, "#create-pane", "at least two versions")
    expect(page.locator("#text_1")).to_have_value(RU)


def test_chain_naming_unknown_labels(page: Any) -> None:
    _new_comparison(page, text_1=ZH, text_2=RU, chain="zh, xx")
    _visible_error(page, "#create-pane", "chain must list version labels")


def test_preview_split_at_text_not_in_the_segment(page: Any) -> None:
    _new_comparison(page, text_1=ZH, text_2=RU)
    first = page.locator("#create-pane li.segment").first
    expect(first).to_be_visible(timeout=WAIT)
    first.locator("input[name^=split_before_]").fill("nowhere to be found")
    first.get_by_role("button", name="Split", exact=True).click()
    _visible_error(page, "#create-pane", "was not found inside the segment")
    expect(page.locator("#create-pane li.segment").first).to_be_visible()  # preview kept


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("broken.tmx", b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>x',
     "not well-formed"),
    ("notes.txt", "Просто текст.\nЕщё строка.".encode(), "not a known aligned format"),
])
def test_open_aligned_file_refused(page: Any, name: str, data: bytes, expected: str) -> None:
    page.goto("/comparisons/import")
    page.set_input_files("#file", files=[{"name": name, "mimeType": "application/octet-stream",
                                          "buffer": data}])
    page.get_by_role("button", name="Open", exact=True).click()
    _visible_error(page, "#import-pane", expected)
    expect(page.locator("#import-pane [role=alert]")).to_contain_text(name)


def test_split_row_with_every_version_staying_whole(page: Any) -> None:
    _open(page)
    first = page.locator("article.row").first
    first_id = first.get_attribute("id")
    first.locator("details.align-form summary").click()
    first.get_by_role("button", name="Merge with next row").click()
    merged = page.locator(f"#{first_id}")  # the merged row keeps the first row's id
    expect(merged.locator("fieldset.split-line")).to_have_count(1, timeout=WAIT)
    merged.locator("details.align-form summary").click()
    for select in merged.locator("fieldset.split-line select").all():
        select.select_option(value="")  # "(stays whole)"
    merged.get_by_role("button", name="Split row").click()
    _visible_error(page, "#status-message", "Choose a cut")
    expect(page.locator(f"#{first_id}")).to_be_visible()  # the row is still there
    page.locator("[data-dismiss-notice]").click()
    expect(page.locator("#status-message [role=alert]")).to_have_count(0)
    page.locator("#undo-button").click()
    expect(page.locator("#status-message")).to_contain_text("Undone: merged rows 1 and 2",
                                                            timeout=WAIT)


def test_acting_on_a_row_another_tab_merged_away(page: Any) -> None:
    _open(page)
    other = page.context.new_page()
    other.goto(page.url)
    second_id = page.locator("article.row").nth(1).get_attribute("id")
    first = other.locator("article.row").first
    first.locator("details.align-form summary").click()
    first.get_by_role("button", name="Merge with next row").click()
    expect(other.locator(f"#{second_id}")).to_have_count(0, timeout=WAIT)
    # the first tab still shows the row that is gone, and tries to accept it
    page.locator(f"#{second_id} [data-key=accept]").click()
    _visible_error(page, "#status-message", "no longer exists")
    other.locator("#undo-button").click()
    expect(other.locator("#status-message")).to_contain_text("Undone: merged rows 1 and 2",
                                                             timeout=WAIT)
    other.close()


def test_back_button_keeps_pill_and_rows_together(page: Any) -> None:
    _open(page)
    rows = page.locator("article.row")

    def shown() -> list[str | None]:
        return [r.get_attribute("id") for r in rows.all()]

    page.locator("label.pill", has_text="Flagged").click()
    page.wait_for_url(re.compile(r"filter=flagged"))
    expect(page.locator(".rows-summary")).to_contain_text("in the comparison", timeout=WAIT)
    flagged = shown()
    page.locator("label.pill", has_text="Below threshold").click()
    page.wait_for_url(re.compile(r"filter=below"))
    expect(rows.first).not_to_have_id(str(flagged[0]), timeout=WAIT)
    page.go_back()
    page.wait_for_url(re.compile(r"filter=flagged"))
    expect(rows.first).to_have_id(str(flagged[0]), timeout=WAIT)
    assert shown() == flagged
    expect(page.locator("#filter-pills input[value=flagged]")).to_be_checked()
    expect(page.locator("#filter-pills input:checked")).to_have_count(1)
    for row in rows.all():
        assert row.locator("li.flag").count() or "status-flagged" in (
            row.get_attribute("class") or "")


def test_a_busy_server_says_so_where_the_action_was(page: Any) -> None:
    """A 503 from the capacity guard (its own notice, aimed at the notice area) is shown."""
    from workbench.web.capacity import busy_pages

    _page, notice = busy_pages({"en": ("The workbench is busy", "Try again in a moment.")})["en"]
    _open(page)
    page.route("**/rows/*/status", lambda route: route.fulfill(
        status=503, body=notice, headers={
            "Content-Type": "text/html; charset=utf-8", "Retry-After": "2",
            "HX-Retarget": "#status-message", "HX-Reswap": "innerHTML"}))
    page.locator("article.row").first.locator("[data-key=accept]").click()
    _visible_error(page, "#status-message", "The workbench is busy")
    page.unroute("**/rows/*/status")
