"""Length-ratio outliers: the translation is unusually long or short for the language pair.

Expected ``log(chars_b / chars_a)`` (whitespace excluded) per language pair comes
from Tatoeba (``calibration.json``, written by ``bench.tatoeba_auc``); a pair more
than :data:`OUTLIER_Z` standard deviations away, with at least :data:`MIN_CHARS`
characters on the shorter side, is a minor flag worth a look.
"""

from __future__ import annotations

import math

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register

OUTLIER_Z = 3.0
PARTIAL_SCORE = 0.9
"""Below this score a length outlier is reported by ``omission`` as a likely omission/addition."""
MIN_CHARS = 12


def _chars(text: str) -> int:
    return len("".join(text.split()))


def length_z(pair: PairView) -> float | None:
    """How many standard deviations the pair's length ratio is from the expected one."""
    if pair.length_log_ratio is None:
        return None
    len_a, len_b = _chars(pair.text_a), _chars(pair.text_b)
    if min(len_a, len_b) == 0:
        return None
    mean, std = pair.length_log_ratio
    return (math.log(len_b / len_a) - mean) / max(std, 1e-3)


@register("length", label=N_("Length"), messages=("length_longer", "length_shorter"))
def detect(pair: PairView) -> list[Finding]:
    z = length_z(pair)
    if z is None or abs(z) < OUTLIER_Z:
        return []
    if min(_chars(pair.text_a), _chars(pair.text_b)) < MIN_CHARS:
        return []
    if pair.score is not None and pair.score < PARTIAL_SCORE:
        return []  # the omission detector reports it
    key = "length_longer" if z > 0 else "length_shorter"
    return [Finding("length", message(key, a=pair.a, b=pair.b, z=f"{z:+.1f}"), {}, "minor")]
