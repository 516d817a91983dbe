"""Every route x every kind of user x with and without a CSRF token (from ``app.url_map``).

A new route joins the walk by itself: its URL arguments are filled from the seeded
data (a name the walk cannot fill fails), and an endpoint without an access rule
is refused even to the owner, which fails here. For each request the test knows
from the policy whether the access layer must refuse it (and with what) or let it
through; a refused request -- and any state-changing request without a CSRF token
-- must leave every table of the database exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g
from sqlalchemy import select

from tests.web.conftest import build_comparison, save
from tests.web.test_accounts import (
    PASSWORD,
    add_member,
    add_user,
    csrf_of,
    login,
    project_of,
)
from workbench.web.access import OWNER, PROJECT, PUBLIC, SAFE_METHODS, USER, level_of

PERSONAS = ("anonymous", "other", "viewer", "reviewer", "owner")
SKIPPED_METHODS = {"HEAD", "OPTIONS"}


@dataclass
class World:
    app: Flask
    db_file: Path
    args: dict[str, Any]
    pristine: sqlite3.Connection
    payloads: dict[str, dict[str, Any]]
    drafts: dict[str, str]  # endpoint -> the token of rita's draft (or import) it is given


DRAFT_ENDPOINTS = ("create.draft_page", "create.edit_preview", "import_aligned.import_page")
"""Endpoints that open a draft or a queued import by its token: its starter's (the reviewer
here), an admin's or an owner's of the project it goes into; anyone else gets 403."""


def seed_drafts(app: Flask, project_id: int, starter_id: int) -> dict[str, str]:
    """A segmented draft into ``project_id`` and a queued import, both started by the user."""
    from workbench.aligned import VersionInput
    from workbench.nlp.segment import segment_lines
    from workbench.store import session_scope
    from workbench.store.drafts import create_draft
    from workbench.web.drafts import Draft

    versions = [VersionInput(label=lang, text=text, lang=lang, segments=segment_lines(text))
                for lang, text in (("en", "One line.\nTwo lines."), ("ru", "Одна.\nДве."))]
    draft = Draft(title="Started", versions=versions, project_id=project_id,
                  owner_id=starter_id)
    with session_scope(app.config["DATABASE_URL"]) as session:
        plain = create_draft(session, draft.to_data())
        queued = create_draft(session, {"kind": "import", "path": "/nonexistent.upload",
                                        "filename": "pairs.tsv", "title": "", "chain": [],
                                        "project_id": project_id, "owner_id": starter_id},
                              state="segmenting")
    return {"create.draft_page": plain, "create.edit_preview": plain,
            "import_aligned.import_page": queued}


def dump(db_file: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (what "nothing changed" is checked against)."""
    with sqlite3.connect(db_file) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables}


def restore(world: World) -> None:
    from workbench.store import get_engine

    get_engine(world.app.config["DATABASE_URL"]).dispose()
    target = sqlite3.connect(world.db_file)
    world.pristine.backup(target)
    target.close()


@pytest.fixture()
def world(csrf_app: Flask) -> Iterator[World]:
    from workbench.review.accounts import find_user
    from workbench.store import session_scope
    from workbench.store.models import AlignmentRow, FlagModel

    app = csrf_app
    app.config.update(LOGIN_RATE_LIMIT="10000/minute", LOGIN_ADDRESS_RATE_LIMIT="10000/minute")
    mine = save(app, build_comparison("Mine"))
    theirs = save(app, build_comparison("Theirs"))
    for name in ("olga", "rita", "vera", "oscar"):
        add_user(app, name)
    project = project_of(app, mine)
    for name, role in (("olga", "owner"), ("rita", "reviewer"), ("vera", "viewer")):
        add_member(app, project, name, role)
    add_member(app, project_of(app, theirs), "oscar", "owner")
    with session_scope(app.config["DATABASE_URL"]) as session:
        row = session.scalar(select(AlignmentRow.id).where(AlignmentRow.comparison_id == mine)
                             .order_by(AlignmentRow.position))
        flag = session.scalar(select(FlagModel.id).join(AlignmentRow).where(
            AlignmentRow.comparison_id == mine))
        rita = find_user(session, "rita")
        assert rita is not None
        rita_id = rita.id
    drafts = seed_drafts(app, project, rita_id)
    args = {"project_id": project, "comparison_id": mine, "row_id": row, "flag_id": flag,
            "user_id": rita_id, "filename": "workbench.css", "rest": "no-such-thing",
            "token": drafts["create.draft_page"]}
    payloads = {
        "actions.row_status": {"status": "accepted"},
        "actions.row_flags": {"category": "omission", "severity": "major"},
        "actions.row_comments": {"text": "a note"},
        "projects.create": {"name": "Another"},
        "project_admin.rename_project": {"name": "Renamed"},
        "project_admin.rename_comparison": {"title": "Renamed"},
        "project_admin.delete_project": {"confirm": "yes"},
        "project_admin.delete_comparison": {"confirm": "yes"},
        "auth.share": {"username": "oscar", "role": "viewer"},
        "locale.set_locale": {"locale": "ru"},
        "create.edit_preview": {"draft": drafts["create.edit_preview"], "op": "page:0"},
        "auth.password_submit": {"current_password": PASSWORD, "new_password": "x" * 12,
                                 "confirm_password": "x" * 12},
    }
    db_file = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    pristine = sqlite3.connect(":memory:")
    with sqlite3.connect(db_file) as source:
        source.backup(pristine)
    yield World(app, db_file, args, pristine, payloads, drafts)
    pristine.close()


def expected_refusal(level: str, method: str, persona: str, api: bool,
                     endpoint: str = "") -> int | None:
    """The status the access layer answers with, or None when it lets the request through."""
    if level == PUBLIC:
        return None
    if persona == "anonymous":
        return 302 if method in SAFE_METHODS and not api else 401
    if endpoint in DRAFT_ENDPOINTS:  # rita (reviewer) started it; olga owns its project
        return None if persona in ("reviewer", "owner") else 403
    if level == USER:
        return None
    if persona == "other":
        return 404
    if level == OWNER:
        return None if persona == "owner" else 403
    assert level == PROJECT
    if method in SAFE_METHODS:
        return None
    return 403 if persona == "viewer" else None


def url_for_rule(rule: Any, args: dict[str, Any]) -> str:
    missing = [name for name in rule.arguments if name not in args]
    if missing:
        pytest.fail(f"{rule.rule}: the matrix cannot fill {missing}: seed one and add it")
    return str(rule.build({name: args[name] for name in rule.arguments}, append_unknown=False)[1])


def signed_in(world: World, persona: str) -> tuple[str, str]:
    """(session cookie, CSRF token) of a fresh login as ``persona``."""
    names = {"other": "oscar", "viewer": "vera", "reviewer": "rita", "owner": "olga"}
    client = world.app.test_client()
    if persona != "anonymous":
        answer = login(client, names[persona])
        assert answer.status_code == 303, persona
    token = csrf_of(client)
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value, token


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_route_answers_as_the_policy_says(world: World, persona: str) -> None:
    cookie, token = signed_in(world, persona)
    before = dump(world.db_file)
    problems: list[str] = []
    checked = 0
    for rule in sorted(world.app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        level = level_of(world.app, rule.endpoint)
        if level is None:
            problems.append(f"{rule.endpoint} ({rule.rule}) has no access rule")
            continue
        url = url_for_rule(rule, {**world.args, "token": world.drafts.get(rule.endpoint,
                                                                          "no-such-draft")})
        api = url.startswith("/api/")
        for method in sorted((rule.methods or set()) - SKIPPED_METHODS):
            for with_csrf in ((True,) if method in SAFE_METHODS else (True, False)):
                case = f"{persona} {method} {url} ({rule.endpoint}) csrf={with_csrf}"
                status, refused = _request(world, cookie, token, method, url, rule.endpoint,
                                           with_csrf, api)
                checked += 1
                after = dump(world.db_file)
                problems.extend(_judge(case, (level, rule.endpoint), method, persona, api,
                                       with_csrf, status,
                                       refused, changed=after != before,
                                       has_payload=rule.endpoint in world.payloads))
                if after != before:
                    restore(world)
                    assert dump(world.db_file) == before
    assert checked > 80
    assert not problems, "\n".join(problems)


def _request(world: World, cookie: str, token: str, method: str, url: str, endpoint: str,
             with_csrf: bool, api: bool) -> tuple[int, int | None]:
    client = world.app.test_client()
    client.set_cookie("session", cookie)
    headers = {"X-CSRFToken": token} if with_csrf and api else {}
    kwargs: dict[str, Any] = {"headers": headers}
    if method not in SAFE_METHODS:
        if api:
            kwargs["json"] = {}
        else:
            data = dict(world.payloads.get(endpoint, {}))
            if with_csrf:
                data["csrf_token"] = token
            kwargs["data"] = data
    with client:
        answer = client.open(url, method=method, **kwargs)
        refused = g.get("access_refused")
        status = answer.status_code
        answer.close()
    return status, refused


def _judge(case: str, rule: tuple[str, str], method: str, persona: str, api: bool,
           with_csrf: bool, status: int, refused: int | None, *, changed: bool,
           has_payload: bool) -> list[str]:
    level, endpoint = rule
    if status >= 500:
        return [f"{case}: {status}"]
    unsafe = method not in SAFE_METHODS
    if unsafe and not with_csrf:
        if changed or status < 400:
            return [f"{case}: without a CSRF token answered {status}, changed={changed}"]
        return []
    expected = expected_refusal(level, method, persona, api, endpoint)
    if expected is None:
        if refused is not None:
            return [f"{case}: refused with {refused}, the policy allows it"]
        if has_payload and status >= 400:
            return [f"{case}: allowed with a valid form, but answered {status}"]
        return []
    if refused != expected or status != expected:
        return [f"{case}: expected the access layer's {expected}, got {status} "
                f"(refused by access: {refused})"]
    if changed:
        return [f"{case}: refused with {status} but the database changed"]
    return []
