"""The ``codemix`` detector: a source-script word left in the translation."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.codemix import detect


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, "a", "b", lang_a, lang_b, text_a, text_b)


def test_russian_word_left_in_english_is_flagged_with_its_span() -> None:
    ru = "По словам Корба, партия рассчитается с долгами, сказал он."
    en = "The party will pay off its debts by the end of the year, Korb сказал."
    (finding,) = detect(_pair(ru, "ru", en, "en"))
    assert finding.type == "codemix" and finding.severity == "critical"
    assert [en[s:e] for s, e in finding.spans["b"]] == ["сказал"]


def test_chinese_word_left_in_english_and_in_russian() -> None:
    zh = "委员会周二发表了声明。"
    en = "The 委员会 issued a statement on Tuesday."
    (finding,) = detect(_pair(zh, "zh", en, "en"))
    assert [en[s:e] for s, e in finding.spans["b"]] == ["委员会"]
    ru = "Во вторник 委员会 выступил с заявлением."
    (finding,) = detect(_pair(zh, "zh", ru, "ru"))
    assert [ru[s:e] for s, e in finding.spans["b"]] == ["委员会"]


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        # Latin letters are fine everywhere: names, acronyms, sites
        ("Парад транслировал сайт Russia.tv и канал РБК.", "ru",
         "The parade was broadcast by Russia.tv and RBC.", "en"),
        ("执政党西南非洲人民组织 (SWAPO) 保持了多数席位。", "zh",
         "The ruling SWAPO kept its majority.", "en"),
        # same-language pairs: the script is the language's own
        ("Он сказал, что придёт.", "ru", "Он заявил, что придёт.", "ru"),
        ("他说他会来。", "zh", "他表示他会来。", "zh"),
        # Cyrillic in an English version of a Chinese source: not the source's script
        ("委员会周二发表了声明。", "zh", "The committee (комитет) issued a statement.", "en"),
    ],
)
def test_no_flag(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []
