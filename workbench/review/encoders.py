"""A process-wide in-memory memo of embeddings for rescoring after corrections.

Rescoring one row still needs every segment's vector (the calibrated score
compares a pair with its nearest neighbours), so without a memo each
correction would fetch thousands of vectors again. The memo is kept per
encoder object and cleared when it grows past :data:`MAX_TEXTS`.
"""

from __future__ import annotations

import threading
import weakref

from workbench.nlp.embed.memo import MemoEncoder
from workbench.nlp.types import Encoder

MAX_TEXTS = 60_000  # about 90 MB of 384-dim float32 vectors

_memos: weakref.WeakKeyDictionary[object, MemoEncoder] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def rescoring_encoder(encoder: Encoder | None) -> MemoEncoder:
    """``encoder`` (None: the default model with its disk cache) behind a shared memo."""
    if encoder is None:
        from workbench.nlp.embed import get_encoder

        encoder = get_encoder()
    if isinstance(encoder, MemoEncoder):
        return encoder
    with _lock:
        memo = _memos.get(encoder)
        if memo is None or len(memo._memo) > MAX_TEXTS:
            memo = MemoEncoder(encoder)
            _memos[encoder] = memo
        return memo
