"""Pass 2 on one gap: every bead shape within the band, with overlap embeddings.

With ``overlaps="selective"`` only overlaps near doubtful spots of the first
pass are embedded, and beads needing any other overlap are not considered
there (the first pass was confident those places are 1-1). With
``overlaps="none"`` the renormalised sum of the sentence vectors stands in.

A merged bead also pays the gain check (:func:`gain_penalty`): if it is no
better than the same bead without one end segment, that segment is probably
an omission or belongs to the next bead, and is not absorbed for free."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.cost import Side, bead_costs, length_costs, paragraph_penalty
from workbench.nlp.align.dp import IntArray, solve_banded
from workbench.nlp.align.spans import SpanBank


def gap_side(bank: SpanBank, indices: Sequence[int], config: AlignConfig,
             stand_in: bool = True) -> Side:
    """The vectors pass 2 needs for the segments ``indices`` of one text.

    Without ``stand_in``, overlaps that were not embedded are marked unknown (their
    rows are zero) and beads that need them are not considered.
    """
    positions = np.asarray(indices, dtype=np.int64)
    sentences = bank.vectors[positions]
    side = Side.of(sentences, [len(bank.segments[i]) for i in indices])
    cumulative: np.ndarray | None = None
    if stand_in:
        cumulative = np.concatenate(
            (np.zeros((1, sentences.shape[1])), np.cumsum(sentences, axis=0)))
    solo = np.concatenate(([0], np.cumsum(bank.solo[positions])))
    for size in range(2, max(config.max_src, config.max_tgt) + 1):
        count = max(0, len(indices) - size + 1)
        starts, ends = positions[:count], positions[size - 1 : size - 1 + count]
        whole = ends - starts == size - 1  # a one-sided anchor inside: no bead across it
        whole &= solo[size : size + count] == solo[:count]  # nor across a publisher line
        real, known = bank.overlaps(size, np.where(whole, starts, 0))
        known &= whole
        if cumulative is not None:
            sums = cumulative[size : size + count] - cumulative[:count]
            vectors = (sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9))
            vectors = vectors.astype(np.float32)
            vectors[known] = real[known]
            known |= whole
        else:
            real[~known] = 0.0
            vectors = real
        side.spans[size] = vectors
        side.known[size] = known
    return side


def size_weight(shape: tuple[int, int]) -> np.float32:
    """A bead's cost counts once per segment pair it stands for: ``(a + b) / 2``."""
    return np.float32(sum(shape) / 2)


def shifted(costs: np.ndarray, lo: IntArray, rows_back: int, cols_back: int) -> np.ndarray:
    """``costs`` of the beads ending at ``(i - rows_back, j - cols_back)``, stored at ``(i, j)``.

    Cells whose shifted cell lies outside the band get inf.
    """
    n, width = len(lo) - 1, costs.shape[1]
    rows = np.arange(n + 1)
    before = np.maximum(rows - rows_back, 0)
    offsets = (lo[rows] - lo[before])[:, None] + np.arange(width)[None, :] - cols_back
    fits = (rows >= rows_back)[:, None] & (offsets >= 0) & (offsets < width)
    picked = costs[before[:, None], np.clip(offsets, 0, width - 1)]
    return np.where(fits, picked, np.inf).astype(np.float32)


def gain_penalty(
    plain: dict[tuple[int, int], np.ndarray], lo: IntArray, shape: tuple[int, int],
    margin: float, gate: float = 0.0,
) -> np.ndarray:
    """How much worse (plus ``margin``) a merged bead is than its best sub-bead, or 0.

    The sub-beads drop the first or the last segment of one side; a bead that
    gains nothing over one of them has absorbed a segment that belongs elsewhere
    or nowhere (an omission), as Bertalign's check against sub-alignments says.
    Only sub-beads whose dropped segment, paired alone with the bead's other
    side, costs more than ``gate`` count (a segment that matches is no intruder).
    """
    a, b = shape
    pairs = []  # (sub-bead cost, cost of the dropped segment with the other side)
    if a > 1:
        pairs += [(plain[(a - 1, b)], shifted(plain[(1, b)], lo, a - 1, 0)),
                  (shifted(plain[(a - 1, b)], lo, 1, 0), plain[(1, b)])]
    if b > 1:
        pairs += [(plain[(a, b - 1)], shifted(plain[(a, 1)], lo, 0, b - 1)),
                  (shifted(plain[(a, b - 1)], lo, 0, 1), plain[(a, 1)])]
    best = np.minimum.reduce([np.where(dropped > gate, sub, np.inf) for sub, dropped in pairs])
    whole = plain[shape]
    with np.errstate(invalid="ignore"):
        gap = np.where(np.isfinite(best) & np.isfinite(whole), whole - best + margin, 0.0)
    return np.maximum(gap, 0.0).astype(np.float32)


def solve_gap(
    src: Side,
    tgt: Side,
    lo: IntArray,
    hi: IntArray,
    config: AlignConfig,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    gaps: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]] | None = None,
) -> tuple[list[tuple[int, int]], list[float]]:
    """The cheapest bead shapes through the band, and each bead's similarity cost.

    ``gaps`` (source and target masks, :func:`band.gap_masks`) mark the segments
    the first pass found inside long runs paired with nothing: they cost only
    ``gap_skip_cost`` left alone, so that an omitted passage is left out as one
    block rather than spread into the beads around it.
    """
    width = int(np.max(hi - lo)) + 1
    penalty = paragraph_penalty(src_paragraphs, tgt_paragraphs, lo, hi, config.paragraph_cost)
    extra = np.zeros((len(lo), width), dtype=np.float32) if penalty is None else penalty
    skips = extra + np.float32(config.skip_cost)
    src_skips = tgt_skips = skips
    if gaps is not None and (gaps[0].any() or gaps[1].any()):
        cheap, skip = np.float32(config.gap_skip_cost), np.float32(config.skip_cost)
        row_gap = np.concatenate(([False], gaps[0]))  # row i: source segment i - 1 left alone
        src_skips = extra + np.where(row_gap[:, None], cheap, skip)
        cols = np.clip(lo[:, None] + np.arange(width)[None, :], 0, len(gaps[1]))
        tgt_skips = extra + np.where(np.concatenate(([False], gaps[1]))[cols], cheap, skip)
    shapes = config.bead_types()
    plain = {shape: bead_costs(src, tgt, lo, hi, shape, margin_weight=config.margin_weight)
             for shape in shapes if shape != (1, 0)}
    costs = []
    for shape in shapes:
        if shape == (1, 0):
            costs.append(src_skips)
            continue
        cost = plain[shape] + np.float32(config.length_cost) * length_costs(src, tgt, lo, hi, shape)
        cost = cost * size_weight(shape) + extra + np.float32(config.merge_cost * (sum(shape) - 2))
        if sum(shape) > 2 and config.gain_cost:
            cost = cost + np.float32(config.gain_cost) * gain_penalty(
                plain, lo, shape, config.gain_margin, config.gain_gate)
        costs.append(cost)
    path = solve_banded(lo, hi, shapes, costs, tgt_skips)
    own: list[float] = []
    i = j = 0
    for a, b in path:
        i, j = i + a, j + b
        own.append(float(plain[(a, b)][i, j - lo[i]]) if a and b else float(config.skip_cost))
    return path, own
