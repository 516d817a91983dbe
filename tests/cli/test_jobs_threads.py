"""The server's jobs process leaves the pages a core, unless whoever starts it says otherwise."""

from __future__ import annotations

import pytest

from workbench.cli.serve_cmd import _jobs_environment
from workbench.config import MODEL_THREADS_VARIABLE, available_cores
from workbench.nlp.embed.encoder import configure_torch_threads


def test_the_jobs_process_model_uses_all_cores_but_one_and_sleeping_waits() -> None:
    environment = _jobs_environment({"PATH": "/usr/bin"})
    assert environment[MODEL_THREADS_VARIABLE] == str(max(1, available_cores() - 1))
    assert environment["OMP_WAIT_POLICY"] == "PASSIVE"
    assert environment["PATH"] == "/usr/bin"


def test_settings_given_by_whoever_starts_the_server_win() -> None:
    environment = _jobs_environment({MODEL_THREADS_VARIABLE: "2", "OMP_WAIT_POLICY": "ACTIVE"})
    assert environment[MODEL_THREADS_VARIABLE] == "2"
    assert environment["OMP_WAIT_POLICY"] == "ACTIVE"


@pytest.mark.parametrize(("wanted", "expected"), [("1", 1), ("", None), ("0", None),
                                                  ("many", None), ("999", None)])
def test_the_model_threads_follow_the_variable_within_the_cores(
        monkeypatch: pytest.MonkeyPatch, wanted: str, expected: int | None) -> None:
    import torch

    before = torch.get_num_threads()
    monkeypatch.setenv(MODEL_THREADS_VARIABLE, wanted)
    try:
        configure_torch_threads()
        assert torch.get_num_threads() == (expected or available_cores())
    finally:
        torch.set_num_threads(before)
