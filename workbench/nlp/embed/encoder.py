"""A sentence-transformers model behind the workbench's ``Encoder``/``TokenEncoder`` protocols."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.nlp.embed.errors import EmbeddingError, InvalidTextError
from workbench.nlp.types import Encoder, FloatArray, TokenVectors

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

BATCH_SIZE = 32
PASSAGE_PROMPT = "passage: "


def check_texts(texts: Sequence[str]) -> list[str]:
    """The texts as a list; a clear error when the input is not a sequence of strings."""
    if isinstance(texts, str | bytes):
        raise InvalidTextError("encode() takes a list of texts, not a single string")
    items = list(texts)
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise InvalidTextError(f"text {i} is {type(text).__name__}, not str")
    return items


def passage_prompt(model: SentenceTransformer, name: str) -> str:
    """The prefix for passages: the model's "passage" or default prompt, else e5's convention."""
    prompts: dict[str, str] = dict(getattr(model, "prompts", None) or {})
    if "passage" in prompts:
        return prompts["passage"]
    default_name = getattr(model, "default_prompt_name", None)
    if default_name and default_name in prompts:
        return prompts[default_name]
    return PASSAGE_PROMPT if "e5" in name.lower() else ""


def weights_fingerprint(model: SentenceTransformer) -> str:
    """sha256 over every parameter and buffer (names, shapes, bytes): identifies the weights."""
    digest = hashlib.sha256()
    for key, tensor in sorted(model.state_dict().items()):
        digest.update(key.encode())
        digest.update(str(tuple(tensor.shape)).encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()


class SentenceTransformerEncoder:
    """A loaded ``SentenceTransformer`` on CPU, as an ``Encoder`` and a ``TokenEncoder``.

    ``fingerprint`` (a hash of the weights or of the build) goes into ``model_id`` so a
    cache never serves one model's vectors to another; when not given it is computed
    from the weights on first use.
    """

    def __init__(
        self, model: SentenceTransformer, name: str, fingerprint: str | None = None
    ) -> None:
        self.model = model
        self.name = name
        self.prompt = passage_prompt(model, name)
        self._fingerprint = fingerprint
        self._lock = threading.Lock()
        # sentence-transformers 6 renamed the method; older releases only have the old name.
        get_dim = getattr(model, "get_embedding_dimension", None)
        dim = get_dim() if get_dim else model.get_sentence_embedding_dimension()
        if not dim:
            raise EmbeddingError(f"model {name} does not say its embedding dimension")
        self.dim = int(dim)

    @property
    def model_id(self) -> str:
        with self._lock:
            if self._fingerprint is None:
                self._fingerprint = weights_fingerprint(self.model)
        return f"{self.name}@{self._fingerprint[:16]}"

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """L2-normalised float32 vectors, one row per text, in input order."""
        items = check_texts(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        # sentence-transformers sorts each call by length, so padding stays small.
        vectors = self.model.encode(
            items,
            prompt=self.prompt,
            batch_size=BATCH_SIZE,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Contextual token vectors with character spans into each original text.

        Special tokens and the tokens of the prompt are dropped; a token that is only
        the SentencePiece word marker (no visible characters) is dropped too.
        """
        items = check_texts(texts)
        if not items:
            return []
        outputs: Any = self.model.encode(
            items,
            prompt=self.prompt,
            batch_size=BATCH_SIZE,
            show_progress_bar=False,
            output_value="token_embeddings",
            convert_to_numpy=False,
        )
        return [self._token_vectors(text, out) for text, out in zip(items, outputs, strict=True)]

    def _token_vectors(self, text: str, token_embeddings: Any) -> TokenVectors:
        tokenizer = self.model.tokenizer
        encoded = tokenizer(
            self.prompt + text,
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
            truncation=True,
            max_length=self.model.max_seq_length,
        )
        vectors = token_embeddings.detach().cpu().float().numpy()
        offsets = encoded["offset_mapping"]
        special = encoded["special_tokens_mask"]
        if len(offsets) != len(vectors):
            raise EmbeddingError(
                f"token count mismatch for {self.name}: {len(offsets)} offsets, "
                f"{len(vectors)} vectors"
            )
        skip = len(self.prompt)
        spans: list[tuple[int, int]] = []
        keep: list[int] = []
        for i, ((start, end), is_special) in enumerate(zip(offsets, special, strict=True)):
            if is_special or end <= skip:
                continue
            start, end = max(start, skip) - skip, end - skip
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
                keep.append(i)
        kept = vectors[keep].astype(np.float32) if keep else np.zeros((0, self.dim), np.float32)
        norms = np.linalg.norm(kept, axis=1, keepdims=True)
        kept = kept / np.maximum(norms, 1e-12)
        return TokenVectors(spans=spans, vectors=kept.astype(np.float32))


def configure_torch_threads() -> None:
    """Use every core this process may run on (torch's default counts physical cores only),
    or ``WORKBENCH_MODEL_THREADS`` of them (the server's jobs process leaves a core to pages)."""
    import torch  # heavy (seconds): only once a model is used

    from workbench.config import model_threads

    threads = model_threads()
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


def inner_token_vectors(inner: Encoder, model_id: str, texts: Sequence[str]) -> list[TokenVectors]:
    """Token vectors from a wrapped encoder (wrappers cache sentences, never tokens)."""
    encode_tokens = getattr(inner, "encode_tokens", None)
    if encode_tokens is None:
        raise TypeError(f"encoder {model_id} gives no token vectors")
    result: list[TokenVectors] = encode_tokens(texts)
    return result
