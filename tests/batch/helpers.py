"""Helpers of the batch tests: the reference output of ``align``, and reading a batch's."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from workbench.cli import cli


def align_rows(files: list[Path], chain: str) -> list[dict[str, object]]:
    """What ``workbench align --chain`` prints for ``files``: the reference for a batch."""
    result = CliRunner().invoke(cli, ["align", *map(str, files), "--chain", chain])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def batch_rows(path: Path) -> list[dict[str, object]]:
    """The rows of a batch's JSONL output (after its ``{"comparison": ...}`` header)."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert "comparison" in lines[0]
    return lines[1:]


def summary_lines(outdir: Path) -> dict[str, dict[str, object]]:
    lines = (outdir / "summary.jsonl").read_text(encoding="utf-8").splitlines()
    return {entry["name"]: entry for entry in map(json.loads, lines)}
