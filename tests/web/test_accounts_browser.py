"""Browser test: with accounts, a reviewer logs in and sees their own projects only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web import test_browser as _shared
from tests.web.serving import running_server

page = _shared.page  # the same page fixture (conftest's one browser), on this server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "correct horse battery"


def seed_accounts(instance: Path) -> None:
    """Two projects, each owned by its own account (ann, bob)."""
    from tests.web.conftest import build_comparison, save
    from workbench.review.accounts import create_user
    from workbench.review.members import share_project
    from workbench.store import dispose_engines, session_scope, upgrade_database
    from workbench.store.models import Comparison
    from workbench.web import create_app

    app = create_app({"INSTANCE_PATH": str(instance), "DATABASE_URL": None})
    url = app.config["DATABASE_URL"]
    upgrade_database(url)
    for owner in ("ann", "bob"):
        comparison_id = save(app, build_comparison(f"River of {owner}"))
        with session_scope(url) as session:
            create_user(session, owner, PASSWORD)
            comparison = session.get(Comparison, comparison_id)
            assert comparison is not None
            share_project(session, comparison.project_id, owner, "owner")
    dispose_engines()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import os

    if "WORKBENCH_DATABASE_URL" in os.environ:
        pytest.skip("WORKBENCH_DATABASE_URL is set: the seeded database would not be used")
    instance = tmp_path_factory.mktemp("instance")
    seed_accounts(instance)
    with running_server(instance, "--no-demo", timeout=120) as base:
        yield base


def test_login_shows_the_users_projects_only(page: Any) -> None:
    page.goto("/projects")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.fill("#login-username", "ann")
    page.fill("#login-password", "wrong password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#login-error")).to_have_text(
        "Wrong user name or password.")
    page.fill("#login-password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-menu .user-name")).to_have_text("ann")
    main = page.locator("main")
    expect(main).to_contain_text("River of ann")
    expect(main).not_to_contain_text("River of bob")
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#login-form")).to_be_visible()
    page.goto("/projects")
    expect(page.locator("#login-form")).to_be_visible()
