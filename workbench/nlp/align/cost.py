"""Normalised cosine costs of beads, computed for a whole band at once.

A bead's cost is ``1 - cos(x, y)`` between the embeddings of its two sides
(concatenated segments for multi-segment sides, i.e. overlap embeddings),
divided by how far ``x`` and ``y`` are on average from the other text's
segments: 1.0 is "no closer than a random pair", whatever the model's cosine
range. The mean distance to a set of unit vectors is ``1 - x . mean``, so the
normaliser costs one dot product per vector (and needs no random sampling).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from workbench.nlp.align.dp import IntArray
from workbench.nlp.types import FloatArray

CHUNK_FLOATS = 8_000_000  # floats gathered at once (32 MB) when scoring a band


@dataclass
class Side:
    """One text's vectors: ``spans[k]`` holds embeddings of ``k`` segments starting at each index.

    ``spans[1]`` is the sentence embeddings; rows of longer spans that were not
    embedded are zero, and ``known[k]`` says which rows are real.
    """

    spans: dict[int, FloatArray]
    known: dict[int, npt.NDArray[np.bool_]] = field(default_factory=dict)

    @classmethod
    def of(cls, vectors: FloatArray) -> Side:
        return cls(spans={1: vectors}, known={1: np.ones(len(vectors), dtype=bool)})

    @property
    def size(self) -> int:
        return len(self.spans[1])

    def mean(self) -> FloatArray:
        return np.asarray(self.spans[1].mean(axis=0), dtype=np.float32)


def _distance_to(vectors: FloatArray, other_mean: FloatArray) -> FloatArray:
    return np.maximum(1.0 - vectors @ other_mean, 1e-3).astype(np.float32)


def bead_costs(
    src: Side,
    tgt: Side,
    lo: IntArray,
    hi: IntArray,
    shape: tuple[int, int],
) -> npt.NDArray[np.float32]:
    """Cost of an ``(a, b)`` bead (``a, b >= 1``) ending at every cell of the band.

    Cells where the bead does not fit, or a needed span was not embedded, cost inf.
    """
    a, b = shape
    n = len(lo) - 1
    width = int(np.max(hi - lo)) + 1
    src_vecs, tgt_vecs = src.spans[a], tgt.spans[b]
    src_dist = _distance_to(src_vecs, tgt.mean())
    tgt_dist = _distance_to(tgt_vecs, src.mean())
    out = np.full((n + 1, width), np.inf, dtype=np.float32)
    dim = src_vecs.shape[1]
    rows_per_chunk = max(1, CHUNK_FLOATS // max(1, width * dim))
    offsets = np.arange(width)
    for first in range(a, n + 1, rows_per_chunk):
        rows = np.arange(first, min(n + 1, first + rows_per_chunk))
        src_start = rows - a
        cols = lo[rows, None] + offsets[None, :]
        tgt_start = cols - b
        fits = (cols <= hi[rows, None]) & (tgt_start >= 0) & (tgt_start < len(tgt_vecs))
        safe = np.clip(tgt_start, 0, len(tgt_vecs) - 1)
        fits &= src.known[a][src_start][:, None] & tgt.known[b][safe]
        cos = np.einsum("rd,rwd->rw", src_vecs[src_start], tgt_vecs[safe])
        norm = 0.5 * (src_dist[src_start][:, None] + tgt_dist[safe])
        out[rows] = np.where(fits, (1.0 - cos) / norm, np.inf)
    return out


def paragraph_penalty(
    src_paragraphs: Sequence[int] | None,
    tgt_paragraphs: Sequence[int] | None,
    lo: IntArray,
    hi: IntArray,
    cost: float,
) -> npt.NDArray[np.float32] | None:
    """``cost`` at cells that cut at a paragraph break on one side only, else 0.

    Used only when both sides have several paragraphs in similar numbers;
    otherwise paragraph breaks say nothing about where the other side breaks.
    """
    if src_paragraphs is None or tgt_paragraphs is None or cost == 0:
        return None
    src_breaks, tgt_breaks = _breaks(src_paragraphs), _breaks(tgt_paragraphs)
    src_count, tgt_count = int(src_breaks.sum()) - 1, int(tgt_breaks.sum()) - 1
    if min(src_count, tgt_count) < 2 or max(src_count, tgt_count) > 1.34 * min(src_count, tgt_count):
        return None
    width = int(np.max(hi - lo)) + 1
    cols = np.clip(lo[:, None] + np.arange(width)[None, :], 0, len(tgt_breaks) - 1)
    mismatch = src_breaks[:, None] != tgt_breaks[cols]
    return np.where(mismatch, np.float32(cost), np.float32(0.0)).astype(np.float32)


def _breaks(paragraphs: Sequence[int]) -> npt.NDArray[np.bool_]:
    """``breaks[i]``: a paragraph ends before segment ``i`` (true at both ends)."""
    para = np.asarray(paragraphs)
    inner = para[1:] != para[:-1]
    return np.concatenate(([True], inner, [True]))
