"""Sentence alignment: pairwise n-m beads and the N-way grid of versions.

``align_pair`` aligns two texts; ``align_versions`` builds one grid of rows for
two or more versions; ``row_similarities`` scores every pair of cells in a row;
``join_segments`` is the one way segments are joined into a text.
"""

from __future__ import annotations

from workbench.nlp.align.api import align_pair
from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.errors import AlignError
from workbench.nlp.align.nway import align_versions
from workbench.nlp.align.similarity import row_similarities
from workbench.nlp.align.text import is_cjk_lang, join_segments

__all__ = [
    "AlignConfig",
    "AlignError",
    "align_pair",
    "align_versions",
    "is_cjk_lang",
    "join_segments",
    "row_similarities",
]
