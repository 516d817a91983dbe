"""Ids of another comparison under this one's URL are not found; the policy follows the design.

The route walk is in :mod:`tests.web.test_access_matrix`; its seeded world is reused here.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from tests.web.conftest import build_comparison, save
from tests.web.test_access_matrix import World, dump, signed_in, world  # noqa: F401 (fixture)
from workbench.web.access import OWNER, PROJECT, PUBLIC, USER, level_of


def test_cross_comparison_ids_are_not_found(world: World) -> None:  # noqa: F811
    """A row or flag of another comparison under this comparison's URL is a 404."""
    from workbench.store import session_scope
    from workbench.store.models import AlignmentRow, Comparison, FlagModel

    app = world.app
    with session_scope(app.config["DATABASE_URL"]) as session:
        other = session.scalar(select(Comparison.id).where(Comparison.title == "Theirs"))
        their_row = session.scalar(select(AlignmentRow.id)
                                   .where(AlignmentRow.comparison_id == other))
        their_flag = session.scalar(select(FlagModel.id).join(AlignmentRow).where(
            AlignmentRow.comparison_id == other))
    cookie, token = signed_in(world, "owner")
    mine = world.args["comparison_id"]
    before = dump(world.db_file)
    client = app.test_client()
    client.set_cookie("session", cookie)
    posts = [(f"/comparisons/{mine}/rows/{their_row}/flags",
              {"category": "omission", "severity": "major"}),
             (f"/comparisons/{mine}/rows/{their_row}/status", {"status": "accepted"}),
             (f"/comparisons/{mine}/flags/{their_flag}/delete", {}),
             (f"/comparisons/{mine}/flags/{their_flag}/dismiss", {"reason": "x"})]
    for url, data in posts:
        answer = client.post(url, data={**data, "csrf_token": token})
        assert answer.status_code == 404, url
    assert client.get(f"/comparisons/{mine}/rows/{their_row}").status_code == 404
    assert client.get(f"/comparisons/{2**63}").status_code == 404  # out of range: no 500
    assert dump(world.db_file) == before


def test_cross_comparison_ids_are_not_found_without_accounts(client: Any, app: Flask) -> None:
    """The same in local mode: the comparison in the URL is what gets changed, or nothing."""
    from workbench.store import session_scope
    from workbench.store.models import AlignmentRow

    first, second = save(app, build_comparison("A")), save(app, build_comparison("B"))
    with session_scope(app.config["DATABASE_URL"]) as session:
        row = session.scalar(select(AlignmentRow.id).where(AlignmentRow.comparison_id == second))
    answer = client.post(f"/comparisons/{first}/rows/{row}/status", data={"status": "accepted"})
    assert answer.status_code == 404
    assert client.post(f"/comparisons/{second}/rows/{row}/status",
                       data={"status": "accepted"}).status_code == 303


OWNER_ONLY = {  # the design, written independently of the policy it checks
    "projects.upload_glossary", "projects.remove_glossary", "project_admin.rename_project",
    "project_admin.confirm_delete_project", "project_admin.delete_project",
    "project_admin.rename_comparison", "project_admin.move_comparison",
    "project_admin.confirm_delete_comparison", "project_admin.delete_comparison",
    "auth.share", "auth.unshare",
}
SCOPED_ARGS = {"project_id", "comparison_id", "row_id", "flag_id", "comment_id", "note_id",
               "job_id", "version_id", "glossary_id"}
PUBLIC_ONLY = {"static", "auth.login", "auth.login_submit", "locale.set_locale", "starting.page",
               "api_meta.openapi_json", "api_meta.reference_page", "api_meta.fallback"}


def test_policy_levels_follow_the_design(app: Flask) -> None:
    """Routes with object ids need a project role, the named few the owner's; public: few."""
    for rule in app.url_map.iter_rules():
        level = level_of(app, rule.endpoint)
        where = f"{rule.endpoint} ({rule.rule})"
        if rule.endpoint in OWNER_ONLY:
            assert level == OWNER, where
        elif rule.arguments & SCOPED_ARGS:
            assert level == PROJECT, where
        elif rule.endpoint in PUBLIC_ONLY:
            assert level == PUBLIC, where
        else:
            assert level == USER, where
