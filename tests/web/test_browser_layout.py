"""Browser tests: orientation and density on the review page at 1440x900 in chromium.

Sticky toolbar and column headers, the compact view (12 rows or more on screen, remembered),
column widths (dragged, remembered per comparison), page numbers and go to row N. A server
on a seeded 30-row comparison, 20 rows a page (no minute of demo alignment).
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
from tests.web.serving import seeded_server

page = _shared.page  # the same page fixture (conftest's one browser), on this server

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

ROWS = 30
PER_PAGE = 20
SEEDED: dict[str, int] = {}

VISIBLE_ROWS = """() => {
  const head = document.querySelector('.grid-head').getBoundingClientRect();
  return [...document.querySelectorAll('article.row')].filter(row => {
    const box = row.getBoundingClientRect();
    return box.top >= head.bottom - 1 && box.bottom <= window.innerHeight;
  }).length;
}"""
"""Rows wholly on screen and not under the sticky bar or the column headers."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``workbench serve --no-demo`` on a seeded instance, ``PER_PAGE`` rows a page."""
    with seeded_server(tmp_path_factory.mktemp("instance"), repeat=ROWS // 6,
                       rows_per_page=PER_PAGE) as (base, comparison_id):
        SEEDED["id"] = comparison_id
        yield base


def _open(page: Any) -> None:
    page.goto(f"/comparisons/{SEEDED['id']}")
    expect(page.locator("article.row").first).to_be_visible()


def _shot(page: Any, tmp_path: Path, name: str) -> None:
    shot = Path(os.environ.get("WORKBENCH_SCREENSHOT_DIR", tmp_path)) / name
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000


def test_compact_view_shows_twelve_rows_and_is_remembered(page: Any, tmp_path: Path) -> None:
    _open(page)
    normal = page.evaluate(VISIBLE_ROWS)
    _shot(page, tmp_path, "layout-normal.png")
    toggle = page.locator("#compact-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    compact = page.evaluate(VISIBLE_ROWS)
    assert compact >= 12, f"{compact} rows on screen in compact view ({normal} in normal)"
    assert compact > normal
    first = page.locator("article.row").first
    expect(first.locator(".side ul.scores")).to_be_visible()
    expect(first.locator(".side [data-key=accept]")).to_be_visible()
    side = first.locator(".side").bounding_box()
    assert side is not None and side["height"] < 40  # the side panel is one line
    _shot(page, tmp_path, "layout-compact.png")
    page.reload()
    expect(page.locator("#compact-toggle")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(VISIBLE_ROWS) >= 12
    page.locator("#compact-toggle").click()  # back to normal for the other tests
    expect(page.locator("#compact-toggle")).to_have_attribute("aria-pressed", "false")
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('compact')") is False


def _on_top(page: Any, selector: str) -> bool:
    """The element is on screen and not covered: what is drawn at its centre belongs to it."""
    return bool(page.evaluate("""sel => {
      const el = document.querySelector(sel), box = el.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= window.innerHeight) { return false; }
      const hit = document.elementFromPoint(box.left + 20, (box.top + box.bottom) / 2);
      return !!hit && el.contains(hit);
    }""", selector))


def test_toolbar_and_column_headers_stay_visible_while_scrolling(page: Any) -> None:
    _open(page)
    page.mouse.move(700, 600)
    page.mouse.wheel(0, 1800)
    page.wait_for_function("window.scrollY > 1000")
    for selector in ("#toolbar", "#filters", ".grid-head", "#goto-row"):
        expect(page.locator(selector)).to_be_visible()
        assert _on_top(page, selector), f"{selector} is scrolled away or covered"
    head = page.locator(".grid-head").bounding_box()
    bar = page.locator("#review-sticky").bounding_box()
    assert head is not None and bar is not None
    assert bar["y"] == pytest.approx(0, abs=1)
    assert head["y"] == pytest.approx(bar["y"] + bar["height"], abs=2)  # right below the bar
    expect(page.locator(".grid-head")).to_contain_text("zh")
    assert not _on_top(page, "article.row")  # the first row did scroll away


def test_go_to_row_in_range_shows_and_focuses_it(page: Any) -> None:
    _open(page)
    page.fill("#goto-row", "25")
    page.press("#goto-row", "Enter")
    page.wait_for_url(re.compile(r"offset=20"))
    row = page.locator("article.row", has=page.locator(".pos a", has_text=re.compile(r"^25$")))
    expect(row).to_be_visible()
    expect(row).to_be_focused()
    assert _on_top(page, f"#{row.get_attribute('id')}")  # not hidden under the sticky bar
    expect(page.locator(".rows-summary")).to_contain_text("page 2 of 2")
    current = page.locator(".page-numbers [aria-current=page]")
    expect(current).to_have_text("2")
    page.locator(".page-numbers a.page", has_text="1").click()
    page.wait_for_url(lambda url: "offset" not in url)
    expect(page.locator(".page-numbers [aria-current=page]")).to_have_text("1")


def test_go_to_row_out_of_range_shows_a_clear_message(page: Any) -> None:
    _open(page)
    page.fill("#goto-row", "999")
    page.press("#goto-row", "Enter")
    message = page.locator("#status-message [role=alert]")
    expect(message).to_be_visible()
    expect(message).to_contain_text(f"There is no row 999: this comparison has rows 1 to {ROWS}.")
    expect(page.locator("article.row").first).to_be_visible()  # the rows stay as they were


def test_column_width_dragged_is_remembered(page: Any) -> None:
    _open(page)
    zh = page.locator(".grid-head [data-label=zh]")
    before = zh.bounding_box()
    handle = zh.locator(".col-resize").bounding_box()
    assert before is not None and handle is not None
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y, steps=5)
    page.mouse.move(x + 150, y, steps=5)
    page.mouse.up()
    after = zh.bounding_box()
    assert after is not None and after["width"] == pytest.approx(before["width"] + 150, abs=6)
    cell = page.locator("article.row").first.locator(".cell[lang=zh]").bounding_box()
    assert cell is not None and cell["width"] == pytest.approx(after["width"], abs=3)
    page.reload()
    again = page.locator(".grid-head [data-label=zh]").bounding_box()
    assert again is not None and again["width"] == pytest.approx(after["width"], abs=3)
    page.locator(".column-widths summary").click()
    page.locator("#reset-widths").click()
    reset = page.locator(".grid-head [data-label=zh]").bounding_box()
    assert reset is not None and reset["width"] == pytest.approx(before["width"], abs=3)
