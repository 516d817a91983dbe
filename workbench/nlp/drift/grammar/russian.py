"""Russian words with their tense, aspect and gender, read by pymorphy3's dictionary.

natasha's morphology tagger was tried first (the brief's suggestion) and left:
it guesses tense and aspect (it read «ожидаются» as a perfective future and
«облагались» as a present) and costs about 0.1-0.4 s a sentence. pymorphy3
knows every verb form's tense and aspect for certain and answers in
microseconds; its most likely reading of each word is taken, which for verb
forms is nearly always right (“стали” is a verb 98 times in 100).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_FORMS = {"VERB": "fin", "PRTS": "short", "PRTF": "part", "GRND": "conv", "INFN": "inf"}
_TENSES = {"past": "past", "pres": "pres", "futr": "fut"}
_GENDERS = {"masc": "m", "femn": "f", "neut": "n"}
_CASES = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins",
          "loct": "Loc"}


@dataclass(frozen=True)
class Word:
    """A Russian word: part of speech (UD names), a few features, verb form, tense, aspect."""

    text: str
    start: int
    end: int
    pos: str
    feats: dict[str, str] = field(default_factory=dict)
    form: str = ""  # fin / short / part / conv / inf for verb forms, "" otherwise
    tense: str | None = None  # past / pres / fut
    aspect: str | None = None  # perf / impf
    gender: str | None = None  # m / f / n (singular only)
    mood: str | None = None  # indc / impr

    @property
    def finite(self) -> bool:
        """A finite indicative verb, or a short participle, which works as one."""
        return (self.form == "fin" and self.mood != "impr") or self.form == "short"


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _pos(tag: Any) -> str:
    if tag.POS == "NOUN":
        return "PROPN" if {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(tag.grammemes) else "NOUN"
    if tag.POS == "NPRO":
        return "PRON"
    if tag.POS in {"ADJF", "ADJS"}:
        return "DET" if "Apro" in tag.grammemes else "ADJ"
    if tag.POS in _FORMS:
        return "VERB"
    return str(tag.POS or "X")


@lru_cache(maxsize=65536)
def _word(text: str) -> tuple[str, dict[str, str], str, str | None, str | None, str | None,
                              str | None]:
    tag = _morph().parse(text)[0].tag
    case, animacy, number = (str(tag.case or ""), str(tag.animacy or ""), str(tag.number or ""))
    feats: dict[str, str] = {}
    if case:
        feats["Case"] = _CASES.get(case, case)
    if animacy:
        feats["Animacy"] = "Anim" if animacy == "anim" else "Inan"
    if number:
        feats["Number"] = "Plur" if number == "plur" else "Sing"
    if str(tag.POS) == "ADJS":
        feats["Variant"] = "Short"
    gender = _GENDERS.get(str(tag.gender or "")) if number != "plur" else None
    return (_pos(tag), feats, _FORMS.get(str(tag.POS), ""), _TENSES.get(str(tag.tense or "")),
            str(tag.aspect) if tag.aspect else None, gender,
            str(tag.mood) if tag.mood else None)


@lru_cache(maxsize=1024)
def words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` with their most likely reading."""
    out: list[Word] = []
    for m in _WORD.finditer(text):
        pos, feats, form, tense, aspect, gender, mood = _word(m.group().lower())
        out.append(Word(m.group(), m.start(), m.end(), pos, dict(feats), form, tense, aspect,
                        gender, mood))
    return tuple(out)
