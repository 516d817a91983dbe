"""Browser test: the preview says when an uploaded file was read as another format than its name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.io.builders import make_docx
from tests.web import test_browser as _shared
from tests.web.serving import SharedServer

page = _shared.page  # the same page fixture (conftest's one browser), on this server

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

WAIT = 90_000
"""ms: the server's first segmentation loads the language tools (slow on a busy machine)."""


@pytest.fixture(scope="module")
def server(shared_server: SharedServer) -> Iterator[str]:
    yield shared_server.base


def test_a_docx_named_odt_is_read_and_the_preview_says_so(page: Any) -> None:
    page.goto("/comparisons/new")
    page.fill("#text_1", "Весной река поднялась. Крестьяне перегнали скот в горы.")
    page.set_input_files("#file_2", files=[{
        "name": "spring.odt", "mimeType": "application/vnd.oasis.opendocument.text",
        "buffer": make_docx(["In spring the river rose.", "The farmers drove the cattle up."])}])
    page.get_by_role("button", name="Preview segmentation").click()
    note = page.locator("#create-pane .read-as")
    expect(note).to_be_visible(timeout=WAIT)
    expect(note).to_contain_text("spring.odt")
    expect(note).to_contain_text("read as DOCX")
    expect(page.locator("#create-pane li.segment", has_text="The farmers drove")).to_be_visible()
    assert page.locator("#create-pane .read-as").count() == 1  # the pasted text has none
