"""The aligner's fast paths give the same beads as the slow reference paths (``align_slow``).

Band costs by matrix products instead of gathers, the vectorised dynamic
programme, no stand-in overlaps where none are used, one BLAS thread: all must
leave the output alone. Checked on synthetic pairs (coarse-to-fine first pass,
the gate calibrated near and far from its default) and, with the real default
model, on the openings of a Text+Berg de-fr document and of a MAC-dev zh-en
chapter (freely translated: the gate far up).
"""

from __future__ import annotations

import numpy as np
import pytest

from bench.align_eval import Doc, load_docs
from bench.align_scale import synthetic_pair
from tests.conftest import shared_data
from tests.nlp import align_slow
from workbench.nlp.align import AlignConfig, align_pair, pair
from workbench.nlp.align.cost import Side, bead_costs
from workbench.nlp.align.dp import solve_banded
from workbench.nlp.types import Bead, Encoder


def both_ways(monkeypatch: pytest.MonkeyPatch, src: list[str], tgt: list[str],
              encoder: Encoder, config: AlignConfig) -> tuple[list[Bead], list[Bead], int]:
    """Beads of the fast paths, of the slow ones, and how many gaps were calibrated."""
    calibrated = []
    plain = pair.PairJob._calibrated

    def spy(job: pair.PairJob, path: np.ndarray) -> AlignConfig:
        cfg = plain(job, path)
        calibrated.append(cfg.gain_gate != job.config.gain_gate)
        return cfg

    monkeypatch.setattr(pair.PairJob, "_calibrated", spy)
    fast = align_pair(src, tgt, encoder, config=config)
    with monkeypatch.context() as patch:
        align_slow.slow_paths(patch)
        slow = align_pair(src, tgt, encoder, config=config)
    return fast, slow, sum(calibrated[: len(calibrated) // 2])


@pytest.mark.parametrize(("n", "config"), [
    (300, AlignConfig()),
    # coarse-to-fine first pass (several levels), the gate calibrated far upwards
    (700, AlignConfig(full_cells=20_000, candidate_cells=20_000, gate_reference=0.0)),
    (500, AlignConfig(full_cells=20_000, candidate_cells=20_000, overlaps="all",
                      absorb_rounds=2)),
    (400, AlignConfig(overlaps="none", margin_weight=0.0)),
])
def test_synthetic_pair_same_beads(monkeypatch: pytest.MonkeyPatch, n: int,
                                   config: AlignConfig) -> None:
    src, tgt, encoder, gold = synthetic_pair(n, seed=n)
    fast, slow, calibrated = both_ways(monkeypatch, src, tgt, encoder, config)
    assert fast == slow
    assert len(set(fast) & set(gold)) > 0.9 * len(gold)  # a real alignment, not a degenerate one
    assert calibrated  # every document is calibrated (no trigger)


@pytest.mark.model
@pytest.mark.parametrize(("folder", "langs", "name"), [
    ("textberg", ("de", "fr"), "003"),
    ("mac-dev", ("zh", "en"), "006"),  # freely translated: the gate far above the default
])
def test_real_pair_same_beads(monkeypatch: pytest.MonkeyPatch, encoder: Encoder, folder: str,
                              langs: tuple[str, str], name: str) -> None:
    (doc,) = load_docs(shared_data(folder), *langs, [name])
    src, tgt = opening(doc, 40)
    fast, slow, calibrated = both_ways(monkeypatch, src, tgt, encoder, AlignConfig())
    assert fast == slow
    assert calibrated


def opening(doc: Doc, count: int) -> tuple[list[str], list[str]]:
    """The first ``count`` source segments and the target ones the gold pairs with them."""
    tgt_end = max(max(t, default=-1) for s, t in doc.gold if s and s[0] < count) + 1
    return doc.src[:count], doc.tgt[:tgt_end]


def random_band(rng: np.random.Generator, n: int, m: int, half: int) -> tuple[np.ndarray,
                                                                                np.ndarray]:
    diagonal = np.round(np.arange(n + 1) * m / n).astype(np.int64)
    lo = np.clip(diagonal - half - rng.integers(0, 3, n + 1), 0, m)
    lo = np.maximum.accumulate(lo)
    hi = np.clip(np.maximum.accumulate(diagonal + half + rng.integers(0, 3, n + 1)), 0, m)
    lo[0], hi[-1] = 0, m
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    return lo, hi


@pytest.mark.parametrize("seed", range(4))
def test_band_costs_and_solver_match_reference(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m, dim = 90, 110, 16
    vectors = [rng.standard_normal((k, dim)).astype(np.float32) for k in (n, m)]
    src, tgt = (Side.of(v / np.linalg.norm(v, axis=1, keepdims=True)) for v in vectors)
    for side in (src, tgt):
        side.spans[2] = np.roll(side.spans[1], 1, axis=0)
        # most spans embedded (dense blocks) or few (the products skip rows and columns)
        side.known[2] = rng.random(side.size) < (0.8 if seed % 2 else 0.15)
    lo, hi = random_band(rng, n, m, half=5)
    shapes = [(1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]
    fast, slow = [], []
    for shape in shapes[1:]:
        fast.append(bead_costs(src, tgt, lo, hi, shape, margin_weight=0.25))
        slow.append(align_slow.bead_costs(src, tgt, lo, hi, shape, margin_weight=0.25))
        np.testing.assert_allclose(fast[-1], slow[-1], rtol=1e-5, atol=1e-5)
        assert np.array_equal(np.isinf(fast[-1]), np.isinf(slow[-1]))
    width = int(np.max(hi - lo)) + 1
    # coarse costs force ties: the earlier shape must win in both solvers
    skips = np.round(rng.random((n + 1, width)) * 4).astype(np.float32) / 4 + 0.5
    rounded = [skips, *(np.round(c * 4) / 4 for c in slow)]
    for costs in ([skips, *slow], rounded):
        assert solve_banded(lo, hi, shapes, costs, skips) == align_slow.solve_banded(
            lo, hi, shapes, costs, skips)

