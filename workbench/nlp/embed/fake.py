"""A deterministic stand-in encoder for pure-algorithm tests (never for behaviour tests).

Texts become hashed bags of character trigrams, so equal texts get equal
vectors and texts sharing many trigrams get similar ones. ``aliases`` lets a
test declare that two texts (say, a sentence and its translation) mean the
same: both are then encoded as the alias target.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import numpy as np

from workbench.nlp.types import FloatArray


class FakeEncoder:
    """Hashed character-trigram vectors, L2-normalised; counts how many texts it encoded."""

    def __init__(self, dim: int = 256, aliases: Mapping[str, str] | None = None) -> None:
        self.dim = dim
        self.aliases = dict(aliases or {})
        self.calls = 0
        self.texts_encoded = 0

    @property
    def model_id(self) -> str:
        return f"fake-trigram-{self.dim}"

    def _vector(self, text: str) -> FloatArray:
        text = self.aliases.get(text, text)
        vec = np.zeros(self.dim, dtype=np.float32)
        padded = f"  {text.lower()}  "
        for i in range(len(padded) - 2):
            digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=8).digest()
            h = int.from_bytes(digest, "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        if norm == 0.0:
            vec[0] = 1.0
            return vec
        return vec / norm

    def encode(self, texts: Sequence[str]) -> FloatArray:
        self.calls += 1
        self.texts_encoded += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts]).astype(np.float32)
