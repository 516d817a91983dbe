"""Embeddings of one text's segments and of runs of consecutive segments ("overlaps").

An overlap is named by its first segment and its size. Several pair alignments
of an N-way comparison share one bank per version, and every overlap any of
them needs is embedded in a single batched call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from workbench.nlp.align.boilerplate import solo_mask
from workbench.nlp.align.errors import AlignError
from workbench.nlp.align.text import join_segments
from workbench.nlp.types import Encoder, FloatArray

IndexArray = npt.NDArray[np.int64]
MISSING, WANTED = -1, -2


def encode_checked(encoder: Encoder, texts: Sequence[str]) -> FloatArray:
    """``encoder.encode`` with its output checked: one finite row per text, unit length."""
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
        self._row: dict[int, IndexArray] = {}  # size -> overlap row per first segment
        self._overlaps: list[FloatArray] = []
        self._store: FloatArray | None = None  # the overlaps as one array (made on first read)
        self._stored = 0
        self._solo: npt.NDArray[np.bool_] | None = None

    @property
    def solo(self) -> npt.NDArray[np.bool_]:
        """:func:`boilerplate.solo_mask` of the segments (computed once)."""
        if self._solo is None:
            self._solo = solo_mask(self.segments)
        return self._solo

    def rows(self, size: int) -> IndexArray:
        """Row of each ``size``-overlap in the store, by first segment (negative: none)."""
        if size not in self._row:
            self._row[size] = np.full(max(0, len(self.segments) - size + 1), MISSING)
        return self._row[size]

    def want(self, size: int, starts: IndexArray) -> None:
        """Ask for the overlaps of ``size`` segments starting at ``starts``."""
        rows = self.rows(size)
        chosen = rows[starts]
        rows[starts] = np.where(chosen == MISSING, WANTED, chosen)

    def overlaps(self, size: int, starts: IndexArray) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """Vectors of the overlaps at ``starts`` (zero where not embedded), and which are real."""
        rows = self.rows(size)[starts] if len(starts) else np.zeros(0, dtype=np.int64)
        known = rows >= 0
        dim = self.vectors.shape[1]
        out = np.zeros((len(starts), dim), dtype=np.float32)
        if known.any():
            if self._store is None:
                self._store = np.concatenate(self._overlaps)
                self._overlaps = [self._store]  # the parts are not kept twice
            out[known] = self._store[rows[known]]
        return out, known

    def pending(self) -> list[tuple[int, int]]:
        return [(size, int(start)) for size, rows in sorted(self._row.items())
                for start in np.flatnonzero(rows == WANTED)]

    def text(self, size: int, start: int) -> str:
        return join_segments(self.segments[start : start + size])

    def store(self, spans: Sequence[tuple[int, int]], vectors: FloatArray) -> None:
        for k, (size, start) in enumerate(spans):
            self._row[size][start] = self._stored + k
        self._overlaps.append(vectors)
        self._store = None
        self._stored += len(spans)


FILL_BATCH = 256
"""Overlap texts embedded per encoder call (progress is reported after each)."""


def fill_banks(banks: Sequence[SpanBank], encoder: Encoder,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Embed every pending overlap of every bank; returns how many.

    ``progress(done, total)`` is called after each batch of :data:`FILL_BATCH` texts.
    """
    pending = [(bank, bank.pending()) for bank in banks]
    texts = [bank.text(size, start) for bank, spans in pending for size, start in spans]
    if not texts:
        return 0
    parts = []
    for start in range(0, len(texts), FILL_BATCH):
        parts.append(encode_checked(encoder, texts[start : start + FILL_BATCH]))
        if progress is not None:
            progress(min(start + FILL_BATCH, len(texts)), len(texts))
    vectors = np.concatenate(parts)
    offset = 0
    for bank, spans in pending:
        if spans:
            bank.store(spans, vectors[offset : offset + len(spans)])
        offset += len(spans)
    return len(texts)
