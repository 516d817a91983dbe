"""Pairwise alignment: reviewer anchors split the texts into gaps, each gap is aligned in two passes.

Pass 1 (:mod:`band`) finds a 1-1 path on sentence embeddings; pass 2 searches
every bead shape of :class:`AlignConfig` within a band around it, with overlap
embeddings of the joined segments (Vecalign's idea) and normalised costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workbench.nlp.align.band import band_around, first_pass_path
from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.cost import Side, bead_costs, paragraph_penalty
from workbench.nlp.align.dp import IntArray, solve_banded
from workbench.nlp.align.errors import AlignError
from workbench.nlp.align.spans import SpanBank
from workbench.nlp.types import Bead


@dataclass
class Gap:
    """Segments between two hard anchors (global indices), with the pass-1 band."""

    src: list[int]
    tgt: list[int]
    lo: IntArray | None = None
    hi: IntArray | None = None


class PairJob:
    """Aligning one pair: plan (pass 1, overlap requests), then :meth:`solve` once banks are filled."""

    def __init__(
        self,
        src: SpanBank,
        tgt: SpanBank,
        *,
        src_paragraphs: Sequence[int] | None,
        tgt_paragraphs: Sequence[int] | None,
        anchors: Sequence[Bead],
        config: AlignConfig,
    ) -> None:
        self.src, self.tgt, self.config = src, tgt, config
        n, m = len(src.segments), len(tgt.segments)
        self.src_paragraphs = _checked_paragraphs(src_paragraphs, n, "source")
        self.tgt_paragraphs = _checked_paragraphs(tgt_paragraphs, m, "target")
        self.hard, self.src_alone, self.tgt_alone = split_anchors(anchors, n, m)
        self.gaps = _gaps(self.hard, self.src_alone, self.tgt_alone, n, m)
        for gap in self.gaps:
            if gap.src and gap.tgt:
                self._plan(gap)

    def _plan(self, gap: Gap) -> None:
        cfg = self.config
        path = first_pass_path(self.src.vectors[gap.src], self.tgt.vectors[gap.tgt], cfg)
        gap.lo, gap.hi = band_around(path, len(gap.src), len(gap.tgt), cfg.band)
        for bank, indices, most in ((self.src, gap.src, cfg.max_src), (self.tgt, gap.tgt, cfg.max_tgt)):
            for size in range(2, min(most, cfg.max_total - 1) + 1):  # overlaps the shapes use
                for start in range(len(indices) - size + 1):
                    bank.want(tuple(indices[start : start + size]))

    def solve(self) -> list[Bead]:
        beads: list[Bead] = []
        hard = iter(self.hard)
        for number, gap in enumerate(self.gaps):
            if number:
                beads.append(next(hard))
            beads.extend(self._solve_gap(gap))
        return _with_singles(beads, self.src_alone, self.tgt_alone)

    def _solve_gap(self, gap: Gap) -> list[Bead]:
        if not gap.tgt:
            return [Bead((i,), ()) for i in gap.src]
        if not gap.src:
            return [Bead((), (j,)) for j in gap.tgt]
        assert gap.lo is not None and gap.hi is not None
        cfg, lo, hi = self.config, gap.lo, gap.hi
        src_side, tgt_side = _side(self.src, gap.src, cfg), _side(self.tgt, gap.tgt, cfg)
        width = int(np.max(hi - lo)) + 1
        penalty = paragraph_penalty(
            None if self.src_paragraphs is None else [self.src_paragraphs[i] for i in gap.src],
            None if self.tgt_paragraphs is None else [self.tgt_paragraphs[j] for j in gap.tgt],
            lo, hi, cfg.paragraph_cost,
        )
        extra = np.zeros((len(lo), width), dtype=np.float32) if penalty is None else penalty
        skips = extra + np.float32(cfg.skip_cost)
        shapes = cfg.bead_types()
        costs = [skips if shape == (1, 0) else
                 bead_costs(src_side, tgt_side, lo, hi, shape)
                 + extra + np.float32(cfg.merge_cost * (sum(shape) - 2))
                 for shape in shapes]
        path = solve_banded(lo, hi, shapes, costs, skips)
        beads, i, j = [], 0, 0
        for a, b in path:
            beads.append(Bead(tuple(gap.src[i : i + a]), tuple(gap.tgt[j : j + b])))
            i, j = i + a, j + b
        return beads


def _side(bank: SpanBank, indices: list[int], config: AlignConfig) -> Side:
    side = Side.of(bank.vectors[indices])
    dim = side.spans[1].shape[1]
    for size in range(2, max(config.max_src, config.max_tgt) + 1):
        count = max(0, len(indices) - size + 1)
        vectors = np.zeros((count, dim), dtype=np.float32)
        known = np.zeros(count, dtype=bool)
        for start in range(count):
            span = tuple(indices[start : start + size])
            try:
                vectors[start] = bank.vector(span)
                known[start] = True
            except KeyError:
                continue
        side.spans[size], side.known[size] = vectors, known
    return side


def _checked_paragraphs(paragraphs: Sequence[int] | None, count: int, side: str) -> list[int] | None:
    if paragraphs is None:
        return None
    values = list(paragraphs)
    if len(values) != count:
        raise AlignError(f"{side} paragraphs list {len(values)} numbers for {count} segments")
    return values


def split_anchors(
    anchors: Sequence[Bead], n: int, m: int
) -> tuple[list[Bead], set[int], set[int]]:
    """Anchors with both sides (hard splits, in order) and the one-sided ones' indices."""
    hard: list[Bead] = []
    src_alone: set[int] = set()
    tgt_alone: set[int] = set()
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    for bead in anchors:
        for indices, limit, used, side in ((bead.src, n, used_src, "source"),
                                           (bead.tgt, m, used_tgt, "target")):
            if any(not 0 <= i < limit for i in indices):
                raise AlignError(f"anchor {bead.kind} names a {side} segment outside 0..{limit - 1}")
            if indices and list(indices) != list(range(indices[0], indices[0] + len(indices))):
                raise AlignError(f"anchor {bead.kind} has non-consecutive {side} segments {indices}")
            if used & set(indices):
                raise AlignError(f"{side} segment {min(used & set(indices))} is in two anchors")
            used.update(indices)
        if bead.src and bead.tgt:
            hard.append(bead)
        elif bead.src:
            src_alone.update(bead.src)
        elif bead.tgt:
            tgt_alone.update(bead.tgt)
    hard.sort(key=lambda b: b.src[0])
    for before, after in zip(hard, hard[1:], strict=False):
        if after.tgt[0] <= before.tgt[-1]:
            raise AlignError(f"anchors {before.src}:{before.tgt} and {after.src}:{after.tgt} cross")
    return hard, src_alone, tgt_alone


def _gaps(hard: list[Bead], src_alone: set[int], tgt_alone: set[int], n: int, m: int) -> list[Gap]:
    """The stretches before, between and after the hard anchors, minus one-sided anchors."""
    starts = [(0, 0)] + [(b.src[-1] + 1, b.tgt[-1] + 1) for b in hard]
    stops = [(b.src[0], b.tgt[0]) for b in hard] + [(n, m)]
    return [
        Gap([i for i in range(s0, s1) if i not in src_alone],
            [j for j in range(t0, t1) if j not in tgt_alone])
        for (s0, t0), (s1, t1) in zip(starts, stops, strict=True)
    ]


def _with_singles(beads: list[Bead], src_alone: set[int], tgt_alone: set[int]) -> list[Bead]:
    """Put the one-sided anchors back, each just before the first bead that comes after it."""
    src_left, tgt_left = sorted(src_alone), sorted(tgt_alone)
    result: list[Bead] = []
    for bead in beads:
        while src_left and bead.src and src_left[0] < bead.src[0]:
            result.append(Bead((src_left.pop(0),), ()))
        while tgt_left and bead.tgt and tgt_left[0] < bead.tgt[0]:
            result.append(Bead((), (tgt_left.pop(0),)))
        result.append(bead)
    result.extend(Bead((i,), ()) for i in src_left)
    result.extend(Bead((), (j,)) for j in tgt_left)
    return result
