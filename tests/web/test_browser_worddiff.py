"""Browser test: a same-language comparison made in the browser shows its word diff.

Reuses the chromium and page fixtures of :mod:`tests.web.test_browser`; the server
is the real ``workbench serve --no-demo`` that several browser modules share
(``shared_server`` in conftest): this test makes its own comparison, and aligning
the demo first only delays it (minutes on a loaded machine).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.serving import SharedServer
from tests.web.test_browser import page  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

AGENCY = ("Kazakhstan keeps close ties with its landlocked neighbours.\n"
          "Operation Web destroyed dozens of aircraft.\n"
          "On Monday the ministers met in Astana.")
RELAY = ("Kazakhstan keeps close ties with its neighbours.\n"
         "Operation Spider Web destroyed dozens of aircraft.\n"
         "The ministers met in Astana on Monday.")


@pytest.fixture(scope="module")
def server(shared_server: SharedServer) -> Iterator[str]:
    """The shared ``workbench serve --no-demo`` (conftest); this test makes its own comparison."""
    yield shared_server.base


def test_same_language_comparison_shows_the_word_diff(page: Any,  # noqa: F811
                                                      tmp_path: Path) -> None:
    page.goto("/comparisons/new")
    page.fill("#title", "Two English editions")
    page.fill("#label_1", "agency")
    page.select_option("#lang_1", "en")
    page.fill("#text_1", AGENCY)
    page.check("input[name=segmented_1]")
    page.fill("#label_2", "relay")
    page.select_option("#lang_2", "en")
    page.fill("#text_2", RELAY)
    page.check("input[name=segmented_2]")
    page.locator("#create-form button[type=submit]").click()
    page.locator("button", has_text="Align these versions").click()
    review_url = re.compile(r"/comparisons/\d+(\?.*)?(#.*)?$")
    deadline = time.monotonic() + 300
    while not review_url.search(page.url):  # the progress page moves on when the job is done
        failed = page.locator(".form-error")
        assert failed.count() == 0, failed.first.inner_text()
        assert time.monotonic() < deadline, "the alignment job did not finish in time"
        page.wait_for_timeout(1000)
    rows = page.locator("article.row")
    expect(rows).to_have_count(3, timeout=60_000)

    dropped = rows.nth(0).locator(".worddiff del")
    expect(dropped).to_be_visible()
    expect(dropped).to_have_text(re.compile(r"^\s*landlocked\s*$"))
    added = rows.nth(1).locator(".worddiff ins")
    expect(added).to_be_visible()
    expect(added).to_have_text("Spider")
    box = added.bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 5
    # laid out under the version cells, left of the scores-and-review column
    cell, side = rows.nth(1).locator(".cell").first.bounding_box(), \
        rows.nth(1).locator(".side").bounding_box()
    diff = rows.nth(1).locator(".worddiff").bounding_box()
    assert cell and side and diff
    assert diff["y"] >= cell["y"] + cell["height"] - 1
    assert diff["x"] + diff["width"] <= side["x"] + 1
    # the reordered paraphrase has no inserted or deleted content... but the diff is shown
    third = rows.nth(2).locator(".worddiff")
    expect(third).to_be_visible()
    # and the drift signals of the first two rows come from the same-language detector
    expect(rows.nth(0).locator("li.flag", has_text="landlocked").first).to_be_visible()
    expect(rows.nth(1).locator("li.flag", has_text="Spider").first).to_be_visible()
    expect(rows.nth(2).locator("li.flag", has_text="Spider")).to_have_count(0)
    shot = Path(os.environ.get("WORKBENCH_SCREENSHOT_DIR", tmp_path)) / "review-worddiff.png"
    page.locator("#rows-pane").screenshot(path=str(shot))
    assert shot.stat().st_size > 5_000
