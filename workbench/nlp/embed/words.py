"""Contextual word vectors: a text's token vectors pooled into words, and their compact form.

SimAlign's subword pooling (Jalili Sabet et al. 2020): a word's vector is the
mean of its tokens' contextual vectors; words are jieba words for Han text and
letter/digit runs otherwise. The disk cache stores them as int8 codes with one
scale per word (:func:`quantise`), about 400 bytes a word; every caller gets the
dequantised vectors, fresh or cached, so a text's words are the same each time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

import numpy as np

from workbench.nlp.types import FloatArray, TokenVectors

Words = tuple[list[tuple[int, int]], FloatArray]
"""Word character spans of a text and their unit vectors (one row per word)."""

_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"\w[\w'’\-]*")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Words of ``text``: jieba words for Han, whitespace/punctuation-delimited words otherwise."""
    if _HAN.search(text):
        import jieba  # its dictionary loads slowly: only for Chinese text

        jieba.setLogLevel(logging.WARNING)
        return [(s, e) for w, s, e in jieba.tokenize(text) if any(ch.isalnum() for ch in w)]
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def pool_words(text: str, tokens: TokenVectors) -> Words:
    """Each word's mean token vector, normalised (words that overlap no token are dropped)."""
    spans = word_spans(text)
    if not spans or not tokens.spans:
        return [], np.zeros((0, 1), dtype=np.float32)
    tok = np.asarray(tokens.spans, dtype=np.int64).reshape(-1, 2)
    word = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    overlap = (tok[None, :, 0] < word[:, None, 1]) & (word[:, None, 0] < tok[None, :, 1])
    keep: np.ndarray = np.asarray(overlap.any(axis=1), dtype=bool)
    weights = overlap[keep].astype(np.float32)
    pooled = weights @ tokens.vectors.astype(np.float32) / weights.sum(axis=1, keepdims=True)
    pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
    kept = [span for k, span in enumerate(spans) if keep[k]]
    return kept, pooled.astype(np.float32)


def quantise(vectors: FloatArray) -> tuple[np.ndarray, np.ndarray]:
    """int8 codes and a float32 scale per row (``vectors ~ codes * scale``)."""
    scale = np.maximum(np.abs(vectors).max(axis=1), 1e-9).astype(np.float32) / 127.0
    codes = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return codes, scale


def dequantise(codes: np.ndarray, scale: np.ndarray) -> FloatArray:
    """Unit vectors back from :func:`quantise` (re-normalised)."""
    vectors = codes.astype(np.float32) * scale[:, None].astype(np.float32)
    norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return (vectors / norms).astype(np.float32)


def compact(words: Words) -> Words:
    """``words`` as a cache returns them (through the int8 round trip)."""
    spans, vectors = words
    if not spans:
        return words
    return spans, dequantise(*quantise(vectors))


def words_from_tokens(encode_tokens: Callable[[Sequence[str]], list[TokenVectors]],
                      texts: Sequence[str]) -> list[Words]:
    """Word vectors of ``texts`` from a token encoder, in their compact form."""
    return [compact(pool_words(text, tokens))
            for text, tokens in zip(texts, encode_tokens(texts), strict=True)]
