"""Embeddings of one text's segments and of runs of consecutive segments ("overlaps").

Several pair alignments of an N-way comparison share one bank per version, and
every overlap any of them needs is embedded in a single batched call.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.nlp.align.errors import AlignError
from workbench.nlp.align.text import join_segments
from workbench.nlp.types import Encoder, FloatArray

Span = tuple[int, ...]


def encode_checked(encoder: Encoder, texts: Sequence[str]) -> FloatArray:
    """``encoder.encode`` with its output checked: one finite row per text."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.asarray(encoder.encode(list(texts)), dtype=np.float32)
    if vectors.ndim != 2 or len(vectors) != len(texts) or not np.all(np.isfinite(vectors)):
        raise AlignError(
            f"encoder {getattr(encoder, 'model_id', '?')} returned {vectors.shape} vectors "
            f"for {len(texts)} texts"
        )
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-9)).astype(np.float32)


class SpanBank:
    """One text's sentence vectors plus the overlap vectors requested so far."""

    def __init__(self, segments: Sequence[str], vectors: FloatArray) -> None:
        self.segments = list(segments)
        self.vectors = vectors
        self._wanted: dict[Span, int] = {}
        self._overlaps = np.zeros((0, vectors.shape[1] if vectors.size else 0), dtype=np.float32)

    def want(self, span: Span) -> None:
        """Ask for the embedding of the segments ``span`` joined (filled by :func:`fill_banks`)."""
        if len(span) > 1 and span not in self._wanted:
            self._wanted[span] = -1

    def text(self, span: Span) -> str:
        return join_segments([self.segments[i] for i in span])

    def vector(self, span: Span) -> FloatArray:
        if len(span) == 1:
            return self.vectors[span[0]]
        return self._overlaps[self._wanted[span]]

    def pending(self) -> list[Span]:
        return [span for span, row in self._wanted.items() if row < 0]

    def store(self, spans: Sequence[Span], vectors: FloatArray) -> None:
        start = len(self._overlaps)
        self._overlaps = np.vstack((self._overlaps, vectors)) if len(self._overlaps) else vectors
        for k, span in enumerate(spans):
            self._wanted[span] = start + k


def fill_banks(banks: Sequence[SpanBank], encoder: Encoder) -> int:
    """Embed every pending overlap of every bank in one encoder call; returns how many."""
    pending = [(bank, bank.pending()) for bank in banks]
    texts = [bank.text(span) for bank, spans in pending for span in spans]
    if not texts:
        return 0
    vectors = encode_checked(encoder, texts)
    offset = 0
    for bank, spans in pending:
        bank.store(spans, vectors[offset : offset + len(spans)])
        offset += len(spans)
    return len(texts)
