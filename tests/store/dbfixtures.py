"""Database fixtures shared by tests/store, tests/review and tests/jobs.

``db_url`` is parametrised: SQLite always, and PostgreSQL when
``WORKBENCH_TEST_POSTGRES_URL`` names a server (each test gets a fresh database
there, dropped afterwards).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from workbench.nlp.types import Encoder
from workbench.store import (
    create_project,
    current_revision,
    dispose_engines,
    get_engine,
    head_revision,
    make_engine,
    make_sessionmaker,
    save_comparison,
    upgrade_database,
)

POSTGRES_ENV = "WORKBENCH_TEST_POSTGRES_URL"


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against")
    return url


def _psycopg(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@cache
def migrated_template() -> Path:
    """An empty SQLite database migrated to the head revision, made once per test run:
    each test's fresh SQLite database starts as a copy of it (migrating takes ~0.3 s)."""
    folder = Path(tempfile.mkdtemp(prefix="workbench-template-db-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "workbench.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_database(engine=engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
    return path


def copy_database(source: Path, target: Path) -> None:
    """``source`` into the new (or empty) SQLite file ``target`` through SQLite's backup API
    (WAL pages included; a connection the app already opened sees the copied schema)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)
    reader.close()
    writer.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL for one test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        dispose_engines()
        return
    base = _psycopg(postgres_base_url())
    name = f"wb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture()
def engine(db_url: str, tmp_path: Path) -> Engine:
    """The migrated database (SQLite: a copy of :func:`migrated_template`)."""
    if db_url == f"sqlite:///{tmp_path / 'test.db'}":
        copy_database(migrated_template(), tmp_path / "test.db")
    else:
        upgrade_database(db_url)
    return get_engine(db_url)


@pytest.fixture()
def session(engine: Engine) -> Iterator[Session]:
    with make_sessionmaker(engine)() as db_session:
        yield db_session


EN = ["The river rose in spring.", "Farmers moved their cattle to the hills.",
      "In 1998 the dam was finished.", "It cost 350 million dollars.",
      "Many villages were flooded.", "The people were given new houses.",
      "Some of them never returned.", "Today the lake attracts tourists.",
      "Fishing boats sail at dawn.", "The old temple lies under the water."]
RU = ["Весной река поднялась.", "Крестьяне перегнали скот в горы.",
      "В 1998 году плотину достроили.", "Она стоила 350 миллионов долларов.",
      "Многие деревни затопило.", "Людям дали новые дома.",
      "Некоторые из них так и не вернулись.", "Сегодня озеро привлекает туристов.",
      "Рыбацкие лодки выходят на рассвете.", "Старый храм лежит под водой."]


def build_comparison(session: Session, texts: Mapping[str, Sequence[str]],
                     encoder: Encoder, *, langs: Mapping[str, str] | None = None,
                     chain: Sequence[str] | None = None, title: str = "Test") -> int:
    """Align one-segment-per-line versions through the real pipeline and save them."""
    from workbench.pipeline import VersionInput, compare

    langs = langs or {}
    inputs = [VersionInput(label=label, text="\n".join(lines), lang=langs.get(label, label),
                           segmented=True) for label, lines in texts.items()]
    result = compare(inputs, encoder, chain=chain, title=title)
    project_id = create_project(session, "Project")
    return save_comparison(session, project_id, result)
