"""A changed tense: “will fire” where the source says «применила» (a past), 了 vs “are found”.

The model barely sees tense (recall 0.1 at best), so the check reads grammar:
see :mod:`workbench.nlp.drift.grammar.tense`. A tense is flagged only when the
evidence is clear on both sides: one side marks it, the other marks a tense of
its own and allows no reading with this one.
"""

from __future__ import annotations

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.grammar.tense import TenseProfile, tense_profile
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register

_NAMES = {"past": "past", "pres": "present", "fut": "future"}
FLAGGED: dict[str, frozenset[str]] = {
    "en": frozenset({"past", "pres", "fut"}),
    "ru": frozenset({"past", "pres", "fut"}),
    "zh": frozenset({"past", "fut"}),
}
"""Per language, the tenses whose marking is clear enough to flag when the other side lacks it."""


def changed(p_x: TenseProfile, p_y: TenseProfile, lang_x: str) -> list[str]:
    """Tenses ``x`` asserts that ``y``, which marks a tense of its own, does not allow."""
    if not p_y.informative or not p_y.asserted:
        return []  # the other side must mark a tense of its own: unmarked allows any
    flagged = FLAGGED.get(lang_x[:2].lower(), frozenset())
    # Present against past or future is too often a free rendering (a historical
    # present, a Russian perfective "present" that means the future, "I'm done" for
    # «закончила»): only a past against a future, or the reverse, is reported.
    opposite = {"past": "fut", "fut": "past"}
    found = [t for t in p_x.asserted if t in flagged and t not in p_y.allowed
             and opposite.get(t, "") in p_y.asserted]
    if not found and lang_x[:2].lower() == "en" and set(p_y.asserted) == {"pres"}:
        # The reverse way is safe: an English past or future (and nothing else) where
        # the source asserts only a present that allows no other reading (backshift
        # after a past reporting verb, «когда он придёт» are allowances of the profile).
        found = [t for t in ("past", "fut") if set(p_x.asserted) == {t} and t not in p_y.allowed]
    return found


@register("tense", label=N_("Tense"), messages=("tense",))
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    p_a = tense_profile(pair.text_a, pair.lang_a)
    p_b = tense_profile(pair.text_b, pair.lang_b)
    if p_a is None or p_b is None:
        return []
    if pair.lang_a[:2].lower() == pair.lang_b[:2].lower() == "zh":
        return []  # markers are optional in Chinese: two editions may differ in them freely
    for side, other, p_x, p_y in ((pair.b, pair.a, p_b, p_a), (pair.a, pair.b, p_a, p_b)):
        lang_x = pair.lang_b if side == pair.b else pair.lang_a
        tenses = changed(p_x, p_y, lang_x)
        if not tenses:
            continue
        tense = tenses[0]
        other_tenses = ", ".join(_NAMES[t] for t in p_y.asserted)
        text_x = pair.text_b if side == pair.b else pair.text_a
        spans = p_x.asserted[tense]
        words = ", ".join(f"“{text_x[s:e]}”" for s, e in spans[:2])
        return [Finding("tense", message("tense", side=side, tense=_NAMES[tense], words=words,
                                         other=other, other_tenses=other_tenses),
                        {side: spans}, "major",
                        {side: frozenset({tense}), other: frozenset(p_y.asserted)})]
    return []
