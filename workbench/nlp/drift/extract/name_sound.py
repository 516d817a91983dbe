"""A looser sound key for two names that stand in each other's place (汤姆 / Tom, Уайт / White).

The strict skeleton of :mod:`places` keeps every consonant class, so a
transliteration that adds or drops sounds misses: Chinese adds syllable-final
nasals (汤姆 "tang mu" for Tom), Russian writes English *j* as «дж» and *w* as
a vowel («Уайт» for White), English *ng* is two sounds («Англия» / England).
This key is only used between names that both sides left unmatched, so a
looser match cannot pair a name with a common word of the sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz

from workbench.nlp.drift.extract.names import Name

_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "j", "z", "i", "i", "k", "l", "m", "n", "o",
                 "p", "r", "s", "t", "u", "f", "h", "c", "c", "s", "s", "", "i", "", "e",
                 "u", "a"], strict=True))
_CLASS = {"s": "S", "x": "S", "z": "S", "j": "S", "q": "S", "c": "S", "k": "K", "g": "K",
          "h": "K", "p": "P", "b": "P", "t": "T", "d": "T", "m": "M", "n": "N", "l": "L",
          "r": "L", "f": "F", "v": "F"}
_EN_RULES = ((r"wh|w", ""), (r"ph", "f"), (r"th", "t"), (r"sh|ch|zh|ts", "s"),
             (r"ck|c(?=[^eiy]|$)", "k"), (r"qu", "kv"), (r"(?<=\w)x", "ks"), (r"gh", ""))
_RU_ENDING = re.compile(r"(?:ого|ему|ому|ыми|ими|ами|ями|ом|ем|ой|ей|ий|ый|ая|ам|ах|ов|ев|ым|им|"
                        r"ую|ю|у|а|я|е|ы|и|ь)$")
_EN_POSSESSIVE = re.compile(r"['’]s?$")


def _latin(word: str) -> str:
    """One word in plain Latin letters, English spellings read as sounds."""
    low = word.lower()
    if re.search(r"[\u3400-\u9fff]", low):
        # Chinese adds a nasal to many syllables (汤 tang for "To-"): keep the onset and vowel.
        syllables = [re.sub(r"ng?$", "", s) if len(s) > 2 else s for s in lazy_pinyin(low)]
        return re.sub(r"(?<=[csz])h", "", "".join(syllables))
    if re.search(r"[а-яё]", low):
        if len(low) > 4:
            low = _RU_ENDING.sub("", low) or low
        low = low.replace("дж", "j").replace("кс", "x").replace("цз", "j")
        return "".join(_CYR.get(ch, ch) for ch in low)
    low = _EN_POSSESSIVE.sub("", low)
    for pattern, sound in _EN_RULES:
        low = re.sub(pattern, sound, low)
    return low


@lru_cache(maxsize=16384)
def sound_key(text: str) -> str:
    """Consonant classes of ``text`` read loosely (see the module docstring), repeats collapsed."""
    out: list[str] = []
    for word in re.findall(r"[\w'’]+", text):
        for ch in _latin(word):
            cls = _CLASS.get(ch, "")
            if cls and (not out or out[-1] != cls):
                out.append(cls)
    return "".join(out)


def sounds_alike(a: str, b: str) -> bool:
    """Could names ``a`` and ``b`` be one name spelled in two scripts?

    Equal loose keys; or one key a prefix of the other, missing at most two
    classes (a first name or a case ending dropped); or, for keys of four or
    more, a fuzzy ratio of 75 (one sound heard differently).
    """
    key_a, key_b = sound_key(a), sound_key(b)
    if not key_a or not key_b:
        return False
    for short, other in ((a, key_b), (b, key_a)):
        if re.fullmatch(r"[\u3400-\u9fff][州省]", short):
            # 佛州 "Florida", 德州 "Texas": a state named by its first syllable
            return other.startswith(sound_key(short[0]))
    if key_a == key_b:
        return True
    short, long_ = sorted((key_a, key_b), key=len)
    if len(short) >= 2 and long_.startswith(short) and len(long_) - len(short) <= 2:
        return True
    return len(short) >= 4 and fuzz.ratio(key_a, key_b) >= 75


def _forms(name: Name) -> list[str]:
    return [name.text, *name.text.split()] if " " in name.text else [name.text]


def drop_sound_pairs(lost_a: list[Name], lost_b: list[Name]) -> tuple[list[Name], list[Name]]:
    """Leave out the names of either side that sound like one the other side left unmatched.

    汤姆 / "Tom", «Уайтом» / "White": both are names the spelling check could not
    match, so the looser key here pairs two names, never a name and a common word.
    """
    pairs = [(n, m) for n in lost_a for m in lost_b
             if not (n.place and m.place and n.place != m.place)  # 巴黎 / Berlin: two places
             and any(sounds_alike(x, y) for x in _forms(n) for y in _forms(m))]
    gone_a = {id(n) for n, _ in pairs}
    gone_b = {id(m) for _, m in pairs}
    return [n for n in lost_a if id(n) not in gone_a], [m for m in lost_b if id(m) not in gone_b]
