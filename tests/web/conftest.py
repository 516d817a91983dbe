"""Fixtures for the web tests: an app on a fresh SQLite database with a small comparison.

The alignment here uses ``FakeEncoder`` (plumbing only: what the page shows and
what each route does); the browser tests run the real server with the real model.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask, template_rendered
from flask.testing import FlaskClient
from jinja2 import Template

from tests.store.dbfixtures import copy_database, migrated_template
from workbench.nlp.embed.fake import FakeEncoder

ZH = ["春天河水上涨。", "农民把牛赶到山上。", "1998年大坝建成。", "耗资三亿五千万美元。",
      "许多村庄被淹没。", "人们分到了新房子。"]
RU = ["Весной река поднялась.", "Крестьяне перегнали скот в горы.",
      "В 1998 году плотину достроили.", "Она стоила 350 миллионов долларов.",
      "Многие деревни затопило.", "Людям дали новые дома."]
EN = ["The river rose in spring.", "Farmers moved their cattle to the hills.",
      "In 1999 the dam was finished.", "It cost 350 million dollars.",
      "Many villages were flooded.", "The people were given new <b>houses</b>."]


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium through Playwright, launched once for every browser test module
    (each opens its own context per test: ``tests/web/test_browser.py`` ``page``)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One ``workbench serve --no-demo`` (``SHARED_ROWS_PER_PAGE`` rows a page) for the browser
    modules that need nothing else: a server start (language tools, workers, the model on
    the first rescoring) costs 10-25 s, so they share it. Each module seeds its own
    comparison with ``shared_server.seed(project)`` and opens it by id."""
    from tests.web.serving import (
        SHARED_ROWS_PER_PAGE,
        SharedServer,
        running_server,
        skip_with_outside_database,
    )

    skip_with_outside_database()
    instance = tmp_path_factory.mktemp("shared-instance")
    env = {"WORKBENCH_FLASK_ROWS_PER_PAGE": str(SHARED_ROWS_PER_PAGE)}
    with running_server(instance, "--no-demo", timeout=300, env=env) as base:
        yield SharedServer(base=base, instance=instance)


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> None:
    """Compile stale UI catalogs (.po -> .mo) like scripts/compile-translations.sh does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from workbench.config import PROJECT_ROOT

    for po_path in (PROJECT_ROOT / "workbench" / "translations").glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


def running_test_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     **config: Any) -> Iterator[Flask]:
    """A fresh app (its own instance folder, migrated SQLite DB, jobs run at once with the
    fake encoder) with ``config`` on top; the web and the API fixtures both use it."""
    from workbench.jobs import configure_queue, set_job_encoder
    from workbench.store import dispose_engines, upgrade_database
    from workbench.web import create_app

    instance = tmp_path / "instance"
    monkeypatch.setenv("WORKBENCH_INSTANCE", str(instance))
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    application = create_app({"TESTING": True, "INSTANCE_PATH": str(instance),
                              "PROPAGATE_UNHANDLED": True, "ENCODER": FakeEncoder(), **config})
    url = application.config["DATABASE_URL"]
    own_file = instance / "workbench.db"
    if url == f"sqlite:///{own_file}" and (not own_file.exists()
                                           or own_file.stat().st_size == 0):
        copy_database(migrated_template(), own_file)  # the same schema as migrating it
    else:
        upgrade_database(url)
    configure_queue(instance, immediate=True)
    set_job_encoder(FakeEncoder())
    yield application
    set_job_encoder(None)
    dispose_engines()


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """A fresh app with four rows per page (paging shows on small comparisons)."""
    yield from running_test_app(tmp_path, monkeypatch, ROWS_PER_PAGE=4)


@pytest.fixture()
def csrf_app(app: Flask) -> Flask:
    """The same app with CSRF checks on (TESTING leaves them on too; be explicit)."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    app.config["WTF_CSRF_ENABLED"] = False
    return app.test_client()


def build_comparison(title: str = "River <test>", repeat: int = 1) -> Any:
    """A zh -> ru -> en comparison aligned 1-1, with known scores and one number flag.

    Built by hand (not by the aligner) so that the web tests know exactly what
    each row holds; ``repeat`` makes long comparisons for paging and benchmarks.
    """
    from workbench.aligned import AlignedComparison
    from workbench.comparison import ComparisonRecord, FlagRecord, RowRecord, VersionInfo
    from workbench.nlp.segment import segment_lines
    from workbench.nlp.types import Row, Version

    texts = {"zh": ZH * repeat, "ru": RU * repeat, "en": EN * repeat}
    versions = [Version(label=label, lang=label, text="\n".join(lines),
                        segments=segment_lines("\n".join(lines)))
                for label, lines in texts.items()]
    count = len(ZH) * repeat
    rows = [Row(cells={label: (i,) for label in texts}) for i in range(count)]
    records = []
    for i in range(count):
        low = i % len(ZH) == 4
        score = {"zh|ru": 0.2 if low else 0.9, "ru|en": 0.85}
        flags = []
        if i % len(ZH) == 2:
            flags.append(FlagRecord(type="number", hop="ru|en", detail="1998 → 1999",
                                    spans={"ru": [[2, 6]], "en": [[3, 7]]}, severity="critical"))
        records.append(RowRecord(index=i, segments={k: [i] for k in texts},
                                 text={k: texts[k][i] for k in texts},
                                 similarity={k: v - 0.05 for k, v in score.items()},
                                 score=score, flags=flags))
    infos = [VersionInfo(v.label, v.lang) for v in versions]
    record = ComparisonRecord(title=title, versions=infos, rows=records,
                              chain=["zh", "ru", "en"], model="fake")
    return AlignedComparison(versions=versions, rows=rows, record=record, chain=["zh", "ru", "en"])


def save(app: Flask, comparison: Any, project: str = "Project") -> int:
    from workbench.store import create_project, save_comparison, session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        project_id = create_project(session, project)
        return save_comparison(session, project_id, comparison, title=comparison.record.title)


@pytest.fixture()
def comparison_id(app: Flask) -> int:
    """Six rows (see :func:`build_comparison`) saved in the app's database."""
    return save(app, build_comparison())


@pytest.fixture()
def rendered(app: Flask) -> Iterator[list[str]]:
    """Names of the templates rendered during the test, in order."""
    names: list[str] = []

    def record(sender: Flask, template: Template, context: dict[str, Any], **extra: Any) -> None:
        names.append(str(template.name))

    template_rendered.connect(record, app)
    yield names
    template_rendered.disconnect(record, app)


HX = {"HX-Request": "true"}


def soup(response: Any) -> Any:
    """The response parsed by BeautifulSoup (typed ``Any``: tests chain selectors freely)."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")
