"""Slow reference paths of the aligner, kept only to test the fast ones against.

These are the aligner's earlier, plainer implementations: band costs by
gathering every cell's vectors (``einsum`` over ``rows x width x dim``), the
dynamic programme one shape at a time per row, stand-in overlap vectors built
everywhere, and a first pass on those slow band costs.
:func:`slow_paths` swaps them in, so a test can align the same pair both ways
and ask for the same beads.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from workbench.nlp.align import band, pair, search
from workbench.nlp.align.boilerplate import solo_mask
from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.cost import Side, _around, _distance_to, _length_mismatch, _near_target
from workbench.nlp.align.dp import INSERT, START, IntArray, _trace
from workbench.nlp.align.spans import SpanBank
from workbench.nlp.types import FloatArray

BLOCK_ROWS = 256


def near_band(side: Side, size: int, other: Side, lo: IntArray, width: int) -> FloatArray:
    n, sentences = len(lo) - 1, other.spans[1]
    pad = max(other.spans) + 1
    out = np.zeros((n + 1, width + pad), dtype=np.float32)
    offsets = np.arange(-pad, width)
    for first in range(size, n + 1, BLOCK_ROWS):
        rows = np.arange(first, min(n + 1, first + BLOCK_ROWS))
        cols = np.clip(lo[rows, None] + offsets[None, :], 0, len(sentences) - 1)
        out[rows] = np.einsum("rd,rwd->rw", side.spans[size][rows - size], sentences[cols])
    return out


def bead_costs(src: Side, tgt: Side, lo: IntArray, hi: IntArray, shape: tuple[int, int],
               length_weight: float = 0.0, margin_weight: float = 0.0) -> np.ndarray:
    a, b = shape
    n = len(lo) - 1
    width = int(np.max(hi - lo)) + 1
    src_vecs, tgt_vecs = src.spans[a], tgt.spans[b]
    src_dist = _distance_to(src_vecs, tgt.mean())
    tgt_dist = _distance_to(tgt_vecs, src.mean())
    out = np.full((n + 1, width), np.inf, dtype=np.float32)
    if not len(src_vecs) or not len(tgt_vecs):
        return out
    near = near_band(src, a, tgt, lo, width) if margin_weight else None
    offsets = np.arange(width)
    for first in range(a, n + 1, BLOCK_ROWS):
        rows = np.arange(first, min(n + 1, first + BLOCK_ROWS))
        src_start = rows - a
        cols = lo[rows, None] + offsets[None, :]
        tgt_start = cols - b
        fits = (cols <= hi[rows, None]) & (tgt_start >= 0) & (tgt_start < len(tgt_vecs))
        safe = np.clip(tgt_start, 0, len(tgt_vecs) - 1)
        fits &= src.known[a][src_start][:, None] & tgt.known[b][safe]
        x, y = src_vecs[src_start], tgt_vecs[safe]
        norm = 0.5 * (src_dist[src_start][:, None] + tgt_dist[safe])
        if near is not None:
            around = _around(src.spans[1], src_start, rows)
            cos = np.einsum("rd,rwd->rw", x - 0.25 * margin_weight * around, y)
            near_tgt = _near_target(near[rows], offsets, b)
            cost = (1.0 - margin_weight - cos + 0.25 * margin_weight * near_tgt) / norm
            cost = cost + margin_weight
        else:
            cost = (1.0 - np.einsum("rd,rwd->rw", x, y)) / norm
        if length_weight and src.chars is not None and tgt.chars is not None:
            cost = cost + length_weight * _length_mismatch(src.chars, tgt.chars, rows, a, cols, b)
        out[rows] = np.where(fits, cost, np.inf)
    return out


def solve_banded(lo: IntArray, hi: IntArray, shapes: Sequence[tuple[int, int]],
                 costs: Sequence[np.ndarray], insert_costs: np.ndarray) -> list[tuple[int, int]]:
    n = len(lo) - 1
    width = int(np.max(hi - lo)) + 1
    span = hi - lo
    offsets = np.arange(width)
    left = max((b for _, b in shapes), default=0)
    total = np.full((n + 1, left + 2 * width), np.inf)
    back = np.full((n + 1, width), START, dtype=np.int8)
    steps = np.zeros((n + 1, width))
    if width > 1:
        steps[:, 1:] = np.cumsum(insert_costs[:, 1:], axis=1, dtype=np.float64)
    cand = np.empty((len(shapes), width))
    for i in range(n + 1):
        for k, (a, b) in enumerate(shapes):
            shift = int(lo[i] - lo[i - a]) - b if a <= i else width
            if shift >= width:
                cand[k] = np.inf
            else:
                start = left + shift
                np.add(total[i - a, start : start + width], costs[k][i], out=cand[k])
        choice = cand.argmin(axis=0)
        best = cand[choice, offsets]
        code = choice.astype(np.int8)
        if i == 0:
            best[0], code[0] = 0.0, START
        best[span[i] + 1 :] = np.inf
        shifted = best - steps[i]
        running = np.minimum.accumulate(shifted)
        row = total[i, left : left + width]
        np.add(running, steps[i], out=row)
        row[span[i] + 1 :] = np.inf
        inserted = running < shifted
        if inserted.any():
            origin = np.maximum.accumulate(np.where(inserted, 0, offsets))
            code = np.where(origin == offsets, code, np.int8(INSERT))
        back[i] = code
    return _trace(lo, hi, back, shapes)


def first_pass(src: FloatArray, tgt: FloatArray, config: AlignConfig,
               scale: int = 1) -> band.FirstPass:
    """The first pass with the slow band costs (the candidates and the gap masks as in
    :func:`band.first_pass`, from its pure helpers)."""
    n, m = len(src), len(tgt)
    whole = n * m <= config.full_cells or min(n, m) < 16 or (
        scale == 1 and config.first_pass_candidates > 0 and n * m <= config.candidate_cells)
    if whole:
        lo, hi = band.full_band(n, m)
    else:
        coarse = first_pass(band._halve(src), band._halve(tgt), config, 2 * scale)
        lo, hi = band.band_around(coarse.path * 2, n, m, band.COARSE_BAND)
    pairs = bead_costs(Side.of(src), Side.of(tgt), lo, hi, (1, 1))
    none = (np.zeros(n, dtype=bool), np.zeros(m, dtype=bool))
    if not whole or scale > 1 or not config.first_pass_candidates:
        return band.FirstPass(_one_one(lo, hi, pairs, config), *none)
    path = _one_one(lo, hi, band.candidates_only(pairs, config.first_pass_candidates), config)
    gaps = band.gap_masks(path, n, m, config.gap_run, config.gap_edge)
    if config.first_pass_refine:
        lo, hi = band.band_around(path, n, m, config.first_pass_refine)
        path = _one_one(lo, hi, bead_costs(Side.of(src), Side.of(tgt), lo, hi, (1, 1)), config)
    return band.FirstPass(path, *gaps)


def _one_one(lo: IntArray, hi: IntArray, pairs: FloatArray, config: AlignConfig) -> IntArray:
    width = int(np.max(hi - lo)) + 1
    skips = np.full((len(lo), width), np.float32(config.first_pass_skip), dtype=np.float32)
    return band.cells_of(solve_banded(lo, hi, [(1, 0), (1, 1)], [skips, pairs], skips))


def gap_side(bank: SpanBank, indices: Sequence[int], config: AlignConfig,
             stand_in: bool = True) -> Side:
    """Stand-in vectors (renormalised sums) built for every overlap, used or not."""
    sentences = bank.vectors[list(indices)]
    side = Side.of(sentences, [len(bank.segments[i]) for i in indices])
    cumulative: np.ndarray = np.concatenate(
        (np.zeros((1, sentences.shape[1])), np.cumsum(sentences, axis=0)))
    solo = np.concatenate(([0], np.cumsum(solo_mask([bank.segments[i] for i in indices]))))
    for size in range(2, max(config.max_src, config.max_tgt) + 1):
        count = max(0, len(indices) - size + 1)
        sums = cumulative[size : size + count] - cumulative[:count]
        vectors = (sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9))
        vectors = vectors.astype(np.float32)
        starts = np.asarray(indices[:count], dtype=np.int64)
        ends = np.asarray(indices[size - 1 : size - 1 + count], dtype=np.int64)
        whole = ends - starts == size - 1
        whole &= solo[size : size + count] == solo[:count]
        real, known = bank.overlaps(size, np.where(whole, starts, 0))
        known &= whole
        vectors[known] = real[known]
        known |= whole & stand_in
        side.spans[size] = vectors
        side.known[size] = known
    return side


def slow_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swap the reference paths in for the rest of the test."""
    monkeypatch.setattr(pair, "first_pass", first_pass)
    monkeypatch.setattr(pair, "gap_side", gap_side)
    monkeypatch.setattr(search, "bead_costs", bead_costs)
    monkeypatch.setattr(search, "solve_banded", solve_banded)
