"""Importing aligned material written by other tools: pairing kept, markup codes dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench.ingest import read_aligned

DATA = Path(__file__).parent / "data"


def read(name: str):  # type: ignore[no-untyped-def]
    return read_aligned((DATA / name).read_bytes(), name)


def test_third_party_tmx_is_valid_and_keeps_its_units() -> None:
    dtd = etree.DTD(str(DATA / "schemas" / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(DATA / "other_tool.tmx")))
    record = read("other_tool.tmx")
    assert record.labels == ["zh-CN", "ru-RU", "en-US"]
    assert [v.lang for v in record.versions] == ["zh-CN", "ru-RU", "en-US"]
    first, second = record.rows
    assert first.text == {"zh-CN": "他在2024年来到莫斯科。",
                          "ru-RU": "Он приехал в Москву в 2024 году.",
                          "en-US": "He came to Moscow in 2024."}
    assert first.comments == ["checked by editor"]
    assert second.text == {"zh-CN": "谢谢。", "en-US": "Thank you."}
    assert second.segments == {"zh-CN": [1], "en-US": [1]}
    assert record.title == "other_tool"


def test_xliff_1_2_with_groups_states_and_notes() -> None:
    record = read("other_tool_1_2.xlf")
    assert record.labels == ["en", "ru"]
    assert [row.text for row in record.rows] == [
        {"en": "Hello, world!", "ru": "Привет, мир!"},
        {"en": "Save file", "ru": "Сохранить файл"},
        {"en": "Untranslated", "ru": ""},
    ]
    assert [row.status for row in record.rows] == ["accepted", "unreviewed", "unreviewed"]
    assert record.rows[0].comments == ["greeting"]
    assert record.rows[2].segments == {"en": [2], "ru": []}


def test_xliff_2_0_segments_become_rows_with_inline_text() -> None:
    record = read("other_tool_2_0.xlf")
    assert record.labels == ["zh", "en"]
    assert [row.text for row in record.rows] == [
        {"zh": "第一句。", "en": "The first sentence."},
        {"zh": "第二句。", "en": "The second sentence\x07."},
    ]
    assert record.rows[0].status == "accepted"
    assert record.rows[0].comments == ["from the 2019 edition"]


def test_bilingual_csv_with_language_header() -> None:
    record = read("bilingual.csv")
    assert record.labels == ["en", "ru"]
    assert record.rows[1].text == {"en": "Two, with comma", "ru": "Два, с запятой"}
    assert record.rows[2].text == {"en": "=1+1", "ru": "=1+1"}  # other tools' cells verbatim


def test_tsv_without_header() -> None:
    record = read("no_header.tsv")
    assert record.labels == ["source", "target"]
    assert [v.lang for v in record.versions] == ["und", "und"]
    assert record.rows[1].text == {"source": "See you.", "target": "До встречи."}


@pytest.mark.parametrize("name", ["other_tool.tmx", "other_tool_1_2.xlf", "bilingual.csv"])
def test_rows_are_numbered_in_file_order(name: str) -> None:
    record = read(name)
    assert [row.index for row in record.rows] == list(range(len(record.rows)))
