"""``workbench serve`` refuses a busy port with one clear line, before any slow start-up."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli


def test_busy_port_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code != 0
    assert f"port {port} on 127.0.0.1 is already in use" in result.output
    assert "Traceback" not in result.output and "preparing" not in result.output
