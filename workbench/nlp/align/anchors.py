"""Reviewer anchors of a pairwise alignment: checked, split into hard (two-sided) and
one-sided ones, and the one-sided ones put back among the aligned beads."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from workbench.nlp.align.errors import AlignError
from workbench.nlp.types import Bead


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
                raise AlignError(
                    f"anchor {bead.kind} names a {side} segment outside 0..{limit - 1}")
            if indices and list(indices) != list(range(indices[0], indices[0] + len(indices))):
                raise AlignError(
                    f"anchor {bead.kind} has non-consecutive {side} segments {indices}")
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
    for before, after in itertools.pairwise(hard):
        if after.tgt[0] <= before.tgt[-1]:
            raise AlignError(f"anchors {before.src}:{before.tgt} and {after.src}:{after.tgt} cross")
    return hard, src_alone, tgt_alone


def with_singles(beads: list[Bead], src_alone: set[int], tgt_alone: set[int]) -> list[Bead]:
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
