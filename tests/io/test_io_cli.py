"""``workbench import`` and ``workbench export`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.io.builders import make_docx
from tests.io.records import demo_record
from workbench.cli import cli
from workbench.export import export
from workbench.ingest import read_aligned

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_import_reports_format_encoding_language_and_counts(runner: CliRunner,
                                                            tmp_path: Path) -> None:
    text = "Первый абзац. Второе предложение.\n\nВторой абзац."
    (tmp_path / "ru.txt").write_bytes(text.encode("koi8-r"))
    (tmp_path / "zh.docx").write_bytes(make_docx(["第一句。第二句。"]))
    result = runner.invoke(cli, ["import", str(tmp_path / "ru.txt"), str(tmp_path / "zh.docx"),
                                 str(DATA / "other_tool.tmx"), "--json"])
    assert result.exit_code == 0, result.output
    ru, zh, tmx = json.loads(result.output)
    assert (ru["format"], ru["encoding"], ru["language"]) == ("text", "koi8_r", "ru")
    assert (ru["paragraphs"], ru["segments"]) == (2, 3)
    assert (zh["format"], zh["language"], zh["encoding"]) == ("docx", "zh", None)
    assert (tmx["kind"], tmx["format"], tmx["rows"]) == ("aligned", "tmx", 2)


def test_import_guesses_languages_of_unlabelled_columns(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["import", str(DATA / "no_header.tsv")])
    assert result.exit_code == 0, result.output
    assert "versions source (en), target (ru)" in result.output


def test_import_writes_jsonl_for_aligned_material(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    result = runner.invoke(cli, ["import", str(DATA / "other_tool_1_2.xlf"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    record = read_aligned(out.read_bytes(), out.name)
    assert [row.text["ru"] for row in record.rows][:2] == ["Привет, мир!", "Сохранить файл"]


def test_import_bad_file_gives_one_line(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(bytes(range(256)) * 10)
    result = runner.invoke(cli, ["import", str(tmp_path / "x.txt")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "Error:" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "csv", "tsv", "jsonl", "xlsx", "html"])
def test_export_every_format(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "demo.jsonl"
    source.write_bytes(export(demo_record(10), "jsonl"))
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(cli, ["export", str(source), "--format", fmt, "-o", str(out),
                                 "--pair", "zh,ru"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 500
    if fmt in ("tmx", "xliff", "csv", "tsv", "jsonl"):
        back = read_aligned(out.read_bytes(), f"back.{'xlf' if fmt == 'xliff' else fmt}")
        assert back.labels == ["zh", "ru"]
        assert len(back.rows) == 10


def test_export_format_from_extension_and_filters(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "demo.tmx"
    source.write_bytes(export(demo_record(30), "tmx"))
    out = tmp_path / "accepted.csv"
    result = runner.invoke(cli, ["export", str(source), "-o", str(out), "--rows", "accepted"])
    assert result.exit_code == 0, result.output
    back = read_aligned(out.read_bytes(), out.name)
    assert {row.status for row in back.rows} == {"accepted"}


def test_export_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "demo.jsonl"
    source.write_bytes(export(demo_record(3), "jsonl"))
    for args in (["--format", "doc"], ["--format", "xlsx"], ["--pair", "zh,xx", "--format",
                                                             "xliff"], []):
        result = runner.invoke(cli, ["export", str(source), *args])
        assert result.exit_code != 0
        assert "Traceback" not in result.output and "Error" in result.output
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind
