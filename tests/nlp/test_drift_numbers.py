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
        # two neighbouring digits are an estimate, not one number
        ("一两天", "zh", [(1, 2)]),
        ("三两个妇人", "zh", [(2, 3)]),
        ("十七八岁", "zh", [(17, 18)]),
        ("三十五六岁", "zh", [(35, 36)]),
        ("一二十件事", "zh", [(10, 20)]),
        ("三二十个孩子", "zh", [(20, 30)]),
        ("一二十万人", "zh", [(100_000, 200_000)]),
        ("三点五万人", "zh", [(35_000, 35_000)]),
        ("十二个人", "zh", [(12, 12)]),
        ("一千两百人", "zh", [(1200, 1200)]),
        ("二十两银子", "zh", [(20, 20)]),  # 两 after 十 is the tael, not a 2
        ("下午三四点", "zh", [(3, 4)]),  # 点 with no digit after it is no decimal point
        ("我們在火車上十個小時。", "zh", [(10, 10)]),  # 上十 is not "up to ten"
        ("у него четверых детей", "ru", [(4, 4)]),
        ("трое суток", "ru", [(3, 3)]),
        ("на второй день", "ru", [(2, 2)]),
        ("between ten and twenty women", "en", [(10, 10), (20, 20)]),
        ("a hundred and twenty", "en", [(120, 120)]),
        # 几 after a ten: 十几 is 11-19
        ("十几个太阳", "zh", [(11, 19)]),
        ("二十几岁", "zh", [(21, 29)]),
        ("十几万人", "zh", [(110_000, 199_999)]),
        # a few / several of a scale, and a vague plural of several words, as one range
        ("a few hundred steps", "en", [(200, 999)]),
        ("several thousand people", "en", [(2000, 9999)]),
        ("tens of thousands of people", "en", [(20_000, 99_999)]),
        ("несколько тысяч человек", "ru", [(2000, 9999)]),
        ("штраф до тысячи рублей", "ru", [(1000, 1000)]),
        # a label opening a Chinese segment counts nothing; a decimal is no label
        ("6.片厂", "zh", []),
        ("（三）会议议程", "zh", []),
        ("9. September 1988, bei Tagesanbruch", "de", [(9, 9), (1988, 1988)]),  # a date
        ("6.5亿元", "zh", [(650_000_000, 650_000_000)]),
        # a personal name with a numeral counts nothing (王二, 罗小四); a count after a
        # surname-like character still counts
        ("去问队长可见过王二。", "zh", []),
        ("罗小四等人回到队里", "zh", []),
        ("张三和李四去了", "zh", []),
        ("王二十岁", "zh", [(20, 20)]),
        ("他于三月到达", "zh", [(3, 3)]),
        ("向三个国家", "zh", [(3, 3)]),
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
        ("в двадцать первом веке", "ru", "in the 20th century", "en"),
        ("He turned twenty-one.", "en", "He turned twenty.", "en"),
        ("十七八岁的少年", "zh", "a youth of seventeen or nineteen", "en"),
        ("Господин Браун имеет четверых детей.", "ru", "Mr Brown has three children.", "en"),
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
        ("好像有十几个太阳升起。", "zh", "It was like a dozen rising suns.", "en"),
        ("几百步的路", "zh", "a walk of a few hundred steps", "en"),
        ("罗小四回到十四队。", "zh", "Luo Xiaosi came back to the fourteenth team.", "en"),
        ("6.片厂", "zh", "The Film Studio", "en"),
        # German and French clock times
        ("Es ist 4.45 Uhr morgens.", "de", "Il est 4 h 45 du matin.", "fr"),
        ("Abfahrt um 6 Uhr.", "de", "Départ à 6 h.", "fr"),
    ],
)
def test_equal_numbers_are_not_flagged(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("会议于上午9时30分开幕。", "zh", "The meeting opened at 9:30 a.m.", "en"),
        # an estimate said once covers each number the other side gives for it
        ("一个十七八岁的少年", "zh", "a youth of seventeen or eighteen", "en"),
        ("闹吵吵三二十个孩子", "zh", "some twenty or thirty noisy children", "en"),
        ("约有一二十个妇人", "zh", "between ten and twenty women", "en"),
        ("二十两银子", "zh", "twenty taels of silver", "en"),
        ("太太上了年纪，一时想不到是有的。", "zh",
         "Her Ladyship is getting on a bit and doesn't always remember.", "en"),
        ("又好像走了十万八千里。", "zh", "It seemed an eternity.", "en"),
        ("Заседание открылось в 9:30.", "ru", "The meeting opened at 9:30 a.m.", "en"),
        ("会议于下午3点半开始。", "zh", "The meeting began at 3:30 p.m.", "en"),
        ("截至7月25日24时，新增病例12例。", "zh", "As of 24:00 on July 25, 12 new cases.", "en"),
        ("Поезд отправился в 21:15.", "ru", "The train left at 9:15 p.m.", "en"),
        ("新冠疫情期间，二十国集团峰会改为线上。", "zh",
         "During COVID-19, the G20 summit went online.", "en"),
        ("Передачу показал телеканал «Россия 1».", "ru",
         "The show aired on the channel Russia-1.", "en"),
        ("5G网络覆盖全市。", "zh", "5G networks cover the city.", "en"),
        ("这是第十届论坛。", "zh", "This is the tenth forum.", "en"),
        ("Это десятый форум.", "ru", "This is the 10th forum.", "en"),
        ("自19世纪初以来从未出现这种疾病。", "zh", "The disease had not appeared since the 1800s.",
         "en"),
        ("Болезни не было с XIX века.", "ru", "The disease was absent since the 19th century.",
         "en"),
        ("20世纪90年代，工厂关闭了。", "zh", "In the 1990s, the factory closed.", "en"),
        ("штраф до тысячи МРП, это более двух с половиной миллионов тенге", "ru",
         "a fine of up to 1,000 MCI, over 2 1/2 million tenge", "en"),
        ("полтора миллиона зрителей", "ru", "1.5 million viewers", "en"),
        ("中美建交40余年来", "zh", "in more than 40 years of diplomatic ties", "en"),
        ("他十年前住在这里。", "zh", "He lived here ten years ago.", "en"),
        ("我过二十一岁生日以前，是一个童男子。", "zh",
         "Until my twenty-first birthday I was a virgin.", "en"),
        ("Ему исполнилось двадцать один год.", "ru", "He turned twenty-one.", "en"),
        ("на тридцать первом этаже", "ru", "on the thirty-first floor", "en"),
        ("в двадцать первом веке", "ru", "in the 21st century", "en"),
        ("Ему исполнилось двадцать один год.", "ru", "He turned 21.", "en"),
        ("два первых места", "ru", "the first two places", "en"),
    ],
)
def test_times_codes_ordinals_and_words_are_not_flagged(text_a: str, lang_a: str, text_b: str,
                                                        lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("会议于上午9时30分开幕。", "zh", "The meeting opened at 10:30 a.m.", "en"),
        ("中美建交40余年来", "zh", "in more than 45 years of diplomatic ties", "en"),
        ("这是第十届论坛。", "zh", "This is the eleventh forum.", "en"),
        ("Это десятый форум.", "ru", "This is the 12th forum.", "en"),
        ("полтора миллиона зрителей", "ru", "2.5 million viewers", "en"),
        ("Болезни не было с XIX века.", "ru", "The disease was absent since the 18th century.",
         "en"),
    ],
)
def test_changed_times_floors_and_ordinals_are_flagged(text_a: str, lang_a: str, text_b: str,
                                                       lang_b: str) -> None:
    assert [f.type for f in detect(_pair(text_a, lang_a, text_b, lang_b))] == ["number"]


def test_clock_time_is_one_quantity() -> None:
    (q,) = extract_numbers("The train left at 9:30 a.m. sharp.", "en")
    assert q.kind == "clock" and q.label() == "9:30"
    (q,) = extract_numbers("列车上午9时30分出发", "zh")
    assert q.kind == "clock" and q.label() == "9:30"
    assert all(q.kind != "clock" for q in extract_numbers("明天我想晚一点起床", "zh"))


@pytest.mark.parametrize(
    ("text_a", "text_b", "flagged"),
    [
        ("The plant employs 1,200 people.", "The plant employs 1200 people.", False),
        ("The plant employs 1,200 people.", "The plant employs twelve hundred people.", False),
        ("The plant employs 1,200 people.", "The plant employs 1,300 people.", True),
        ("The shop opens at 9:30 a.m.", "The shop opens at 9.30 am.", False),
        ("The shop opens at 9:30 a.m.", "The shop opens at 8:30 a.m.", True),
        ("Covid-19 cases rose.", "COVID-19 cases rose.", False),
    ],
)
def test_same_language_pairs(text_a: str, text_b: str, flagged: bool) -> None:
    assert bool(detect(PairView(0, "first", "second", "en", "en", text_a, text_b))) is flagged


def test_a_french_duration_in_hours_is_no_clock_time() -> None:
    (q,) = extract_numbers("les 4 h de marche", "fr")
    assert (q.kind, q.value) == ("", 4.0)
    (clock,) = extract_numbers("départ à 6 h 30", "fr")
    assert (clock.kind, clock.text) == ("clock", "6 h 30")
