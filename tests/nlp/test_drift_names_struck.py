"""A name struck out of a translation is found beside the names that stay (real model)."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.names import detect
from workbench.nlp.drift.extract.names import extract_names, has_counterpart
from workbench.nlp.types import Encoder


def _flags(src: str, lang: str, en: str, encoder: Encoder) -> list[str]:
    pair = PairView(0, lang, "en", lang, "en", src, en, encoder=encoder)
    return [f.detail for f in detect(pair)]


@pytest.mark.parametrize(("text", "word", "place"), [
    ("代表团访问了卢旺达和肯尼亚。", "卢旺达", "RW"),  # jieba: a person (卢 is a surname)
    ("在那之前，海地很少发生这种疾病。", "海地", "HT"),  # jieba: a place word, not a name
])
def test_a_chinese_word_spelled_as_a_known_country_is_that_place(text: str, word: str,
                                                                place: str) -> None:
    found = {n.text: (n.kind, n.place) for n in extract_names(text, "zh")}
    assert found[word] == ("LOC", place)


def test_a_two_character_personal_name_stays_a_person() -> None:
    assert all(n.kind != "LOC" for n in extract_names("马丽说她明天来。", "zh"))


@pytest.mark.parametrize(("src", "lang", "clean", "struck", "name"), [
    ("在那之前，海地很少发生这种疾病。", "zh", "Before that, the disease was rare in Haiti.",
     "Before that, the disease was rare in.", "海地"),
    ("Министры Сергей Лавров и Энтони Блинкен встретились в Женеве.", "ru",
     "Ministers Sergei Lavrov and Antony Blinken met in Geneva.",
     "Ministers and Antony Blinken met in Geneva.", "Сергей Лавров"),
])
def test_a_name_struck_out_next_to_another_is_dropped(src: str, lang: str, clean: str,
                                                      struck: str, name: str,
                                                      encoder: Encoder) -> None:
    assert _flags(src, lang, clean, encoder) == []
    (detail,) = _flags(src, lang, struck, encoder)
    assert name in detail


def test_a_country_abbreviation_left_implied_is_no_dropped_name(encoder: Encoder) -> None:
    src = "Об этом заявил бывший помощник госсекретаря США по делам Европы."
    en = "A former Assistant Secretary of State for European Affairs said this."
    assert _flags(src, "ru", en, encoder) == []


@pytest.mark.parametrize(("ru", "en"), [
    ("Встреча прошла в Женеве.", "The meeting was held in Geneva."),
    ("Жорж вернулся домой.", "George came home."),
])
def test_a_soft_english_g_spells_the_russian_zh(ru: str, en: str) -> None:
    (name,) = [n for n in extract_names(ru, "ru") if n.text[0] == "Ж"]
    assert has_counterpart(name, en, "en")
    assert not has_counterpart(name, en.replace("Geneva", "Berlin").replace("George", "Gordon"),
                               "en")
