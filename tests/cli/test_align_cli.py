"""``workbench align`` / ``workbench drift`` end to end, with the real default model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli

ZH = "今天天气很好。我们去公园散步，看到了很多花。公园里有三百名游客。\n\n晚上我们回家了。"
RU = (
    "Сегодня хорошая погода. Мы пошли гулять в парк. Мы увидели много цветов. "
    "В парке было триста посетителей.\n\nВечером мы вернулись домой."
)
EN = "The weather is nice today. We went for a walk in the park and saw many flowers.\n\n" \
     "In the evening we went home."


@pytest.fixture()
def texts(tmp_path: Path) -> list[Path]:
    paths = []
    for lang, text in (("zh", ZH), ("ru", RU), ("en", EN)):
        path = tmp_path / f"story.{lang}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.model
def test_align_three_versions_jsonl(texts: list[Path], tmp_home: Path) -> None:
    result = CliRunner().invoke(cli, ["align", *map(str, texts), "--chain", "zh,ru,en"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    # every segment of every version appears exactly once, in order
    for label, count in (("zh", 4), ("ru", 5), ("en", 3)):
        seen = [i for row in rows for i in row["segments"].get(label, [])]
        assert seen == list(range(count)), (label, seen)
    first = rows[0]
    assert set(first) >= {"row", "segments", "text", "similarity", "score", "flags"}
    assert "zh|ru" in first["similarity"] and "ru|en" in first["similarity"]
    # the Chinese 2nd sentence is split in two in Russian: one 1-2 row
    merged = [r for r in rows if r["segments"].get("zh") == [1]]
    assert merged and merged[0]["segments"]["ru"] == [1, 2]
    # the visitors sentence has no English counterpart: an omission row for en
    omitted = [r for r in rows if "三百" in r["text"].get("zh", "")]
    assert omitted and not omitted[0]["segments"].get("en")
    assert any(f["type"] == "omission" for f in omitted[0]["flags"])


@pytest.mark.model
def test_drift_summary(texts: list[Path], tmp_home: Path) -> None:
    result = CliRunner().invoke(cli, ["drift", *map(str, texts), "--chain", "zh,ru,en"])
    assert result.exit_code == 0, result.output
    assert "chain: zh -> ru -> en" in result.stdout
    assert "omission" in result.stdout
    assert "lowest-scoring rows" in result.stdout


@pytest.mark.model
def test_align_tsv_to_file(texts: list[Path], tmp_path: Path, tmp_home: Path) -> None:
    out = tmp_path / "out.tsv"
    result = CliRunner().invoke(cli, ["align", str(texts[0]), str(texts[2]),
                                      "--format", "tsv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "今天天气很好" in out.read_text(encoding="utf-8")


def test_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["align", str(tmp_path / "nope.txt"), str(tmp_path / "b")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "nope.txt" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_language(texts: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["align", *map(str, texts[:2]), "--lang", "zh,klingon"])
    assert result.exit_code != 0
    assert "klingon" in result.output and "Traceback" not in result.output


def test_empty_file(tmp_path: Path, texts: list[Path]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["align", str(texts[0]), str(empty)])
    assert result.exit_code != 0
    assert "empty" in result.output and "Traceback" not in result.output


def test_one_file_is_not_enough(texts: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["align", str(texts[0])])
    assert result.exit_code != 0
    assert "two or more" in result.output


def test_bad_chain(texts: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["align", *map(str, texts), "--chain", "zh,de"])
    assert result.exit_code != 0
    assert "chain" in result.output and "Traceback" not in result.output
