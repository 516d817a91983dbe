"""A person's gender changed: “she explained” where the source says «рассказал» or 他.

The model cannot tell he from she (a one-word change moves the cosine by
0.00-0.02). Each side's evidence of a person's gender is read from its grammar:
English he / she / his / her, Chinese 他 / 她 (not 他们, 其他, 吉他), Russian
3rd-person pronouns, past-tense and short-participle endings (сказал /
сказала) and the gender natasha gives to animate names. A pronoun of one gender
on an English or Chinese side is flagged when the other side gives evidence of
a gender and none of that one (an English he / she is not flagged against a Chinese
side with 它 "it", which it may render; nor when it names both genders against a Chinese
side, which leaves out pronouns where English needs them: "she gave him a slap" for
被她打了个大嘴巴, with no 他). Russian is only evidence, never flagged itself:
«она» is also “it” for a feminine noun (компания, партия). In a freely translated
document (its register below the floor of news, :mod:`workbench.nlp.drift.register`:
literary text) a Chinese 他 is no evidence of a man: it stood for anyone before
她 came into use (Dream of the Red Chamber) and still stands for an unknown person;
她 is.
"""

from __future__ import annotations

import re

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.grammar import english, russian
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.register import is_free
from workbench.nlp.drift.registry import register

_ZH = re.compile(r"(?<![其吉利])([他她])(?![们們人国國乡鄉者方日])")
_RU_PRONOUNS = {"он": "m", "его": "m", "ему": "m", "него": "m", "нему": "m", "нём": "m",
                "нем": "m", "она": "f", "её": "f", "ее": "f", "ей": "f",
                "неё": "f", "нее": "f", "ней": "f", "ею": "f", "нею": "f"}
_ZH_IT = re.compile(r"[它牠]")
"""它 / 牠 ("it"): an English he or she may render it (a pet, a personified thing)."""
_NAMES = {"m": "man", "f": "woman"}
_WORDS = {"m": "masculine", "f": "feminine"}


def gender_evidence(text: str, lang: str) -> dict[str, list[list[int]]]:
    """Spans per gender (``m`` / ``f``) of what in ``text`` says a person is a man or a woman."""
    lang = lang[:2].lower()
    if lang == "en":
        return english.pronoun_gender(text)
    found: dict[str, list[list[int]]] = {}
    if lang == "zh":
        for m in _ZH.finditer(text):
            found.setdefault("m" if m.group(1) == "他" else "f", []).append([m.start(), m.end()])
    elif lang == "ru":
        ws = russian.words(text)
        # a past verb agrees with its subject: «семья любила» says nothing about a woman
        things = {w.gender for w in ws if w.pos == "NOUN" and w.feats.get("Case") == "Nom"
                  and w.feats.get("Animacy") == "Inan"}
        for word in ws:
            low = word.text.lower()
            gender = None
            if low in _RU_PRONOUNS and word.pos in {"PRON", "DET"}:
                gender = _RU_PRONOUNS[low]
            elif word.form in {"fin", "short"} and word.tense == "past":
                gender = word.gender if word.gender not in things else None
            elif word.pos == "PROPN" and word.feats.get("Animacy") == "Anim":
                gender = word.gender
            if gender in {"m", "f"}:
                found.setdefault(gender, []).append([word.start, word.end])
    return found


@register("gender", label=N_("Gender"), messages=("gender",))
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    ev_a = gender_evidence(pair.text_a, pair.lang_a)
    ev_b = gender_evidence(pair.text_b, pair.lang_b)
    if is_free(pair):
        for lang, ev in ((pair.lang_a, ev_a), (pair.lang_b, ev_b)):
            if lang[:2].lower() == "zh":
                ev.pop("m", None)  # 他: anyone in older and generic usage; 她 is marked
    for side, other, ev_x, ev_y, lang_x in ((pair.b, pair.a, ev_b, ev_a, pair.lang_b),
                                            (pair.a, pair.b, ev_a, ev_b, pair.lang_a)):
        if lang_x[:2].lower() not in {"en", "zh"} or not ev_y:
            continue
        text_y, lang_y = pair.side(other)
        if lang_y[:2].lower() == "zh" and _ZH_IT.search(text_y):
            continue
        if lang_y[:2].lower() == "zh" and len(ev_x) > 1:
            continue  # Chinese drops pronouns: the English he of "she gave him" is not in it
        for gender, spans in ev_x.items():
            if gender in ev_y:
                continue
            text_x, _ = pair.side(side)
            words = ", ".join(f"“{text_x[s:e]}”" for s, e in spans[:2])
            opposite = "f" if gender == "m" else "m"
            return [Finding("gender", message("gender", side=side, words=words,
                                              gender=_WORDS[gender], other=other,
                                              other_gender=_NAMES[opposite]),
                            {side: spans}, "critical",
                            {side: frozenset({gender}), other: frozenset(ev_y)})]
    return []
