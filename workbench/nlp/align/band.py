"""First pass: a cheap 1-1 path that tells the final pass where to look.

Small pairs are searched over the whole grid. Larger ones are averaged two
segments at a time, recursively (as Vecalign does), the path found on the
coarse grid is projected onto the fine one, and only a band around it is
searched, so the cost grows about linearly with the length of the texts.

On a grid searched whole, the path first goes through each segment's nearest
candidates only: where one text leaves a passage out, that path skips it as
one block (a gap, cheap to leave alone in the final pass) instead of pairing it
with unrelated neighbours; the 1-1 path is then searched again with every pair
near it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.cost import Side, bead_costs
from workbench.nlp.align.dp import IntArray, solve_banded
from workbench.nlp.types import FloatArray

COARSE_BAND = 4  # half-width, in fine segments, around a projected coarse path


def full_band(n: int, m: int) -> tuple[IntArray, IntArray]:
    """Every column on every row."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)


@dataclass
class FirstPass:
    """The 1-1 path the band is built around, and the segments it leaves out in long runs."""

    path: IntArray
    src_gap: npt.NDArray[np.bool_]
    """``src_gap[i]``: source segment ``i`` lies inside a long run of segments paired with
    nothing (an omission or an insertion; see :func:`gap_masks`)."""
    tgt_gap: npt.NDArray[np.bool_]


def first_pass_path(src: FloatArray, tgt: FloatArray, config: AlignConfig) -> IntArray:
    """The cells ``(i, j)`` of a 1-1 / 1-0 / 0-1 path, as an ``(k, 2)`` array."""
    return first_pass(src, tgt, config).path


def first_pass(src: FloatArray, tgt: FloatArray, config: AlignConfig, scale: int = 1) -> FirstPass:
    """The 1-1 path, and the long runs it leaves out (``scale``: segments per vector).

    Where the whole grid of the segments themselves is searched, the path first
    goes through the candidate pairs only (:func:`candidates_only`): its long
    one-sided runs of skips are the gaps; then it is searched again with every
    pair, ``first_pass_refine`` segments around that path (so a pair that is
    nobody's near candidate is still found where it is the only way). Larger
    pairs (a coarse grid first) and the coarse grids themselves keep every pair
    and find no gaps: on averaged vectors the candidates are too unsure.
    """
    n, m = len(src), len(tgt)
    whole = n * m <= config.full_cells or min(n, m) < 16 or (
        scale == 1 and config.first_pass_candidates > 0 and n * m <= config.candidate_cells)
    coarse = None
    if whole:
        lo, hi = full_band(n, m)
    else:
        coarse = first_pass(_halve(src), _halve(tgt), config, 2 * scale)
        lo, hi = band_around(coarse.path * 2, n, m, COARSE_BAND)
    pairs = bead_costs(Side.of(src), Side.of(tgt), lo, hi, (1, 1))
    if coarse is not None or scale > 1 or not config.first_pass_candidates:
        path = _one_one(lo, hi, pairs, config)
        return FirstPass(path, np.zeros(n, dtype=bool), np.zeros(m, dtype=bool))
    path = _one_one(lo, hi, candidates_only(pairs, config.first_pass_candidates), config)
    src_gap, tgt_gap = gap_masks(path, n, m, config.gap_run, config.gap_edge)
    if config.first_pass_refine:  # every pair again, but only near the candidates' path
        lo, hi = band_around(path, n, m, config.first_pass_refine)
        path = _one_one(lo, hi, bead_costs(Side.of(src), Side.of(tgt), lo, hi, (1, 1)), config)
    return FirstPass(path, src_gap, tgt_gap)


def _one_one(lo: IntArray, hi: IntArray, pairs: FloatArray, config: AlignConfig) -> IntArray:
    width = int(np.max(hi - lo)) + 1
    skips = np.full((len(lo), width), np.float32(config.first_pass_skip), dtype=np.float32)
    return cells_of(solve_banded(lo, hi, [(1, 0), (1, 1)], [skips, pairs], skips))


def gap_masks(path: IntArray, n: int, m: int, min_run: int,
              edge: int) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The segments of one side skipped in a run of steps without a pair where that side
    skips at least ``min_run`` more than the other, less ``edge`` segments at each end
    (where a merge may still belong)."""
    masks = (np.zeros(n, dtype=bool), np.zeros(m, dtype=bool))
    steps, ends = np.diff(path, axis=0), path[1:]
    paired = (steps[:, 0] == 1) & (steps[:, 1] == 1)
    bounds = np.flatnonzero(np.diff(np.concatenate(([1], paired.astype(np.int8), [1]))))
    for first, stop in zip(bounds[::2], bounds[1::2], strict=True):
        used = [ends[first:stop][steps[first:stop, side] == 1, side] - 1 for side in (0, 1)]
        for side in (0, 1):
            # one side's run: where both sides skip alike, the pairs are weak, not missing
            if len(used[side]) - len(used[1 - side]) >= min_run:
                masks[side][used[side][edge : len(used[side]) - edge]] = True
    return masks


def candidates_only(pairs: FloatArray, keep: int) -> FloatArray:
    """The 1-1 costs over the whole grid, with every pair that is not among the ``keep``
    cheapest of its source row or of its target column made impossible (inf).

    Where one text leaves a passage out, any pair of segments costs less than
    skipping both (a random pair costs about 1.0, two skips more), so a 1-1 path
    would rather pair the passage with unrelated neighbours across a long
    stretch than leave it alone. Unrelated segments are seldom among each
    other's nearest, so with this rule the path skips the passage, as
    Bertalign's first pass does with its ``top_k`` candidates.
    """
    inner = pairs[1:, 1:]
    n, m = inner.shape
    if keep >= min(n, m):
        return pairs
    row_limit = np.partition(inner, keep - 1, axis=1)[:, keep - 1 : keep]
    col_limit = np.partition(inner, keep - 1, axis=0)[keep - 1 : keep, :]
    out = np.full_like(pairs, np.inf)
    out[1:, 1:] = np.where((inner <= row_limit) | (inner <= col_limit), inner, np.inf)
    return out


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
