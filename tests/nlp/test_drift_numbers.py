"""Number extraction and the ``number`` detector on real zh / ru / en sentences."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.numbers import detect
from workbench.nlp.drift.extract.numbers import extract_numbers, parse_digits


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, lang_a, lang_b, lang_a, lang_b, text_a, text_b)


def _values(text: str, lang: str) -> list[float]:
    return [v for q in extract_numbers(text, lang) for v in (q.low, q.high)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1 200,50 рубля", "ru", [(1200.5, 1200.5)]),
        ("1,200.50 dollars", "en", [(1200.5, 1200.5)]),
        ("３５０万人", "zh", [(3_500_000, 3_500_000)]),
        ("1.2亿元", "zh", [(120_000_000, 120_000_000)]),
        ("两千人", "zh", [(2000, 2000)]),
        ("около шестисот читателей", "ru", [(600, 600)]),
        ("about six thousand readers", "en", [(6000, 6000)]),
        ("twenty-five thousand people", "en", [(25_000, 25_000)]),
        ("двадцать пять тысяч человек", "ru", [(25_000, 25_000)]),
        ("3,5 млн", "ru", [(3_500_000, 3_500_000)]),
        ("百分之五十", "zh", [(50, 50)]),
    ],
)
def test_extracts_values(text: str, lang: str, expected: list[tuple[float, float]]) -> None:
    assert _values(text, lang) == pytest.approx([v for pair in expected for v in pair])


def test_vague_forms_are_ranges() -> None:
    (q,) = extract_numbers("游客达十多万人", "zh")
    assert (q.low, q.high) == pytest.approx((100_000, 199_900))
    (q,) = extract_numbers("已有3000多名学员", "zh")
    assert q.vague and q.low == 3000 and q.high < 4000
    (q,) = extract_numbers("тысячи людей", "ru")
    assert q.vague and q.low == 2000


def test_percent_and_approximation_are_marked() -> None:
    (q,) = extract_numbers("占14.7%", "zh")
    assert q.percent and q.value == pytest.approx(14.7)
    (q,) = extract_numbers("почти 11 тонн", "ru")
    assert q.approx and q.value == 11 and q.text == "почти 11"


def test_identifiers_and_idioms_are_not_numbers() -> None:
    assert extract_numbers("5G and G20 and COVID-19", "en") == []
    assert extract_numbers("一带一路倡议是第一次", "zh") == []


def test_parse_digits_tells_grouping_from_decimals() -> None:
    assert parse_digits("3,5", "ru") == 3.5
    assert parse_digits("3,500", "en") == 3500
    assert parse_digits("1.200,50", "de") == 1200.5


def test_six_hundred_vs_six_thousand_is_flagged_with_exact_spans() -> None:
    ru, en = "Собрались около шестисот читателей.", "About six thousand readers gathered."
    (finding,) = detect(_pair(ru, "ru", en, "en"))
    assert finding.type == "number"
    (span_ru,) = finding.spans["ru"]
    (span_en,) = finding.spans["en"]
    assert ru[span_ru[0]:span_ru[1]] == "около шестисот"
    assert en[span_en[0]:span_en[1]] == "About six thousand"


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("学员3000多名。", "zh", "Более 2000 слушателей.", "ru"),
        ("占中国外贸的14.7%。", "zh", "14,4% внешней торговли Китая.", "ru"),
        ("почти 11 тонн наркотиков", "ru", "almost 10 tons of drugs", "en"),
    ],
)
def test_changed_numbers_are_flagged(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert [f.type for f in detect(_pair(text_a, lang_a, text_b, lang_b))] == ["number"]


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("已有100多个国家支持。", "zh", "Её поддержали более 100 стран.", "ru"),
        ("中国陆地边界长2.2万多公里。", "zh", "China's land border is over 22,000 km long.", "en"),
        ("Белоруссия стала 10-м членом ШОС.", "ru", "Belarus became the 10th member.", "en"),
        ("更加紧密的两国关系", "zh", "closer ties between both countries", "en"),
        ("В 2015 году саммит прошёл в Уфе.", "ru", "The 2015 summit was held in Ufa.", "en"),
        ("ШОС возникла более двух десятилетий назад.", "ru",
         "The SCO emerged more than two decades ago.", "en"),
    ],
)
def test_equal_numbers_are_not_flagged(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []
