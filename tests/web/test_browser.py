"""Browser tests: Debian's chromium through Playwright against the real ``workbench serve``.

The server runs in a subprocess on a free loopback port with a fresh instance
folder (new database and job queue) but the already-built model and embedding
cache, so it opens on the ``corpora/`` demo aligned by the real pipeline.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.serving import running_server

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

START_TIMEOUT = 600  # first run aligns the demo with the real model


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``workbench serve`` on a free port with a fresh instance; its base URL."""
    with running_server(tmp_path_factory.mktemp("instance"), timeout=START_TIMEOUT) as base:
        yield base


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1440, "height": 900},
                                  locale="en-US")
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    yield opened
    context.close()


def _summary_total(page: Any) -> int:
    text = page.locator(".rows-summary").inner_text()
    found = re.search(r"of ([\d,\s]+)", text)
    assert found is not None, text
    return int(re.sub(r"\D", "", found.group(1)))


def test_opens_on_the_demo_and_looks_right(page: Any, tmp_path: Path) -> None:
    page.goto("/")
    page.wait_for_url(re.compile(r"/comparisons/\d+"))
    assert page.locator("article.row").count() > 10
    assert page.locator("article.row").first.locator(".cell").count() == 3
    assert page.locator("mark.drift, li.flag").count() > 0
    shot = Path(os.environ.get("WORKBENCH_SCREENSHOT_DIR", tmp_path)) / "review.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000


def test_flag_with_comment_survives_reload(page: Any) -> None:
    page.goto("/")
    row = page.locator("article.row").nth(1)
    row_id = row.get_attribute("id")
    row.locator("details.flag-form summary").click()
    row.locator("select[name=category]").select_option("terminology")
    row.locator("select[name=severity]").select_option("critical")
    row.locator("textarea[name=comment]").fill("термин «ШОС» передан неверно")
    row.locator("button", has_text="Save flag").click()
    fresh = page.locator(f"#{row_id} li.flag.src-reviewer")
    fresh.wait_for()
    page.reload()
    assert "термин «ШОС» передан неверно" in page.locator(f"#{row_id} li.flag.src-reviewer"
                                                        ).first.inner_text()
    assert "status-flagged" in (page.locator(f"#{row_id}").get_attribute("class") or "")


def test_merge_then_undo(page: Any) -> None:
    page.goto("/")
    total = _summary_total(page)
    first = page.locator("article.row").first
    first.locator("details.align-form summary").click()
    first.locator("button", has_text="Merge with next row").click()
    summary = page.locator(".rows-summary")
    expect(summary).not_to_contain_text(f"of {total}")
    assert _summary_total(page) == total - 1
    page.locator("#undo-button").click()
    expect(summary).to_contain_text(f"of {total}")
    assert _summary_total(page) == total


def test_keyboard_navigation(page: Any) -> None:
    page.goto("/")
    rows = page.locator("article.row")
    page.keyboard.press("j")
    assert "current" in (rows.nth(0).get_attribute("class") or "")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    second = rows.nth(1)
    assert "current" in (second.get_attribute("class") or "")
    second_id = second.get_attribute("id")
    was = second.get_attribute("class") or ""
    assert "status-accepted" not in was
    page.keyboard.press("a")  # accepts and moves on to the next row
    page.locator(f"#{second_id}.status-accepted").wait_for()
    expect(rows.nth(2)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("u")
    page.locator(f"#{second_id}:not(.status-accepted)").wait_for()
    page.keyboard.press("f")  # on the current row (the undone one, focused again)
    assert page.locator("article.row.current details.flag-form").get_attribute("open") is not None


def test_switch_ui_to_russian(page: Any) -> None:
    page.goto("/")
    page.select_option("#locale-select", "ru")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert "Отменить" in page.locator("#undo-button").inner_text()
    assert "Строки" in page.locator(".rows-summary").inner_text()
    page.wait_for_load_state("load")  # the select submits itself once the page's script ran
    page.select_option("#locale-select", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
