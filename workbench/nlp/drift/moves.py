"""Moved sentences: a segment left alone in one row whose translation stands alone in another.

A translation that reorders sentences (a caption moved, a list re-sorted) leaves
the aligner, which keeps both texts in order, with a one-sided row where the
sentence left and another where it arrived. Reported as an omission there and an
addition here, that is two false alarms for one harmless change. When the two lone
texts translate each other -- each the other's closest among the lone rows within
:data:`MOVE_WINDOW` rows, with a calibrated score of at least :data:`MOVE_SCORE` --
both rows get one minor *moved* flag instead, naming the other row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from workbench.nlp.drift.base import Finding, PairView, quote, whole_span
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import declare
from workbench.nlp.types import FloatArray

MOVE_SCORE = 0.85
"""Calibrated score two lone texts need to count as one sentence moved. Stricter than
"a translation" (0.5): within one text on one topic, wrong pairs of lone rows scored up
to 0.80 on Text+Berg, true moves 0.90-0.98 (``python -m bench.moves``)."""
MOVE_WINDOW = 40
"""How many rows away a moved sentence may land."""

declare("moved", N_("Moved"), ("moved",))


@dataclass(frozen=True)
class Move:
    """The row holding the other half of a move, and how well the two halves match."""

    row: int
    text: str
    score: float


def lone_sides(texts: Mapping[int, Mapping[str, str]], a: str, b: str
               ) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Rows where only ``a`` (first list) or only ``b`` (second) has text, with that text."""
    only_a, only_b = [], []
    for row in sorted(texts):
        text_a, text_b = texts[row].get(a, ""), texts[row].get(b, "")
        if text_a.strip() and not text_b.strip():
            only_a.append((row, text_a))
        elif text_b.strip() and not text_a.strip():
            only_b.append((row, text_b))
    return only_a, only_b


def find_moves(
    texts: Mapping[int, Mapping[str, str]],
    a: str,
    b: str,
    vector: Callable[[str], FloatArray],
    score: Callable[[str, str], float],
) -> dict[int, Move]:
    """For each row of a move of the pair ``a``-``b``, the other row of that move.

    ``texts`` holds the joined text of each version in (at least) every row that
    is one-sided for the pair; ``vector`` embeds a text, ``score`` gives the
    calibrated score of an ``a`` text against a ``b`` text.
    """
    only_a, only_b = lone_sides(texts, a, b)
    if not only_a or not only_b:
        return {}
    xs = np.vstack([vector(t) for _, t in only_a])
    ys = np.vstack([vector(t) for _, t in only_b])
    cos = xs @ ys.T
    rows_a = np.array([r for r, _ in only_a])[:, None]
    rows_b = np.array([r for r, _ in only_b])[None, :]
    cos = np.where(np.abs(rows_a - rows_b) <= MOVE_WINDOW, cos, -np.inf)
    moves: dict[int, Move] = {}
    for i, k in enumerate(cos.argmax(axis=1)):
        if not np.isfinite(cos[i, k]) or int(cos[:, k].argmax()) != i:
            continue  # not each other's closest
        (row_a, text_a), (row_b, text_b) = only_a[i], only_b[k]
        value = score(text_a, text_b)
        if value >= MOVE_SCORE:
            moves[row_a] = Move(row_b, text_b, value)
            moves[row_b] = Move(row_a, text_a, value)
    return moves


def moved_findings(view: PairView, move: Move, found: list[Finding]) -> list[Finding]:
    """``found`` with the whole-side omission or addition of ``view`` told as a move."""
    if view.text_a.strip() and not view.text_b.strip():
        side, text, kind = view.a, view.text_a, "omission"
    elif view.text_b.strip() and not view.text_a.strip():
        side, text, kind = view.b, view.text_b, "addition"
    else:
        return found
    other = view.b if side == view.a else view.a
    moved = Finding("moved", message("moved", side=side, text=quote(text), other=other,
                                     match=quote(move.text), row=move.row + 1,
                                     score=f"{move.score:.2f}"),
                    {side: whole_span(text)}, "minor")
    return [moved] + [f for f in found if f.type != kind]
