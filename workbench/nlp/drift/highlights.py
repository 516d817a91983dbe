"""Word-level highlights: the characters of each side that have no counterpart on the other.

SimAlign-style (Jalili Sabet et al. 2020, "argmax" method): the same model's
contextual token vectors are pooled into words (mean of the subwords; jieba
words for Chinese), and a word is aligned when it and a word on the other side
are each other's most similar word. Words left unaligned whose best similarity
is also below :data:`UNALIGNED_BELOW` and below the pair's median best word
similarity by :data:`BELOW_TYPICAL` are "without counterpart"; neighbouring
ones merge into one span. Detectors that
know exactly what differs (numbers, dates, names, negation) give their own
spans; highlights fill in the spans of flags that have none (low score,
length outlier, partial omission / addition).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from workbench.nlp.drift.base import Finding
from workbench.nlp.drift.chain import Pair
from workbench.nlp.drift.wordvec import WordVectors, gives_tokens
from workbench.nlp.types import Encoder, TokenEncoder

UNALIGNED_BELOW = 0.85
"""A word's best cosine must be under this to count as unmatched (e5 token cosines sit high)."""
BELOW_TYPICAL = 0.02
"""...and below the pair's median best word cosine by this much."""
MERGE_GAP = 2
"""Unmatched words at most this many characters apart merge into one span."""


def _spans(words: list[tuple[int, int]], unmatched: npt.NDArray[np.bool_]) -> list[list[int]]:
    spans: list[list[int]] = []
    for (start, end), lost in zip(words, unmatched, strict=True):
        if not lost:
            continue
        if spans and start - spans[-1][1] <= MERGE_GAP:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return spans


def unaligned_spans(text_a: str, text_b: str, encoder: TokenEncoder,
                    words: WordVectors | None = None) -> tuple[list[list[int]], list[list[int]]]:
    """Character spans of ``text_a`` and of ``text_b`` with no counterpart on the other side."""
    if not text_a.strip() or not text_b.strip():
        return [], []
    memo = words or WordVectors(encoder, [text_a, text_b])
    words_a, vec_a = memo.of(text_a)
    words_b, vec_b = memo.of(text_b)
    if not words_a or not words_b:
        return [], []
    sims = vec_a @ vec_b.T
    best_b = sims.argmax(axis=1)
    best_a = sims.argmax(axis=0)
    mutual_a = best_a[best_b] == np.arange(len(best_b))
    mutual_b = best_b[best_a] == np.arange(len(best_a))
    best_of_a, best_of_b = sims.max(axis=1), sims.max(axis=0)
    # Token cosines sit at a model- and language-pair-specific level: judge each word
    # against the pair's own typical best match, not a fixed number alone.
    typical = float(np.median(np.concatenate([best_of_a, best_of_b])))
    cutoff = min(UNALIGNED_BELOW, typical - BELOW_TYPICAL)
    lost_a = ~mutual_a & (best_of_a < cutoff)
    lost_b = ~mutual_b & (best_of_b < cutoff)
    return _spans(words_a, lost_a), _spans(words_b, lost_b)


def add_highlights(findings: Mapping[Pair, list[Finding]], texts: Mapping[str, str],
                   encoder: Encoder, words: WordVectors | None = None) -> None:
    """Give every finding without spans the unaligned-token spans of its pair (in place)."""
    if not gives_tokens(encoder):
        return
    for (a, b), found in findings.items():
        pending = [f for f in found if not f.spans]
        if not pending:
            continue
        try:
            spans_a, spans_b = unaligned_spans(texts.get(a, ""), texts.get(b, ""), encoder,
                                               words)
        except TypeError:  # a wrapper whose inner encoder gives no token vectors
            return
        for f in pending:
            f.spans = {label: spans for label, spans in ((a, spans_a), (b, spans_b)) if spans}
