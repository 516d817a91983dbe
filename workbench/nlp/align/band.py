"""First pass: a cheap 1-1 path that tells the final pass where to look.

Small pairs are searched over the whole grid. Larger ones are averaged two
segments at a time, recursively (as Vecalign does), the path found on the
coarse grid is projected onto the fine one, and only a band around it is
searched, so the cost grows about linearly with the length of the texts.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.cost import Side, bead_costs
from workbench.nlp.align.dp import IntArray, solve_banded
from workbench.nlp.types import FloatArray

COARSE_BAND = 4  # half-width, in fine segments, around a projected coarse path


def full_band(n: int, m: int) -> tuple[IntArray, IntArray]:
    """Every column on every row."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)


def first_pass_path(src: FloatArray, tgt: FloatArray, config: AlignConfig) -> IntArray:
    """The cells ``(i, j)`` of a 1-1 / 1-0 / 0-1 path, as an ``(k, 2)`` array."""
    n, m = len(src), len(tgt)
    if n * m <= config.full_cells or min(n, m) < 16:
        lo, hi = full_band(n, m)
    else:
        coarse = first_pass_path(_halve(src), _halve(tgt), config)
        lo, hi = band_around(coarse * 2, n, m, COARSE_BAND)
    shapes = [(1, 0), (1, 1)]
    skip = np.float32(config.first_pass_skip)
    width = int(np.max(hi - lo)) + 1
    skips = np.full((n + 1, width), skip, dtype=np.float32)
    pairs = bead_costs(Side.of(src), Side.of(tgt), lo, hi, (1, 1))
    return cells_of(solve_banded(lo, hi, shapes, [skips, pairs], skips))


def cells_of(beads: list[tuple[int, int]]) -> IntArray:
    """The grid cells a path of bead shapes passes through, (0, 0) included."""
    steps = np.asarray([(0, 0), *beads], dtype=np.int64)
    return np.cumsum(steps, axis=0)


def band_around(path: IntArray, n: int, m: int, half_width: int) -> tuple[IntArray, IntArray]:
    """Columns within ``half_width`` of the path, looking ``half_width`` rows up and down.

    The result is monotone and connected, so the final pass can always finish.
    """
    rows = np.clip(path[:, 0], 0, n)
    cols = np.clip(path[:, 1], 0, m)
    row_min = np.full(n + 1, m, dtype=np.int64)
    row_max = np.zeros(n + 1, dtype=np.int64)
    np.minimum.at(row_min, rows, cols)
    np.maximum.at(row_max, rows, cols)
    # rows the path skipped (coarse projections) take their neighbours' columns
    seen = np.zeros(n + 1, dtype=bool)
    seen[rows] = True
    row_min = np.minimum.accumulate(np.where(seen, row_min, m)[::-1])[::-1]
    row_max = np.maximum.accumulate(np.where(seen, row_max, 0))
    pad_min = np.concatenate((np.full(half_width, row_min[0]), row_min, np.full(half_width, m)))
    pad_max = np.concatenate((np.zeros(half_width, dtype=np.int64), row_max,
                              np.full(half_width, row_max[-1])))
    lo = sliding_window_view(pad_min, 2 * half_width + 1).min(axis=1) - half_width
    hi = sliding_window_view(pad_max, 2 * half_width + 1).max(axis=1) + half_width
    lo = np.clip(np.maximum.accumulate(lo), 0, m)
    hi = np.clip(np.maximum.accumulate(hi), 0, m)
    lo[0], hi[-1] = 0, m
    lo = np.minimum(lo, hi)
    lo[1:] = np.minimum(lo[1:], hi[:-1])  # each row reaches the next
    return lo.astype(np.int64), hi.astype(np.int64)


def _halve(vectors: FloatArray) -> FloatArray:
    """Mean of each consecutive pair of vectors (the last one alone if odd), renormalised."""
    count = len(vectors)
    padded = vectors if count % 2 == 0 else np.vstack((vectors, vectors[-1:]))
    pairs = padded.reshape(-1, 2, vectors.shape[1]).sum(axis=1)
    norms = np.linalg.norm(pairs, axis=1, keepdims=True)
    return (pairs / np.maximum(norms, 1e-9)).astype(np.float32)
