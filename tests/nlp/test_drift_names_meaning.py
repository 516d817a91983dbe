"""Names matched by meaning (real model): translated names match, dropped or replaced ones not."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.names import detect
from workbench.nlp.types import Encoder


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str, encoder: Encoder) -> PairView:
    b = lang_b if lang_b != lang_a else f"{lang_b}2"
    return PairView(0, lang_a, b, lang_a, lang_b, text_a, text_b, encoder=encoder)


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("伊斯兰国组织宣称对袭击负责。", "zh",
         "The Islamic State group claimed responsibility for the attack.", "en"),
        ("香港的房价又上涨了。", "zh", "Housing prices in Hong Kong rose again.", "en"),
        ("Туристы весь день гуляли по Запретному городу.", "ru",
         "The tourists spent the whole day walking around the Forbidden City.", "en"),
        ("会谈在人民大会堂举行。", "zh", "Переговоры прошли в Доме народных собраний.", "ru"),
        ("Председатель КНР Си Цзиньпин встретился с Владимиром Путиным в Москве.", "ru",
         "chinese president xi jinping met vladimir putin in moscow.", "en"),
        ("Учения прошли в Техасе.", "ru", "The exercise took place in Texas.", "en"),
        ("The talks were held in the Forbidden City on Monday.", "en",
         "On Monday the talks took place in the Forbidden City.", "en"),
    ],
)
def test_translated_names_match(text_a: str, lang_a: str, text_b: str, lang_b: str,
                                encoder: Encoder) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b, encoder)) == []


def test_dropped_name_is_flagged_on_its_side(encoder: Encoder) -> None:
    ru = "В понедельник мэр Сиэтла встретился с делегацией из Японии."
    en = "On Monday the mayor met a delegation from Japan."
    (finding,) = detect(_pair(ru, "ru", en, "en", encoder))
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["Сиэтла"]
    assert "en" not in finding.spans


def test_replaced_city_zh_en_flags_the_source_name(encoder: Encoder) -> None:
    zh = "李明昨天在广州参观了一家汽车工厂。"
    en = "Li Ming visited a car factory in Chengdu yesterday."
    (finding,) = detect(_pair(zh, "zh", en, "en", encoder))
    assert [zh[s:e] for s, e in finding.spans["zh"]] == ["广州"]


def test_replaced_city_en_en_is_flagged(encoder: Encoder) -> None:
    a = "The delegation arrived in Nairobi on Tuesday evening."
    b = "The delegation arrived in Lagos on Tuesday evening."
    (finding,) = detect(_pair(a, "en", b, "en", encoder))
    assert [a[s:e] for s, e in finding.spans["en"]] == ["Nairobi"]
    assert [b[s:e] for s, e in finding.spans["en2"]] == ["Lagos"]


def test_without_token_vectors_only_replacements_are_reported(fake_encoder: Encoder) -> None:
    ru = "В понедельник мэр Сиэтла встретился с делегацией из Японии."
    en = "On Monday the mayor met a delegation from Japan."
    assert detect(_pair(ru, "ru", en, "en", fake_encoder)) == []
