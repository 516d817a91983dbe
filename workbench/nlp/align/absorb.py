"""Third pass: a lone segment (1-0 / 0-1 bead) joins a neighbouring bead if that costs nothing.

The banded search leaves a segment alone when pairing it is dearer than the
skip cost. Often the segment is the second half of a split sentence (a gold
1-2 aligned as 1-1 + 0-1) and the overlap embedding of the bead with it was
never made, or the merge paid the search's merge and length costs. This pass
embeds, for every lone segment, the neighbouring bead with the segment added
(the model's own embedding of the joined text, as Bertalign's overlaps), and
merges when the joined bead's normalised cost is not worse than the
neighbour's own by more than ``absorb_margin``. A segment that the other text
really leaves out makes the joined bead clearly worse, so it stays alone.

Anchors (reviewer-confirmed beads, one-sided or not) and publisher lines
(:mod:`boilerplate`) are never merged.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from workbench.nlp.align.boilerplate import is_boilerplate
from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.spans import SpanBank
from workbench.nlp.types import Bead, FloatArray


@dataclass(frozen=True)
class Candidate:
    """Lone bead ``lone`` joining bead ``into`` (its neighbour) gives ``merged``."""

    lone: int
    into: int
    merged: Bead


def candidates(beads: Sequence[Bead], fixed: Collection[int], src: SpanBank, tgt: SpanBank,
               config: AlignConfig) -> list[Candidate]:
    """Every lone bead next to a paired bead it could join (both not ``fixed`` positions)."""
    found: list[Candidate] = []
    for k, bead in enumerate(beads):
        if k in fixed or (bead.src and bead.tgt) or not (bead.src or bead.tgt):
            continue
        side, bank = (0, src) if bead.src else (1, tgt)
        (index,) = (bead.src or bead.tgt)[:1]
        if is_boilerplate(bank.segments[index]):
            continue
        for near in (k - 1, k + 1):
            if not 0 <= near < len(beads) or near in fixed:
                continue
            other = beads[near]
            if not (other.src and other.tgt):
                continue
            part = (other.src, other.tgt)[side]
            joined = (*part, index) if near < k else (index, *part)
            if list(joined) != list(range(joined[0], joined[0] + len(joined))):
                continue  # a one-sided anchor between them
            if len(joined) + len((other.tgt, other.src)[side]) > config.absorb_max_total:
                continue
            if any(is_boilerplate(bank.segments[i]) for i in part):
                continue
            merged = Bead(joined, other.tgt) if side == 0 else Bead(other.src, joined)
            found.append(Candidate(k, near, merged))
    return found


def request(found: Sequence[Candidate], beads: Sequence[Bead], src: SpanBank,
            tgt: SpanBank) -> None:
    """Ask the banks for the spans the candidates' costs need (filled in one batch later)."""
    for cand in found:
        for bead in (cand.merged, beads[cand.into]):
            for bank, part in ((src, bead.src), (tgt, bead.tgt)):
                if len(part) > 1:
                    bank.want(len(part), np.asarray([part[0]], dtype=np.int64))


def span_vector(bank: SpanBank, part: tuple[int, ...]) -> FloatArray:
    if len(part) == 1:
        return bank.vectors[part[0]]
    vectors, known = bank.overlaps(len(part), np.asarray([part[0]], dtype=np.int64))
    if not known[0]:
        raise ValueError(f"overlap {part} was not embedded")
    return vectors[0]


class Coster:
    """Normalised cost of a bead: ``1 - cos`` over the mean distance of both sides to the
    other text (as :mod:`cost`), so that 1.0 is "no closer than a random pair"."""

    def __init__(self, src: SpanBank, tgt: SpanBank) -> None:
        self.src, self.tgt = src, tgt
        self.src_mean = src.vectors.mean(axis=0)
        self.tgt_mean = tgt.vectors.mean(axis=0)

    def __call__(self, bead: Bead) -> float:
        x, y = span_vector(self.src, bead.src), span_vector(self.tgt, bead.tgt)
        norm = 0.5 * (max(1.0 - float(x @ self.tgt_mean), 1e-3)
                      + max(1.0 - float(y @ self.src_mean), 1e-3))
        return (1.0 - float(x @ y)) / norm


def absorbed(beads: Sequence[Bead], found: Sequence[Candidate], src: SpanBank, tgt: SpanBank,
             config: AlignConfig) -> list[Bead]:
    """The beads with each lone segment merged where its best candidate costs no more than
    the neighbour alone plus ``absorb_margin``; best gains first, each bead changed once."""
    cost = Coster(src, tgt)
    scored = []
    for cand in found:
        gain = cost(beads[cand.into]) + config.absorb_margin - cost(cand.merged)
        if gain >= 0:
            scored.append((-gain, cand.lone, cand))
    scored.sort(key=lambda item: (item[0], item[1]))
    used: set[int] = set()
    replaced: dict[int, Bead] = {}
    for _, _, cand in scored:
        if cand.lone in used or cand.into in used:
            continue
        used.update((cand.lone, cand.into))
        replaced[cand.into] = cand.merged
    return [replaced.get(k, bead) for k, bead in enumerate(beads)
            if not (k in used and k not in replaced)]
