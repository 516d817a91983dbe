"""What a drift detector sees (one aligned pair) and what it returns (findings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.errors import UserError

if TYPE_CHECKING:
    from workbench.nlp.drift.wordvec import WordVectors
    from workbench.nlp.types import Encoder


class DriftError(UserError):
    """Bad input to drift analysis (unknown chain label, rows naming missing segments...)."""


@dataclass(frozen=True)
class PairView:
    """One aligned pair of a row: ``a`` is the source side, ``b`` the translation side.

    ``score`` is the calibrated match score (``None`` when a side is empty);
    ``length_log_ratio`` is the expected ``(mean, std)`` of ``log(len(b) / len(a))``
    in characters for this language pair, when known. ``lone_a`` / ``lone_b`` are
    the character spans of whole segments of a multi-segment cell that have no
    counterpart on the other side (see :mod:`workbench.nlp.drift.segments`).
    """

    row: int
    a: str
    b: str
    lang_a: str
    lang_b: str
    text_a: str
    text_b: str
    cos: float | None = None
    score: float | None = None
    length_log_ratio: tuple[float, float] | None = None
    lone_a: tuple[tuple[int, int], ...] = ()
    lone_b: tuple[tuple[int, int], ...] = ()
    encoder: Encoder | None = field(default=None, compare=False, repr=False)
    """The model, for detectors that compare spans (quoted terms); ``None`` in plain views."""
    words: WordVectors | None = field(default=None, compare=False, repr=False)
    """Contextual word vectors of the row texts (shared by the detectors of one analysis)."""
    word_register: float | None = None
    """The document's register for this pair (:mod:`workbench.nlp.drift.register`), if read."""

    @property
    def key(self) -> str:
        return f"{self.a}|{self.b}"

    def side(self, label: str) -> tuple[str, str]:
        """``(text, lang)`` of the side labelled ``label``."""
        return (self.text_a, self.lang_a) if label == self.a else (self.text_b, self.lang_b)


@dataclass
class Finding:
    """A drift found in one pair, before chain attribution turns it into a ``FlagRecord``.

    ``keys`` says per label *what* was found (a normalised number, a name...), so
    that the same drift seen in two comparisons (a hop and the direct pair) can be
    recognised as one; ``"*"`` matches anything of the same type.
    """

    type: str
    detail: str
    spans: dict[str, list[list[int]]] = field(default_factory=dict)
    severity: str = "major"
    keys: dict[str, frozenset[str]] = field(default_factory=dict)

    def keys_for(self, label: str) -> frozenset[str]:
        return self.keys.get(label, frozenset({"*"}))


def whole_span(text: str) -> list[list[int]]:
    """The span of ``text`` without its surrounding white space, as a findings span list."""
    start = len(text) - len(text.lstrip())
    return [[start, len(text.rstrip())]]


def quote(text: str, limit: int = 40) -> str:
    """A short quotation of ``text`` for a human-readable reason."""
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"
