"""Contextual word vectors of row texts, computed once per analysis and shared by detectors.

SimAlign's subword pooling (Jalili Sabet et al. 2020): a word's vector is the
mean of its tokens' contextual vectors from the same model that scores the
rows; words are jieba words for Han text and letter/digit runs otherwise.
Token vectors are not cached on disk, so :class:`WordVectors` encodes every
text it is asked for in one batch (the first ask prefetches them all).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import numpy as np

from workbench.nlp.types import FloatArray, TokenEncoder, TokenVectors

Words = tuple[list[tuple[int, int]], FloatArray]
"""Word character spans of a text and their unit vectors (one row per word)."""


def word_spans(text: str) -> list[tuple[int, int]]:
    """Words of ``text``: jieba words for Han, whitespace/punctuation-delimited words otherwise."""
    if re.search(r"[\u3400-\u9fff]", text):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return [(s, e) for w, s, e in jieba.tokenize(text) if any(ch.isalnum() for ch in w)]
    return [(m.start(), m.end()) for m in re.finditer(r"\w[\w'’\-]*", text)]


def pool_words(text: str, tokens: TokenVectors) -> Words:
    """SimAlign's subword pooling: a word's vector is the mean of its tokens' vectors."""
    words: list[tuple[int, int]] = []
    rows: list[FloatArray] = []
    for start, end in word_spans(text):
        idx = [k for k, (s, e) in enumerate(tokens.spans) if s < end and start < e]
        if not idx:
            continue
        vec = tokens.vectors[idx].mean(axis=0)
        rows.append(vec / max(float(np.linalg.norm(vec)), 1e-9))
        words.append((start, end))
    matrix = np.stack(rows).astype(np.float32) if rows else np.zeros((0, 1), dtype=np.float32)
    return words, matrix


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
        for start in range(0, len(texts), self.BATCH):
            batch = texts[start:start + self.BATCH]
            for text, tokens in zip(batch, self.encoder.encode_tokens(batch), strict=True):
                self._memo[text] = pool_words(text, tokens)

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
