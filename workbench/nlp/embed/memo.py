"""An in-memory memo around an encoder, for one pipeline run.

The aligner, the scorer and the drift detectors all ask for embeddings of the
same segments; when the caller's encoder has no disk cache this keeps each text
embedded once per run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.nlp.embed.encoder import inner_token_vectors
from workbench.nlp.embed.words import Words, words_from_tokens
from workbench.nlp.types import Encoder, FloatArray, TokenVectors


class MemoEncoder:
    """Wraps an encoder; each distinct text is encoded at most once while this object lives."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self._memo: dict[str, FloatArray] = {}

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def encode(self, texts: Sequence[str]) -> FloatArray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if missing:
            vectors = self.inner.encode(missing)
            self._memo.update(zip(missing, vectors, strict=True))
        if not texts:
            return self.inner.encode([])
        return np.stack([self._memo[t] for t in texts]).astype(np.float32, copy=False)

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        return inner_token_vectors(self.inner, self.model_id, texts)

    def encode_words(self, texts: Sequence[str]) -> list[Words]:
        """Word vectors from the inner encoder's cache when it has one, else from its tokens."""
        encode_words = getattr(self.inner, "encode_words", None)
        if encode_words is not None:
            result: list[Words] = encode_words(texts)
            return result
        return words_from_tokens(self.encode_tokens, texts)
