"""The third pass (a lone segment joins its neighbour) and the margin term of pass 2."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from workbench.nlp.align import AlignConfig, align_pair
from workbench.nlp.align.absorb import absorbed, candidates, request
from workbench.nlp.align.api import make_banks
from workbench.nlp.align.cost import Side, bead_costs
from workbench.nlp.align.spans import fill_banks
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.types import Bead, Encoder


def third_pass(src: list[str], tgt: list[str], draft: list[Bead], encoder: Encoder,
               fixed: set[int] | None = None, config: AlignConfig | None = None) -> list[Bead]:
    cfg = config or AlignConfig()
    src_bank, tgt_bank = make_banks([src, tgt], encoder)
    found = candidates(draft, fixed or set(), src_bank, tgt_bank, cfg)
    request(found, draft, src_bank, tgt_bank)
    fill_banks([src_bank, tgt_bank], encoder)
    return absorbed(draft, found, src_bank, tgt_bank, cfg)


SRC = ["The harbour froze early that winter, and the fishermen dragged their boats ashore.",
       "Children skated between the moored ships.",
       "The mayor ordered a bonfire in the square."]
SPLIT = ["The harbour froze early that winter,", "and the fishermen dragged their boats ashore.",
         "Children skated between the moored ships.",
         "The mayor ordered a bonfire in the square."]


def test_second_half_of_a_split_joins_its_bead(fake_encoder: FakeEncoder) -> None:
    draft = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,)), Bead((2,), (3,))]
    assert third_pass(SRC, SPLIT, draft, fake_encoder) == [
        Bead((0,), (0, 1)), Bead((1,), (2,)), Bead((2,), (3,))]


def test_unrelated_lone_segment_stays_alone(fake_encoder: FakeEncoder) -> None:
    tgt = [SRC[0], "Zebras quietly photograph quantum volcanoes.", SRC[1], SRC[2]]
    draft = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,)), Bead((2,), (3,))]
    assert third_pass(SRC, tgt, draft, fake_encoder) == draft


def test_anchors_and_publisher_lines_never_join(fake_encoder: FakeEncoder) -> None:
    draft = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,)), Bead((2,), (3,))]
    assert third_pass(SRC, SPLIT, draft, fake_encoder, fixed={1}) == draft
    assert third_pass(SRC, SPLIT, draft, fake_encoder, fixed={0}) == draft
    header = ["Source: Reuters, 12 March", *SPLIT[2:]]
    draft = [Bead((), (0,)), Bead((0,), ()), Bead((1,), (1,)), Bead((2,), (2,))]
    assert third_pass(SRC, header, draft, fake_encoder) == draft


def test_bead_size_limit_is_kept(fake_encoder: FakeEncoder) -> None:
    draft = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,)), Bead((2,), (3,))]
    small = AlignConfig(absorb_max_total=2)
    assert third_pass(SRC, SPLIT, draft, fake_encoder, config=small) == draft


def test_align_pair_covers_every_segment_with_and_without_the_pass(
        fake_encoder: FakeEncoder) -> None:
    for cfg in (AlignConfig(), AlignConfig(absorb=False)):
        beads = align_pair(SRC, SPLIT, fake_encoder, config=cfg)
        assert [i for b in beads for i in b.src] == [0, 1, 2]
        assert [j for b in beads for j in b.tgt] == [0, 1, 2, 3]


def test_margin_makes_an_ambiguous_pair_dearer() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(6, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    src = Side.of(vectors[:3])
    clear = Side.of(np.stack([vectors[0], vectors[3], vectors[4]]))
    ambiguous = Side.of(np.stack([vectors[0], vectors[0] * 0.9 + vectors[5] * 0.1, vectors[4]]))
    lo, hi = np.zeros(4, dtype=np.int64), np.full(4, 3, dtype=np.int64)

    def pair_cost(tgt: Side, weight: float) -> float:
        return float(bead_costs(src, tgt, lo, hi, (1, 1), margin_weight=weight)[1, 1])

    assert pair_cost(ambiguous, 0.5) - pair_cost(ambiguous, 0.0) > 0.2
    assert abs(pair_cost(clear, 0.5) - pair_cost(clear, 0.0)) < \
        pair_cost(ambiguous, 0.5) - pair_cost(ambiguous, 0.0)


@pytest.mark.model
def test_real_model_joins_a_split_and_leaves_an_addition(encoder: Encoder) -> None:
    src = ["Der Bergführer prüfte das Seil, bevor er den steilen Grat betrat.",
           "Am Abend erreichten sie die Hütte."]
    split = ["Le guide vérifia la corde.", "Puis il s'engagea sur l'arête escarpée.",
             "Le soir, ils atteignirent la cabane."]
    draft = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,))]
    assert third_pass(src, split, draft, encoder) == [Bead((0,), (0, 1)), Bead((1,), (2,))]
    added = ["Le guide vérifia la corde avant de s'engager sur l'arête escarpée.",
             "La bourse de Tokyo a clôturé en nette baisse mardi.",
             "Le soir, ils atteignirent la cabane."]
    assert third_pass(src, added, draft, encoder) == draft


THREE = ["The harbour froze early that winter,", "and the fishermen dragged",
         "their boats ashore.", *SPLIT[2:]]


def test_align_pair_joins_a_run_one_segment_a_round(fake_encoder: FakeEncoder) -> None:
    no_merges = AlignConfig(merge_cost=5.0, skip_cost=0.5, overlaps="all")
    assert align_pair(SRC, THREE, fake_encoder, config=replace(no_merges, absorb=False))[:3] == [
        Bead((0,), (0,)), Bead((), (1,)), Bead((), (2,))]
    one = align_pair(SRC, THREE, fake_encoder, config=no_merges)
    assert one[:2] == [Bead((0,), (0, 1)), Bead((), (2,))]
    two = align_pair(SRC, THREE, fake_encoder, config=replace(no_merges, absorb_rounds=2))
    assert two[0] == Bead((0,), (0, 1, 2))
    assert [j for b in two for j in b.tgt] == list(range(len(THREE)))


def test_absorb_margin_lets_a_slightly_dearer_join_through(fake_encoder: FakeEncoder) -> None:
    """The join is taken exactly when it costs at most ``absorb_margin`` more than the neighbour."""
    from workbench.nlp.align.absorb import Coster

    tgt = [SRC[0], "The fishermen dragged boats.", SRC[1], SRC[2]]
    draft = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,)), Bead((2,), (3,))]
    src_bank, tgt_bank = make_banks([SRC, tgt], fake_encoder)
    found = candidates(draft, set(), src_bank, tgt_bank, AlignConfig())
    request(found, draft, src_bank, tgt_bank)
    fill_banks([src_bank, tgt_bank], fake_encoder)
    cost = Coster(src_bank, tgt_bank)
    joined = Bead((0,), (0, 1))
    extra = cost(joined) - cost(draft[0])
    assert extra > 0  # the exact copy alone is better: only a margin lets the join through
    below, above = (AlignConfig(absorb_margin=extra + d) for d in (-1e-4, 1e-4))
    assert absorbed(draft, found, src_bank, tgt_bank, below) == draft
    assert absorbed(draft, found, src_bank, tgt_bank, above)[0] == joined
