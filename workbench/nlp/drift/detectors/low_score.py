"""Low calibrated score: the pair does not read as a translation at all."""

from __future__ import annotations

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.registry import register
from workbench.nlp.drift.scoring import LOW_SCORE


@register("low_score")
def detect(pair: PairView) -> list[Finding]:
    if pair.score is None or pair.score >= LOW_SCORE:
        return []
    return [Finding("low_score", f"calibrated match score {pair.score:.2f} is below {LOW_SCORE}: "
                    f"{pair.b} may not translate {pair.a}", {}, "major")]
