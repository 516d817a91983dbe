"""Built-in drift detectors; importing this package registers them (one module each)."""

from __future__ import annotations

from workbench.nlp.drift.detectors import (  # noqa: F401  (each module registers itself)
    aspect,
    codemix,
    dates,
    fluency,
    gender,
    length,
    low_score,
    names,
    negation,
    numbers,
    omission,
    question,
    tense,
    terms,
    wording,
    words,
)
