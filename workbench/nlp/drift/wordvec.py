"""Contextual word vectors of row texts, fetched once per analysis and shared by detectors.

The vectors are the model's own (:mod:`workbench.nlp.embed.words`: SimAlign's
subword pooling), from the embedding cache when the encoder has one
(``encode_words``), else pooled from its token vectors. The first ask fetches
every pending text of the analysis in batches.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeGuard

import numpy as np

from workbench.nlp.embed.words import Words, pool_words, word_spans, words_from_tokens
from workbench.nlp.types import TokenEncoder

__all__ = ["WordVectors", "Words", "gives_tokens", "pool_words", "word_spans"]


def gives_tokens(encoder: Any) -> TypeGuard[TokenEncoder]:
    """Can ``encoder`` give token vectors (wrappers may still find their inner one cannot)?"""
    return isinstance(encoder, TokenEncoder) and getattr(encoder, "encode_tokens", None) is not None


class WordVectors:
    """Word vectors of texts by one token encoder, memoised; ``pending`` texts come in one batch."""

    BATCH = 64

    def __init__(self, encoder: TokenEncoder, pending: Iterable[str] = ()) -> None:
        self.encoder = encoder
        self.pending = list(dict.fromkeys(t for t in pending if t.strip()))
        self._memo: dict[str, Words] = {}
        self.available = True
        """False once the encoder turned out to give no token vectors (a wrapper, a fake)."""

    def _fill(self, texts: list[str]) -> None:
        encode_words = getattr(self.encoder, "encode_words", None)
        for start in range(0, len(texts), self.BATCH):
            batch = texts[start:start + self.BATCH]
            words = (encode_words(batch) if encode_words is not None
                     else words_from_tokens(self.encoder.encode_tokens, batch))
            self._memo.update(zip(batch, words, strict=True))

    def of(self, text: str) -> Words:
        """The words of ``text`` and their vectors (none when the encoder gives no tokens)."""
        if text not in self._memo and self.available:
            wanted = [t for t in self.pending if t not in self._memo]
            self.pending = []
            try:
                self._fill(list(dict.fromkeys([text, *wanted])))
            except TypeError:  # a wrapper whose inner encoder gives no token vectors
                self.available = False
        return self._memo.get(text, ([], np.zeros((0, 1), dtype=np.float32)))
