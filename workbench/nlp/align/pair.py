"""Pairwise alignment: reviewer anchors split the texts into gaps, each aligned in two passes.

Pass 1 (:mod:`band`) finds a 1-1 path on sentence embeddings, and the long
one-sided runs it leaves out (gaps: an omitted or inserted passage, cheap to
leave alone in pass 2, so that it is not spread into the beads around it); pass 2 searches
every bead shape of :class:`AlignConfig` within a band around it, with overlap
embeddings of the joined segments (Vecalign's idea) and normalised costs; a
third pass (:mod:`absorb`, over the whole pair) lets a segment left alone join
a neighbouring bead when the joined bead is about as good.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from workbench.nlp.align.absorb import Candidate, absorbed, candidates, request
from workbench.nlp.align.anchors import split_anchors, with_singles
from workbench.nlp.align.band import band_around, first_pass
from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.cost import paragraph_penalty, step_costs
from workbench.nlp.align.dp import IntArray
from workbench.nlp.align.errors import AlignError
from workbench.nlp.align.search import gap_side, solve_gap
from workbench.nlp.align.spans import SpanBank
from workbench.nlp.align.threads import one_blas_thread
from workbench.nlp.types import Bead


@dataclass
class Gap:
    """Segments between two hard anchors (global indices), with the pass-1 band."""

    src: list[int]
    tgt: list[int]
    lo: IntArray | None = None
    hi: IntArray | None = None
    config: AlignConfig | None = None
    """The settings for this gap, their cost thresholds calibrated on its 1-1 pairs."""
    lone: tuple[np.ndarray, np.ndarray] | None = None
    """Source and target masks of the segments inside long runs the first pass left alone."""


class PairJob:
    """One pair: plan (pass 1, overlap requests), then :meth:`solve` once the banks are filled."""

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
        self.beads: list[Bead] = []
        """The result, once :meth:`absorb_step` returned False."""
        self._round = 0
        self._done = False
        self._candidates: list[Candidate] = []
        self._plan_gaps()

    @one_blas_thread
    def _plan_gaps(self) -> None:
        for gap in self.gaps:
            if gap.src and gap.tgt:
                self._plan(gap)

    def _plan(self, gap: Gap) -> None:
        """Pass 1, then ask the banks for the overlaps pass 2 will use."""
        self._vectors = (self.src.vectors[gap.src], self.tgt.vectors[gap.tgt])
        self._gap_paragraphs = self._paragraphs_of(gap)
        self._lengths = (np.array([len(self.src.segments[i]) for i in gap.src], dtype=np.float64),
                         np.array([len(self.tgt.segments[j]) for j in gap.tgt], dtype=np.float64))
        first = first_pass(*self._vectors, self.config)
        path, gap.lone = first.path, (first.src_gap, first.tgt_gap)
        cfg = gap.config = self._calibrated(path)
        gap.lo, gap.hi = band_around(path, len(gap.src), len(gap.tgt), cfg.band)
        if cfg.overlaps == "none":
            return
        for bank, indices, side in ((self.src, gap.src, 0), (self.tgt, gap.tgt, 1)):
            solo = np.concatenate(([0], np.cumsum(bank.solo[np.asarray(indices, dtype=np.int64)])))
            for size in cfg.overlap_sizes(side):
                rows = (self._doubtful(path, side, size, cfg) if cfg.overlaps == "selective"
                        else np.ones(len(indices), dtype=bool))
                count = len(indices) - size + 1
                if count <= 0:
                    continue
                position = np.asarray(indices, dtype=np.int64)
                covered = np.convolve(rows.astype(int), np.ones(size, dtype=int), "valid") == size
                whole = position[size - 1 :] - position[:count] == size - 1
                whole &= solo[size : size + count] == solo[:count]  # no merge of publisher lines
                bank.want(size, position[:count][covered & whole])

    def _calibrated(self, path: IntArray) -> AlignConfig:
        """The settings for one gap, the gain check's gate moved by its 1-1 pairs' median cost.

        The gate was set where a typical true pair costs ``gate_reference``
        (Text+Berg). Where the translation is freer (zh-en literary chapters: a
        median near 0.78), each part of a split sentence costs more paired alone,
        and a fixed gate would treat it as an intruder and keep it out of its
        bead. The rule applies to every document alike (no trigger), so its
        effect near the reference was measured on the documents tuned on.
        """
        cfg = self.config
        steps, ends = np.diff(path, axis=0), path[1:]
        pairs = (steps[:, 0] == 1) & (steps[:, 1] == 1)
        if not cfg.gate_scale or pairs.sum() < 8:
            return cfg
        costs = step_costs(self._vectors[0], self._vectors[1],
                           ends[pairs, 0] - 1, ends[pairs, 1] - 1)
        shift = cfg.gate_scale * (float(np.median(costs)) - cfg.gate_reference)
        return replace(cfg, gain_gate=max(0.0, cfg.gain_gate + shift))

    def _paragraphs_of(self, gap: Gap) -> tuple[list[int] | None, list[int] | None]:
        return (None if self.src_paragraphs is None else [self.src_paragraphs[i] for i in gap.src],
                None if self.tgt_paragraphs is None else [self.tgt_paragraphs[j] for j in gap.tgt])

    def _paragraph_clash(self, ends: IntArray) -> np.ndarray:
        """First-pass cuts at a paragraph break of one side only (merges may fix them)."""
        src_par, tgt_par = self._gap_paragraphs
        lo = np.zeros(len(src_par) + 1 if src_par is not None else 1, dtype=np.int64)
        hi = np.full(len(lo), len(tgt_par) if tgt_par is not None else 0, dtype=np.int64)
        penalty = paragraph_penalty(src_par, tgt_par, lo, hi, 1.0)
        if penalty is None:
            return np.zeros(len(ends), dtype=bool)
        return np.asarray(penalty[ends[:, 0], ends[:, 1]] > 0)

    def _length_gap(self, ends: IntArray) -> np.ndarray:
        """``|log|`` of each first-pass pair's length ratio over the texts' overall ratio."""
        src_len, tgt_len = self._lengths
        ratio = max(tgt_len.sum(), 1.0) / max(src_len.sum(), 1.0)
        src_part = src_len[np.maximum(ends[:, 0] - 1, 0)] * ratio
        tgt_part = tgt_len[np.maximum(ends[:, 1] - 1, 0)]
        smooth = 10.0 * max(ratio, 1.0)
        return np.asarray(np.abs(np.log((src_part + smooth) / (tgt_part + smooth))))

    def _doubtful(self, path: IntArray, side: int, size: int, cfg: AlignConfig) -> np.ndarray:
        """Segments of one side where an n-m bead using ``size`` of them is plausible.

        The 1-1 first pass shows where: near a skip, a poor pair or a pair whose
        lengths disagree; for runs of three, near ``run_skips`` skips of that side
        close together (a 1-3 bead leaves two, or one next to a poor pair); for
        runs of four, one skip more (a 1-4 bead leaves three).
        """
        steps, ends = np.diff(path, axis=0), path[1:]
        pairs = (steps[:, 0] == 1) & (steps[:, 1] == 1)
        if size == 2:
            costs = np.zeros(len(steps), dtype=np.float32)
            if pairs.any():
                costs[pairs] = step_costs(self._vectors[0], self._vectors[1],
                                          ends[pairs, 0] - 1, ends[pairs, 1] - 1)
            doubtful = ~pairs | (costs > cfg.uncertain_cost) | self._paragraph_clash(ends)
            if cfg.uncertain_length:
                doubtful |= pairs & (self._length_gap(ends) > cfg.uncertain_length)
        else:
            skips = (steps[:, side] == 1) & (steps[:, 1 - side] == 0)
            window = np.convolve(skips.astype(int), np.ones(2 * size - 1, dtype=int))
            near = window[size - 1 : size - 1 + len(skips)]  # skips within size-1 steps
            doubtful = near >= min(size - 1, cfg.run_skips + size - 3)
        rows = np.zeros(int(path[-1, side]) + 1, dtype=bool)
        margin = cfg.uncertain_margin + size - 2
        for end in ends[doubtful, side]:
            rows[max(0, end - 1 - margin) : end + margin] = True
        return rows[:-1]

    @one_blas_thread
    def absorb_step(self) -> bool:
        """One step of the third pass (:mod:`absorb`); True while the banks must be filled.

        The first call solves pass 2; each call applies the joins judged on the
        spans filled since the last one, then asks the banks for the next round's
        (a run of lone segments joins one segment a round, ``absorb_rounds`` at
        most). Read the result from :attr:`beads` once it returns False.
        """
        if self._done:
            return False
        if self._round == 0:
            self.beads = self.solve()
        elif self._candidates:
            self.beads = absorbed(self.beads, self._candidates, self.src, self.tgt, self.config)
        self._candidates = []
        if not self.config.absorb or self._round >= self.config.absorb_rounds:
            self._done = True
            return False
        self._round += 1
        hard = set(self.hard)
        fixed = {k for k, bead in enumerate(self.beads)
                 if bead in hard or any(i in self.src_alone for i in bead.src)
                 or any(j in self.tgt_alone for j in bead.tgt)}
        self._candidates = candidates(self.beads, fixed, self.src, self.tgt, self.config)
        request(self._candidates, self.beads, self.src, self.tgt)
        self._done = not self._candidates
        return not self._done

    def solve(self) -> list[Bead]:
        """The beads of pass 2, anchors included (no third pass)."""
        beads: list[Bead] = []
        hard = iter(self.hard)
        for number, gap in enumerate(self.gaps):
            if number:
                beads.append(next(hard))
            beads.extend(self._solve_gap(gap))
        return with_singles(beads, self.src_alone, self.tgt_alone)

    def _solve_gap(self, gap: Gap) -> list[Bead]:
        if not gap.tgt:
            return [Bead((i,), ()) for i in gap.src]
        if not gap.src:
            return [Bead((), (j,)) for j in gap.tgt]
        assert gap.lo is not None and gap.hi is not None
        cfg = gap.config or self.config
        path, _ = solve_gap(
            gap_side(self.src, gap.src, cfg, cfg.overlaps == "none"),
            gap_side(self.tgt, gap.tgt, cfg, cfg.overlaps == "none"), gap.lo, gap.hi, cfg,
            *self._paragraphs_of(gap), gaps=gap.lone,
        )
        beads, i, j = [], 0, 0
        for a, b in path:
            beads.append(Bead(tuple(gap.src[i : i + a]), tuple(gap.tgt[j : j + b])))
            i, j = i + a, j + b
        return beads


def _checked_paragraphs(
    paragraphs: Sequence[int] | None, count: int, side: str
) -> list[int] | None:
    if paragraphs is None:
        return None
    values = list(paragraphs)
    if len(values) != count:
        raise AlignError(f"{side} paragraphs list {len(values)} numbers for {count} segments")
    return values


def _gaps(hard: list[Bead], src_alone: set[int], tgt_alone: set[int], n: int, m: int) -> list[Gap]:
    """The stretches before, between and after the hard anchors, minus one-sided anchors."""
    starts = [(0, 0)] + [(b.src[-1] + 1, b.tgt[-1] + 1) for b in hard]
    stops = [(b.src[0], b.tgt[0]) for b in hard] + [(n, m)]
    return [
        Gap([i for i in range(s0, s1) if i not in src_alone],
            [j for j in range(t0, t1) if j not in tgt_alone])
        for (s0, t0), (s1, t1) in zip(starts, stops, strict=True)
    ]
