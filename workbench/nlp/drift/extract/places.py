"""Script-independent keys for names: romanisation, consonant skeletons, stems, places.

Han is romanised with pypinyin, Cyrillic with a table that knows the Palladius
spellings of Chinese names (цз -> j, си -> xi); the skeleton keeps consonant
classes only, so 习近平 / Си Цзиньпин / Xi Jinping all give "SNPN". Countries,
regions and cities come from CLDR (Babel): territory names and time-zone
exemplar cities in zh / ru / en.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from pypinyin import lazy_pinyin

_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                 "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "", "y", "", "e",
                 "yu", "ya"], strict=True))
_CLASSES = [("sch", "S"), ("tsz", "S"), ("ts", "S"), ("sh", "S"), ("ch", "S"), ("zh", "S"),
            ("kh", "K"), ("th", "T"), ("ph", "F"), ("ng", "N")]
_SINGLE = {"s": "S", "x": "S", "z": "S", "j": "S", "q": "S", "c": "S", "k": "K", "g": "K",
           "h": "K", "p": "P", "b": "P", "t": "T", "d": "T", "m": "M", "n": "N", "l": "L",
           "r": "L", "f": "F", "v": "F", "w": "F"}
def romanise(text: str) -> str:
    """Latin letters for ``text``: pinyin for Han, transliteration for Cyrillic."""
    out: list[str] = []
    for chunk in re.findall(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+", text):
        if re.match(r"[\u3400-\u9fff]", chunk):
            out.append("".join(lazy_pinyin(chunk)))
        else:
            low = chunk.lower().replace("цз", "j").replace("сю", "xu").replace("си", "xi")
            out.append("".join(_CYR.get(ch, ch) for ch in low))
    return "".join(out).lower()


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Consonant classes of the romanised ``text``, vowels dropped, repeats collapsed."""
    latin = re.sub(r"[^a-z]", "", romanise(text))
    for digraph, cls in _CLASSES:
        latin = latin.replace(digraph, cls)
    classes = [ch if ch.isupper() else _SINGLE.get(ch, "") for ch in latin]
    out: list[str] = []
    for cls in classes:
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


_EN_SOUNDS = ((re.compile(r"ck"), "k"), (re.compile(r"c(?=[^eiy]|$)"), "k"),
              (re.compile(r"(?<=\w)x"), "ks"), (re.compile(r"qu"), "kv"),
              (re.compile(r"g(?=[eiy])"), "j"))
"""English spellings that pinyin reads otherwise: "Texas" / Техас, "American" / Американский,
"Geneva" / Женева, "George" / Жорж (a soft g)."""


@lru_cache(maxsize=65536)
def skeletons(text: str) -> tuple[str, ...]:
    """:func:`skeleton` of ``text``, plus its English reading when Latin letters spell it otherwise.

    Pinyin x and c are s and ts (Xi, Cai); in English words they are ks and k
    (Texas, Carolina), so a Latin name is compared both ways.
    """
    plain = skeleton(text)
    if not re.search(r"[a-z]", text.lower()) or re.search(r"[\u3400-\u9fffа-яё]", text.lower()):
        return (plain,)
    english = text.lower()
    for pattern, sound in _EN_SOUNDS:
        english = pattern.sub(sound, english)
    variant = skeleton(english)
    return (plain,) if variant == plain else (plain, variant)


_RU_ENDINGS = re.compile(r"(?:ского|скому|ским|ском|ская|ской|скую|ский|ские|ских|ого|ему|ому|"
                         r"ыми|ими|ами|ями|ам|ям|ах|ях|ом|ем|ой|ей|ий|ый|ая|яя|ое|ее|ые|ие|ую|"
                         r"ов|ев|ым|им|а|я|у|ю|е|ы|и|о|ь|й)$")


def stem(text: str, lang: str) -> str:
    """``text`` lower-cased, each word without a Russian case ending or English possessive."""
    words = text.split()
    if len(words) > 1:
        return " ".join(stem(w, lang) for w in words)
    low = text.lower().strip("«»\"'“”()")
    if lang == "en":
        return re.sub(r"['’]s$", "", low)
    if lang == "ru" and len(low) > 3:
        return _RU_ENDINGS.sub("", low) or low
    return low


@lru_cache(maxsize=1)
def _places() -> dict[str, list[tuple[str, str]]]:
    """Per language: (stem of a country or city name, id), from CLDR via Babel.

    Countries come from the territory names, cities from the time-zone exemplar
    cities (English names from the zone ids), so "Китая" / "China's" / 中国 and
    "Екатеринбурге" / Yekaterinburg / 叶卡捷琳堡 compare equal.
    """
    table: dict[str, list[tuple[str, str]]] = {}
    for lang in ("zh", "ru", "en"):
        locale = Locale.parse(lang)
        entries = [(stem(name, lang), code) for code, name in locale.territories.items()]
        for zone, info in locale.time_zones.items():
            city = info.get("city")
            if lang == "en" or not city:
                city = zone.rsplit("/", 1)[-1].replace("_", " ")
            entries.append((stem(str(city), lang), zone))
        table[lang] = sorted(entries, key=lambda e: -len(e[0]))
    # CLDR has no Beijing (China's zone is Asia/Shanghai) and no "our side" forms.
    table["zh"] += [("中方", "CN"), ("北京", "Asia/Beijing")]
    table["ru"] += [("кнр", "CN"), ("пекин", "Asia/Beijing"), ("сша", "US"), ("рф", "RU"),
                    ("оаэ", "AE"), ("юар", "ZA"), ("кндр", "KP"), ("фрг", "DE")]
    table["en"] += [("prc", "CN"), ("beijing", "Asia/Beijing")]
    return table


@lru_cache(maxsize=1)
def known_place_names() -> dict[str, frozenset[str]]:
    """Per language, every country and city name of the CLDR table (as :func:`stem` gives it)."""
    return {lang: frozenset(name for name, _ in entries) for lang, entries in _places().items()}


@lru_cache(maxsize=1)
def _initials() -> dict[str, str]:
    """"US" / "UK" / "UAE": initials of the English CLDR names of several words, if unambiguous."""
    found: dict[str, set[str]] = {}
    for code, name in Locale.parse("en").territories.items():
        words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("and", "of", "the")]
        if len(words) >= 2 and code.isalpha():
            found.setdefault("".join(w[0] for w in words).upper(), set()).add(code)
    return {key: codes.pop() for key, codes in found.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def _zh_initials() -> dict[str, frozenset[str]]:
    """First character of each Chinese country name -> the countries it may stand for."""
    table: dict[str, set[str]] = {}
    for code, name in Locale.parse("zh").territories.items():
        if code.isalpha() and len(code) == 2:
            table.setdefault(name[0], set()).add(code)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=4096)
def zh_abbreviated_countries(text: str) -> frozenset[str]:
    """Countries named by one-character abbreviations around 中: 中俄, 中吉乌, 中美关系."""
    initials = _zh_initials()
    found: set[str] = set()
    for run in re.finditer(r"[\u4e00-\u9fff]{2,5}", text):
        chars = run.group(0)
        for start in range(len(chars)):
            end = start
            while end < len(chars) and chars[end] in initials:
                end += 1
            block = chars[start:end]
            if len(block) >= 2 and "中" in block:
                found.update(code for ch in block for code in initials[ch])
    return frozenset(found)


def is_zh_abbreviation(text: str) -> bool:
    """Is ``text`` only country initials with 中 (中吉乌), not a name of its own?"""
    initials = _zh_initials()
    return 2 <= len(text) <= 5 and "中" in text and all(ch in initials for ch in text)


CAPITALS = {"Asia/Beijing": "CN", "Europe/Moscow": "RU", "Asia/Tashkent": "UZ",
            "Asia/Bishkek": "KG", "Asia/Dushanbe": "TJ", "Europe/Minsk": "BY",
            "Asia/Tehran": "IR", "Asia/Ashgabat": "TM", "Asia/Ulaanbaatar": "MN"}
"""Capitals that news texts use for their country ("Пекин считает" = "China holds")."""


def same_place(a: str | None, b: str | None) -> bool:
    """Equal place ids, or a capital and its country."""
    if a is None or b is None:
        return False
    return a == b or CAPITALS.get(a) == b or CAPITALS.get(b) == a


def _same_word(a: str, b: str) -> bool:
    """Inflected or derived forms of one name: China / Chinese, Kazakh / Kazakhstan."""
    if a == b:
        return True
    short = min(len(a), len(b))
    if a.count(" ") != b.count(" "):
        return False  # "American" is not "American Samoa"
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), short)
    return common >= 4 and (common >= short - 1 or max(len(a), len(b)) - common <= 3)


@dataclass(frozen=True)
class _PlaceIndex:
    """One language's place names, indexed so a lookup reads a few entries, not thousands.

    ``first``: name -> (position in :func:`_places`' order, id) of its first entry;
    ``by_start``: the first four letters -> the entries that :func:`_same_word` may match
    (names of four letters or more, no continent), in that order."""

    first: dict[str, tuple[int, str]]
    by_start: dict[str, list[tuple[str, str]]]


@lru_cache(maxsize=4)
def _index(lang: str) -> _PlaceIndex:
    first: dict[str, tuple[int, str]] = {}
    by_start: dict[str, list[tuple[str, str]]] = {}
    for position, (name, code) in enumerate(_places().get(lang, [])):
        first.setdefault(name, (position, code))
        if len(name) >= 4 and not code.isdigit():
            by_start.setdefault(name[:4], []).append((name, code))
    return _PlaceIndex(first, by_start)


@lru_cache(maxsize=65536)
def place_of(text: str, lang: str) -> str | None:
    """The country or city id that ``text`` names in ``lang``, if any.

    The first entry of :func:`_places` (longest names first) that the text spells
    exactly, as a stem or, for names of four letters or more, as a prefix; else (not
    for Chinese) the first one of its inflected or derived forms (:func:`_same_word`).
    """
    lang = lang[:2].lower()
    word = stem(text, lang)
    low = text.lower()
    compact = re.sub(r"[.\s]", "", text)
    if lang == "en" and compact.isupper() and compact in _initials():
        return _initials()[compact]  # "UK", "U.S." (a window "U S")
    index = _index(lang)
    if lang == "zh":
        spelled = [low] + ([low[:-1]] if low and low[-1] in "市省县区州" else [])
    else:
        spelled = [word, low] + [low[:k] for k in range(4, len(low))]
    found = [index.first[name] for name in spelled if name in index.first]
    if found:
        return min(found)[1]
    if lang != "zh":
        for name, code in index.by_start.get(word[:4], []):
            # not a continent by likeness: "American" is the US more often than the Americas
            if _same_word(word, name):
                return code
    return None
