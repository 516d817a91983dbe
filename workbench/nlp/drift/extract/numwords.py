"""Number words of Russian, English and Chinese, and approximation cues, as value tables.

Only values from 2 up are read from words: "one" / "один" / 一 are mostly
articles or pronouns ("a reader", "one of"), so reading them as numbers would
flag clean pairs.
"""

from __future__ import annotations

import re

import cn2an

RU_WORDS: list[tuple[str, int]] = [
    (r"одиннадцат\w*", 11), (r"двенадцат\w*", 12), (r"тринадцат\w*", 13),
    (r"четырнадцат\w*", 14), (r"пятнадцат\w*", 15), (r"шестнадцат\w*", 16),
    (r"семнадцат\w*", 17), (r"восемнадцат\w*", 18), (r"девятнадцат\w*", 19),
    (r"двадцат(?:ь|и|ью)", 20), (r"тридцат(?:ь|и|ью)", 30), (r"сорок[а]?", 40),
    (r"пят(?:ьдесят|идесяти|ьюдесятью)", 50), (r"шест(?:ьдесят|идесяти|ьюдесятью)", 60),
    (r"сем(?:ьдесят|идесяти|ьюдесятью)", 70), (r"вос(?:емьдесят|ьмидесяти|емьюдесятью)", 80),
    (r"девяност[оа]", 90), (r"ст[оа]", 100),
    (r"дв(?:ести|ухсот|умстам|умястами|ухстах)", 200),
    (r"тр(?:иста|[её]хсот|[её]мстам|емястами|[её]хстах)", 300),
    (r"четыр(?:еста|[её]хсот|[её]мстам|ьмястами|[её]хстах)", 400),
    (r"пят(?:ьсот|исот|истам|ьюстами|истах)", 500), (r"шест(?:ьсот|исот|истам|ьюстами|истах)", 600),
    (r"сем(?:ьсот|исот|истам|ьюстами|истах)", 700),
    (r"вос(?:емьсот|ьмисот|ьмистам|емьюстами|ьмистах)", 800),
    (r"девят(?:ьсот|исот|истам|ьюстами|истах)", 900),
    (r"дв(?:а|е|ух|ум|умя)", 2), (r"тр(?:и|[её]х|[её]м|емя)", 3),
    (r"четыр(?:е|[её]х|[её]м|ьмя)", 4), (r"пят(?:ь|и|ью)", 5), (r"шест(?:ь|и|ью)", 6),
    (r"сем(?:ь|и)", 7), (r"вос(?:емь|ьми|емью)", 8), (r"девят(?:ь|и|ью)", 9),
    (r"десят(?:ь|и|ью)", 10),
    # collective numerals: «четверо детей», «у него четверых детей» = "four children"
    (r"дво(?:е|их|им|ими)", 2), (r"тро(?:е|их|им|ими)", 3), (r"четвер(?:о|ых|ым|ыми)", 4),
    (r"пятер(?:о|ых|ым|ыми)", 5), (r"шестер(?:о|ых|ым|ыми)", 6), (r"семер(?:о|ых|ым|ыми)", 7),
    (r"десятер(?:о|ых|ым|ыми)", 10),
]
RU_SCALES: list[tuple[str, int]] = [
    (r"десят(?:ок|ка|ков|кам|ками|ках)|десятилети\w*", 10),
    (r"тысяч\w*|тыс\.", 1000), (r"миллион\w*|млн\.?", 1_000_000),
    (r"миллиард\w*|млрд\.?", 1_000_000_000),
]
EN_WORDS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}
EN_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}
# Russian ordinals 2-10, 20, 30 (11-19 are caught by the cardinal stems above).
RU_ORDINALS: list[tuple[str, int]] = [
    (r"втор(?:ой|ая|ое|ого|ому|ым|ом|ых|ые|ую)", 2),
    (r"трет(?:ий|ья|ье|ьего|ьей|ьему|ьим|ьем|ьих|ьи|ью)", 3), (r"четв[её]рт\w{2,4}", 4),
    (r"пят(?:ый|ая|ое|ого|ой|ому|ым|ом|ых|ые)", 5), (r"шест(?:ой|ая|ое|ого|ому|ым|ом|ых|ые)", 6),
    (r"седьм\w{2,4}", 7), (r"восьм(?:ой|ая|ое|ого|ому|ым|ом|ых|ые)", 8),
    (r"девят(?:ый|ая|ое|ого|ой|ому|ым|ом|ых|ые)", 9),
    (r"десят(?:ый|ая|ое|ого|ой|ому|ым|ом|ых|ые)", 10),
    (r"двадцат(?:ый|ая|ое|ого|ой|ому|ым|ом|ых|ые)", 20),
    (r"тридцат(?:ый|ая|ое|ого|ой|ому|ым|ом|ых|ые)", 30),
]
EN_SCALES: dict[str, int] = {"decade": 10, "decades": 10, "thousand": 1000,
                             "million": 1_000_000, "billion": 1_000_000_000}
# Ordinals count as their number ("the tenth" = 第十 = 10-й); "first" is mostly an adverb.
EN_NUMBER_WORDS = {**EN_WORDS, **{w: v for w, v in EN_ORDINALS.items() if v > 1}}
# After a tens word, "one" and "first" are numbers too: "twenty-first", «двадцать первого» = 21.
EN_ONES = {"one": 1, "first": 1}
EN_HYPHEN_TAILS = {**EN_NUMBER_WORDS, **EN_ONES}
RU_ONES = r"од(?:ин|на|но|ного|ной|ному|ним|ном|ни|них)|перв(?:ый|ая|ое|ого|ой|ому|ым|ом|ых|ые)"
RU_NUMBER_WORDS = RU_WORDS + RU_ORDINALS

# Plural scale words without a number: "thousands of", "сотни", 数千.
VAGUE_PLURALS: list[tuple[str, tuple[float, float]]] = [
    (r"tens of thousands", (20_000, 99_999)), (r"hundreds of thousands", (200_000, 999_999)),
    (r"dozens", (24, 99)), (r"hundreds", (200, 999)), (r"thousands", (2000, 9999)),
    (r"millions", (2e6, 9.99e6)),
    (r"(?:a few|several) hundred", (200, 999)), (r"(?:a few|several) thousand", (2000, 9999)),
    (r"(?:a few|several) million", (2e6, 9.99e6)),
    (r"несколько десятков", (20, 99)), (r"несколько сотен", (200, 999)),
    (r"несколько тысяч", (2000, 9999)), (r"несколько миллионов", (2e6, 9.99e6)),
    (r"десятки тысяч", (20_000, 99_999)), (r"сотни тысяч", (200_000, 999_999)),
    (r"десятк(?:и|ов|ам|ами)", (20, 99)), (r"сот(?:ни|ен|ням|нями)", (200, 999)),
    (r"тысяч(?:и|ам|ами)", (2000, 9999)), (r"миллион(?:ы|ов|ам|ами)", (2e6, 9.99e6)),
]

# Hedges before a number: they mark it approximate but keep its nominal value, so
# "около шестисот" (600) still differs from "about six thousand" (6000).
APPROX_BEFORE: list[str] = [
    r"more than|over|upwards of|in excess of|less than|under|fewer than|up to",
    r"nearly|almost|close to|about|around|some|roughly|approximately|approx\.|circa",
    r"an estimated|более|свыше|больше|выше|менее|меньше|почти|около|примерно",
    r"приблизительно|порядка|чуть ли не|ориентировочно",
    r"约|大约|大概|近|将近|接近|约有|超过|逾|超|多达",
]
APPROX_AFTER_ZH = r"左右|上下"

ZH_NUMERAL_CHARS = "零〇一二两兩三四五六七八九十百千万萬亿億"
ZH_BLOCKED = re.compile(
    r"一带一路|千万|万一|一些|一起|一直|一样|一定|统一|唯一|之一|第[一二三四五六七八九十百千]+|"
    r"十分|一方面|一致|一切|万物|百姓|一道|一同|一体|一流|一系列|一再|一旦|一边|一起|千方百计|"
    r"三心二意|一心|百分百|百年大计|亿万|千千万万|成千上万|万众|一带|一路|十万八千里"
)


_ZH_DIGIT = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_ZH_PAIR = re.compile(r"(?P<tens>[一二三四五六七八九]?十)?(?P<x>[一二两兩三四五六七八九])"
                      r"(?P<y>[二两兩三四五六七八九])(?P<ten>十)?")


def zh_approximate_pair(numeral: str) -> tuple[float, float] | None:
    """Two neighbouring digits said together as an estimate: 一两 (1-2), 三两 (2-3), 十七八
    (17-18), 三十五六 (35-36), 一二十 (10-20), 三二十 (20-30); ``None`` for any other numeral."""
    m = _ZH_PAIR.fullmatch(numeral)
    if m is None or (m.group("tens") and m.group("ten")):
        return None
    x, y = _ZH_DIGIT[m.group("x")], _ZH_DIGIT[m.group("y")]
    if abs(x - y) != 1:
        return None
    low, high = float(min(x, y)), float(max(x, y))
    if m.group("ten"):
        return low * 10, high * 10
    tens = m.group("tens")
    base = 0.0 if not tens else 10.0 * (_ZH_DIGIT[tens[0]] if len(tens) == 2 else 1)
    return base + low, base + high


def zh_numeral_value(numeral: str) -> float | None:
    """Value of a Chinese numeral such as 两千, 三百五十, 十; ``None`` if it is not one."""
    try:
        value = cn2an.cn2an(numeral.replace("两", "二").replace("兩", "二"), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def words_regex(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def word_value(run: str, lang: str) -> float | None:
    """The value of a run of number words ("twenty-five thousand", «двух»), else ``None``."""
    tokens = re.split(r"\s+and\s+|\s+|-", run.strip().lower())
    total = current = 0.0
    seen_number = False
    for token in tokens:
        if _is_one(token, lang):  # counts only after a tens word: "twenty-one", not "два первых"
            if current % 100 in (20, 30, 40, 50, 60, 70, 80, 90):
                current += 1
            continue
        value, scale = token_value(token, lang)
        if scale:
            total += max(current, 1.0) * scale
            current = 0.0
        elif value == 100 and lang == "en":
            current = max(current, 1.0) * 100
            seen_number = True
        elif value is not None:
            current += value
            seen_number = True
    result = total + current
    return result if seen_number or total else None


def _is_one(token: str, lang: str) -> bool:
    return token in EN_ONES if lang == "en" else re.fullmatch(RU_ONES, token) is not None


def scale_only(run: str, lang: str) -> float | None:
    """The scale of a run made of scale words only ("decades", "десятилетий"), else ``None``."""
    tokens = re.split(r"\s+and\s+|\s+|-", run.strip().lower())
    scales = [token_value(t, lang)[1] for t in tokens]
    return scales[-1] if all(scales) else None


def token_value(token: str, lang: str) -> tuple[float | None, float]:
    """``(value, scale)`` of one number word; ``(None, 0.0)`` when it is none."""
    if lang == "en":
        if token in EN_SCALES:
            return None, float(EN_SCALES[token])
        return (float(EN_NUMBER_WORDS[token]) if token in EN_NUMBER_WORDS else None), 0.0
    for pattern, scale in RU_SCALES:
        if re.fullmatch(pattern, token):
            return None, float(scale)
    for pattern, value in RU_NUMBER_WORDS:
        if re.fullmatch(pattern, token):
            return float(value), 0.0
    return None, 0.0
