"""Is a found "name" really a proper name? Evidence needed before a one-sided name flag.

Name finders over-report: natasha tags capitalised common nouns at the start of
a Russian sentence («Мачеха», «Зануда»), jieba tags common Chinese words as
places (东西, 城市, 白跑), capitalisation in English picks up titles ("Her
Ladyship"). A dropped name is reported only on stronger evidence than a tag:
pymorphy3's dictionary marks it as a name, surname, place or organisation;
a Chinese place is a known place (CLDR) or carries a place suffix; an
English run is more than title words. A name that the translation renders
with a pronoun ("王琦瑶" -> "she") is a choice of style, not a drop.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from workbench.nlp.drift.grammar.english import is_dictionary_word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_WORDS = _words(
    "lord lady ladyship lordship majesty highness excellency grace honour honor sir madam madame "
    "master mistress miss missus uncle aunt auntie granny grandma grandpa grandmother grandfather "
    "mother father mom mum dad daddy mama papa ma pa brother sister elder young old big little "
    "sergeant captain colonel comrade teacher doctor professor officer commander emperor empress "
    "king queen prince princess duke duchess count countess lieutenant major judge mayor "
    "councillor senator governor bishop abbot monk nun father-in-law mother-in-law")
"""Words that address or describe a person, not name one ("Her Ladyship", "Uncle", "Comrade")."""

PRONOUNS = {
    "en": _words("he she him her his hers they them their theirs it its i me my we us our "
                    "you your himself herself themselves"),
    "ru": _words("он она оно они его её ее ему ей им ими их него неё нее нему ней ним ними "
                    "них себя себе собой свой своя своё свои я мы ты вы"),
    "zh": _words("他 她 它 他们 她们 它们 他的 她的 自己 我 你 您 我们 你们"),
}
"""Pronouns that can stand for a person named on the other side."""

_RU_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_ZH_PLACE_END = "国州省县岛"


def is_title_run(words: list[str]) -> bool:
    """Are all ``words`` of an English capitalised run titles or forms of address?"""
    return bool(words) and all(w.lower().strip("'’s") in TITLE_WORDS or w.lower() in TITLE_WORDS
                               for w in words)


_THIRD_PERSON = {
    "en": re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE),
    "ru": re.compile(r"(?<!\w)(?:он|она|его|её|ее|ему|ей|него|неё|нее|нему|ней|ним|нём|нем)(?!\w)",
                     re.IGNORECASE),
    "zh": re.compile(r"[他她](?!们)"),
}
"""Singular third-person pronouns: the words a translator puts for a person named once."""


def third_person_count(text: str, lang: str) -> int:
    """How many singular third-person pronouns ``text`` holds ("he", «её», 她 but not 她们)."""
    pattern = _THIRD_PERSON.get(lang[:2].lower())
    return len(pattern.findall(text)) if pattern else 0


def has_pronoun(text: str, lang: str) -> bool:
    """Does ``text`` (a window of one to three words) hold a pronoun of ``lang`` ("her heart")?"""
    table = PRONOUNS.get(lang[:2].lower(), frozenset())
    if lang[:2].lower() == "zh":
        return any(p in text for p in table)
    return any(w in table for w in re.findall(r"[\w'’]+", text.lower()))


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=8192)
def ru_common_noun(word: str) -> bool:
    """Is the single Russian ``word`` a dictionary word with no proper-name reading?"""
    morph = _morph()
    if not morph.word_is_known(word):
        return False
    return not any(_RU_PROPER & set(parse.tag.grammemes) for parse in morph.parse(word))


def ru_descriptive(text: str) -> bool:
    """Is the Russian ``text`` made of dictionary words only («Военно-морского флота»,
    «Министерство обороны»)? Such a name is translated by meaning ("the Navy"), so
    its spelling says nothing about its rendering."""
    words = text.split()
    return bool(words) and all(ru_common_noun(w) for w in words)


INSTITUTIONS = _words(
    "army navy police government parliament congress senate ministry court council cabinet "
    "committee commission assembly agency bureau department office coalition opposition "
    "administration church federation union republic kingdom state guard forces military "
    "legislature presidency secretariat embassy consulate")
"""One-word institutions that a name of several words is rendered by ("the Navy" for «ВМФ»)."""


def en_descriptive(text: str) -> bool:
    """Is the English ``text`` an institution named by dictionary words ("Defense Ministry",
    "Navy")? One word counts only if it is an institution: "Trump" and "China" are
    dictionary words too."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)
             if w.lower() not in ("of", "the", "and", "for")]
    if len(words) == 1:
        return words[0].lower() in INSTITUTIONS
    return bool(words) and all(is_dictionary_word(w.lower()) for w in words)


ZH_COMMON = 1000
"""A word jieba's dictionary counts this often is a common word, whatever its tag."""


def _zh_frequency(word: str) -> int:
    import jieba

    return int(jieba.dt.FREQ.get(word) or 0) if jieba.dt.initialized else 0


def clearly_a_name(text: str, kind: str, lang: str, place: str | None) -> bool:
    """Is the name ``text`` (of ``kind`` PER / LOC / ORG / "") a proper name beyond doubt?

    ``place`` is its CLDR place id, if any. English capitalised runs are judged
    by the caller (a dictionary word is no name); this covers Russian and Chinese.
    """
    lang = lang[:2].lower()
    if lang == "ru":
        return not ru_descriptive(text)
    if lang == "zh":
        if place is not None:
            return True
        if kind == "PER":
            return len(text) >= 3
        # 城市 "city", 超市 "supermarket": 市 ends common words too, and jieba's
        # dictionary counts them often
        if len(text) == 2 and text[-1] == "市":
            return _zh_frequency(text) < ZH_COMMON
        return len(text) >= 3 or (len(text) == 2 and text[-1] in _ZH_PLACE_END)
    return True
