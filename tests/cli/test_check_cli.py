"""``workbench check`` end to end with the real default model: a QA run over aligned material."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from workbench.cli import cli

PAIRS = [("今天天气很好。", "Сегодня хорошая погода."),
         ("公园里有三百名游客。", "В парке было пятьсот посетителей."),
         ("他不喜欢喝咖啡。", "Он любит пить кофе."),
         ("晚上我们回家了。", "Вечером мы вернулись домой.")]
CHANGED_NUMBER, LOST_NEGATION = 1, 2


def _tmx(path: Path) -> Path:
    units = "".join(f'<tu><tuv xml:lang="zh"><seg>{zh}</seg></tuv>'
                    f'<tuv xml:lang="ru"><seg>{ru}</seg></tuv></tu>\n' for zh, ru in PAIRS)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
                    '<header srclang="zh" datatype="plaintext" segtype="sentence" '
                    'adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="test"/>'
                    f"<body>\n{units}</body></tmx>\n", encoding="utf-8")
    return path


def _tsv(path: Path) -> Path:
    lines = ["zh\tru", *(f"{zh}\t{ru}" for zh, ru in PAIRS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args])


def _rows(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _types(row: dict[str, Any]) -> list[str]:
    return [str(f["type"]) for f in row["flags"]]


@pytest.mark.model
@pytest.mark.parametrize("build", [_tmx, _tsv], ids=["tmx", "tsv"])
def test_check_keeps_the_pairing_and_reports_scores_and_signals(
        build: Callable[[Path], Path], tmp_path: Path, tmp_home: Path) -> None:
    path = build(tmp_path / ("memory.tmx" if build is _tmx else "memory.tsv"))
    rows = _rows(_run(str(path)))
    # the file's pairing, in file order: one row per unit, not re-aligned
    assert [r["segments"] for r in rows] == [{"zh": [i], "ru": [i]} for i in range(len(PAIRS))]
    assert [r["text"] for r in rows] == [{"zh": zh, "ru": ru} for zh, ru in PAIRS]
    for row in rows:
        assert set(row) >= {"row", "segments", "text", "similarity", "score", "flags"}
        assert 0.0 <= row["score"]["zh|ru"] <= 1.0
    number = next(f for f in rows[CHANGED_NUMBER]["flags"] if f["type"] == "number")
    assert number["severity"] == "critical"
    assert number["reason"]["key"] == "number_changed"
    assert number["reason"]["args"]["found_b"].startswith("500")
    assert "negation" in _types(rows[LOST_NEGATION])
    assert "number" not in _types(rows[0]) and "negation" not in _types(rows[0])


@pytest.mark.model
def test_check_writes_tsv_and_html(tmp_path: Path, tmp_home: Path) -> None:
    path = _tmx(tmp_path / "memory.tmx")
    out = tmp_path / "report.tsv"
    result = _run(str(path), "--format", "tsv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"checked {len(PAIRS)} rows" in result.stderr
    table = out.read_text(encoding="utf-8")
    assert "пятьсот" in table and "number_changed" in table
    html = _run(str(path), "--format", "html")
    assert html.exit_code == 0, html.output
    assert "<html" in html.stdout.lower() and "公园里有三百名游客。" in html.stdout


@pytest.mark.model
def test_check_follows_a_given_chain(tmp_path: Path, tmp_home: Path) -> None:
    rows = _rows(_run(str(_tsv(tmp_path / "memory.tsv")), "--chain", "ru,zh"))
    assert all(list(r["score"]) == ["ru|zh"] for r in rows)


def _one_error_line(result: Result) -> str:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and "Traceback" not in result.output
    return lines[0]


def test_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    line = _one_error_line(_run(str(tmp_path / "nowhere.tmx")))
    assert "cannot read" in line and "nowhere.tmx" in line


def test_plain_text_is_not_aligned_material(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Just some text.\n", encoding="utf-8")
    line = _one_error_line(_run(str(path)))
    assert "notes.txt" in line and "aligned" in line


def test_broken_tmx_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.tmx"
    path.write_text('<?xml version="1.0"?><tmx version="1.4"><body><tu><tuv xml:lang="zh">'
                    "<seg>你好", encoding="utf-8")
    line = _one_error_line(_run(str(path)))
    assert "broken.tmx" in line and "XML" in line


def test_unknown_chain_label_is_one_clear_line(tmp_path: Path) -> None:
    line = _one_error_line(_run(str(_tsv(tmp_path / "memory.tsv")), "--chain", "zh,en"))
    assert "en" in line and "zh, ru" in line


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = _run(str(_tsv(tmp_path / "memory.tsv")), "--format", "xlsx")
    assert result.exit_code == 2 and "xlsx" in result.stderr


def test_missing_glossary_is_one_clear_line(tmp_path: Path) -> None:
    line = _one_error_line(_run(str(_tsv(tmp_path / "memory.tsv")), "--glossary",
                                str(tmp_path / "terms.csv")))
    assert "cannot read" in line and "terms.csv" in line


def _pipeline_checks_glossaries() -> bool:
    import inspect

    from workbench.pipeline import compare

    return "glossary" in inspect.signature(compare).parameters


@pytest.mark.model
def test_glossary_is_passed_to_the_pipeline(tmp_path: Path, tmp_home: Path) -> None:
    if not _pipeline_checks_glossaries():
        line = _one_error_line(_run(str(_tsv(tmp_path / "memory.tsv")), "--glossary",
                                    str(_glossary(tmp_path / "terms.csv"))))
        assert "--glossary" in line
        return
    rows = _rows(_run(str(_tsv(tmp_path / "memory.tsv")), "--glossary",
                      str(_glossary(tmp_path / "terms.csv"))))
    assert len(rows) == len(PAIRS)
    assert any(f["type"] == "term" for f in rows[0]["flags"])  # 天气 is not rendered погода


def _glossary(path: Path) -> Path:
    path.write_text("zh,ru\n天气,климат\n", encoding="utf-8")
    return path
