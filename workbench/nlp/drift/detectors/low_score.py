"""Low calibrated score: the pair does not read as a translation at all.

The limit is :data:`LOW_SCORE` (0.3; 0.5 separates translations from unrelated
sentences). In a freely translated document (its register below the floor of
news, :mod:`workbench.nlp.drift.register`) a faithful but free rendering scores
lower, so the limit moves down as the ``words`` limit does, by the same
``scale`` times the register's distance below the floor, but never below
:data:`FREE_LOW_SCORE`: an unrelated pair still scores under that.
"""

from __future__ import annotations

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.register import pair_limit
from workbench.nlp.drift.registry import register
from workbench.nlp.drift.scoring import LOW_SCORE

FREE_LOW_SCORE = 0.15
"""The lowest the limit goes in a freely translated document."""


def low_score_limit(pair: PairView) -> float:
    """The score under which ``pair`` is flagged (moved down for a free document)."""
    return round(max(FREE_LOW_SCORE, pair_limit(LOW_SCORE, pair)), 2)


@register("low_score", label=N_("Low score"), messages=("low_score",))
def detect(pair: PairView) -> list[Finding]:
    limit = low_score_limit(pair)
    if pair.score is None or pair.score >= limit:
        return []
    return [Finding("low_score", message("low_score", score=f"{pair.score:.2f}", limit=limit,
                                       a=pair.a, b=pair.b), {}, "major")]
