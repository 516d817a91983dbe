"""Omission / addition: one side of the pair has no counterpart, or a far too short one.

A row where the source side has text and the translation side none is an
*omission*; the reverse is an *addition*. A whole segment of a merged cell
with no counterpart (:mod:`workbench.nlp.drift.segments`) is one too. When
both sides have text but the translation is much shorter (or longer) than the
language pair leads one to expect -- ``log(len_b / len_a)`` more than
:data:`PARTIAL_Z` standard deviations from the Tatoeba mean -- *and* the
calibrated score is below :data:`PARTIAL_SCORE`, part of the sentence is
likely missing (or added).
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.nlp.drift.base import Finding, PairView, quote, whole_span
from workbench.nlp.drift.detectors.length import PARTIAL_SCORE, length_z
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import declare, register

PARTIAL_Z = 3.5


def _alone(side: str, text: str, other: str) -> str:
    return message("no_counterpart", side=side, text=quote(text), other=other)


def _merged(side: str, text: str, spans: Sequence[tuple[int, int]], other: str) -> str:
    quoted = ", ".join(quote(text[s:e]) for s, e in spans)
    return message("merged_omission", side=side, texts=quoted, other=other)


declare("addition", N_("Addition"), ("no_counterpart", "merged_omission", "longer"))


@register("omission", label=N_("Omission"),
          messages=("no_counterpart", "merged_omission", "shorter"))
def detect(pair: PairView) -> list[Finding]:
    has_a, has_b = bool(pair.text_a.strip()), bool(pair.text_b.strip())
    if has_a and not has_b:
        return [Finding("omission", _alone(pair.a, pair.text_a, pair.b),
                        {pair.a: whole_span(pair.text_a)}, "critical")]
    if has_b and not has_a:
        return [Finding("addition", _alone(pair.b, pair.text_b, pair.a),
                        {pair.b: whole_span(pair.text_b)}, "major")]
    if not has_a:
        return []
    found: list[Finding] = []
    if pair.lone_a:
        found.append(Finding("omission", _merged(pair.a, pair.text_a, pair.lone_a, pair.b),
                             {pair.a: [[s, e] for s, e in pair.lone_a]}, "critical"))
    if pair.lone_b:
        found.append(Finding("addition", _merged(pair.b, pair.text_b, pair.lone_b, pair.a),
                             {pair.b: [[s, e] for s, e in pair.lone_b]}, "major"))
    if found:
        return found
    z = length_z(pair)
    if z is None or pair.score is None or pair.score >= PARTIAL_SCORE:
        return []
    if z <= -PARTIAL_Z:
        return [Finding("omission", message("shorter", a=pair.a, b=pair.b, z=f"{z:+.1f}",
                                    score=f"{pair.score:.2f}"),
                        {}, "major")]
    if z >= PARTIAL_Z:
        return [Finding("addition", message("longer", a=pair.a, b=pair.b, z=f"{z:+.1f}",
                                    score=f"{pair.score:.2f}"),
                        {}, "major")]
    return []
