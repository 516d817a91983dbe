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

MAX_BLOCK_ROWS = 256  # band rows scored at once, at most
MIN_BLOCK_ROWS = 64


def block_rows(width: int) -> int:
    """Rows scored at once: about the band's width, so that the block's column range (rows
    plus width, for a diagonal band) is not much wider than the band itself."""
    return int(np.clip(width, MIN_BLOCK_ROWS, MAX_BLOCK_ROWS))


def banded_dot(x: FloatArray, y: FloatArray, cols: IntArray) -> FloatArray:
    """``out[r, k] = x[r] . y[cols[r, k]]``, for ``cols`` within ``0..len(y) - 1``.

    One matrix product of ``x`` with the contiguous rows of ``y`` that ``cols``
    spans, then a pick of the band's entries: far cheaper in time and memory than
    gathering ``len(x) * width`` vectors of ``y``.
    """
    first, last = int(cols.min()), int(cols.max())
    block = x @ y[first : last + 1].T
    return np.asarray(np.take_along_axis(block, cols - first, axis=1), dtype=np.float32)


def fitting_dot(x: FloatArray, y: FloatArray, y_known: npt.NDArray[np.bool_], cols: IntArray,
                fits: npt.NDArray[np.bool_], active: npt.NDArray[np.bool_]) -> FloatArray:
    """``out[r, k] = x[r'] . y[cols[r, k]]`` where ``fits[r, k]`` (``r'``: the rank of ``r``
    among the ``active`` rows, those with a fitting cell; ``x`` holds only them), else 0.

    The product only takes the active rows and the known columns of ``y`` the
    fitting cells span: where overlaps were embedded selectively, a small part of
    the band.
    """
    out = np.zeros(cols.shape, dtype=np.float32)
    wanted = cols[fits]
    first, last = int(wanted.min()), int(wanted.max())
    known = y_known[first : last + 1]
    rank = np.cumsum(known) - 1
    block = x @ y[first : last + 1][known].T
    row_rank = np.cumsum(active) - 1
    out[fits] = block[np.broadcast_to(row_rank[:, None], cols.shape)[fits], rank[wanted - first]]
    return out


@dataclass
class Side:
    """One text's vectors: ``spans[k]`` holds embeddings of ``k`` segments starting at each index.

    ``spans[1]`` is the sentence embeddings; rows of longer spans that were not
    embedded are zero, and ``known[k]`` says which rows are real.
    """

    spans: dict[int, FloatArray]
    known: dict[int, npt.NDArray[np.bool_]] = field(default_factory=dict)
    chars: npt.NDArray[np.float64] | None = None
    """Cumulative character counts (``chars[k]`` = length of the first ``k`` segments)."""
    _mean: FloatArray | None = None
    _distances: dict[tuple[int, int], FloatArray] = field(default_factory=dict)
    _near: dict[tuple[int, int, int], FloatArray] = field(default_factory=dict)

    @classmethod
    def of(cls, vectors: FloatArray, lengths: Sequence[int] | None = None) -> Side:
        chars = None
        if lengths is not None:
            chars = np.concatenate(([0.0], np.cumsum(lengths, dtype=np.float64)))
        return cls(spans={1: vectors}, known={1: np.ones(len(vectors), dtype=bool)}, chars=chars)

    @property
    def size(self) -> int:
        return len(self.spans[1])

    def mean(self) -> FloatArray:
        if self._mean is None:
            self._mean = np.asarray(self.spans[1].mean(axis=0), dtype=np.float32)
        return self._mean

    def near_band(self, size: int, other: Side, lo: IntArray, width: int) -> FloatArray:
        """``out[i, k]``: cosine of the ``size``-span ending at ``i`` with the other text's
        sentence at column ``lo[i] + k - pad`` (clipped into the text), memoised per band;
        ``pad`` (one more than the other side's longest span) is the width beyond ``width``.

        Every bead shape with ``size`` segments on this side reads its margin term
        from here, so the band is computed once per size rather than once per shape.
        """
        key = (size, id(other), id(lo))
        if key not in self._near:
            n, sentences = len(lo) - 1, other.spans[1]
            pad = max(other.spans) + 1
            out = np.zeros((n + 1, width + pad), dtype=np.float32)
            offsets = np.arange(-pad, width)
            step = block_rows(width + pad)
            for first in range(size, n + 1, step):
                rows = np.arange(first, min(n + 1, first + step))
                rows = rows[self.known[size][rows - size]]  # the others are never read
                if len(rows):
                    cols = np.clip(lo[rows, None] + offsets[None, :], 0, len(sentences) - 1)
                    out[rows] = banded_dot(self.spans[size][rows - size], sentences, cols)
            self._near[key] = out
        return self._near[key]

    def distances(self, size: int, other: Side) -> FloatArray:
        """Mean cosine distance of each ``size``-span to the other text's segments (memoised)."""
        key = (size, id(other))
        if key not in self._distances:
            self._distances[key] = _distance_to(self.spans[size], other.mean())
        return self._distances[key]


def _distance_to(vectors: FloatArray, other_mean: FloatArray) -> FloatArray:
    return np.maximum(1.0 - vectors @ other_mean, 1e-3).astype(np.float32)


def step_costs(src: FloatArray, tgt: FloatArray, rows: IntArray, cols: IntArray) -> FloatArray:
    """Normalised cost of pairing ``src[rows[k]]`` with ``tgt[cols[k]]``, for each ``k``."""
    cos = np.einsum("kd,kd->k", src[rows], tgt[cols])
    src_dist = _distance_to(src[rows], tgt.mean(axis=0))
    norm = 0.5 * (src_dist + _distance_to(tgt[cols], src.mean(axis=0)))
    return np.asarray((1.0 - cos) / norm, dtype=np.float32)


def bead_costs(
    src: Side,
    tgt: Side,
    lo: IntArray,
    hi: IntArray,
    shape: tuple[int, int],
    length_weight: float = 0.0,
    margin_weight: float = 0.0,
) -> npt.NDArray[np.float32]:
    """Cost of an ``(a, b)`` bead (``a, b >= 1``) ending at every cell of the band.

    ``margin_weight`` adds Bertalign's margin: the bead costs more where each side
    is about as close to the sentences just around the other side (an ambiguous
    boundary) than to the other side itself; a pair whose neighbours are as far as
    random pairs is unchanged.

    Cells where the bead does not fit, or a needed span was not embedded, cost inf.
    """
    a, b = shape
    n = len(lo) - 1
    width = int(np.max(hi - lo)) + 1
    src_vecs, tgt_vecs = src.spans[a], tgt.spans[b]
    src_dist = src.distances(a, tgt)
    tgt_dist = tgt.distances(b, src)
    out = np.full((n + 1, width), np.inf, dtype=np.float32)
    if not len(src_vecs) or not len(tgt_vecs):
        return out  # the bead is longer than one of the texts
    offsets = np.arange(width)
    # where few spans were embedded, the products take few rows or columns: big blocks
    sparse = float(np.mean(src.known[a])) * float(np.mean(tgt.known[b])) < 0.5
    step = MAX_BLOCK_ROWS if sparse else block_rows(width)
    for first in range(a, n + 1, step):
        rows = np.arange(first, min(n + 1, first + step))
        src_start = rows - a
        cols = lo[rows, None] + offsets[None, :]
        tgt_start = cols - b
        fits = (cols <= hi[rows, None]) & (tgt_start >= 0) & (tgt_start < len(tgt_vecs))
        safe = np.clip(tgt_start, 0, len(tgt_vecs) - 1)
        fits &= src.known[a][src_start][:, None] & tgt.known[b][safe]
        if not fits.any():
            continue
        active = np.asarray(fits.any(axis=1))
        x = src_vecs[src_start[active]]
        norm = 0.5 * (src_dist[src_start][:, None] + tgt_dist[safe])
        if margin_weight:
            # cost - w * ((1 - near) / norm - 1), near = (x . tgt around + y . src around) / 4,
            # folded into one product of y with (x - w/4 * source sentences around)
            x = x - 0.25 * margin_weight * _around(src.spans[1], src_start[active], rows[active])
            cos = fitting_dot(x, tgt_vecs, tgt.known[b], safe, fits, active)
            near_tgt = _near_target(src.near_band(a, tgt, lo, width)[rows], offsets, b)
            cost = (1.0 - margin_weight - cos + 0.25 * margin_weight * near_tgt) / norm
            cost = cost + margin_weight
        else:
            cost = (1.0 - fitting_dot(x, tgt_vecs, tgt.known[b], safe, fits, active)) / norm
        if length_weight and src.chars is not None and tgt.chars is not None:
            cost = cost + length_weight * _length_mismatch(src.chars, tgt.chars, rows, a, cols, b)
        out[rows] = np.where(fits, cost, np.inf)
    return out


def _around(sentences: FloatArray, start: IntArray, end: IntArray) -> FloatArray:
    """Sum of the sentence just before ``start`` and the one at ``end`` (clipped into the text)."""
    last = len(sentences) - 1
    return np.asarray(sentences[np.clip(start - 1, 0, last)] + sentences[np.clip(end, 0, last)])


def _near_target(near_rows: FloatArray, offsets: IntArray, b: int) -> FloatArray:
    """Cosine of each row's source span with the target sentences just before and after a
    ``b``-span ending at each cell, summed (from :meth:`Side.near_band`)."""
    pad = near_rows.shape[1] - len(offsets)
    return np.asarray(near_rows[:, offsets + pad - b - 1] + near_rows[:, offsets + pad])


def length_costs(
    src: Side, tgt: Side, lo: IntArray, hi: IntArray, shape: tuple[int, int]
) -> npt.NDArray[np.float32]:
    """The length cue of an ``(a, b)`` bead ending at every cell of the band (0 without lengths)."""
    a, b = shape
    n = len(lo) - 1
    width = int(np.max(hi - lo)) + 1
    out = np.zeros((n + 1, width), dtype=np.float32)
    if src.chars is None or tgt.chars is None:
        return out
    rows = np.arange(a, n + 1)
    cols = lo[rows, None] + np.arange(width)[None, :]
    out[rows] = _length_mismatch(src.chars, tgt.chars, rows, a, cols, b)
    return out


def _length_mismatch(
    src_chars: npt.NDArray[np.float64],
    tgt_chars: npt.NDArray[np.float64],
    rows: npt.NDArray[np.int64],
    a: int,
    cols: npt.NDArray[np.int64],
    b: int,
) -> npt.NDArray[np.float64]:
    """``|log|`` of the bead's length ratio against the texts' overall ratio (Gale-Church's cue)."""
    ratio = max(tgt_chars[-1], 1.0) / max(src_chars[-1], 1.0)
    src_len = (src_chars[rows] - src_chars[rows - a])[:, None] * ratio
    safe = np.clip(cols, 0, len(tgt_chars) - 1)  # cells where the bead does not fit: any value
    tgt_len = tgt_chars[safe] - tgt_chars[np.maximum(safe - b, 0)]
    smooth = 10.0 * max(ratio, 1.0)
    return np.asarray(np.abs(np.log((src_len + smooth) / (tgt_len + smooth))))


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
    fewer, more = sorted((src_count, tgt_count))
    if fewer < 2 or more > 1.34 * fewer:
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
