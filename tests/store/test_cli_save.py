"""``--save``: comparisons made on the command line land in the web app's database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from workbench.cli import cli
from workbench.store import load_record

DATA = Path(__file__).parent.parent / "io" / "data"
pytestmark = pytest.mark.model


@pytest.fixture()
def database(db_url: str, session: Session, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", db_url)
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path / "cache"))
    return db_url


def _saved_id(output: str) -> int:
    line = next(x for x in output.splitlines() if x.startswith("saved as comparison "))
    return int(line.split()[3])


def test_import_tmx_keeps_its_pairing_and_is_checked(database: str, session: Session) -> None:
    result = CliRunner().invoke(cli, ["import", str(DATA / "other_tool.tmx"), "--save", "TM"])
    assert result.exit_code == 0, result.output
    record = load_record(session, _saved_id(result.output))
    assert [r.text for r in record.rows] == [
        {"zh-CN": "他在2024年来到莫斯科。", "ru-RU": "Он приехал в Москву в 2024 году.",
         "en-US": "He came to Moscow in 2024."},
        {"zh-CN": "谢谢。", "ru-RU": "", "en-US": "Thank you."}]
    assert record.rows[0].score and all(0 <= s <= 1 for s in record.rows[0].score.values())
    assert any(f.type == "omission" for f in record.rows[1].flags)  # ru has no counterpart


def test_align_save_then_export_by_number(database: str, session: Session,
                                          tmp_path: Path) -> None:
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    zh.write_text("今天天气很好。晚上我们回家了。", encoding="utf-8")
    en.write_text("The weather is nice today. In the evening we went home.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(zh), str(en), "--save", "Drafts",
                                      "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    number = _saved_id(result.output)
    exported = CliRunner().invoke(cli, ["export", str(number), "--format", "jsonl",
                                        "--no-metadata"])
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["segments"] for r in rows] == [{"zh": [0], "en": [0]}, {"zh": [1], "en": [1]}]


def test_save_refuses_documents_for_import(database: str, tmp_path: Path) -> None:
    text = tmp_path / "plain.txt"
    text.write_text("Just a text.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(text), "--save", "X"])
    assert result.exit_code != 0 and "not aligned material" in result.output
