"""The ``negation`` detector: a negation on one side only."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.negation import detect, negation_spans


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, lang_a, lang_b, lang_a, lang_b, text_a, text_b)


def test_dropped_negation_is_flagged_on_the_negating_side() -> None:
    zh = "禁毒合作尚未取得明显成效。"
    ru = "Сотрудничество в борьбе с наркотиками уже принесло заметные результаты."
    (finding,) = detect(_pair(zh, "zh", ru, "ru"))
    assert finding.type == "negation" and finding.severity == "critical"
    assert [zh[s:e] for s, e in finding.spans["zh"]] == ["未"]


def test_flipped_negation_ru_en() -> None:
    ru = "Китай играет важную роль, но не претендует на главенство."
    en = "China plays an important and leading role."
    (finding,) = detect(_pair(ru, "ru", en, "en"))
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["не"]


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("中国并不谋求主导地位。", "zh", "Китай не претендует на главенство.", "ru"),
        ("Китай не претендует на главенство.", "ru", "China does not seek dominance.", "en"),
        ("这不仅是一个哲学命题。", "zh", "Это не просто философская формула.", "ru"),
        ("It is not only a formula.", "en", "这不仅是一个哲学命题。", "zh"),
        ("在乌兹别克斯坦撒马尔罕举行", "zh", "held in Samarkand, Uzbekistan", "en"),
        ("非常重要的未来", "zh", "a very important future", "en"),
    ],
)
def test_no_flag_when_both_or_neither_negate(text_a: str, lang_a: str, text_b: str,
                                             lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


def test_english_contractions_count() -> None:
    assert negation_spans("It wasn't easy.", "en") == [[6, 9]]
