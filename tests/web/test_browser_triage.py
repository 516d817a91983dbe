"""Browser tests: a reviewer triages a comparison from the keyboard only, across pages.

The shared server (``shared_server`` in conftest: five rows a page) with this module's own
seeded 18-row zh -> ru -> en comparison: its critical number signals are on rows 3, 9 and
15, one on each of the first three pages, so the keys must cross pages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web import test_browser as _shared
from tests.web.serving import SHARED_ROWS_PER_PAGE, SharedServer

page = _shared.page  # the same page fixture (conftest's one browser), on this server

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

WAIT = 90_000
"""ms: a merge or split rescores with the real model (its first load is slow)."""
COMMENT = "Check the year against the source"
FLAG_NOTE = "The year differs from the Russian"


SEEDED: dict[str, int] = {}


@pytest.fixture(scope="module")
def server(shared_server: SharedServer) -> Iterator[str]:
    """The shared ``workbench serve --no-demo`` (five rows a page), this module's comparison."""
    assert SHARED_ROWS_PER_PAGE == 5  # the pages and offsets below are counted in fives
    SEEDED["id"] = shared_server.seed("Triage")
    yield shared_server.base


def _open_review(page: Any) -> str:
    page.goto(f"/comparisons/{SEEDED['id']}")
    expect(page.locator("article.row").first).to_be_visible()
    found = re.search(r"/comparisons/(\d+)", page.url)
    assert found is not None
    return found.group(1)


def _current(page: Any, position: int) -> Any:
    """The row at ``position`` (from 0) is the current row, focused and visible."""
    row = page.locator("article.row.current")
    expect(row).to_have_attribute("data-pos", str(position), timeout=WAIT)
    expect(row).to_be_focused()
    expect(row).to_be_in_viewport()
    _below_sticky_bar(page, row)
    return row


def _below_sticky_bar(page: Any, row: Any) -> None:
    """The row's top edge is not hidden under the sticky toolbar and column headers."""
    bar = page.evaluate("""() => Math.max(0, ...[...document.querySelectorAll(
        '#review-sticky, .grid-head')].filter(e => ['sticky', 'fixed'].includes(
        getComputedStyle(e).position)).map(e => e.getBoundingClientRect().bottom))""")
    box = row.bounding_box()
    assert box is not None and box["y"] >= bar - 1, (box, bar)


def test_keyboard_triage_across_pages_ends_up_in_the_exports(page: Any) -> None:
    comparison_id = _open_review(page)
    keys = page.keyboard

    keys.press("n")  # row 3: a critical number change on rows whose scores are good
    row = _current(page, 2)
    expect(row).to_have_class(re.compile(r"\bworst-critical\b"))
    keys.press("a")  # accept and move on to the next row
    expect(page.locator("article.row[data-pos='2'] .status-badge")).to_have_class(
        re.compile("status-accepted"), timeout=WAIT)
    _current(page, 3)

    keys.press("n")  # row 9 is on page 2
    row = _current(page, 8)
    expect(page).to_have_url(re.compile(r"offset=5"))
    keys.press("f")
    expect(row.locator("details.flag-form select[name=category]")).to_be_focused()
    for _ in range(3):  # category -> severity -> what is wrong -> comment
        keys.press("Tab")
    keys.type(FLAG_NOTE)
    keys.press("Control+Enter")
    row = page.locator("article.row[data-pos='8']")
    expect(row.locator(".status-badge.status-flagged")).to_be_visible(timeout=WAIT)
    expect(row.locator("li.flag.src-reviewer")).to_contain_text(FLAG_NOTE)
    _current(page, 8)
    keys.press("c")
    expect(row.locator("details.comment-form textarea")).to_be_focused()
    keys.type(COMMENT)
    keys.press("Control+Enter")
    expect(row.locator("ul.comments")).to_contain_text(COMMENT, timeout=WAIT)
    _current(page, 8)

    keys.press("n")  # row 15, the last of page 3
    _current(page, 14)
    expect(page).to_have_url(re.compile(r"offset=10"))
    keys.press("a")  # accepted, then on to row 16 on page 4
    _current(page, 15)
    expect(page).to_have_url(re.compile(r"offset=15"))
    keys.press("n")
    expect(page.locator("#status-message")).to_contain_text("No flagged row after this one.")
    keys.press("p")  # back to row 15 on page 3, accepted
    row = _current(page, 14)
    expect(row.locator(".status-badge.status-accepted")).to_be_visible()

    def download(fmt: str) -> str:
        response = page.request.get(f"/comparisons/{comparison_id}/download?format={fmt}")
        assert response.ok, response.status
        return response.text()

    tmx = download("tmx")
    assert f"<note>{COMMENT}</note>" in tmx
    assert "Reviewer flag:" in tmx and FLAG_NOTE in tmx
    assert tmx.count(">accepted<") == 2 and ">flagged<" in tmx
    xliff = download("xliff")
    assert COMMENT in xliff and FLAG_NOTE in xliff and "Reviewer flag:" in xliff
    assert xliff.count("Status: Accepted") == 2 and "Status: Flagged" in xliff
    report = download("html")
    assert COMMENT in report and FLAG_NOTE in report
    assert report.count('class="status accepted"') == 2
    assert 'class="status flagged"' in report


def test_key_help_and_rows_across_page_boundaries(page: Any, tmp_path: Path) -> None:
    _open_review(page)
    keys = page.keyboard
    keys.press("?")
    dialog = page.locator("#key-help")
    expect(dialog).to_be_visible()
    shot = Path(os.environ.get("WORKBENCH_SCREENSHOT_DIR", tmp_path)) / "key-help.png"
    page.screenshot(path=str(shot))
    for text in ("Next / previous flagged row", "Accept the row and move on",
                 "Merge the row", "Split the row", "Comment on the row"):
        expect(dialog).to_contain_text(text)
    keys.press("Escape")
    expect(dialog).to_be_hidden()
    for position in range(5):
        keys.press("j")
        _current(page, position)
    keys.press("j")  # past the end of page 1
    _current(page, 5)
    expect(page).to_have_url(re.compile(r"offset=5"))
    keys.press("k")  # and back
    _current(page, 4)
    expect(page).not_to_have_url(re.compile(r"offset="))
    keys.press("x")
    _current(page, 8)
    page.screenshot(path=str(shot.with_name("triage-current.png")))


def test_overview_count_filters_the_review_and_search_is_marked(page: Any) -> None:
    comparison_id = _open_review(page)
    page.goto(f"/comparisons/{comparison_id}/overview")
    page.locator("#flag-counts tbody a[href*='signal=number']").first.click()
    page.wait_for_url(re.compile(r"signal=number"))
    expect(page.locator("article.row")).to_have_count(3)
    expect(page.locator("#signal")).to_have_value("number")
    page.keyboard.press("/")
    page.keyboard.type("1998")
    hit = page.locator("article.row mark.search-hit").first
    expect(hit).to_be_visible(timeout=WAIT)
    expect(hit).to_have_text("1998")


def test_merge_split_and_heat_strip_land_below_the_sticky_bar(page: Any) -> None:
    page.set_viewport_size({"width": 1200, "height": 560})
    comparison_id = _open_review(page)
    page.goto(f"/comparisons/{comparison_id}/overview")
    page.locator(".heat-strip a").nth(13).click()  # row 14, on page 3
    page.wait_for_url(re.compile(r"offset=10#row-"))
    _current(page, 13)
    keys = page.keyboard
    keys.press("m")  # rows 14 and 15 become one
    row = page.locator("article.row.current")
    expect(row.locator("fieldset.split-line")).to_have_count(1, timeout=WAIT)
    merged = _current(page, 13)
    expect(merged.locator(".cell").first).to_contain_text("1998")
    keys.press("s")  # and split again, at the cut the form shows
    expect(page.locator("article.row[data-pos='14']")).to_be_visible(timeout=WAIT)
    expect(page.locator("article.row.current fieldset.split-line")).to_have_count(0)
    _current(page, 13)
