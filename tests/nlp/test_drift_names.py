"""Name extraction, transliteration-aware matching and the ``name`` detector."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.names import detect
from workbench.nlp.drift.extract.names import extract_names, has_counterpart
from workbench.nlp.drift.extract.places import place_of, skeleton, skeletons, stem


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, lang_a, lang_b, lang_a, lang_b, text_a, text_b)


def test_transliterations_share_a_skeleton() -> None:
    assert skeleton("习近平") == skeleton("Си Цзиньпин") == skeleton("Xi Jinping")
    assert skeleton("托卡耶夫") == skeleton("Токаев") == skeleton("Tokayev")


@pytest.mark.parametrize(
    ("word", "lang", "place"),
    [("Китая", "ru", "CN"), ("China's", "en", "CN"), ("中国", "zh", "CN"),
     ("Chinese", "en", "CN"), ("Екатеринбурге", "ru", "Asia/Yekaterinburg"),
     ("叶卡捷琳堡", "zh", "Asia/Yekaterinburg"), ("Austria", "en", "AT")],
)
def test_places_from_cldr(word: str, lang: str, place: str) -> None:
    assert place_of(word, lang) == place


def test_extracts_names_in_three_scripts() -> None:
    assert "Си Цзиньпин" in [n.text for n in extract_names(
        "Председатель КНР Си Цзиньпин прибыл в Астану.", "ru")]
    assert "习近平" in [n.text for n in extract_names("国家主席习近平抵达阿斯塔纳。", "zh")]
    english = extract_names("The talks in Astana were chaired by Xi Jinping.", "en")
    assert [n.text for n in english] == ["Astana", "Xi Jinping"]


def test_inflected_russian_name_has_its_english_counterpart() -> None:
    (putin,) = [n for n in extract_names("Он встретился с Владимиром Путиным.", "ru")]
    assert has_counterpart(putin, "He met Vladimir Putin.", "en")


def test_changed_city_is_flagged_with_spans() -> None:
    ru = "Китайский лидер выступил на саммите ШОС в Екатеринбурге (Россия)."
    en = "The Chinese leader spoke at the SCO summit in Ufa, Russia."
    (finding,) = detect(_pair(ru, "ru", en, "en"))
    assert finding.type == "name"
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["Екатеринбурге"]
    assert [en[s:e] for s, e in finding.spans["en"]] == ["Ufa"]


def test_changed_venue_zh_ru_is_flagged() -> None:
    zh = "6月，习近平在北京钓鱼台国宾馆会见白俄罗斯总统卢卡申科。"
    ru = ("В июне Си Цзиньпин принял президента Белоруссии Александра Лукашенко "
          "в резиденции Чжуннаньхай.")
    (finding,) = detect(_pair(zh, "zh", ru, "ru"))
    assert "钓鱼台" in finding.detail and "Чжуннаньхай" in finding.detail


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("中国领导人在俄罗斯叶卡捷琳堡举行的上合组织峰会上指出", "zh",
         "китайский лидер, выступая на саммите ШОС в Екатеринбурге (Россия), отметил", "ru"),
        ("Председатель КНР Си Цзиньпин встретился с Владимиром Путиным в Москве.", "ru",
         "Chinese President Xi Jinping met Vladimir Putin in Moscow.", "en"),
        ("Укрепление партнёрства остаётся основой внешней политики Пекина.", "ru",
         "加强伙伴关系一直是中国外交政策的重要支柱。", "zh"),
        ("ПЕКИН, 29 августа (Синьхуа)", "ru", "BEIJING, Aug. 29 (Xinhua)", "en"),
    ],
)
def test_same_names_are_not_flagged(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


def test_renamed_newspaper_is_flagged() -> None:
    zh = "“这不仅是一个哲学命题，”《哈萨克斯坦真理报》总编辑谢里克·科尔茹姆巴耶夫说。"
    ru = ("«Это не просто философская формула», — сказал главный редактор газеты "
          "«Деловой Казахстан» Серик Коржумбаев.")
    (finding,) = detect(_pair(zh, "zh", ru, "ru"))
    assert [zh[s:e] for s, e in finding.spans["zh"]] == ["哈萨克斯坦真理报"]
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["Деловой Казахстан"]


def test_chinese_country_abbreviations_count_as_the_countries() -> None:
    zh = "中吉乌铁路项目正式启动。"
    ru = "Официально начат проект железной дороги Китай — Киргизия — Узбекистан."
    assert detect(_pair(zh, "zh", ru, "ru")) == []


@pytest.mark.parametrize(("latin", "cyrillic"), [("Texas", "Техас"), ("American", "Американский"),
                                                 ("Mexico", "Мексика")])
def test_english_spellings_are_read_as_english(latin: str, cyrillic: str) -> None:
    assert skeleton(stem(cyrillic, "ru")) in skeletons(stem(latin, "en"))


def test_pinyin_spellings_keep_their_reading() -> None:
    assert skeletons("Xi") == ("S",)


@pytest.mark.parametrize(("text", "place"), [("UK", "GB"), ("U.S.", "US"), ("UAE", "AE")])
def test_country_initials_from_cldr(text: str, place: str) -> None:
    assert place_of(text, "en") == place


@pytest.mark.parametrize("word", ["us", "Us", "as"])
def test_lower_case_words_are_not_initials(word: str) -> None:
    assert place_of(word, "en") is None


def test_english_names_joined_by_and_are_two_names() -> None:
    english = extract_names("The experts Aaron Miller and Richard Haass disagreed.", "en")
    assert [n.text for n in english] == ["Aaron Miller", "Richard Haass"]


def test_replaced_person_is_not_matched_by_common_words() -> None:
    ru = "Об этом заявил министр культуры Оливер Дауден."
    en = "This was announced by the Culture Secretary, Gary Anderson."
    (finding,) = detect(_pair(ru, "ru", en, "en"))
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["Оливер Дауден"]


def test_a_capital_stands_for_its_country_only_alone() -> None:
    (region,) = [n for n in extract_names("В Московском регионе ожидаются дожди.", "ru")]
    assert not has_counterpart(region, "Rain is expected in the region, Russia's forecasters say.",
                               "en")
    (city,) = [n for n in extract_names("Пекин считает это важным.", "ru")]
    assert has_counterpart(city, "China considers this important.", "en")
