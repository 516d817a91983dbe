"""Names written in Latin letters inside a text of another script, and their absence.

A Chinese or Russian news text gives many names in Latin letters, alone or as a
gloss after their transliteration: 拉斯卡尼塔斯 (Las Cañitas), 约翰·尼克松 (John
Nixon), CBA联赛, iPhone. A translation into a language written in Latin letters
copies them as they are, so the spelling alone decides: a run of such words of
which no word is found in the translation (letters folded: case, accents) is a
name the translation dropped. jieba and natasha do not tag these runs at all,
and no model check is needed, which is why they are read here and not in
:mod:`names`.

Only runs that look like names count: a word with a capital letter and at
least three letters (not "km", not the "U" of U 型潜艇, not "OK" or "TV", which
are often translated); a word found inside a word of the translation
("U-boats", "Tinkoff's") or spelled nearly alike ("Elen" / "Ellen") counts as
found.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from workbench.nlp.drift.extract.names import FUZZY_MIN, Name
from workbench.nlp.drift.extract.places import skeleton

NOT_LATIN = frozenset({
    "zh", "ja", "ko", "ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg",
    "ar", "fa", "he", "el", "hi", "th", "ka", "hy",
})
"""Languages not written in Latin letters (a Latin word in them is a name, a brand, a code)."""
LATIN_LANGS = frozenset({
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da", "no", "nb",
    "fi", "et", "lv", "lt", "hu", "ro", "hr", "sl", "tr", "id", "ms", "vi", "ca",
})
"""Languages written in Latin letters, which copy such a name as it is."""

_WORD = r"[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ0-9'’.\-]*"
_RUN = re.compile(rf"{_WORD}(?:[ \u00a0]+{_WORD})*")


def _letters(word: str) -> int:
    return sum(ch.isalpha() for ch in word)


_ROMAN = re.compile(r"[IVXLCDM]+")


def _name_like(word: str) -> bool:
    """Three letters or more, one of them a capital ("OK", "TV", "AI" are often translated),
    and no Roman numeral («XIX век» is "the 19th century")."""
    return (_letters(word) >= 3 and any(ch.isupper() for ch in word)
            and not _ROMAN.fullmatch(word.strip(".-")))


def _glued(text: str, at: int) -> bool:
    """Is ``text[at]`` a letter of an alphabet (not Han, kana or hangul) next to the run?"""
    return 0 <= at < len(text) and text[at].isalpha() and ord(text[at]) < 0x2E80


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` lower-cased, accents stripped, only letters and digits kept (Cañitas: canitas)."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain.casefold() if ch.isalnum() and not unicodedata.combining(ch))


def latin_names(text: str, lang: str) -> list[Name]:
    """Runs of Latin words in a ``lang`` text not written in Latin letters that look like
    names (a word of them at least :func:`_name_like`)."""
    if lang[:2].lower() not in NOT_LATIN:
        return []
    names: list[Name] = []
    for match in _RUN.finditer(text):
        surface = match.group().rstrip(".-'’")
        if _glued(text, match.start() - 1) or _glued(text, match.start() + len(surface)):
            continue  # Meжду: a Latin look-alike inside a Cyrillic word, a typo
        if any(_name_like(word) for word in surface.split()):
            start = match.start()
            names.append(Name(surface, start, start + len(surface), skeleton(surface), None, ""))
    return names


def dropped_latin_names(text: str, lang: str, other: str, other_lang: str) -> list[Name]:
    """The Latin-letter names of ``text`` of which ``other`` (in a language written in
    Latin letters) has no word: each word of two letters or more is neither a word of
    ``other`` nor, from three letters on, inside one (case and accents folded)."""
    if other_lang[:2].lower() not in LATIN_LANGS:
        return []
    theirs = {fold(w) for w in re.split(r"[\s\-'’.,;:!?()\"«»“”/]+", other)} - {""}
    dropped: list[Name] = []
    for name in latin_names(text, lang):
        words = [fold(w) for w in re.split(r"[\s\-'’.]+", name.text) if _letters(w) >= 2]
        if words and not any(_found(w, theirs) for w in words):
            dropped.append(name)
    return dropped


def _found(word: str, theirs: set[str]) -> bool:
    """``word`` (folded) is a word of ``theirs``, inside one, or spelled nearly alike from
    the same first letter (Elen / "Ellen", but not iPhone / "phone")."""
    if word in theirs:
        return True
    if len(word) < 3:
        return False
    return any(word in w or (len(word) >= 4 and w[:1] == word[:1]
                             and fuzz.ratio(word, w) >= FUZZY_MIN) for w in theirs)
