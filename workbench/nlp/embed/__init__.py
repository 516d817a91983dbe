"""Sentence embeddings: the embedded default model, encoders, and the disk cache.

``get_encoder()`` is the entry point every other layer uses::

    encoder = get_encoder()              # $WORKBENCH_MODEL or the embedded default, disk-cached
    vectors = encoder.encode(["你好", "Привет"])   # (2, 384) float32, L2-normalised
    tokens = encoder.encode_tokens(["Привет, мир"])  # per-token vectors + character spans

Three caches keep a text from being embedded twice: the disk cache (``cache.py``,
inside ``get_encoder()``), a memo per pipeline run and a process-wide memo for
corrections (both in ``memo.py``, whose docstring tells the story).
"""

from __future__ import annotations

import threading

from workbench.config import model_name
from workbench.nlp.embed.build import build_default_model, default_model_dir
from workbench.nlp.embed.cache import CachedEncoder, CacheStats, default_cache_path
from workbench.nlp.embed.encoder import SentenceTransformerEncoder
from workbench.nlp.embed.errors import (
    EmbeddingError,
    InvalidTextError,
    ModelBuildError,
    ModelUnavailableError,
)
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.embed.loader import load_encoder

__all__ = [
    "CacheStats",
    "CachedEncoder",
    "EmbeddingError",
    "FakeEncoder",
    "InvalidTextError",
    "ModelBuildError",
    "ModelUnavailableError",
    "SentenceTransformerEncoder",
    "build_default_model",
    "default_model_dir",
    "get_encoder",
]

_models: dict[str, SentenceTransformerEncoder] = {}
_cached: dict[tuple[str, str], CachedEncoder] = {}
_lock = threading.Lock()


def _model(name: str) -> SentenceTransformerEncoder:
    with _lock:
        if name not in _models:
            _models[name] = load_encoder(name)
        return _models[name]


def get_encoder(
    name: str | None = None, cache: bool = True
) -> SentenceTransformerEncoder | CachedEncoder:
    """The encoder for ``name`` (default: ``$WORKBENCH_MODEL`` or the embedded model), memoised.

    With ``cache=True`` it is wrapped in the SQLite :class:`CachedEncoder` under
    ``cache_dir()``. Raises :class:`ModelUnavailableError` when the model cannot be
    loaded offline, :class:`ModelBuildError` when the default cannot be built.
    """
    resolved = name or model_name()
    inner = _model(resolved)
    if not cache:
        return inner
    key = (resolved, str(default_cache_path()))
    with _lock:
        if key not in _cached:
            _cached[key] = CachedEncoder(inner)
        return _cached[key]
