"""The ``aspect`` detector: an ongoing action (or a perfect) inserted in a translation."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.aspect import detect


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, "a", "b", lang_a, lang_b, text_a, text_b)


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b", "words"),
    [
        ("Американский танк подбил танк из своей части на учениях в Техасе.", "ru",
         "An American tank was knocking out a tank from its own unit during training.", "en",
         ["was knocking"]),
        ("成都美领馆于1985年开放。", "zh", "The Chengdu US Consulate was opening in 1985.", "en",
         ["was opening"]),
        ("美国最高法院去年阻止了这一计划。", "zh",
         "The Supreme Court last year is blocking the plan.", "en", ["is blocking"]),
        ("The guard held the door.", "en", "The guard was holding the door.", "en",
         ["was holding"]),
        # a verb that takes no progressive is wrong whatever the source says
        ("Некоторые атомы имеют нестабильное ядро, что означает, что они распадаются.", "ru",
         "Some atoms have an unstable nucleus, which is meaning they decay.", "en",
         ["is meaning"]),
        # a perfect of “be” with no past or duration in the source
        ("在创新孵化基地，数据标注师超过2300人。", "zh",
         "There have been more than 2,300 data labelers at the base.", "en", ["have been"]),
    ],
)
def test_inserted_aspect_is_flagged(text_a: str, lang_a: str, text_b: str, lang_b: str,
                                    words: list[str]) -> None:
    (finding,) = detect(_pair(text_a, lang_a, text_b, lang_b))
    assert finding.type == "aspect" and finding.severity == "major"
    assert [text_b[s:e] for s, e in finding.spans["b"]] == words


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        # an imperfective of the same tense backs a progressive
        ("Уровень оснащенности ВМФ постоянно растет.", "ru",
         "The level of equipment of the Navy is constantly growing.", "en"),
        ("Железо приводило к износу колёс.", "ru", "Iron was causing wear on the wheels.", "en"),
        ("中国正在推动合作。", "zh", "China is pushing for cooperation.", "en"),
        # Chinese rarely marks an ongoing present
        ("他在踢我！", "zh", "He's kicking me!", "en"),
        ("我和一位朋友住在一起。", "zh", "I am staying with a friend.", "en"),
        # other perfects translate a past freely
        ("当然，高额利润成为美帝国主义的基本收益。", "zh",
         "Of course, the high profits have become the basic gains of imperialism.", "en"),
        ("自从第一个州于4月24日重新开放以来，有9.1万人死亡。", "zh",
         "Since the first state reopened on April 24, there have been 91,000 deaths.", "en"),
        # adjectives in -ing are not a progressive
        ("Природный туризм интересен для тех, кто любит природу.", "ru",
         "Nature tourism is interesting for those who love nature.", "en"),
        ("The guard held the door.", "en", "The guard kept the door shut.", "en"),
    ],
)
def test_no_flag(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []
