"""Gaps: an omitted or inserted passage is left out as one block, not spread into the beads
around it (the first pass's candidates, its gap masks and the cheap skips of pass 2)."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from bench.align_eval import Doc, load_docs
from bench.align_gaps import SEED, edited
from workbench.config import shared_dir
from workbench.nlp.align import AlignConfig, align_pair
from workbench.nlp.align.band import candidates_only, cells_of, gap_masks
from workbench.nlp.align.textberg import Scores
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.types import Bead, Encoder

WORDS = ["harbour", "winter", "boats", "shore", "children", "ships", "mayor", "bonfire",
         "square", "december", "march", "ice", "merchants", "losses", "steamer", "april",
         "river", "bridge", "mill", "baker", "bread", "church", "bell", "tower", "storm", "roof",
         "garden", "apple", "orchard", "cart", "horse", "road", "village", "market", "fish",
         "salt", "lamp", "window", "letter", "soldier"]
CUT = range(20, 36)


def test_candidates_are_the_nearest_of_their_row_or_column() -> None:
    inner = np.array([[0.1, 0.9, 0.8, 0.7],
                      [0.9, 0.2, 0.95, 0.6],
                      [0.5, 0.9, 0.9, 0.3]], dtype=np.float32)
    pairs = np.full((4, 5), np.inf, dtype=np.float32)
    pairs[1:, 1:] = inner
    kept = candidates_only(pairs, 1)
    allowed = np.isfinite(kept[1:, 1:])
    # each row's cheapest ((0, 0), (1, 1), (2, 3)) and each column's (column 2: row 0)
    assert allowed.tolist() == [[True, False, True, False],
                                [False, True, False, False],
                                [False, False, False, True]]
    assert np.array_equal(kept[1:, 1:][allowed], inner[allowed])
    assert np.isinf(kept[0]).all() and np.isinf(kept[:, 0]).all()
    assert np.array_equal(candidates_only(pairs, 3), pairs)  # as many as the side: all kept


def test_gap_masks_mark_one_sided_runs_only() -> None:
    steps = [(1, 1)] * 3 + [(1, 0)] * 12 + [(1, 1)] * 3 + [(1, 0), (0, 1)] * 8 + [(1, 1)]
    path = cells_of(steps)
    n, m = int(path[-1, 0]), int(path[-1, 1])
    src_gap, tgt_gap = gap_masks(path, n, m, min_run=10, edge=0)
    assert np.flatnonzero(src_gap).tolist() == list(range(3, 15))  # the one-sided run
    assert not tgt_gap.any()  # the run where both sides skip alike: weak pairs, no gap
    src_edge, _ = gap_masks(path, n, m, min_run=10, edge=2)
    assert np.flatnonzero(src_edge).tolist() == list(range(5, 13))
    assert not gap_masks(path, n, m, min_run=13, edge=0)[0].any()


def _noisy_pair() -> tuple[list[str], list[str]]:
    """Sixty sentences of shared words, and a noisy "translation" without 20..35."""
    rng = random.Random(3)
    src = [" ".join(rng.sample(WORDS, 6)) for _ in range(60)]
    tgt = []
    for sentence in src:
        words = sentence.split()
        for k in rng.sample(range(6), 3):
            words[k] = rng.choice(WORDS)
        tgt.append(" ".join(words))
    return src, [t for j, t in enumerate(tgt) if j not in CUT]


def _alone(beads: list[Bead]) -> list[int]:
    return [i for b in beads if not b.tgt for i in b.src if i in CUT]


def test_omitted_passage_stays_one_block(fake_encoder: FakeEncoder) -> None:
    src, tgt = _noisy_pair()
    beads = align_pair(src, tgt, fake_encoder)
    assert len(_alone(beads)) >= len(CUT) - 2
    assert not [b for b in beads if b.tgt and set(b.src) & set(CUT) and len(b.src) > 1]
    # without the candidates and the cheap skips the passage is spread into beads
    old = replace(AlignConfig(), first_pass_candidates=0, gap_skip_cost=AlignConfig().skip_cost)
    assert len(_alone(align_pair(src, tgt, FakeEncoder(), config=old))) < len(CUT) - 2


def _prefix(doc: Doc, count: int) -> Doc:
    """The first ``count`` source segments of ``doc``, the target up to their partners."""
    gold = [b for b in doc.gold if b[0] and max(b[0]) < count]
    stop = max(j for b in gold for j in b[1]) + 1
    gold = [b for b in doc.gold if all(i < count for i in b[0]) and all(j < stop for j in b[1])]
    return Doc(doc.name, doc.src[:count], doc.tgt[:stop], gold)


@pytest.mark.model
def test_real_model_leaves_an_omitted_passage_alone(encoder: Encoder) -> None:
    """A MAC-dev chapter's first 100 Chinese sentences, 30 English ones taken out of the
    middle: the Chinese left without partners stay alone, not spread into the beads around."""
    docs = load_docs(shared_dir() / "data" / "mac-dev", "zh", "en", ["004"])
    if not docs:
        pytest.skip("MAC-dev data not found")
    start = _prefix(docs[0], 100)
    variant = edited(start, "omit-tgt-30", random.Random(SEED), (start.src, start.tgt))
    lone_gold = {b[0][0] for b in variant.gold if b[0] and not b[1]}
    assert len(lone_gold) >= 20
    old = replace(AlignConfig(), first_pass_candidates=0, gap_skip_cost=AlignConfig().skip_cost)
    lax, alone = [], []
    for config in (AlignConfig(), old):
        beads = align_pair(variant.src, variant.tgt, encoder, config=config)
        scores = Scores()
        scores.add(variant.gold, [(b.src, b.tgt) for b in beads])
        lax.append(scores.figures()["lax_f1"])
        alone.append(len(lone_gold & {i for b in beads if not b.tgt for i in b.src}))
    assert alone[0] >= 0.9 * len(lone_gold)
    assert alone[0] > alone[1] and lax[0] > lax[1]  # the gap is what made the difference
