"""The fluency detector: a translation that reads as broken (a word dropped, words scrambled)."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.fluency import detect

ZH = "警方在西雅图发射了震撼弹和催泪瓦斯。"
RU = "В Сиэтле полиция применила светошумовые гранаты и слезоточивый газ."


def _flags(src: str, lang: str, text: str, text_lang: str = "en") -> list[str]:
    view = PairView(0, "src", "tgt", lang, text_lang, src, text)
    return [f.detail for f in detect(view)]


@pytest.mark.parametrize("broken", [
    "In Seattle, police fired stun grenades and tear gas at.",   # object of "at" dropped
    "In Seattle, police fired stun grenades and the .",          # noun after an article dropped
    "In Seattle, police will the grenades and tear gas.",        # verb dropped after a modal
    "Fired stun in grenades police Seattle, and of the gas tear,.",  # scrambled
    "\"We will pay off the debts this year,\" said.",            # the speaker dropped
    "Police in Seattle fired stun grenades and.",                # coordination cut short
])
def test_broken_english_is_flagged(broken: str) -> None:
    flags = _flags(ZH, "zh", broken)
    assert len(flags) == 1
    assert "reads as broken" in flags[0]


@pytest.mark.parametrize("clean", [
    "In Seattle, police fired stun grenades and tear gas.",
    "in seattle, police fired stun grenades and tear gas",      # lower case, no final stop
    "The talks, which he said were useful, will go on.",
    "It is a plan that the government has been working on.",   # a stranded "on" is English
    "What are they talking about?",
    "Prices rose by more than 10 per cent, from about 20 to over 30.",
    "He will, as always, speak first.",
    "Will the minister resign?",
    "A.",
])
def test_clean_english_is_not_flagged(clean: str) -> None:
    assert _flags(ZH, "zh", clean) == []


def test_russian_preposition_without_its_object_is_flagged() -> None:
    assert _flags(ZH, "zh", "В Сиэтле полиция применила гранаты в, и газ.", "ru")
    assert _flags(ZH, "zh", "В Сиэтле полиция применила гранаты и газ.", "ru") == []
    assert _flags(ZH, "zh", "Он родился в 1990 г. в Москве.", "ru") == []


def test_only_the_translation_side_is_read() -> None:
    # a source that itself reads oddly does not make the hop look broken
    assert _flags("Police fired at.", "en", RU, "ru") == []


def test_same_language_pair_with_the_same_oddity_is_not_flagged() -> None:
    odd = "The police fired at."
    assert _flags(odd, "en", odd, "en") == []
    assert _flags("The police fired at them.", "en", odd, "en")
