"""Drift detection: calibrated match scores, typed drift flags, highlights, chain hops.

``analyse(versions, rows, encoder, chain=None, similarity=None) -> DriftResult``
gives each row ``score`` (calibrated, in [0, 1], per pair key; see
:mod:`workbench.nlp.drift.scoring` for the method and thresholds) and ``flags``
(:class:`workbench.comparison.FlagRecord`: type, hop, detail, spans, severity,
carried). ``analyse_rows(..., row_indices=[i])`` rescores single rows cheaply
from cached embeddings. Detectors live one per module in ``detectors/`` and
register themselves with :func:`workbench.nlp.drift.registry.register`:
omission / addition, length, number, date, name, negation, low_score.
"""

from __future__ import annotations

# the built-in detectors and the "moved" type register themselves here, once, before anything
# asks the registry (importing any module of this package runs this file first)
import workbench.nlp.drift.detectors
import workbench.nlp.drift.moves  # noqa: F401
from workbench.nlp.drift.analyse import DriftResult, RowDrift, analyse, analyse_rows
from workbench.nlp.drift.base import DriftError, Finding, PairView
from workbench.nlp.drift.highlights import unaligned_spans
from workbench.nlp.drift.registry import get_detectors, register
from workbench.nlp.drift.scoring import LOW_SCORE, Scorer

__all__ = [
    "LOW_SCORE",
    "DriftError",
    "DriftResult",
    "Finding",
    "PairView",
    "RowDrift",
    "Scorer",
    "analyse",
    "analyse_rows",
    "get_detectors",
    "register",
    "unaligned_spans",
]
