"""An ongoing action put in or taken out: “was knocking out” where the source says «подбил».

An English progressive (be + -ing) says the action was in progress. It is
flagged only where the other side rules that reading out: a Russian source with
no imperfective verb of that tense (a perfective «подбил» is one finished act), a
Chinese source without any marker of duration (正在, 着, 一直, 不断...), or, for two
English versions, the same verb used plainly on the other side (“held” vs “was
holding”). Of the perfects only those of “be” are checked (“there have been” for
a present with no marker of duration): “has called” translates a Russian past
as well as a present does. Against Chinese, nothing is flagged in a freely
translated document (its register below the floor of news,
:mod:`workbench.nlp.drift.register`): a literary English sets scenes in progress
("she was waiting") where the Chinese marks no aspect at all.
"""

from __future__ import annotations

import re

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.grammar import chinese, english, russian, wordset
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.register import is_free
from workbench.nlp.drift.registry import register

_STATIVE = wordset("mean consist contain belong own possess resemble include equal cost know "
                     "seem exist comprise constitute deserve matter")
"""Verbs that do not take a progressive (“which is meaning”): wrong whatever the source says."""


def _odd(group: english.VerbGroup) -> bool:
    return group.progressive and (group.lemma in _STATIVE or group.lemma == "be")


_EN_DURATION = re.compile(r"\b(?:for|since|always|ever|never|so far|yet|already|long|"
                          r"until now|to date|over the (?:past|last))\b", re.IGNORECASE)
_RU_DURATION = re.compile(r"(?<!\w)(?:на протяжении|в течение|уже|всегда|с тех пор|давно|"
                          r"до сих пор|десятилети\w*|многие годы|много лет|годами|впервые|"
                          r"никогда|с \d{4}|за последн\w+|неизменно)(?!\w)", re.IGNORECASE)


def _unlicensed(groups: list[english.VerbGroup], text: str, lang: str,
                own_text: str = "") -> list[english.VerbGroup]:
    """The progressive (or perfect) ``groups`` that the other side (``text``) cannot back."""
    progressive = [g for g in groups if g.progressive]
    # a perfect of “be” (“there have been”, “has been the tenth”): other perfects translate
    # freely, and one with its own duration (“for decades”, “always”) is a perfect by right
    perfect = [g for g in groups if g.perfect and not g.progressive and g.lemma == "be"
               and not _EN_DURATION.search(own_text)]
    if lang == "ru":
        ws = russian.words(text)
        if not [w for w in ws if w.form]:
            return [g for g in progressive if _odd(g)]  # no verb at all: nothing to compare
        imperfective = [w for w in ws if w.aspect == "impf" and w.form != "inf"
                        and w.text.lower() not in {"быть", "был", "была", "было", "были"}]
        found = [g for g in progressive if _odd(g) or not any(
            w.form == "conv" or g.tense is None or w.tense == g.tense for w in imperfective)]
        if not any(w.tense == "past" or w.aspect == "perf" for w in ws) and not (
                _RU_DURATION.search(text)):
            found += perfect  # “have been” for a Russian present with nothing finished in it
        return found
    if lang == "zh":
        # Chinese rarely marks an ongoing present (他在踢我, 我住在...): a present progressive
        # is flagged only against a clear past (了 inside a clause, 曾, 去年...).
        ongoing = bool(chinese.markers(text, chinese.PROGRESSIVE))
        past = bool(chinese.markers(text, chinese.PAST, strict=True))
        found = [g for g in progressive if _odd(g) or (not ongoing and (
            g.tense == "past" or (g.tense == "pres" and past)))]
        if not chinese.markers(text, chinese.PERFECT):
            found += perfect
        return found
    if lang == "en":
        other = english.verb_groups(text)
        plain = {g.lemma for g in other if not g.progressive}
        also_ongoing = {g.lemma for g in other if g.progressive}
        return [g for g in progressive if g.lemma in plain - also_ongoing and g.lemma != "be"]
    return []


@register("aspect", label=N_("Aspect"), messages=("aspect", "aspect_perfect"))
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    lang_a, lang_b = pair.lang_a[:2].lower(), pair.lang_b[:2].lower()
    for side, other, lang_x, lang_y in ((pair.b, pair.a, lang_b, lang_a),
                                        (pair.a, pair.b, lang_a, lang_b)):
        if lang_x != "en" or lang_y not in {"en", "ru", "zh"}:
            continue
        if lang_y == "zh" and is_free(pair):
            continue  # a free rendering of Chinese sets its own scenes in progress
        text_x, _ = pair.side(side)
        text_y, _ = pair.side(other)
        found = _unlicensed(english.verb_groups(text_x), text_y, lang_y, text_x)
        if not found:
            continue
        spans = [[g.start, g.end] for g in found]
        words = ", ".join(f"“{text_x[s:e]}”" for s, e in spans[:2])
        key = "aspect" if found[0].progressive else "aspect_perfect"
        return [Finding("aspect", message(key, side=side, words=words, other=other),
                        {side: spans}, "major",
                        {side: frozenset({"progressive"}), other: frozenset({"simple"})})]
    return []
