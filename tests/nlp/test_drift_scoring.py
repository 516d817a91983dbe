"""Calibrated scores: the shipped fit, the margin, the fallback for other models."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.config import DEFAULT_MODEL
from workbench.nlp.drift.scoring import Scorer, knn_mean, load_calibrations, margin_ratio


def test_default_model_has_a_fit() -> None:
    assert DEFAULT_MODEL in load_calibrations()
    scorer = Scorer(f"{DEFAULT_MODEL}@0123456789abcdef")
    assert scorer.calibration is not None and scorer.method == "logistic(cos, margin)"


@pytest.mark.parametrize("model", [DEFAULT_MODEL, "sentence-transformers/LaBSE"])
def test_scores_are_in_unit_interval_and_monotone_in_margin(model: str) -> None:
    scorer = Scorer(model)
    scores = [scorer.score(0.85, ratio) for ratio in (0.8, 0.95, 1.0, 1.05, 1.2)]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores) and scores[0] < 0.05 and scores[-1] > 0.95


def test_other_models_fall_back_to_margin_only() -> None:
    assert Scorer("someone/other-model").method == "logistic(margin)"


def test_without_neighbourhood_the_cosine_fit_is_used() -> None:
    scorer = Scorer(DEFAULT_MODEL)
    assert scorer.score(0.92, None) > 0.9 > 0.1 > scorer.score(0.75, None)


def test_knn_mean_and_margin() -> None:
    vectors = np.eye(3, dtype=np.float32)
    candidates = np.array([[1, 0, 0], [0.6, 0.8, 0]], dtype=np.float32)
    assert knn_mean(vectors[:1], candidates, k=2)[0] == pytest.approx(0.8)
    assert margin_ratio(0.9, 0.8, 1.0) == pytest.approx(1.0)
