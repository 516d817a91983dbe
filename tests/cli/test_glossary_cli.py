"""``workbench align --glossary FILE`` end to end, with the real default model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli

ZH = "1998年大坝建成。\n水库很大。\n今天天气很好。\n"
EN = "In 1998 the barrage was finished.\nThe reservoir is big.\nThe weather is nice today.\n"
GLOSSARY = "zh,en,en-forbidden\n大坝,dam,barrage\n水库,reservoir,lake\n"


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("dam.zh.txt", ZH), ("dam.en.txt", EN), ("terms.csv", GLOSSARY)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _align(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["align", *args, "--segmented", "--lang", "zh,en"])
    rows = [json.loads(line) for line in result.stdout.splitlines()] if not result.exit_code \
        else []
    return result.exit_code, rows, result.output


def _terms(rows: list[dict[str, object]]) -> list[tuple[object, str]]:
    return [(row["row"], flag["detail"]) for row in rows
            for flag in row["flags"] if flag["type"] == "term"]  # type: ignore[attr-defined]


@pytest.mark.model
def test_glossary_terms_are_flagged_in_the_jsonl(files: list[Path], tmp_home: Path) -> None:
    zh, en, glossary = files
    code, rows, output = _align(str(zh), str(en), "--glossary", str(glossary))
    assert code == 0, output
    terms = _terms(rows)
    assert [row for row, _ in terms] == [0]  # the reservoir row uses the required rendering
    assert "forbidden" in terms[0][1] and "“barrage”" in terms[0][1]
    flag = next(f for f in rows[0]["flags"] if f["type"] == "term")  # type: ignore[attr-defined]
    assert flag["spans"]["zh"] == [[5, 7]] and flag["spans"]["en"] == [[12, 19]]
    assert flag["severity"] == "major"
    code, plain, output = _align(str(zh), str(en))
    assert code == 0, output
    assert _terms(plain) == []


@pytest.mark.parametrize(("content", "says"), [
    ("", "is empty"),
    ("zh\n大坝\n", "has only one column"),
    ("zh,elvish-xx\n大坝,x\n", "not a language code"),
])
def test_a_bad_glossary_stops_with_one_line(files: list[Path], tmp_home: Path, content: str,
                                            says: str) -> None:
    zh, en, glossary = files
    glossary.write_text(content, encoding="utf-8")
    code, _, output = _align(str(zh), str(en), "--glossary", str(glossary))
    assert code != 0
    assert says in output and "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_a_missing_glossary_file_is_reported(files: list[Path], tmp_home: Path) -> None:
    zh, en, glossary = files
    code, _, output = _align(str(zh), str(en), "--glossary", str(glossary) + ".nope")
    assert code != 0 and "terms.csv.nope" in output
