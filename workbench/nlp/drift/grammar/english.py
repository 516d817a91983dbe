"""English verb groups (tense, progressive, perfect) and gendered pronouns, without a tagger.

A verb group starts at a finite auxiliary (will, was, has, is, did...) or at a
lexical verb form that can only be finite where it stands; lemminflect's
inflection tables say which forms a word can be (“went” is only a past,
“knocked” a past or a participle). Regular ``-ed`` forms count as a past only
right after a subject-like word, so “the limited time” and “expected by” are not
read as a past. Modal groups (may, could, would...) have no tense here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.nlp.drift.grammar import wordset

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_BE = {"am": "pres", "is": "pres", "are": "pres", "was": "past", "were": "past",
       "'s": "pres", "'re": "pres", "'m": "pres"}
_HAVE = {"has": "pres", "have": "pres", "had": "past", "'ve": "pres"}
_DO = {"does": "pres", "do": "pres", "did": "past"}
_FUTURE = frozenset({"will", "shall", "'ll", "won't", "wo"})
_MODAL = frozenset({"can", "could", "may", "might", "must", "should", "would", "ought", "'d",
                    "cannot", "can't", "couldn't", "wouldn't", "shouldn't", "mustn't"})
_ADVERBS = wordset(
    "not n't never also still already just only often always usually soon then now both all "
    "each probably certainly likely really even ever further again constantly closely "
    "previously successively immediately almost nearly currently reportedly recently "
    "gradually increasingly first once quickly largely mainly jointly widely actually")
_SUBJECTS = wordset("i you he she it we they who which that there this these those police "
                      "people")
_NOT_SUBJECT = wordset(
    "a an the of in on at by for from with to into onto than as and or but nor so "
    "has have had having be been being is are was were am get got gets getting "
    "its his her their our my your whose very more most less least newly well")
# -ing words that are adjectives after "is": not a progressive.
_ING_ADJECTIVES = wordset(
    "interesting exciting surprising amazing willing outstanding promising disappointing "
    "worrying encouraging alarming convincing astonishing striking boring charming pressing "
    "daunting challenging concerning confusing shocking stunning threatening misleading "
    "overwhelming compelling fascinating frightening damaging devastating refreshing "
    "rewarding satisfying demanding tiring embarrassing lacking missing remaining "
    "something nothing anything everything thing king ring spring string wing swing")
_PRONOUNS = wordset("i you he she it we they who which that")
_DETERMINERS = wordset("the a an this that these those its his her their our my your")
_INVERTED = wordset("i you he she it we they")
_S_IS = wordset("it he she that there what who here where how this")
_AFTER_PARTICIPLE = wordset("by in with as for from to on into under")
"""Words after a reduced relative (“people interested in”, “coupled with”): not a past."""
_MASCULINE = frozenset({"he", "him", "his", "himself"})
_FEMININE = frozenset({"she", "her", "hers", "herself"})


@dataclass(frozen=True)
class VerbGroup:
    """One verb group: its tense (past / pres / fut / None for modal groups), its aspect flags."""

    tense: str | None
    progressive: bool
    perfect: bool
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _WORD.finditer(text):
        word = m.group().replace("’", "'")
        low = word.lower()
        if "'" in low and low not in {"won't", "can't", "couldn't", "wouldn't", "shouldn't",
                                      "mustn't"}:
            head, _, tail = low.partition("'")
            if tail in {"s", "re", "m", "ve", "ll", "d", "t"}:
                cut = m.start() + len(head)
                if tail == "t" and head.endswith("n"):
                    out.append(_Tok(word[:len(head) - 1], head[:-1], m.start(), cut - 1))
                    out.append(_Tok("n't", "n't", cut - 1, m.end()))
                    continue
                out.append(_Tok(word[:len(head)], head, m.start(), cut))
                out.append(_Tok("'" + tail, "'" + tail, cut, m.end()))
                continue
        out.append(_Tok(word, low, m.start(), m.end()))
    return out


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Penn tags ``word`` can have as a verb form (VB, VBD, VBN, VBG, VBZ, VBP), via lemminflect."""
    from lemminflect import getAllInflections, getAllLemmas

    tags: set[str] = set()
    for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
        table = getAllInflections(lemma, upos="VERB")
        for tag, words in table.items():
            if word in words:
                tags.add(tag)
        if word in table.get("VBD", ()) and "VBN" not in table:
            tags.add("VBN")  # lemminflect leaves out a participle that equals the past
    return frozenset(tags)


@lru_cache(maxsize=65536)
def is_dictionary_word(word: str) -> bool:
    """Is ``word`` (lower-cased) an English common word: a noun, verb, adjective or adverb?"""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower()))


def lemma_of(word: str) -> str:
    """The verb lemma of ``word`` (the word itself when lemminflect knows none)."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word, upos="VERB").get("VERB", ())
    return found[0] if found else word


@lru_cache(maxsize=65536)
def _is_noun(word: str) -> bool:
    from lemminflect import getAllLemmas

    return "NOUN" in getAllLemmas(word, upos="NOUN")


def _skip_adverbs(toks: list[_Tok], i: int) -> int:
    while i < len(toks) and (toks[i].low in _ADVERBS or (toks[i].low.endswith("ly")
                             and len(toks[i].low) > 4 and not forms(toks[i].low))):
        i += 1
    return i


def _chain(toks: list[_Tok], i: int, tense: str | None, aux: str,
           start: int) -> tuple[VerbGroup, int]:
    """Follow an auxiliary chain from ``toks[i]``, the word after the finite element ``aux``."""
    progressive = perfect = False
    lemma, last, end = aux, aux, toks[i - 1].end
    first = True
    while True:
        j = _skip_adverbs(toks, i)
        if first and j + 1 < len(toks) and (toks[j].low in _INVERTED or (toks[j].text.istitle()
                                            and forms(toks[j + 1].low))):
            j = _skip_adverbs(toks, j + 1)  # “Have you checked”, “did Tom go”: a question
        first = False
        if j >= len(toks):
            break
        word = toks[j].low
        tags = forms(word)
        if last in {"will", "modal", "do", "to"}:
            if word in {"be", "have"}:
                lemma = last = word
            elif word == "being":
                lemma = last = word
                progressive = True
            elif "VB" in tags:
                lemma = lemma_of(word)
            else:
                break
        elif last == "have":
            if word == "been":
                lemma = last = "be"
                perfect = True
            elif "VBN" in tags:
                lemma, perfect = lemma_of(word), True
            else:
                break
        elif last in {"be", "being"}:
            if word == "being" and last == "be":
                lemma = last = word
                progressive = True
            elif (last == "be" and word.endswith("ing") and "VBG" in tags
                  and word not in _ING_ADJECTIVES):
                lemma, progressive = lemma_of(word), True
            elif "VBN" in tags:
                lemma = lemma_of(word)
            else:
                break
        else:
            break
        end, i = toks[j].end, j + 1
        if last not in {"be", "have", "being"} or lemma not in {"be", "have", "being"}:
            break
    if lemma == "being":
        lemma = "be"
    return VerbGroup(tense, progressive, perfect, lemma, start, end), i


def verb_groups(text: str) -> list[VerbGroup]:
    """The verb groups of ``text``, left to right."""
    toks = _tokens(text)
    groups: list[VerbGroup] = []
    i = 0
    while i < len(toks):
        tok, prev = toks[i], toks[i - 1].low if i else ""
        low = tok.low
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if low in _FUTURE and nxt:
            j = _skip_adverbs(toks, i + 1)
            word = toks[j].low if j < len(toks) else ""
            if word in {"be", "have", "being"} or "VB" in forms(word):
                group, i = _chain(toks, i + 1, "fut", "will", tok.start)
                groups.append(group)
                continue
        if low in _MODAL:
            group, i = _chain(toks, i + 1, None, "modal", tok.start)
            groups.append(group)
            continue
        finite = _BE.get(low) or _HAVE.get(low) or _DO.get(low)
        if low == "'s" and prev not in _S_IS:  # “Britain's”: a possessive
            i += 1
            continue
        if finite and prev != "to":
            j = _skip_adverbs(toks, i + 1)
            if (low in _BE and j + 2 < len(toks) and toks[j].low == "going"
                    and toks[j + 1].low == "to" and toks[j + 2].text.islower()
                    and "VB" in forms(toks[j + 2].low)):
                plan = "fut" if finite == "pres" else None  # “was going to”: a past plan
                group, i = _chain(toks, j + 2, plan, "to", tok.start)
                groups.append(group)
                continue
            aux = "be" if low in _BE else "have" if low in _HAVE else "do"
            if low == "'s" and j < len(toks) and toks[j].low == "been":
                aux = "have"  # “it's been”
            group, i = _chain(toks, i + 1, finite, aux, tok.start)
            groups.append(group)
            continue
        tags = forms(low)
        if tags and prev != "to" and tok.text[0].islower() and text[tok.start - 1:tok.start] != "-":
            named = i > 1 and toks[i - 1].text[0].isupper() and prev not in _NOT_SUBJECT
            determined = i > 1 and toks[i - 2].low in _DETERMINERS  # “the tank knocked”
            subject_like = (prev in _SUBJECTS or named or (
                bool(prev) and prev not in _NOT_SUBJECT and _is_noun(prev)
                and (determined or not forms(prev))))
            clear_past = subject_like and (prev in _PRONOUNS or named or (
                nxt not in _AFTER_PARTICIPLE and text[tok.end:tok.end + 1] not in {".", ",", ""}))
            if "VBD" in tags and ("VBN" not in tags or clear_past) and "VB" not in tags:
                groups.append(VerbGroup("past", False, False, lemma_of(low), tok.start, tok.end))
            elif (("VBZ" in tags and not _is_noun(low) and subject_like)
                  or ("VBP" in tags and not _is_noun(low) and (
                      prev in {"i", "you", "we", "they", "who", "which", "that"}
                      or (subject_like and prev.endswith("s") and prev not in _SUBJECTS)))):
                groups.append(VerbGroup("pres", False, False, lemma_of(low), tok.start, tok.end))
        i += 1
    return groups


def pronoun_gender(text: str) -> dict[str, list[list[int]]]:
    """Spans of masculine (``"m"``) and feminine (``"f"``) third-person pronouns."""
    found: dict[str, list[list[int]]] = {}
    for tok in _tokens(text):
        gender = "m" if tok.low in _MASCULINE else "f" if tok.low in _FEMININE else None
        if gender:
            found.setdefault(gender, []).append([tok.start, tok.end])
    return found


def has_participle(text: str) -> bool:
    """Whether ``text`` has a past participle outside its verb groups (“launched last year”)."""
    spans = [(g.start, g.end) for g in verb_groups(text)]
    for tok in _tokens(text):
        if (tok.low.endswith(("ed", "en", "wn")) and "VBN" in forms(tok.low)
                and not any(s <= tok.start < e for s, e in spans)):
            return True
    return False
