"""The encoder corrections are rescored with: the process-wide memo of
:mod:`workbench.nlp.embed.memo` (which tells the whole caching story: disk cache,
per-run memo, this one).

Rescoring one row still needs every segment's vector, so without a memo each
correction would fetch thousands of vectors again.
"""

from __future__ import annotations

from workbench.nlp.embed import get_encoder
from workbench.nlp.embed.memo import MemoEncoder, shared_memo
from workbench.nlp.types import Encoder

MAX_TEXTS = 60_000  # about 90 MB of 384-dim float32 vectors


def rescoring_encoder(encoder: Encoder | None) -> MemoEncoder:
    """``encoder`` (None: the default model with its disk cache) behind the shared memo."""
    return shared_memo(encoder if encoder is not None else get_encoder(), MAX_TEXTS)
