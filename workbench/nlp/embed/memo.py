"""In-memory memos of embeddings: one per pipeline run, one per process for corrections.

How the workbench avoids embedding a text twice, from the longest-lived layer in:

1. **Disk cache** (:class:`workbench.nlp.embed.cache.CachedEncoder`, what
   ``get_encoder()`` returns): SQLite under ``cache_dir()``, keyed by model id and
   the text's SHA-256; shared by runs and processes, so a text embedded once is
   never embedded again (the demo, an imported file uploaded twice).
2. **Per-run memo** (:class:`MemoEncoder`): the pipeline wraps its encoder in one
   for a ``compare`` / ``rescore`` run, so the aligner, the scorer and the drift
   detectors, which all ask for the same segments, get them from a dict instead
   of a SQLite round trip (or a model call when there is no disk cache).
3. **Process-wide memo for corrections** (:func:`shared_memo`, used by
   ``review.encoders.rescoring_encoder``): rescoring one corrected row still needs
   every segment's vector (a calibrated score compares a pair with its nearest
   neighbours), so one :class:`MemoEncoder` per encoder object is kept for the
   life of the process (weakly: it goes with its encoder) and started afresh once
   it holds more than ``max_texts`` texts.

Tests count the inner encoder's calls to check that no text is embedded twice.
"""

from __future__ import annotations

import threading
import weakref
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

    @property
    def size(self) -> int:
        """How many distinct texts are memoised."""
        return len(self._memo)

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


_shared: weakref.WeakKeyDictionary[object, MemoEncoder] = weakref.WeakKeyDictionary()
_shared_lock = threading.Lock()


def shared_memo(encoder: Encoder, max_texts: int) -> MemoEncoder:
    """The process-wide memo of ``encoder`` (a memo given is returned as it is).

    Started afresh when it holds more than ``max_texts`` texts, which bounds its memory.
    """
    if isinstance(encoder, MemoEncoder):
        return encoder
    with _shared_lock:
        memo = _shared.get(encoder)
        if memo is None or memo.size > max_texts:
            memo = MemoEncoder(encoder)
            _shared[encoder] = memo
        return memo


__all__ = ["MemoEncoder", "shared_memo"]
