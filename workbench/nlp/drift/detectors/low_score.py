"""Low calibrated score: the pair does not read as a translation at all."""

from __future__ import annotations

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register
from workbench.nlp.drift.scoring import LOW_SCORE


@register("low_score", label=N_("Low score"), messages=("low_score",))
def detect(pair: PairView) -> list[Finding]:
    if pair.score is None or pair.score >= LOW_SCORE:
        return []
    return [Finding("low_score", message("low_score", score=f"{pair.score:.2f}", limit=LOW_SCORE,
                                       a=pair.a, b=pair.b), {}, "major")]
