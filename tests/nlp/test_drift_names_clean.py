"""Names that must not cry wolf (clean renderings) and names really dropped or replaced."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.names import detect
from workbench.nlp.drift.extract.name_kinds import clearly_a_name, has_pronoun, is_title_run
from workbench.nlp.drift.extract.name_places import place_id
from workbench.nlp.drift.extract.name_sound import sounds_alike
from workbench.nlp.drift.extract.names import extract_names, has_counterpart
from workbench.nlp.types import Encoder


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str, encoder: Encoder) -> PairView:
    b = lang_b if lang_b != lang_a else f"{lang_b}2"
    return PairView(0, lang_a, b, lang_a, lang_b, text_a, text_b, encoder=encoder)


@pytest.mark.parametrize(("a", "b"), [("汤姆", "Tom's"), ("Дженни", "Jenny"), ("Джейн", "Jane"),
                                      ("Уайтом", "White"), ("Англию", "England"),
                                      ("佛州", "Florida"), ("Помпео", "Pompeo")])
def test_loose_sound_key_pairs_transliterations(a: str, b: str) -> None:
    assert sounds_alike(a, b)


@pytest.mark.parametrize(("a", "b"), [("陈光明", "Jagaran Bureau"), ("Техасе", "Ohio"),
                                      ("佛州", "Texas"), ("卡特里", "Xinjiang"),
                                      ("Сокольский", "Candela")])
def test_loose_sound_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert not sounds_alike(a, b)


def test_places_english_cities_and_russian_cases() -> None:
    assert place_id("Tokyo", "en") == place_id("东京", "zh") is not None
    assert place_id("Соединенных Штатов", "ru") == "US"
    assert place_id("Chicago's", "en") == "America/Chicago"


def test_traditional_characters_are_read_as_simplified() -> None:
    (tokyo,) = extract_names("我們明天去東京。", "zh")
    assert tokyo.text == "東京" and tokyo.place == place_id("Tokyo", "en")


@pytest.mark.parametrize(
    ("text", "kind", "lang", "expected"),
    [("Мачеха", "PER", "ru", False), ("Зануда", "PER", "ru", False),
     ("Семёнов", "PER", "ru", True), ("Игорь Семёнов", "PER", "ru", True),
     ("城市", "LOC", "zh", False), ("东西", "LOC", "zh", False), ("德州", "LOC", "zh", True),
     ("张伟明", "PER", "zh", True)],
)
def test_clearly_a_name(text: str, kind: str, lang: str, expected: bool) -> None:
    assert clearly_a_name(text, kind, lang, None) is expected


def test_a_title_with_a_chinese_surname_has_its_counterpart() -> None:
    (aunt,) = extract_names("Aunt Xue said with a smile to Mr. Zhou.", "en")[:1]
    assert aunt.text == "Aunt Xue"
    assert has_counterpart(aunt, "薛姨妈笑着对周先生说。", "zh")
    assert not has_counterpart(aunt, "王姨妈笑着对周先生说。", "zh")


def test_titles_and_pronouns() -> None:
    assert is_title_run(["Ladyship"]) and is_title_run(["Uncle"])
    assert not is_title_run(["Uncle", "Vanya"])
    assert [n.text for n in extract_names("Then Her Ladyship rang the bell.", "en")] == []
    assert has_pronoun("her heart", "en") and has_pronoun("她的", "zh")
    assert not has_pronoun("the heart", "en")


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("我們明天去東京。", "zh", "We are going to Tokyo tomorrow.", "en"),
        ("汤姆昨天给我打了电话。", "zh", "Tom called me yesterday.", "en"),
        ("Вчера Дженни уехала в Англию.", "ru", "Yesterday Jenny left for England.", "en"),
        ("Мы долго ждали господина Уайта у ворот.", "ru",
         "We waited a long time for Mr White at the gate.", "en"),
        ("Мачеха отправила девочку в лес за хворостом.", "ru",
         "The stepmother sent the girl into the forest for firewood.", "en"),
        ("这个城市的冬天又冷又长。", "zh", "Winters here are cold and long.", "en"),
        ("Переговоры прошли в Соединенных Штатах.", "ru",
         "The talks took place in the United States.", "en"),
        ("德州的气温昨天超过了四十度。", "zh",
         "Temperatures in Texas went above forty degrees yesterday.", "en"),
        ("二十岁那年，我被送到云南插队。", "zh",
         "When I was twenty I was sent to the countryside in Yunnan.", "en"),
        ("Tom met Mary in Oslo last spring.", "en", "Last spring, in Oslo, Tom met Mary.", "en"),
        ("Дженни приехала в Казань в среду.", "ru", "В среду в Казань приехала Дженни.", "ru"),
    ],
)
def test_clean_renderings_are_not_flagged(text_a: str, lang_a: str, text_b: str, lang_b: str,
                                          encoder: Encoder) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b, encoder)) == []


def test_replaced_person_ru_en_is_flagged(encoder: Encoder) -> None:
    ru = "Вчера Дженни уехала в Англию."
    en = "Yesterday Margaret left for England."
    (finding,) = detect(_pair(ru, "ru", en, "en", encoder))
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["Дженни"]
    assert [en[s:e] for s, e in finding.spans["en"]] == ["Margaret"]


def test_replaced_city_zh_en_is_flagged(encoder: Encoder) -> None:
    zh = "汤姆去年在巴黎见到了玛丽。"
    en = "Tom met Mary in Berlin last year."
    (finding,) = detect(_pair(zh, "zh", en, "en", encoder))
    assert [zh[s:e] for s, e in finding.spans["zh"]] == ["巴黎"]
    assert [en[s:e] for s, e in finding.spans["en"]] == ["Berlin"]


def test_dropped_person_ru_en_is_flagged(encoder: Encoder) -> None:
    ru = "Гендиректор компании Сергей Волков заявил, что завод откроется в мае."
    en = "The company's CEO said the plant will open in May."
    (finding,) = detect(_pair(ru, "ru", en, "en", encoder))
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["Сергей Волков"]
    assert "en" not in finding.spans


def test_dropped_person_zh_en_is_flagged(encoder: Encoder) -> None:
    zh = "公司总经理张伟明表示，工厂将于五月开工。"
    en = "The company's general manager said the factory would open in May."
    (finding,) = detect(_pair(zh, "zh", en, "en", encoder))
    assert [zh[s:e] for s, e in finding.spans["zh"]] == ["张伟明"]


def test_person_rendered_by_a_pronoun_is_not_dropped(encoder: Encoder) -> None:
    zh = "李秀英推开门，她的心跳得很快。"
    en = "She pushed the door open, her heart beating fast."
    assert detect(_pair(zh, "zh", en, "en", encoder)) == []


def test_replaced_city_en_en_is_flagged(encoder: Encoder) -> None:
    a = "Jenny flew to Oslo on Friday evening."
    b = "Jenny flew to Helsinki on Friday evening."
    (finding,) = detect(_pair(a, "en", b, "en", encoder))
    assert [b[s:e] for s, e in finding.spans["en2"]] == ["Helsinki"]
