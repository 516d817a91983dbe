"""The length-aware part of the ``words`` detector's omission limit, fitted on clean words.

A row of ``n`` source content words gives the "missing" check ``n`` chances to
trip, so with one per-word limit long clean sentences (news: 12-25 content
words) trip far more often than Tatoeba's short ones, and a limit fitted on 50
news sentences rests on the one or two worst of them. Here the gaps of *every*
unpaired source word of the clean tuning corpora (thousands of words) are
pooled per language pair, and their upper quantiles stored at a few exceedance
probabilities; the detector takes, for a row of ``n`` tested words, the
quantile at ``rate / n`` (so that the row trips with probability about
``rate``), or the fixed ``missing_margin`` when that is higher
(:func:`workbench.nlp.drift.detectors.words.tail_limit`). Used by
:mod:`bench.demetr_fit`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

EXCEEDANCE = (0.0005, 0.001, 0.002, 0.004, 0.007, 0.01, 0.02, 0.05)
"""Per-word exceedance probabilities at which the gap quantiles are stored."""


def fit_tail(gaps: list[float], rate: float) -> dict[str, Any]:
    """``{"rate", "words", "quantiles": [[p, gap], ...]}`` from the pooled clean gaps
    (quantiles rounded up to four places, towards flagging less)."""
    pooled = np.asarray(gaps, dtype=float)
    return {"rate": rate, "words": int(pooled.size),
            "quantiles": [[p, float(np.ceil(np.quantile(pooled, 1 - p) * 10_000) / 10_000)]
                          for p in EXCEEDANCE]}
