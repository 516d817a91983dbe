"""The ``question`` detector: a statement turned into a question (or back)."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.negation import detect as negation
from workbench.nlp.drift.detectors.question import detect


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, "a", "b", lang_a, lang_b, text_a, text_b)


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b", "asks"),
    [
        ("Американский танк подбил танк из своей части на учениях.", "ru",
         "Did an American tank knock out a tank from its own unit during training?", "en", "b"),
        ("据推测，他将在2016年参加总统竞选。", "zh",
         "Is it speculated that he will run for president in 2016?", "en", "b"),
        ("他会参加总统竞选吗？", "zh", "Он будет участвовать в президентских выборах.", "ru", "a"),
        ("The parade was held with few spectators.", "en",
         "Was the parade held with few spectators?", "en", "b"),
        # a verb of asking on the asking side does not report anything
        ("他们要求增加工资。", "zh", "Did they ask for higher wages?", "en", "b"),
    ],
)
def test_question_on_one_side_is_flagged(text_a: str, lang_a: str, text_b: str, lang_b: str,
                                         asks: str) -> None:
    (finding,) = detect(_pair(text_a, lang_a, text_b, lang_b))
    assert finding.type == "question" and finding.severity == "major"
    text = text_a if asks == "a" else text_b
    assert [text[s:e] for s, e in finding.spans[asks]] in (["?"], ["？"])


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("他会来吗？", "zh", "Will he come?", "en"),
        ("Придёт ли он?", "ru", "Will he come?", "en"),
        # a question without its mark: a final 吗, a clause-initial «ли»
        ("你明天来吗", "zh", "Are you coming tomorrow?", "en"),
        ("Придёт ли он завтра", "ru", "Will he come tomorrow?", "en"),
        # indirect questions carry no mark on either side
        ("Он спросил, придёт ли она.", "ru", "He asked whether she would come.", "en"),
        ("记者问他是否会参加。", "zh", "A reporter asked whether he would take part.", "en"),
        ("The parade was held.", "en", "The parade took place.", "en"),
        # a question the English reports in its own words
        ("周瑞家的迎出来，问：“是那位？”", "zh", "Zhou Rui's wife came out and asked who it was.",
         "en"),
        ("“你怎么了？”她问。", "zh", "She wondered what had happened to him.", "en"),
        # a rhetorical question without its mark
        ("难道你不知道这件事。", "zh", "Don't you know about this?", "en"),
        ("我们岂能坐视不管。", "zh", "How could we just stand by?", "en"),
    ],
)
def test_no_flag(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ("刘老老说道：“谁叫你去打劫呢?", "'No one's asking you to rob,' said Grannie Liu."),
        ("你既大远的来了，怎么叫你空回去呢?",
         "Since you have come so far, we can't let you go back empty-handed."),
    ],
)
def test_a_rhetorical_question_rendered_as_a_negation_is_neither_flag(text_a: str,
                                                                      text_b: str) -> None:
    pair = _pair(text_a, "zh", text_b, "en")
    assert detect(pair) == []
    assert negation(pair) == []


def test_a_negated_statement_turned_into_a_question_is_still_flagged() -> None:
    pair = _pair("海地自19世纪初以来从未遇到过与该疾病有关的问题。", "zh",
                 "Did Haiti have a problem with the disease since the early 19th century?", "en")
    assert [f.type for f in detect(pair)] == ["question"]
    assert [f.type for f in negation(pair)] == ["negation"]
