"""Proper names in zh / ru / en, and a script-independent way to compare them.

Extraction: natasha NER for Russian (PER / LOC / ORG), jieba part-of-speech tags
for Chinese (nr*, ns, nt), runs of capitalised words for English (titles and
common sentence openers left out). Comparison: each name is romanised (pypinyin
for Han, a Palladius-aware table for Cyrillic) and reduced to a consonant-class
skeleton (Xi Jinping / Си Цзиньпин / 习近平 -> "SNPN"), so that transliterations
across scripts compare with a fuzzy ratio (:mod:`places`); country, region and
city names in all three languages come from CLDR via Babel.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from workbench.nlp.drift.extract.english_names import EN_SKIP, english_runs
from workbench.nlp.drift.extract.name_places import place_id
from workbench.nlp.drift.extract.places import (
    is_zh_abbreviation,
    place_of,
    romanise,
    same_place,
    skeleton,
    skeletons,
    stem,
    zh_abbreviated_countries,
)
from workbench.nlp.drift.extract.zh_surnames import SURNAMES

_ZH_TAGS = ("nr", "nrfg", "nrt", "ns", "nt")
FUZZY_MIN = 85
"""rapidfuzz ratio (0-100) of two skeletons above which they are the same name."""
_ZH_INSTITUTION = re.compile(r"(?:报|社|台|大学|学院|银行|公司)$")


@dataclass(frozen=True)
class Name:
    """A proper name: its text, span, and comparison key."""

    text: str
    start: int
    end: int
    skeleton: str
    place: str | None = None
    kind: str = ""  # PER / LOC / ORG, "" when unknown (English)


@lru_cache(maxsize=1)
def _opencc() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """``text`` in Simplified characters (東京 -> 东京), when that keeps every offset."""
    out = str(_opencc().convert(text))
    return out if len(out) == len(text) else text


@lru_cache(maxsize=1)
def _natasha() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _raw_names(text: str, lang: str) -> list[tuple[int, int, str]]:
    if lang == "ru":
        from natasha import Doc

        segmenter, tagger = _natasha()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(s.start, s.stop, str(s.type)) for s in doc.spans]
    if lang == "zh":
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        spans: list[tuple[int, int, str]] = []
        pos = 0
        for pair in jieba.posseg.cut(text):
            word, flag = pair.word, pair.flag
            if (spans and spans[-1][1] == pos and flag.startswith("n")
                    and _ZH_INSTITUTION.search(word)):
                # 哈萨克斯坦|真理报: a place followed by "newspaper", "agency"... is one name.
                spans[-1] = (spans[-1][0], pos + len(word), "ORG")
                pos += len(word)
                continue
            personal = flag == "nr" and word[0] not in SURNAMES
            if _zh_known_place(word, flag):
                spans.append((pos, pos + len(word), "LOC"))
            elif flag in _ZH_TAGS and len(word) >= 2 and not personal and len(word) <= 8:
                kind = "PER" if flag.startswith("nr") else "LOC" if flag == "ns" else "ORG"
                spans.append((pos, pos + len(word), kind))
            pos += len(word)
        return spans
    if lang == "en":
        return english_runs(text)
    return []


def _zh_known_place(word: str, flag: str) -> bool:
    """Is a jieba word exactly a country or city of CLDR, whatever jieba tagged it?

    jieba tags 海地 (Haiti) a place word and 卢旺达 (Rwanda) a person's name (卢 is
    a surname); a whole word spelled as a known place is the place. Two-character
    words jieba calls personal names stay names (马里 may be Ma Li)."""
    if len(word) < 2 or (flag.startswith("nr") and len(word) < 3):
        return False
    place = place_of(word, "zh")
    return place is not None and not place.isdigit()


@lru_cache(maxsize=4096)
def extract_names(text: str, lang: str) -> tuple[Name, ...]:
    """Proper names in ``text`` with spans, skeletons and place ids."""
    lang = lang[:2].lower()
    plain = simplified(text) if lang == "zh" else text
    names: list[Name] = []
    for start, end, kind in _raw_names(plain, lang):
        surface = text[start:end]
        if len(surface.split()) > 1 and surface.isupper():
            continue  # an upper-case heading, not a name
        # a person is no place, whatever place shares the name (Мария / Mariehamn, Mary)
        place = None if kind == "PER" else place_id(plain[start:end], lang)
        names.append(Name(surface, start, end, skeleton(stem(surface, lang)), place, kind))
    return tuple(names)


@lru_cache(maxsize=4096)
def candidates(text: str, lang: str) -> tuple[str, ...]:
    """Every window of one to three words (jieba words for Chinese) of ``text``."""
    if lang[:2].lower() == "zh":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        words = [w for w in jieba.cut(simplified(text)) if w.strip()]
    else:
        words = re.findall(r"[\w'’\-]+", text)
    return tuple(" ".join(words[i : i + n]) for n in (1, 2, 3)
                 for i in range(len(words) - n + 1))


def _skeleton_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and len(long_) - len(short) <= (2 if len(short) >= 3 else 1):
        return True  # inflected or shortened forms: "Путиным" / "Putin"
    # three classes match too much by chance ("Candela" SNTL / «истории» STL)
    return len(short) >= 4 and fuzz.ratio(a, b) >= FUZZY_MIN


def _script(text: str) -> str:
    if re.search(r"[\u3400-\u9fff]", text):
        return "zh"
    return "ru" if re.search(r"[а-яё]", text.lower()) else "en"


def _said(word: str, others: list[tuple[str, tuple[str, ...]]]) -> bool:
    """Is ``word`` said by one of ``others`` (window text, its skeletons)?

    A one-class skeleton ("Xi" / "Си" / "Ufa") only counts against a capitalised
    Latin or Cyrillic word of two to four letters, else every "в" would match "Ufa".
    """
    mine_all = skeletons(stem(word, _script(word)))
    if not mine_all[0]:
        return True
    for text, theirs_all in others:
        pairs = [(m, t) for m in mine_all for t in theirs_all if _skeleton_match(m, t)]
        if not pairs:
            continue
        if any(min(len(m), len(t)) >= 2 for m, t in pairs):
            return True
        letters = "".join(ch for ch in text if ch.isalpha())
        if 2 <= len(letters) <= 4 and letters[0].isupper():
            return True
        if _letters(word) == _letters(text):
            return True  # one class, but spelled alike letter by letter: 云南 / "Yunnan"
    return False


@lru_cache(maxsize=65536)
def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", romanise(text))


def _surname_said(name: Name, other_text: str) -> bool:
    """Is a word of the Latin ``name`` the pinyin of a Chinese surname in ``other_text``?

    "Granny Liu" / 刘姥姥, "Aunt Xue" / 薛姨妈: a kinship word or title with the
    surname, which jieba does not cut out as a name."""
    words = {_letters(w) for w in re.findall(r"[A-Za-z]+", name.text) if w[:1].isupper()}
    return any(_letters(ch) in words for ch in other_text if ch in SURNAMES)


def name_like(window: str, text: str, lang: str) -> bool:
    """Can ``window`` be a name? In English text only if it opens with a capital, not "The".

    Russian writes names' derivatives and abbreviations in lower case (мск,
    американский); Chinese and all lower-case English have no case to go by."""
    if lang[:2] != "en" or text.lower() == text:
        return True
    return window[:1].isupper() and window.split()[0].lower() not in EN_SKIP


def _cased_like_name(window: str, text: str, lang: str) -> bool:
    """In cased Russian, a person's or place's name is capitalised (derived adjectives
    such as «американский» are matched as places, not by their letters)."""
    return lang[:2] != "ru" or text.lower() == text or window[:1].isupper()


def _other_place(place: str | None, mine: str) -> bool:
    return place is not None and not same_place(place, mine)


@lru_cache(maxsize=1024)
def _windows(text: str, lang: str) -> tuple[tuple[str, tuple[str, ...], str | None, bool], ...]:
    """Each window of ``text``: its skeletons, its place id, whether it can be a name."""
    return tuple((w, skeletons(stem(w, lang)), place_id(w, lang),
                  name_like(w, text, lang) and _cased_like_name(w, text, lang))
                 for w in candidates(text, lang))


def has_counterpart(name: Name, other_text: str, other_lang: str) -> bool:
    """Is ``name`` (or the place it names) said somewhere in ``other_text``?

    A person counts as present when any of their names is (first names are often
    dropped: 卢卡申科 / "Александр Лукашенко"); another multi-word name when each
    of its capitalised words is (so "Деловой Казахстан" is not 哈萨克斯坦真理报),
    or, for half-translated names, the whole ("Фуцзяньский зал" / "Fujian Hall").
    """
    windows = _windows(other_text, other_lang)
    places = {place for _, _, place, _ in windows} - {None}
    if name.place and any(p == name.place or (len(name.text.split()) == 1
                                              and same_place(p, name.place)) for p in places):
        return True  # a capital for its country only alone: "Пекин" is China, "Moscow region" not
    if _script(name.text) == "zh" and is_zh_abbreviation(name.text):
        return True  # 中吉乌: its countries are checked one by one from the other side
    if other_lang[:2] == "zh" and name.place in zh_abbreviated_countries(simplified(other_text)):
        return True
    if name.place and other_lang[:2] == "zh" and len(name.skeleton) <= 2:
        return False  # "China" (SN) sounds like half the words of Chinese: places match by id
    # a window that names another known place is not this place spelled otherwise (巴黎 /
    # Berlin), nor is a piece of such a window ("United" of "United States" for Индия)
    elsewhere = [f" {w} " for w, _, place, _ in windows
                 if name.place and _other_place(place, name.place)]
    others = [(w, keys) for w, keys, place, usable in windows
              if usable and not (name.place and _other_place(place, name.place))
              and not any(f" {w} " in o for o in elsewhere)]
    if _said(name.text, others):
        return True
    if other_lang[:2] == "zh" and _script(name.text) == "en" and _surname_said(name, other_text):
        return True
    if _script(name.text) == "zh":
        # jieba cuts long transliterations into pieces (阿扎|马特): a piece inside a word.
        mine = skeleton(name.text)
        if len(mine) >= 2 and any(mine in theirs[0] for w, theirs in others
                                   if w[:1].isupper() and " " not in w):
            return True
        if name.kind == "PER" and _said(name.text[0], others):
            return True  # the surname alone: 习近平 / "Xi"
    words = re.findall(r"[\w'’\-]+", name.text)
    if len(words) < 2:
        return False
    if name.kind == "PER" or not name.kind:
        return any(_said(w, others) for w in words)
    capitalised = [w for w in words if w[:1].isupper()]
    return bool(capitalised) and all(_said(w, others) for w in capitalised)
