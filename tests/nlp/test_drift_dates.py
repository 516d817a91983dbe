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
        ("7月15日，习近平会见", "zh", "07-15 (year not given)"),
        ("2024年七月十五日", "zh", "2024-07-15"),
        ("15 июля 2024 г. он встретился", "ru", "2024-07-15"),
        ("on July 15, 2024", "en", "2024-07-15"),
        ("BEIJING, Aug. 29 (Xinhua)", "en", "08-29 (year not given)"),
        ("в мае в Сиане", "ru", "month 05 (year not given)"),
        ("2013年以来", "zh", "2013"),
        ("С 2023 года", "ru", "2023"),
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


# Every Russian month in every case it takes in a date, and its usual abbreviations.
RU_MONTH_TABLE = {
    1: ["январь", "января", "январе", "январю", "январём", "январем", "янв."],
    2: ["февраль", "февраля", "феврале", "февралю", "февралём", "февр.", "фев."],
    3: ["март", "марта", "марте", "марту", "мартом", "мар."],
    4: ["апрель", "апреля", "апреле", "апрелю", "апрелем", "апр."],
    5: ["май", "мая", "мае", "маю", "маем"],
    6: ["июнь", "июня", "июне", "июню", "июнем", "июн."],
    7: ["июль", "июля", "июле", "июлю", "июлем", "июл."],
    8: ["август", "августа", "августе", "августу", "августом", "авг."],
    9: ["сентябрь", "сентября", "сентябре", "сентябрю", "сентябрём", "сент.", "сен."],
    10: ["октябрь", "октября", "октябре", "октябрю", "октябрём", "окт."],
    11: ["ноябрь", "ноября", "ноябре", "ноябрю", "ноябрём", "нояб.", "ноя."],
    12: ["декабрь", "декабря", "декабре", "декабрю", "декабрём", "дек."],
}


@pytest.mark.parametrize(("month", "form"),
                         [(n, f) for n, forms in RU_MONTH_TABLE.items() for f in forms])
def test_every_russian_month_form_is_its_own_month(month: int, form: str) -> None:
    for text in (f"Это случилось в {form} прошлого года.", f"{form.capitalize()} выдался тёплым."):
        (date,) = extract_dates(text, "ru")
        assert (date.month, date.day, date.year) == (month, None, None), text
    (dated,) = extract_dates(f"Встреча прошла 14 {form} 2019 г.", "ru")
    assert (dated.year, dated.month, dated.day) == (2019, month, 14)


ZH_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
EN_MONTHS = [("January", "Jan."), ("February", "Feb."), ("March", "Mar."), ("April", "Apr."),
             ("May", "May"), ("June", "Jun."), ("July", "Jul."), ("August", "Aug."),
             ("September", "Sept."), ("October", "Oct."), ("November", "Nov."),
             ("December", "Dec.")]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_chinese_month_in_numerals_and_digits(month: int) -> None:
    for text in (f"{ZH_MONTHS[month - 1]}月，代表团访问了上海。",
                 f"{month}月3日，代表团访问了上海。", f"２０１９年{month}月"):
        (date,) = extract_dates(text, "zh")
        assert date.month == month, text
    assert extract_dates(f"{month}月3日", "zh")[0].day == 3


@pytest.mark.parametrize("month", range(1, 13))
def test_every_english_month_full_abbreviated_and_lower_case(month: int) -> None:
    full, short = EN_MONTHS[month - 1]
    for text in (f"on {full} 5, 2019", f"on {short} 5", f"the 5th of {full}", f"5 {short} 2019",
                 f"on {full.lower()} 5, 2019"):
        (date,) = extract_dates(text, "en")
        assert (date.month, date.day) == (month, 5), text


def test_march_is_never_read_as_may() -> None:
    assert [d.month for d in extract_dates("В марте и в мае прошли выборы.", "ru")] == [3, 5]
    assert detect(_pair("Следующая сессия откроется в марте.", "ru",
                        "The next session will open in March.", "en")) == []
    assert detect(_pair("Сессия откроется 3 марта.", "ru", "The session opens on March 3.",
                        "en")) == []
    (finding,) = detect(_pair("Сессия откроется 3 марта.", "ru", "The session opens on May 3.",
                              "en"))
    assert finding.severity == "critical"


def test_unknown_year_says_so() -> None:
    (date,) = extract_dates("16 июля", "ru")
    assert date.label() == "07-16 (year not given)"
    (finding,) = detect(_pair("16 июля Си встретился", "ru", "On July 15 Xi met", "en"))
    assert "year not given" in finding.detail and "?" not in finding.detail


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        ("7月17日至22日，暴雨持续", "zh", [17, 22]),
        ("7月17和7月22日，资金下达", "zh", [17, 22]),
        ("с 17 по 22 июля шли дожди", "ru", [17, 22]),
        ("17 и 22 июля шли дожди", "ru", [17, 22]),
        ("On July 17 and 22, funds were released.", "en", [17, 22]),
        ("from 17-22 July it rained", "en", [17, 22]),
    ],
)
def test_listed_days_share_the_month(text: str, lang: str, days: list[int]) -> None:
    dates = extract_dates(text, lang)
    assert [(d.month, d.day) for d in dates] == [(7, day) for day in days]


def test_listed_days_match_across_languages() -> None:
    zh = "7月17和7月22日，江西下达救灾资金。"
    assert detect(_pair(zh, "zh", "On July 17 and 22, Jiangxi released relief funds.", "en")) == []
    assert detect(_pair(zh, "zh", "On July 17 and 23, Jiangxi released relief funds.", "en"))


def test_a_year_said_as_a_bare_number_is_compared() -> None:
    zh = "法院阻止将这一问题纳入2020年人口普查。"
    assert detect(_pair(zh, "zh", "The court kept the question off the 2020 census.", "en")) == []
    (finding,) = detect(_pair(zh, "zh", "The court kept the question off the 2002 census.", "en"))
    assert finding.spans["en"] and finding.spans["zh"]


@pytest.mark.parametrize(
    ("text_a", "text_b", "flagged"),
    [
        ("The talks opened on Sept. 3, 2021.", "The talks opened on September 3, 2021.", False),
        ("The talks opened on the 3rd of March.", "The talks opened on March 3.", False),
        ("The talks opened on March 3.", "The talks opened on March 4.", True),
        ("Prices may rise in May.", "Prices may rise in June.", True),
        ("We may march on.", "We might march on.", False),
    ],
)
def test_same_language_pairs(text_a: str, text_b: str, flagged: bool) -> None:
    assert bool(detect(PairView(0, "first", "second", "en", "en", text_a, text_b))) is flagged
