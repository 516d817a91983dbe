"""Regions, institutions and offices in the name check (real model where vectors decide)."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.names import detect
from workbench.nlp.drift.extract.name_places import place_id
from workbench.nlp.drift.extract.names import extract_names
from workbench.nlp.drift.extract.subdivisions import region_of
from workbench.nlp.types import Encoder


def _pair(text_a: str, lang_a: str, text_b: str, encoder: Encoder) -> PairView:
    return PairView(0, lang_a, "en", lang_a, "en", text_a, text_b, encoder=encoder)


@pytest.mark.parametrize(("text", "lang", "code"), [
    ("大阪府", "zh", "JP-27"), ("大阪", "zh", "JP-27"), ("Osaka", "en", "JP-27"),
    ("Osaka Prefecture", "en", "JP-27"), ("爱知县", "zh", "JP-23"), ("Aichi", "en", "JP-23"),
    ("Воронежской области", "ru", "RU-VOR"), ("广东省", "zh", "CN-GD"),
    ("Guangdong", "en", "CN-GD"), ("Техаса", "ru", "US-TX"),
    # China's autonomous regions by the short names news use
    ("新疆", "zh", "CN-XJ"), ("新疆维吾尔自治区", "zh", "CN-XJ"), ("Xinjiang", "en", "CN-XJ"),
    ("Синьцзяне", "ru", "CN-XJ"), ("西藏", "zh", "CN-XZ"), ("Tibet", "en", "CN-XZ"),
    ("Тибета", "ru", "CN-XZ"), ("广西", "zh", "CN-GX"), ("宁夏", "zh", "CN-NX"),
    ("Inner Mongolia", "en", "CN-NM"),
])
def test_regions_from_iso_3166_2(text: str, lang: str, code: str) -> None:
    assert region_of(text, lang) == code


@pytest.mark.parametrize(("text", "lang"), [("Georgia", "en"), ("Orange", "en"), ("New", "en"),
                                            ("Central", "en"), ("Tibetan", "en")])
def test_ambiguous_or_common_words_are_no_region(text: str, lang: str) -> None:
    assert region_of(text, lang) is None


def test_a_demonym_is_not_a_territory_of_two_words() -> None:
    assert place_id("American", "en") is None  # not American Samoa
    assert place_id("Chinese", "en") == "CN"
    assert place_id("США", "ru") == "US"


def test_person_follows_the_office_words() -> None:
    text = ("Russian President Vladimir Putin spoke with Defense Minister Sergei Shoigu and "
            "Commander-in-Chief of the Navy Nikolai Evmenov.")
    assert [n.text for n in extract_names(text, "en")] == [
        "Vladimir Putin", "Sergei Shoigu", "Nikolai Evmenov"]
    assert [n.text for n in extract_names("General Motors cut jobs.", "en")] != []


@pytest.mark.parametrize(("text_a", "lang_a", "text_b"), [
    ("此外，大阪府新增确诊病例141例，福冈县新增90例，爱知县新增80例。", "zh",
     "In addition, there were 141 new confirmed cases in Osaka Prefecture, 90 new cases in "
     "Fukuoka Prefecture, and 80 new cases in Aichi Prefecture."),
    ("Президент России Владимир Путин переговорил с главой Минобороны Сергеем Шойгу и "
     "главкомом Военно-морского флота Николаем Евменовым.", "ru",
     "Russian President Vladimir Putin spoke with Defense Minister Sergei Shoigu and "
     "Commander-in-Chief of the Navy Nikolai Evmenov."),
    ("Президент России Владимир Путин переговорил с главой Минобороны Сергеем Шойгу и "
     "главкомом Военно-морского флота Николаем Евменовым.", "ru",
     "Russian President Vladimir Putin had discussions with Defense Ministry head Sergei "
     "Shoigu and Navy commander-in-chief Nikolai Yevmenov."),
    ("例如，中东地区的美国公民可能面临与欧洲人或阿拉伯人的不同境遇。", "zh",
     "As one example, American citizens in the Middle East might face different situations "
     "from Europeans or Arabs."),
])
def test_regions_and_institutions_rendered_by_meaning_are_clean(
        text_a: str, lang_a: str, text_b: str, encoder: Encoder) -> None:
    assert detect(_pair(text_a, lang_a, text_b, encoder)) == []


def test_a_person_replaced_in_the_same_place_is_flagged(encoder: Encoder) -> None:
    ru = ("Президент России Владимир Путин переговорил с главой Минобороны Сергеем Шойгу и "
          "главкомом Военно-морского флота Николаем Евменовым.")
    en = ("Russian President Bohuslav Reynek spoke with Defense Minister Sergei Shoigu and "
          "Commander-in-Chief of the Navy Nikolai Evmenov.")
    (finding,) = detect(_pair(ru, "ru", en, encoder))
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["Владимир Путин"]
    assert [en[s:e] for s, e in finding.spans["en"]] == ["Bohuslav Reynek"]


def test_a_country_replaced_by_another_is_flagged(encoder: Encoder) -> None:
    zh = "当地时间7月23日，美国新冠肺炎确诊病例数突破400万，占全球病例30%。"
    en = ("On July 23, local time, the number of confirmed cases of new coronary pneumonia in "
          "China exceeded 4 million, accounting for 30% of global cases.")
    (finding,) = detect(_pair(zh, "zh", en, encoder))
    assert [zh[s:e] for s, e in finding.spans["zh"]] == ["美国"]
    assert [en[s:e] for s, e in finding.spans["en"]] == ["China"]


@pytest.mark.model
def test_an_autonomous_region_dropped_is_a_dropped_name(encoder: Encoder) -> None:
    zh = "新疆今年建成了三百多座光伏电站。"
    assert detect(_pair(zh, "zh", "Xinjiang built more than 300 solar plants this year.",
                        encoder)) == []
    (finding,) = detect(_pair(zh, "zh", "It built more than 300 solar plants this year.",
                              encoder))
    assert "新疆" in finding.detail
