"""Calibrated drift score on Tatoeba: fit, ROC AUC and score distributions.

``python -m bench.tatoeba_auc`` reads ``../shared/data/tatoeba`` (zh-en, ru-en,
1000 pairs each), cuts each language pair into 60-sentence "documents", and
compares true pairs with pairs shuffled inside each document. It fits the
logistic calibration of :mod:`workbench.nlp.drift.scoring` on the two language
pairs together and prints, per language pair, the ROC AUC of raw cosine, margin
ratio and calibrated score, and the calibrated score's quantiles. ``--write``
saves the fit (and the length-ratio statistics used by the length detectors)
into ``workbench/nlp/drift/calibration.json`` for the encoder's model id.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from workbench.config import shared_dir
from workbench.nlp.drift.scoring import LOW_SCORE, NEIGHBOURS, Calibration, Scorer, knn_mean
from workbench.nlp.embed import get_encoder
from workbench.nlp.types import Encoder

PAIRS = {"zh|en": ("cmn-eng.cmn", "cmn-eng.eng"), "ru|en": ("rus-eng.rus", "rus-eng.eng")}
DOC_SIZE = 60
OUT = Path(__file__).resolve().parent.parent / "workbench" / "nlp" / "drift" / "calibration.json"


def _features(src: list[str], tgt: list[str], encoder: Encoder, seed: int) -> np.ndarray:
    """Rows (cos, ratio, label) for true pairs and pairs shuffled within each document."""
    x_all = encoder.encode(src)
    y_all = encoder.encode(tgt)
    rng = np.random.default_rng(seed)
    rows: list[tuple[float, float, float]] = []
    for start in range(0, len(src), DOC_SIZE):
        x = x_all[start : start + DOC_SIZE]
        y = y_all[start : start + DOC_SIZE]
        if len(x) <= NEIGHBOURS:
            continue
        knn_x = knn_mean(x, y)
        knn_y = knn_mean(y, x)
        perm = rng.permutation(len(x))
        perm = np.where(perm == np.arange(len(x)), np.roll(perm, 1), perm)
        for i in range(len(x)):
            for j, label in ((i, 1.0), (int(perm[i]), 0.0)):
                if label == 0.0 and j == i:
                    continue
                cos = float(x[i] @ y[j])
                ratio = cos / ((float(knn_x[i]) + float(knn_y[j])) / 2.0)
                rows.append((cos, ratio, label))
    return np.asarray(rows, dtype=np.float64)


def _length_stats(src: list[str], tgt: list[str]) -> tuple[float, float]:
    """Mean and std of log(len(tgt) / len(src)) in characters (whitespace excluded)."""
    logs = [math.log(len("".join(t.split())) / len("".join(s.split())))
            for s, t in zip(src, tgt, strict=True) if s.strip() and t.strip()]
    return float(np.mean(logs)), float(np.std(logs))


def _fit(features: np.ndarray) -> tuple[tuple[float, float, float], tuple[float, float],
                                         tuple[float, float]]:
    y = features[:, 2]

    def fit(cols: list[int]) -> list[float]:
        model = LogisticRegression(C=10.0, max_iter=1000).fit(features[:, cols], y)
        return [float(model.intercept_[0]), *map(float, model.coef_[0])]

    full, cos_only, margin_only = fit([0, 1]), fit([0]), fit([1])
    return ((full[0], full[1], full[2]), (cos_only[0], cos_only[1]),
            (margin_only[0], margin_only[1]))


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="save the fit to calibration.json")
    args = parser.parse_args(argv)
    data = shared_dir() / "data" / "tatoeba"
    if not data.is_dir():
        print(f"skipped: Tatoeba data not present at {data}")
        return 0
    encoder = get_encoder()
    print(f"model: {encoder.model_id}; documents of {DOC_SIZE} sentences, k={NEIGHBOURS}")
    per_pair: dict[str, np.ndarray] = {}
    lengths: dict[str, tuple[float, float]] = {}
    texts: dict[str, tuple[list[str], list[str]]] = {}
    for key, (src_name, tgt_name) in PAIRS.items():
        src, tgt = _read(data / src_name), _read(data / tgt_name)
        texts[key] = (src, tgt)
        per_pair[key] = _features(src, tgt, encoder, seed=len(key))
        lengths[key] = _length_stats(src, tgt)
    full, cos_only, margin_only = _fit(np.concatenate(list(per_pair.values())))
    calibration = Calibration(encoder.model_id, full, cos_only, margin_only)
    scorer = Scorer(encoder.model_id, {encoder.model_id: calibration})
    print(f"fit: full={np.round(full, 3).tolist()} cos_only={np.round(cos_only, 3).tolist()} "
          f"margin_only={np.round(margin_only, 3).tolist()}")
    print(f"{'pair':6} {'AUC cos':>8} {'AUC margin':>10} {'AUC score':>9}   "
          "score quantiles (5/25/50/75/95%) true | shuffled")
    for key, feats in per_pair.items():
        scores = np.array([scorer.score(c, r) for c, r, _ in feats])
        labels = feats[:, 2]
        aucs = [roc_auc_score(labels, v) for v in (feats[:, 0], feats[:, 1], scores)]
        q = [5, 25, 50, 75, 95]
        true_q = np.percentile(scores[labels == 1], q).round(3).tolist()
        false_q = np.percentile(scores[labels == 0], q).round(3).tolist()
        print(f"{key:6} {aucs[0]:8.4f} {aucs[1]:10.4f} {aucs[2]:9.4f}   {true_q} | {false_q}")
        for cut in (0.5, LOW_SCORE):
            flagged = float(np.mean(scores[labels == 1] < cut))
            caught = float(np.mean(scores[labels == 0] < cut))
            print(f"       score<{cut}: {flagged:.1%} of true pairs, "
                  f"{caught:.1%} of shuffled pairs")
    zh_en, ru_en = lengths["zh|en"], lengths["ru|en"]
    lengths["zh|ru"] = (zh_en[0] - ru_en[0], math.sqrt((zh_en[1] ** 2 + ru_en[1] ** 2) / 2))
    print("log length ratio (mean, std): "
          + ", ".join(f"{k} {m:+.3f}±{s:.3f}" for k, (m, s) in lengths.items()))
    if args.write:
        existing = json.loads(OUT.read_text(encoding="utf-8")) if OUT.is_file() else {}
        models = existing.get("models", {})
        models[encoder.model_id.split("@")[0]] = calibration.to_json()
        payload = {
            "about": "written by python -m bench.tatoeba_auc --write; see scoring.py",
            "models": models,
            "length_log_ratio": {k: {"mean": round(m, 4), "std": round(s, 4)}
                                 for k, (m, s) in lengths.items()},
        }
        OUT.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
