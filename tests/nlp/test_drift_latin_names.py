"""Names in Latin letters inside a Chinese or Russian source: copied, so missing is dropped."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.names import detect
from workbench.nlp.drift.extract.latin_names import dropped_latin_names, fold, latin_names
from workbench.nlp.drift.extract.names import extract_names, has_counterpart
from workbench.nlp.types import Encoder


@pytest.mark.parametrize(("src", "lang", "en", "dropped"), [
    ("比赛在帕勒莫 (Palermo) 球场举行。", "zh", "The match was held at the stadium.",
     ["Palermo"]),
    ("NBA球员昨天抵达北京。", "zh", "Basketball players arrived in Beijing yesterday.", ["NBA"]),
    ("约翰·史密斯 (John Smith) 宣读了声明。", "zh", "The statement was read out.",
     ["John Smith"]),
    ("Компания Apple представила новый iPhone.", "ru",
     "The company unveiled a new phone.", ["Apple", "iPhone"]),
])
def test_a_latin_name_the_translation_lacks_is_dropped(src: str, lang: str, en: str,
                                                       dropped: list[str]) -> None:
    assert [n.text for n in dropped_latin_names(src, lang, en, "en")] == dropped


@pytest.mark.parametrize(("src", "lang", "en"), [
    ("比赛在帕勒莫 (Palermo) 球场举行。", "zh", "The match was held at the Palermo stadium."),
    ("锦标赛在拉斯卡尼塔斯 (Las Cañitas) 举行。", "zh", "The tournament is held in Las Canitas."),
    ("德国海军以 U 型潜艇为主力。", "zh", "The German navy relied on U-boats."),  # one letter
    ("Elen不会说英语。", "zh", "Ellen does not speak English."),  # spelled nearly alike
    ("他说：OK，我们走吧。", "zh", "He said: all right, let's go."),  # OK is often translated
    ("Основатель группы Tinkoff выступил.", "ru", "The founder of Tinkoff's group spoke."),
    ("Meжду субкультурами есть различия.", "ru", "There are differences between subcultures."),
    ("Дорога длиной 40 km открыта.", "ru", "A road 40 kilometres long is open."),  # lower case
    ("NBA球员昨天抵达北京。", "zh", "nba players arrived in Beijing yesterday."),  # case folded
    ("Это было в XIX веке.", "ru", "It was in the 19th century."),  # a Roman numeral
    ("二十一世纪（XXI）的挑战", "zh", "The challenges of the 21st century"),
])
def test_a_latin_name_copied_or_no_name_is_not_dropped(src: str, lang: str, en: str) -> None:
    assert dropped_latin_names(src, lang, en, "en") == []


def test_only_a_source_not_written_in_latin_letters_is_read() -> None:
    assert latin_names("Apple unveiled a new iPhone.", "en") == []
    assert dropped_latin_names("Компания Apple выросла.", "ru", "Компания выросла.", "uk") == []
    names = latin_names("比赛在帕勒莫 (Palermo) 球场举行。", "zh")
    assert [(n.text, n.start, n.end) for n in names] == [("Palermo", 8, 15)]


def test_folding_drops_case_accents_and_marks() -> None:
    assert fold("Cañitas-Éclair") == "canitaseclair"


def test_a_piece_of_another_country_name_is_not_this_country() -> None:
    # "United" of "United States" sounds like Индия (both N-T): India is not named
    (india,) = [n for n in extract_names("Потом идут Бразилия и Индия.", "ru")
                if n.text == "Индия"]
    assert not has_counterpart(india, "The United States leads, followed by Brazil.", "en")
    assert has_counterpart(india, "The United States leads, followed by India.", "en")


@pytest.mark.model
def test_the_name_detector_reports_a_dropped_latin_name(encoder: Encoder) -> None:
    src = "NBA球员昨天抵达北京。"
    pair = PairView(0, "zh", "en", "zh", "en", src, "Basketball players arrived in Beijing "
                    "yesterday.", encoder=encoder)
    (finding,) = detect(pair)
    assert "NBA" in finding.detail
    assert finding.spans == {"zh": [[0, 3]]}
    kept = PairView(0, "zh", "en", "zh", "en", src, "NBA players arrived in Beijing yesterday.",
                    encoder=encoder)
    assert detect(kept) == []
