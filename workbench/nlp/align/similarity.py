"""Cosine similarity of the cells of each row, for every pair of versions present."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from workbench.nlp.align.errors import AlignError
from workbench.nlp.align.spans import encode_checked
from workbench.nlp.align.text import join_segments
from workbench.nlp.types import Encoder, FloatArray, Row, pair_key


def row_similarities(
    texts: Mapping[str, Sequence[str]],
    rows: Sequence[Row],
    encoder: Encoder,
    langs: Mapping[str, str] | None = None,
) -> list[dict[str, float]]:
    """For each row, ``{pair_key(a, b): cosine}`` over pairs of versions with non-empty cells.

    Single-segment cells reuse their sentence embedding; the joined texts of
    multi-segment cells are embedded together in one more batch. ``langs`` (label ->
    language) joins them as the row shows them (``join_segments(parts, lang)``); give it
    whenever the languages are known, so that the similarity is that of the shown text.
    """
    lang_of = dict(langs or {})

    def joined_text(label: str, cells: tuple[int, ...]) -> str:
        return join_segments([texts[label][i] for i in cells], lang_of.get(label))

    labels = list(texts)
    for number, row in enumerate(rows):
        for label, cells in row.cells.items():
            if label not in texts:
                raise AlignError(f"row {number} names unknown version {label!r}")
            if any(not 0 <= i < len(texts[label]) for i in cells):
                raise AlignError(f"row {number} names a segment outside version {label!r}")
    singles = sorted({(label, cells[0]) for row in rows for label, cells in row.cells.items()
                      if len(cells) == 1})
    joined = sorted({joined_text(label, cells)
                     for row in rows for label, cells in row.cells.items() if len(cells) > 1})
    vectors = encode_checked(encoder, [texts[label][i] for label, i in singles] + joined)
    single_at = {key: vectors[k] for k, key in enumerate(singles)}
    joined_at = {text: vectors[len(singles) + k] for k, text in enumerate(joined)}

    def cell_vector(label: str, cells: tuple[int, ...]) -> FloatArray:
        if len(cells) == 1:
            return single_at[(label, cells[0])]
        return joined_at[joined_text(label, cells)]

    result: list[dict[str, float]] = []
    for row in rows:
        present = [lab for lab in labels if row.cells.get(lab)]
        cell = {lab: cell_vector(lab, row.cells[lab]) for lab in present}
        scores: dict[str, float] = {}
        for x, a in enumerate(present):
            for b in present[x + 1 :]:
                scores[pair_key(a, b)] = float(np.clip(np.dot(cell[a], cell[b]), -1.0, 1.0))
        result.append(scores)
    return result
