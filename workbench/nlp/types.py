"""Data types shared by every layer of the NLP core (segment -> embed -> align -> drift)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Segment:
    """One segment (usually a sentence) of a version.

    ``start``/``end`` are character offsets into the original text, so that
    ``text[start:end]`` (after whitespace stripping) gives the segment back.
    ``paragraph`` numbers paragraphs from 0 in reading order.
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass
class Version:
    """One version of the text: a language, a label, its full text and its segments."""

    label: str
    lang: str
    text: str
    segments: list[Segment] = field(default_factory=list)


@runtime_checkable
class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors, one row per text."""

    @property
    def model_id(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> FloatArray: ...


@dataclass(frozen=True)
class TokenVectors:
    """Contextual token vectors of one text, with character spans into that text."""

    spans: list[tuple[int, int]]
    vectors: FloatArray  # (n_tokens, dim), L2-normalised


@runtime_checkable
class TokenEncoder(Protocol):
    """An encoder that can also give per-token vectors (for word-level highlights)."""

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]: ...


@dataclass(frozen=True)
class Bead:
    """A pairwise alignment unit: source indices and target indices (either may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass
class Row:
    """One row of an N-way alignment grid: for each version label, the segment indices in it."""

    cells: dict[str, tuple[int, ...]]


def pair_key(a: str, b: str) -> str:
    """The key for a pair of version labels, as written in JSONL (``"zh|ru"``)."""
    return f"{a}|{b}"
