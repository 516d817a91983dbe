"""Date extraction and the ``date`` detector: 7月15日 / 15 июля / July 15 / Aug. 29."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.dates import detect
from workbench.nlp.drift.extract.dates import extract_dates


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, lang_a, lang_b, lang_a, lang_b, text_a, text_b)


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("7月15日，习近平会见", "zh", "?-07-15"),
        ("2024年七月十五日", "zh", "2024-07-15"),
        ("15 июля 2024 г. он встретился", "ru", "2024-07-15"),
        ("on July 15, 2024", "en", "2024-07-15"),
        ("BEIJING, Aug. 29 (Xinhua)", "en", "?-08-29"),
        ("в мае в Сиане", "ru", "?-05-?"),
        ("2013年以来", "zh", "2013-?-?"),
        ("С 2023 года", "ru", "2023-?-?"),
    ],
)
def test_extracts_dates(text: str, lang: str, label: str) -> None:
    assert [d.label() for d in extract_dates(text, lang)] == [label]


def test_the_verb_may_is_not_a_date() -> None:
    assert extract_dates("We may go there.", "en") == []


def test_same_date_in_three_scripts_is_not_flagged() -> None:
    assert detect(_pair("7月16日，习近平会见", "zh", "16 июля Си Цзиньпин встретился", "ru")) == []
    assert detect(_pair("16 июля Си Цзиньпин встретился", "ru", "on July 16, Xi met", "en")) == []


def test_changed_day_is_flagged_with_spans() -> None:
    ru, en = "16 июля Си Цзиньпин встретился", "Xi Jinping met them on July 15."
    (finding,) = detect(_pair(ru, "ru", en, "en"))
    assert finding.type == "date"
    assert ru[slice(*finding.spans["ru"][0])] == "16 июля"
    assert en[slice(*finding.spans["en"][0])] == "July 15"


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("2013年以来，习近平同上合组织领导人会晤", "zh", "С 2023 года Си Цзиньпин встречался",
         "ru"),
        ("4月，上合组织减贫论坛在西安举行", "zh", "в мае в Сиане прошёл форум ШОС", "ru"),
    ],
)
def test_changed_year_or_month_is_flagged(text_a: str, lang_a: str, text_b: str,
                                          lang_b: str) -> None:
    assert [f.type for f in detect(_pair(text_a, lang_a, text_b, lang_b))] == ["date"]
