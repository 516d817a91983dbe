"""Pairwise aligner: bead kinds, coverage, anchors, determinism and bad input (FakeEncoder)."""

from __future__ import annotations

import pytest

from workbench.nlp.align import AlignConfig, AlignError, align_pair, join_segments
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.types import Bead

SENTENCES = [
    "The harbour froze early that winter.",
    "Fishermen dragged their boats onto the shore.",
    "Children skated between the moored ships.",
    "The mayor ordered a bonfire in the square.",
    "Nobody remembered such a cold December.",
    "By March the ice had finally cracked.",
    "Merchants counted their losses in silence.",
    "The first steamer arrived in April.",
]


def covers_in_order(beads: list[Bead], n: int, m: int) -> bool:
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    return src == list(range(n)) and tgt == list(range(m))


def test_identical_texts_align_one_to_one(fake_encoder: FakeEncoder) -> None:
    beads = align_pair(SENTENCES, SENTENCES, fake_encoder)
    assert [b.kind for b in beads] == ["1-1"] * len(SENTENCES)
    assert all(b.src == b.tgt for b in beads)


def test_split_sentence_gives_one_to_two(fake_encoder: FakeEncoder) -> None:
    tgt = [*SENTENCES[:3], "The mayor ordered a bonfire", "in the square.", *SENTENCES[4:]]
    beads = align_pair(SENTENCES, tgt, fake_encoder)
    assert Bead((3,), (3, 4)) in beads
    assert covers_in_order(beads, len(SENTENCES), len(tgt))


def test_merged_sentences_give_two_to_one(fake_encoder: FakeEncoder) -> None:
    tgt = [*SENTENCES[:5], SENTENCES[5] + " " + SENTENCES[6], *SENTENCES[7:]]
    beads = align_pair(SENTENCES, tgt, fake_encoder)
    assert Bead((5, 6), (5,)) in beads


def test_three_way_split_gives_one_to_three(fake_encoder: FakeEncoder) -> None:
    src = [*SENTENCES[:2], "Children skated, the mayor lit a bonfire, and nobody remembered it."]
    tgt = [*SENTENCES[:2], "Children skated,", "the mayor lit a bonfire,",
           "and nobody remembered it."]
    assert align_pair(src, tgt, fake_encoder)[-1] == Bead((2,), (2, 3, 4))


def test_omitted_and_added_sentences(fake_encoder: FakeEncoder) -> None:
    src = SENTENCES
    tgt = SENTENCES[:4] + SENTENCES[5:] + ["Zebras quietly photograph quantum volcanoes."]
    beads = align_pair(src, tgt, fake_encoder)
    assert Bead((4,), ()) in beads
    assert beads[-1] == Bead((), (7,))
    assert covers_in_order(beads, len(src), len(tgt))


@pytest.mark.parametrize(("src", "tgt"), [([], []), (SENTENCES[:3], []), ([], SENTENCES[:2])])
def test_empty_sides(src: list[str], tgt: list[str]) -> None:
    encoder = FakeEncoder()
    beads = align_pair(src, tgt, encoder)
    assert [b.kind for b in beads] == ["1-0"] * len(src) + ["0-1"] * len(tgt)
    assert encoder.calls == 0


def test_deterministic(fake_encoder: FakeEncoder) -> None:
    tgt = list(reversed(SENTENCES[2:])) + SENTENCES[:2]
    assert align_pair(SENTENCES, tgt, fake_encoder) == align_pair(SENTENCES, tgt, FakeEncoder())


def test_anchors_are_kept_and_rest_realigned(fake_encoder: FakeEncoder) -> None:
    # an anchor the model would never choose: pair sentence 1 with target 2 and 3
    anchors = [Bead((1,), (2, 3)), Bead((5,), ())]
    beads = align_pair(SENTENCES, SENTENCES, fake_encoder, anchors=anchors)
    assert Bead((1,), (2, 3)) in beads and Bead((5,), ()) in beads
    assert Bead((0,), (0,)) in beads and Bead((7,), (7,)) in beads
    assert covers_in_order(beads, len(SENTENCES), len(SENTENCES))


@pytest.mark.parametrize(
    ("anchors", "message"),
    [
        ([Bead((9,), (0,))], "outside"),
        ([Bead((0, 2), (0,))], "non-consecutive"),
        ([Bead((0,), (0,)), Bead((0,), (1,))], "two anchors"),
        ([Bead((0,), (3,)), Bead((2,), (1,))], "cross"),
    ],
)
def test_bad_anchors_raise(fake_encoder: FakeEncoder, anchors: list[Bead], message: str) -> None:
    with pytest.raises(AlignError, match=message):
        align_pair(SENTENCES, SENTENCES, fake_encoder, anchors=anchors)


def test_bad_input_raises_align_error(fake_encoder: FakeEncoder) -> None:
    with pytest.raises(AlignError, match="not one string"):
        align_pair("one string", SENTENCES, fake_encoder)
    with pytest.raises(AlignError, match="not text"):
        align_pair([None], SENTENCES, fake_encoder)  # type: ignore[list-item]
    with pytest.raises(AlignError, match="paragraphs"):
        align_pair(SENTENCES, SENTENCES, fake_encoder, src_paragraphs=[0])
    with pytest.raises(AlignError):
        AlignConfig(max_src=0)


def test_paragraph_breaks_steer_ambiguous_boundaries(fake_encoder: FakeEncoder) -> None:
    src = ["alpha beta gamma delta", "epsilon zeta", "eta theta iota", "kappa lambda", "nu xi"]
    tgt = ["alpha beta gamma", "delta epsilon zeta", "eta theta iota", "kappa lambda", "nu xi"]
    # the texts alone suggest two 1-1 beads; the paragraphs say the first two source
    # segments end where the first two target segments end
    assert align_pair(src, tgt, fake_encoder)[0] == Bead((0,), (0,))
    beads = align_pair(src, tgt, fake_encoder, src_paragraphs=[0, 1, 2, 3, 4],
                       tgt_paragraphs=[0, 0, 1, 2, 3])
    assert beads[0] == Bead((0, 1), (0, 1))
    # paragraphs in very different numbers say nothing and are ignored
    beads = align_pair(src, tgt, fake_encoder, src_paragraphs=[0, 1, 2, 3, 4],
                       tgt_paragraphs=[0, 0, 0, 0, 1])
    assert beads[0] == Bead((0,), (0,))


def test_only_needed_overlaps_are_embedded() -> None:
    encoder = FakeEncoder()
    align_pair(SENTENCES, SENTENCES, encoder)
    # identical texts: the 1-1 first pass is confident everywhere, no overlap is needed
    assert encoder.texts_encoded == 2 * len(SENTENCES)
    assert encoder.calls == 1


def test_join_segments() -> None:
    assert join_segments(["你好。", "再见。"]) == "你好。再见。"
    assert join_segments(["Hello.", "你好。"]) == "Hello. 你好。"
    assert join_segments(["Привет.", " Пока. "]) == "Привет. Пока."
    assert join_segments(["A.", "B."], "zh") == "A.B."
    assert join_segments(["一。", "二。"], "en") == "一。 二。"
    assert join_segments([]) == ""


def test_downsampled_first_pass_finds_the_same_alignment(fake_encoder: FakeEncoder) -> None:
    words = ["river", "stone", "lamp", "winter", "copper", "violin", "harbour", "meadow", "glass",
             "falcon", "pepper", "engine", "orchard", "silver", "thunder", "candle"]
    src = [" ".join(words[(7 * k + j * j) % len(words)] for j in range(k % 5 + 3)) + f" {k}"
           for k in range(120)]
    tgt = list(src)
    tgt[30:31] = [src[30][:12], src[30][12:]]  # a 1-2 split
    del tgt[81]  # source segment 80 left out
    full = align_pair(src, tgt, fake_encoder)
    coarse = align_pair(src, tgt, fake_encoder,
                        config=AlignConfig(full_cells=64, candidate_cells=64))
    assert coarse == full
    assert Bead((30,), (30, 31)) in full
    assert not [b for b in full if 80 in b.src and b.kind == "1-1"]
    assert covers_in_order(full, len(src), len(tgt))


def test_shifted_reads_the_earlier_cell_of_the_band() -> None:
    import numpy as np

    from workbench.nlp.align.search import shifted

    lo = np.array([0, 0, 1, 2], dtype=np.int64)  # rows of 3 cells: columns lo[i]..lo[i]+2
    costs = np.arange(12, dtype=np.float32).reshape(4, 3)
    back = shifted(costs, lo, 1, 0)  # the cell one row up, same column
    assert np.isinf(back[0]).all()
    assert back[2, 0] == costs[1, 1]  # (2, 1) <- (1, 1)
    assert np.isinf(back[3, 2])  # (3, 4) <- (2, 4): outside row 2's columns 1..3
    left = shifted(costs, lo, 0, 1)  # the cell one column left
    assert np.isinf(left[1, 0]) and left[1, 1] == costs[1, 0]


def test_gain_penalty_charges_merges_that_do_not_improve() -> None:
    import numpy as np

    from workbench.nlp.align.search import gain_penalty

    lo = np.zeros(3, dtype=np.int64)
    one = np.full((3, 3), 0.5, dtype=np.float32)
    merged = np.full((3, 3), 0.4, dtype=np.float32)
    merged[2, 1] = 0.8  # worse than the 1-1 sub-beads: absorbs an unrelated segment
    penalty = gain_penalty({(1, 1): one, (2, 1): merged}, lo, (2, 1), 0.05)
    assert penalty[2, 1] == pytest.approx(0.35)
    assert penalty[2, 2] == 0.0
    # a dropped segment that matches well on its own (cost 0.5 < gate) is no intruder
    gated = gain_penalty({(1, 1): one, (2, 1): merged}, lo, (2, 1), 0.05, gate=0.6)
    assert gated[2, 1] == 0.0
    merged[1, 0] = np.inf  # the bead does not fit there: no penalty either
    assert gain_penalty({(1, 1): one, (2, 1): merged}, lo, (2, 1), 0.05)[1, 0] == 0.0


def test_gain_check_can_be_switched_off(fake_encoder: FakeEncoder) -> None:
    tgt = [*SENTENCES[:5], SENTENCES[5] + " " + SENTENCES[6], *SENTENCES[7:]]
    for config in (AlignConfig(gain_cost=0.0), AlignConfig()):
        assert Bead((5, 6), (5,)) in align_pair(SENTENCES, tgt, fake_encoder, config=config)
