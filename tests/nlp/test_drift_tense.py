"""The ``tense`` detector: the main verb's tense changed between versions."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.tense import detect
from workbench.nlp.drift.grammar.english import verb_groups


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, "a", "b", lang_a, lang_b, text_a, text_b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police will fire tear gas.", [("fut", "will fire")]),
        ("The parade was held with few spectators.", [("past", "was held")]),
        ("The tank knocked out a tank.", [("past", "knocked")]),
        ("Experts have called him the worst.", [("pres", "have called")]),
        ("He is going to leave.", [("fut", "is going to leave")]),
        ("There may be differences.", [(None, "may be")]),
        ("The limited time expected by them went fast.", [("past", "went")]),
        ("Have you checked your email today?", [("pres", "Have you checked")]),
        ("The accident occurs at noon.", [("pres", "occurs")]),
        ("Britain's minister spoke.", [("past", "spoke")]),
    ],
)
def test_english_verb_groups(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(g.tense, text[g.start:g.end]) for g in verb_groups(text)] == expected


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b", "words"),
    [
        ("В Сиэтле полиция применила гранаты и слезоточивый газ.", "ru",
         "In Seattle, police will fire stun grenades and tear gas.", "en", ["will fire"]),
        ("Оказывать помощь людям будут 10 тысяч человек.", "ru",
         "10,000 people provided assistance to people.", "en", ["provided"]),
        ("美国最高法院去年阻止了特朗普行政当局的做法。", "zh",
         "The U.S. Supreme Court last year will block the Trump administration's move.", "en",
         ["will block"]),
        ("The parade was held with few spectators.", "en",
         "The parade will be held with few spectators.", "en", ["will be held"]),
        ("Парад прошёл при малом скоплении зрителей.", "ru",
         "Парад пройдёт при малом скоплении зрителей.", "ru", ["пройдёт"]),
    ],
)
def test_changed_tense_is_flagged(text_a: str, lang_a: str, text_b: str, lang_b: str,
                                  words: list[str]) -> None:
    (finding,) = detect(_pair(text_a, lang_a, text_b, lang_b))
    assert finding.type == "tense" and finding.severity == "major"
    ((side, spans),) = finding.spans.items()
    text = text_a if side == "a" else text_b
    assert [text[s:e] for s, e in spans] == words


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("В Сиэтле полиция применила гранаты.", "ru", "In Seattle, police fired grenades.", "en"),
        # a reporting verb in the present is rendered in the past and back
        ("Ожидаются дожди, сообщает Гидрометцентр.", "ru",
         "Rain is expected, the weather service announced.", "en"),
        # the sequence of tenses: a present after a past main verb
        ("Я не знал, что Том меня ищет.", "ru", "I didn't know Tom was looking for me.", "en"),
        # a zero copula and a short participle leave the time open
        ("Решение принято.", "ru", "The decision has been made.", "en"),
        # 将 marking an object is not a future; 会 is a habit as well as a future
        ("卫星接到电话后，立刻将其反射回去。", "zh",
         "When a satellite receives a call, it reflects it back.", "en"),
        ("护林员会密切监督射手。", "zh", "Rangers closely monitor shooters.", "en"),
        # a final 了 is a change of state
        ("现在太晚了。", "zh", "It's too late now.", "en"),
        ("他将在2016年参加竞选。", "zh", "He is expected to run in 2016.", "en"),
        ("He said he would come.", "en", "He told us he would come.", "en"),
        ("他昨天来了。", "zh", "他明天来。", "zh"),  # zh|zh: markers are optional, not compared
    ],
)
def test_no_flag(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


def test_present_against_past_is_not_reported() -> None:
    # a historical present or a free rendering: only past against future is a signal
    view = PairView(0, "ru", "en", "ru", "en", "Авария произошла в 12:25 по местному времени.",
                    "The accident occurs at 12:25 local time.")
    assert detect(view) == []


@pytest.mark.parametrize(("russian", "english"), [
    ("В Московском регионе в воскресенье ожидаются небольшие дожди и переменная облачность.",
     "In the Moscow region on Sunday, light rains and partly cloudy weather were expected."),
    ("Штраф составляет более двух миллионов тенге.", "The fine was more than two million tenge."),
])
def test_english_past_against_a_russian_present_only_is_reported(russian: str,
                                                                 english: str) -> None:
    (finding,) = detect(PairView(0, "ru", "en", "ru", "en", russian, english))
    assert finding.spans["en"]


def test_backshifted_present_after_a_past_report_is_clean() -> None:
    view = PairView(0, "ru", "en", "ru", "en", "Он сказал, что ситуация стабильна и улучшается.",
                    "He said the situation was stable and improving.")
    assert detect(view) == []
