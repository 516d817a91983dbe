"""The peer (Bertalign's published algorithm, bench/peer_bertalign.py), the benchmark harness
and the zh-en bead shapes of the workbench: pure algorithms, FakeEncoder."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from bench.align_eval import Tally
from bench.peer_bertalign import align_peer, anchor_path, window_band
from workbench.nlp.align import AlignConfig, align_pair
from workbench.nlp.align.boilerplate import is_boilerplate, solo_mask
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


def brute_force_best(sims: np.ndarray, cands: list[list[int]]) -> float:
    """Highest total similarity of a strictly monotone choice of at most one candidate per row."""
    best = 0.0
    rows = range(len(cands))
    for picks in itertools.product(*[[None, *c] for c in cands]):
        chosen = [(i, j) for i, j in zip(rows, picks, strict=True) if j is not None]
        if all(b[1] > a[1] for a, b in itertools.pairwise(chosen)):
            best = max(best, sum(float(sims[i, j]) for i, j in chosen))
    return best


def test_anchor_path_is_the_best_monotone_choice() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        # vectors in the positive orthant: every cosine positive, as sentence embeddings' are
        src_pos = np.abs(rng.standard_normal((5, 8))).astype(np.float32)
        tgt_pos = np.abs(rng.standard_normal((6, 8))).astype(np.float32)
        src_pos /= np.linalg.norm(src_pos, axis=1, keepdims=True)
        tgt_pos /= np.linalg.norm(tgt_pos, axis=1, keepdims=True)
        sims = src_pos @ tgt_pos.T
        path = anchor_path(src_pos, tgt_pos, 3)
        cands = [sorted(np.argsort(-sims[i])[:3].tolist()) for i in range(5)]
        assert all(j in cands[i] for i, j in path)
        assert all(b[0] > a[0] and b[1] > a[1] for a, b in itertools.pairwise(path))
        assert sum(float(sims[i, j]) for i, j in path) == pytest.approx(
            brute_force_best(sims, cands), abs=1e-5)


def test_window_band_connects_and_covers_the_anchors() -> None:
    lo, hi = window_band([(0, 0), (3, 5), (6, 6)], 8, 9, 2)
    assert lo[0] == 0 and hi[-1] == 9
    assert all(lo[i] <= hi[i] for i in range(9))
    assert all(lo[i + 1] <= hi[i] + 1 for i in range(8))
    for i, j in [(0, 0), (3, 5), (6, 6)]:
        assert lo[i + 1] <= j + 1 <= hi[i + 1]


def test_peer_finds_splits_and_omissions(fake_encoder: FakeEncoder) -> None:
    tgt = [*SENTENCES[:3], "The mayor ordered a bonfire", "in the square.", *SENTENCES[4:6],
           *SENTENCES[7:]]
    beads = align_peer(SENTENCES, tgt, fake_encoder)
    assert Bead((3,), (3, 4)) in beads
    assert Bead((6,), ()) in beads
    assert [i for b in beads for i in b.src] == list(range(len(SENTENCES)))
    assert [j for b in beads for j in b.tgt] == list(range(len(tgt)))
    assert align_peer([], SENTENCES[:2], fake_encoder) == [Bead((), (0,)), Bead((), (1,))]


def test_tally_counts_per_bead_type() -> None:
    tally = Tally()
    tally.add([((0,), (0,)), ((1,), (1, 2)), ((2,), ())], [((0,), (0,)), ((1,), (1,)),
                                                           ((), (2,)), ((2,), ())])
    assert (tally.gold["1-1"], tally.predicted["1-1"], tally.correct["1-1"]) == (1, 2, 1)
    assert (tally.gold["1-2"], tally.predicted["1-2"], tally.correct["1-2"]) == (1, 0, 0)
    assert tally.predicted["0-1"] == 1 and tally.correct["1-0"] == 1
    assert any("1-2" in line for line in tally.lines())


def test_bead_shapes_reach_one_to_four_and_three_to_three() -> None:
    shapes = AlignConfig().bead_types()
    for shape in [(1, 4), (4, 1), (2, 3), (3, 2), (3, 3), (2, 2)]:
        assert shape in shapes
    assert (2, 4) not in shapes and (4, 4) not in shapes
    assert AlignConfig().overlap_sizes(0) == range(2, 5)


def test_one_to_four_split(fake_encoder: FakeEncoder) -> None:
    src = [*SENTENCES[:2], "Children skated, the mayor lit a bonfire, nobody remembered it, "
           "and the ice cracked.", *SENTENCES[6:]]
    tgt = [*SENTENCES[:2], "Children skated,", "the mayor lit a bonfire,",
           "nobody remembered it,", "and the ice cracked.", *SENTENCES[6:]]
    assert Bead((2,), (2, 3, 4, 5)) in align_pair(src, tgt, fake_encoder)


def test_calibrated_gate_follows_the_document() -> None:
    """In a free translation (costly 1-1 pairs) the gain check's gate goes up with the median
    cost, in a close one it goes down; the skip costs and the uncertainty cut never move."""
    from workbench.nlp.align.api import make_banks
    from workbench.nlp.align.pair import PairJob

    encoder = FakeEncoder()
    noisy = [s.replace("e", "a").replace("o", "u") for s in SENTENCES * 2]
    gates = []
    for tgt in (SENTENCES * 2, noisy):
        src_bank, tgt_bank = make_banks([SENTENCES * 2, tgt], encoder)
        for scale in (0.0, 1.0):
            job = PairJob(src_bank, tgt_bank, src_paragraphs=None, tgt_paragraphs=None,
                          anchors=[], config=AlignConfig(gate_scale=scale))
            cfg = job.gaps[0].config or job.config
            assert (cfg.skip_cost, cfg.first_pass_skip, cfg.uncertain_cost) == (
                job.config.skip_cost, job.config.first_pass_skip, job.config.uncertain_cost)
            gates.append(cfg.gain_gate)
    same_fixed, same_scaled, noisy_fixed, noisy_scaled = gates
    assert same_fixed == noisy_fixed == AlignConfig().gain_gate
    assert same_scaled < same_fixed < noisy_scaled  # identical texts: 1-1 pairs cost ~0


@pytest.mark.parametrize(("text", "expected"), [
    ("Source: People's Republic of China – State Council News", True),
    ("Translation. Region: Russian Federal", True),
    ("An important disclaimer is at the bottom of this article.", True),
    ("责任编辑：王伟", True),
    ("Источник: ТАСС", True),
    ("He said: we go home.", False),
    ("By March the ice had finally cracked.", False),
    ("How Xi Jinping is Strengthening Good-Neighborly Ties with SCO Friends", False),
])
def test_boilerplate_lines(text: str, expected: bool) -> None:
    assert is_boilerplate(text) is expected


def test_publisher_line_is_never_merged(fake_encoder: FakeEncoder) -> None:
    src = ["Beijing, August 29: the president met the ministers.", *SENTENCES[:3]]
    tgt = ["Source: Beijing, August 29", "the president met the ministers.", *SENTENCES[:3]]
    assert solo_mask(tgt).tolist() == [True, False, False, False, False]
    beads = align_pair(src, tgt, fake_encoder)
    assert all(0 not in b.tgt or b.tgt == (0,) for b in beads)


def test_mac_dev_grid_varies_only_the_named_knobs() -> None:
    from bench.mac_dev import GRID, grid_configs, knobs

    configs = grid_configs(AlignConfig())
    assert len(configs) == int(np.prod([len(v) for v in GRID.values()]))
    assert len({knobs(c) for c in configs}) == len(configs)
    assert all(c.max_src == AlignConfig().max_src for c in configs)
