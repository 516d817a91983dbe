"""``--save``: comparisons made on the command line land in the web app's database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.io.builders import make_docx
from workbench.cli import cli
from workbench.store import load_record
from workbench.store.models import VersionModel

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


def test_align_save_keeps_file_names_encodings_and_titles(database: str, session: Session,
                                                          tmp_path: Path) -> None:
    ru, en = tmp_path / "glava.ru.txt", tmp_path / "chapter.html"
    ru.write_bytes("Сегодня хорошая погода. Вечером мы пошли домой.".encode("cp1251"))
    en.write_text("<html><head><title>Chapter one</title></head><body><p>The weather is nice "
                  "today. In the evening we went home.</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(ru), str(en), "--save", "Drafts",
                                      "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    saved = _saved_id(result.output)
    versions = session.scalars(select(VersionModel).where(VersionModel.comparison_id == saved)
                               .order_by(VersionModel.position)).all()
    assert [v.source_filename for v in versions] == ["glava.ru.txt", "chapter.html"]
    assert versions[0].encoding.lower().replace("-", "") in {"cp1251", "windows1251"}
    assert versions[1].title == "Chapter one"


def test_align_prints_what_the_reader_warns_of(tmp_home: Path, tmp_path: Path) -> None:
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.odt"  # a DOCX under an ODT name
    zh.write_text("今天天气很好。晚上我们回家了。", encoding="utf-8")
    en.write_bytes(make_docx(["The weather is nice today.", "In the evening we went home."]))
    result = CliRunner().invoke(cli, ["align", str(zh), str(en), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    assert "warning: a.en.odt is named .odt but is a DOCX file" in result.output
