"""Provinces, states and prefectures (ISO 3166-2, from pycountry) as place ids in zh / ru / en.

CLDR (:mod:`places`) knows countries and the cities that name time zones, not
the regions news speak of: 大阪府 / "Osaka Prefecture", 佛罗里达州 / "Florida",
«Воронежская область». pycountry ships ISO 3166-2 with its Chinese and Russian
translations; the English name is the ISO one ("Osaka", "Guangdong Sheng"),
read without its type word. Only names that are exact and unambiguous are
kept: a name that two regions share, that CLDR already gives to a country or
city ("Georgia"), or that is an English dictionary word ("Orange") is left out
in every language, so a region never stands against a country of that name.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

import pycountry

from workbench.nlp.drift.extract.places import known_place_names, stem
from workbench.nlp.drift.grammar.english import is_dictionary_word

_EN_TYPE_WORDS = re.compile(
    r"\s+(?:sheng|shi|zizhiqu|prefecture|province|oblast'?|kray|krai|respublika|state|region|"
    r"county|avtonomnyy okrug|autonomous okrug)$", re.IGNORECASE)
ZH_SUFFIXES = "省州县府市区都道"
"""Type characters a Chinese region name may carry or drop (大阪府 / 大阪)."""
_ZH_AUTONOMOUS = re.compile(r"(?:维吾尔|壮族|回族)?自治区$")
_EN_PEOPLE = re.compile(r"\s+(?:uygur|zhuangzu|huizu)$")
SHORT_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "CN-XJ": {"en": ("xinjiang",), "ru": ("Синьцзян",)},
    "CN-XZ": {"en": ("tibet",), "ru": ("Тибет",)},
    "CN-GX": {"ru": ("Гуанси",)},
    "CN-NX": {"zh": ("宁夏",), "ru": ("Нинся",)},
    "CN-NM": {"en": ("inner mongolia",)},
}
"""What news call China's autonomous regions where ISO 3166-2 has only the full name
(新疆维吾尔自治区 / "Xinjiang Uygur Zizhiqu") or none in a language: 新疆, "Tibet", «Синьцзян»."""


def _plain(text: str) -> str:
    """Lower case without diacritics: "Ôsaka" -> "osaka"."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).lower().strip()


def _names(name: str, zh: gettext.NullTranslations,
           ru: gettext.NullTranslations) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"en": set(), "zh": set(), "ru": set()}
    english = _plain(_EN_TYPE_WORDS.sub("", name))
    if english:
        out["en"].add(english)
        out["en"].add(_EN_PEOPLE.sub("", english))  # "xinjiang uygur" -> "xinjiang"
    chinese = zh.gettext(name)
    if chinese != name and re.fullmatch(r"[\u4e00-\u9fff·]{2,}", chinese):
        out["zh"].add(chinese)
        if chinese[-1] in ZH_SUFFIXES and len(chinese) >= 3:
            out["zh"].add(chinese[:-1])
        short = _ZH_AUTONOMOUS.sub("", chinese)
        if short != chinese and len(short) >= 2:
            out["zh"].add(short)  # 新疆维吾尔自治区 -> 新疆
    russian = ru.gettext(name)
    if russian != name and re.search(r"[а-яё]", russian.lower()):
        out["ru"].add(stem(russian, "ru"))
    return out


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """Per language: normalised region name -> ISO 3166-2 code (unambiguous names only)."""
    zh = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"],
                             fallback=True)
    ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    owners: dict[str, dict[str, set[str]]] = {lang: defaultdict(set) for lang in ("en", "zh", "ru")}
    names_of: dict[str, dict[str, set[str]]] = {}
    for sub in pycountry.subdivisions:
        names = _names(sub.name, zh, ru)
        for lang, extra in SHORT_NAMES.get(sub.code, {}).items():
            names[lang].update(stem(n, "ru") if lang == "ru" else n for n in extra)
        names_of[sub.code] = names
        for lang, found in names.items():
            for name in found:
                owners[lang][name].add(sub.code)
    known = known_place_names()
    dropped = {code for code, names in names_of.items() if not (names["zh"] or names["ru"])}
    for code, names in names_of.items():
        if code in dropped:
            continue  # a region with no Chinese or Russian name matches nothing across scripts
        for lang, found in names.items():
            if any(len(owners[lang][n]) > 1 or n in known[lang] for n in found):
                dropped.add(code)
        if any(" " not in n and is_dictionary_word(n) for n in names["en"]):
            dropped.add(code)
    table: dict[str, dict[str, str]] = {"en": {}, "zh": {}, "ru": {}}
    for code, names in names_of.items():
        if code in dropped:
            continue
        for lang, found in names.items():
            for name in found:
                table[lang][name] = code
    return table


def region_of(text: str, lang: str) -> str | None:
    """The ISO 3166-2 code of the region ``text`` names in ``lang``, if unambiguous."""
    lang = lang[:2].lower()
    table = _table().get(lang)
    if not table:
        return None
    if lang == "zh":
        return table.get(text)
    if lang == "ru":
        return table.get(stem(text, "ru"))
    return table.get(_plain(_EN_TYPE_WORDS.sub("", re.sub(r"['’]s$", "", text))))
