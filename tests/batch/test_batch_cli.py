"""``workbench batch`` end to end with the local engine and the real default model."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import cast

import pytest
from click.testing import CliRunner

from tests.batch.helpers import align_rows, batch_rows, summary_lines
from workbench.cli import cli


@pytest.mark.model
@pytest.mark.slow
def test_batch_aligns_like_align_reports_bad_sets_and_resumes(
    corpus_dir: Path, tmp_home: Path
) -> None:
    outdir = tmp_home / "out"
    args = ["batch", str(corpus_dir), "--workers", "1", "--threads-per-worker", "1",
            "--chain", "de,fr", "-o", str(outdir)]
    first = CliRunner().invoke(cli, [*args, "--tmx"])
    assert first.exit_code == 1, first.output  # two bad sets: reported, the rest still done
    assert "2 of 4 sets failed" in first.stderr
    assert "sets: 4 (2 aligned, 0 up to date, 2 failed)" in first.stdout
    assert "single: give two or more files to compare" in first.stdout
    assert "empty: " in first.stdout and "is empty" in first.stdout
    assert "lowest-scoring sets" in first.stdout
    assert "[4/4]" in first.stderr  # not a terminal: plain progress lines
    # the lake's French has a sentence more: an addition, at the de|fr hop
    assert re.search(r"^addition +de\|fr +1$", first.stdout, re.MULTILINE)

    for name in ("alps", "lake"):
        expected = align_rows([corpus_dir / f"{name}.de.txt", corpus_dir / f"{name}.fr.txt"],
                              "de,fr")
        assert batch_rows(outdir / f"{name}.jsonl") == expected
        signals = Counter(f"{f['type']}@{f['hop']}" for row in expected
                          for f in cast(list[dict[str, str]], row.get("flags", [])))
        assert summary_lines(outdir)[name]["signals"] == dict(signals)
        assert (outdir / f"{name}.tmx").read_bytes().startswith(b"<?xml")
    summary = summary_lines(outdir)
    assert [summary[n]["status"] for n in ("alps", "empty", "lake", "single")] == \
        ["aligned", "failed", "aligned", "failed"]
    assert summary["lake"]["rows"] == len(batch_rows(outdir / "lake.jsonl"))
    assert summary["alps"]["threads"] == 1  # --threads-per-worker reached torch in the worker
    state = json.loads((outdir / "alps.state.json").read_text(encoding="utf-8"))
    assert state["digest"] == summary["alps"]["digest"] and state["status"] == "aligned"

    # rerun: unchanged sets are skipped, the failed one is redone (and now succeeds), and a
    # set that fails now keeps no output of the earlier run that would look current
    (corpus_dir / "single.fr.txt").write_text("Une seule version. Elle est courte.",
                                              encoding="utf-8")
    (corpus_dir / "lake.fr.txt").write_text("", encoding="utf-8")
    alps_before = (outdir / "alps.jsonl").stat().st_mtime_ns
    second = CliRunner().invoke(cli, [*args, "--tmx"])
    assert second.exit_code == 1, second.output  # "empty" still fails, "lake" fails now
    summary = summary_lines(outdir)
    assert [summary[n]["status"] for n in ("alps", "empty", "lake", "single")] == \
        ["up to date", "failed", "failed", "aligned"]
    assert (outdir / "alps.jsonl").stat().st_mtime_ns == alps_before
    assert "sets: 4 (1 aligned, 1 up to date, 2 failed)" in second.stdout
    assert "lake: " in second.stdout and "is empty" in summary["lake"]["reason"]  # type: ignore[operator]
    assert not (outdir / "lake.jsonl").exists() and not (outdir / "lake.tmx").exists()
    assert (outdir / "single.jsonl").is_file() and (outdir / "single.tmx").is_file()
    assert summary["alps"]["rows"] == len(batch_rows(outdir / "alps.jsonl"))  # figures kept



def test_bad_source_and_options_give_one_line_messages(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"set": "a", "files": [\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(manifest), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "m.jsonl line 1: not JSON" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()  # nothing written for a manifest that cannot be read

    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "absent"), "-o", str(tmp_path)])
    assert result.exit_code == 1 and "does not exist" in result.stderr

    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--scheduler", "tcp://x:8786"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr


def test_unknown_engine_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--engine", "spark"])
    assert result.exit_code == 2 and "spark" in result.stderr
