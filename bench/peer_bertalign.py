"""The peer: Bertalign's published algorithm, re-implemented from its paper and README.

Liu & Zhu (2022), "Bertalign: Improved word embedding-based sentence alignment
for Chinese-English parallel corpora of literary texts" (DSH), and the
README's options (``max_align=5, top_k=3, win=5, skip=-0.1, margin=True,
len_penalty=True``). Written from that description, not from its code:

1. Every sentence and every run of up to ``max_align - 1`` consecutive
   sentences ("overlaps", the segments joined) is embedded.
2. First pass: each source sentence keeps its ``top_k`` most similar target
   sentences (cosine); a dynamic programme picks the monotone 1-1 path through
   those candidates with the highest total similarity (the anchors).
3. Second pass: a dynamic programme over every bead ``a-b`` with
   ``a + b <= max_align`` (and 1-0 / 0-1 at the fixed ``skip`` score), within
   ``win`` target sentences of the anchor path. A bead scores the cosine of its
   two overlap embeddings, minus (``margin``) the mean similarity of each side
   with the sentences just around the other side, times (``len_penalty``)
   ``log2(1 + shorter / longer)`` of the two sides' character lengths (the
   source side scaled by the texts' overall length ratio).

The model and the embedding cache are the workbench's own, so the benchmarks
compare the two algorithms and nothing else. The banded dynamic programme is
the workbench's solver (:func:`solve_banded`), fed the peer's scores as costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workbench.nlp.align.dp import IntArray, solve_banded
from workbench.nlp.align.spans import encode_checked
from workbench.nlp.align.text import join_segments
from workbench.nlp.types import Bead, Encoder, FloatArray

BLOCK = 256


@dataclass(frozen=True)
class PeerConfig:
    """Bertalign's published defaults."""

    max_align: int = 5
    top_k: int = 3
    win: int = 5
    skip: float = -0.1
    margin: bool = True
    len_penalty: bool = True


def overlap_vectors(segments: Sequence[str], most: int, encoder: Encoder) -> dict[int, FloatArray]:
    """``{size: vectors}``: the embedding of ``segments[s : s + size]`` joined, for every start."""
    texts: list[str] = []
    counts: dict[int, int] = {}
    for size in range(1, most + 1):
        count = max(0, len(segments) - size + 1)
        counts[size] = count
        if size == 1:  # the sentences as they are, as the workbench embeds them (shared cache)
            texts += list(segments)
        else:
            texts += [join_segments(segments[s : s + size]) for s in range(count)]
    vectors = encode_checked(encoder, texts)
    out, offset = {}, 0
    for size, count in counts.items():
        out[size] = vectors[offset : offset + count]
        offset += count
    return out


def anchor_path(src: FloatArray, tgt: FloatArray, top_k: int) -> list[tuple[int, int]]:
    """The monotone 1-1 pairs, among each source sentence's ``top_k`` candidates, of highest total.

    A weighted longest increasing subsequence over the candidate pairs, with a
    Fenwick tree of running maxima over target positions.
    """
    n, m = len(src), len(tgt)
    k = min(top_k, m)
    sims = src @ tgt.T
    cands = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < m else np.tile(np.arange(m), (n, 1))
    tree_best = np.zeros(m + 1)
    tree_at = np.full(m + 1, -1, dtype=np.int64)
    scores: list[float] = []
    links: list[int] = []
    pairs: list[tuple[int, int]] = []

    def best_before(j: int) -> tuple[float, int]:  # best chain ending at a column < j
        value, at, pos = 0.0, -1, j
        while pos > 0:
            if tree_best[pos] > value:
                value, at = float(tree_best[pos]), int(tree_at[pos])
            pos -= pos & -pos
        return value, at

    for i in range(n):
        found = [(j, *best_before(int(j))) for j in sorted(cands[i])]
        for j, before, at in found:  # insert after all queries: one pair per source row
            node = len(pairs)
            pairs.append((i, int(j)))
            scores.append(before + float(sims[i, j]))
            links.append(at)
            pos = int(j) + 1
            while pos <= m:
                if scores[node] > tree_best[pos]:
                    tree_best[pos], tree_at[pos] = scores[node], node
                pos += pos & -pos
    if not pairs:
        return []
    node = int(np.argmax(scores))
    chain = []
    while node >= 0:
        chain.append(pairs[node])
        node = links[node]
    return chain[::-1]


def window_band(
    anchors: list[tuple[int, int]], n: int, m: int, win: int
) -> tuple[IntArray, IntArray]:
    """Target columns open to each grid row: between the anchors around it, ``win`` either side."""
    below = np.zeros(n + 1, dtype=np.int64)  # column of the last anchor ending at or before row i
    above = np.full(n + 1, m, dtype=np.int64)  # column of the first anchor ending at or after row i
    for i, j in anchors:
        below[i + 1 :] = np.maximum(below[i + 1 :], j + 1)
        above[: i + 2] = np.minimum(above[: i + 2], j + 1)
    lo = np.clip(below - win, 0, m)
    hi = np.clip(np.maximum(above, below) + win, 0, m)
    lo = np.maximum.accumulate(lo)
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, m
    lo = np.minimum(lo, hi)
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    return lo, hi


def bead_scores(
    src: dict[int, FloatArray], tgt: dict[int, FloatArray], src_chars: npt.NDArray[np.float64],
    tgt_chars: npt.NDArray[np.float64], lo: IntArray, hi: IntArray, shape: tuple[int, int],
    config: PeerConfig,
) -> npt.NDArray[np.float64]:
    """The peer's score of an ``a-b`` bead ending at every cell of the band (-inf: no fit)."""
    a, b = shape
    n, m = len(lo) - 1, len(tgt[1])
    width = int(np.max(hi - lo)) + 1
    out = np.full((n + 1, width), -np.inf)
    if a not in src or b not in tgt or not len(src[a]) or not len(tgt[b]):
        return out
    ratio = max(tgt_chars[-1], 1.0) / max(src_chars[-1], 1.0)
    offsets = np.arange(width)
    for first in range(a, n + 1, BLOCK):
        rows = np.arange(first, min(n + 1, first + BLOCK))
        s0 = rows - a
        cols = lo[rows, None] + offsets[None, :]
        t0 = cols - b
        fits = (cols <= hi[rows, None]) & (t0 >= 0) & (t0 < len(tgt[b]))
        t_safe = np.clip(t0, 0, len(tgt[b]) - 1)
        x = src[a][s0]
        cos = np.einsum("rd,rwd->rw", x, tgt[b][t_safe])
        if config.margin:
            before_t = np.clip(t0 - 1, 0, m - 1)
            after_t = np.clip(cols, 0, m - 1)
            tgt_side = 0.5 * (np.einsum("rd,rwd->rw", x, tgt[1][before_t])
                              + np.einsum("rd,rwd->rw", x, tgt[1][after_t]))
            y = tgt[b][t_safe]
            before_s = np.clip(s0 - 1, 0, len(src[1]) - 1)
            after_s = np.clip(rows, 0, len(src[1]) - 1)
            src_side = 0.5 * (np.einsum("rwd,rd->rw", y, src[1][before_s])
                              + np.einsum("rwd,rd->rw", y, src[1][after_s]))
            cos = cos - 0.5 * (tgt_side + src_side)
        if config.len_penalty:
            src_len = (src_chars[rows] - src_chars[s0])[:, None] * ratio
            t_end = np.clip(cols, b, m)
            tgt_len = tgt_chars[t_end] - tgt_chars[t_end - b]
            short, long_ = np.minimum(src_len, tgt_len), np.maximum(src_len, tgt_len)
            cos = cos * np.log2(1.0 + short / np.maximum(long_, 1.0))
        out[rows] = np.where(fits, cos, -np.inf)
    return out


def align_peer(
    src: Sequence[str], tgt: Sequence[str], encoder: Encoder, config: PeerConfig | None = None
) -> list[Bead]:
    """Bertalign's two passes on one pair of texts: monotone beads covering every index once."""
    cfg = config or PeerConfig()
    n, m = len(src), len(tgt)
    if not n or not m:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    most = cfg.max_align - 1
    src_vecs = overlap_vectors(src, most, encoder)
    tgt_vecs = overlap_vectors(tgt, most, encoder)
    anchors = anchor_path(src_vecs[1], tgt_vecs[1], cfg.top_k)
    lo, hi = window_band(anchors, n, m, cfg.win)
    src_chars = np.concatenate(([0.0], np.cumsum([len(s) for s in src], dtype=np.float64)))
    tgt_chars = np.concatenate(([0.0], np.cumsum([len(t) for t in tgt], dtype=np.float64)))
    shapes = [(1, 0)] + [(a, b) for a in range(1, most + 1) for b in range(1, most + 1)
                         if a + b <= cfg.max_align]
    width = int(np.max(hi - lo)) + 1
    skip_cost = np.full((n + 1, width), -cfg.skip)
    costs = [skip_cost]
    for shape in shapes[1:]:
        costs.append(-bead_scores(src_vecs, tgt_vecs, src_chars, tgt_chars, lo, hi, shape, cfg))
    path = solve_banded(lo, hi, shapes, costs, skip_cost)
    beads, i, j = [], 0, 0
    for a, b in path:
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return beads
