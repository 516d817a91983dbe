"""How segments are joined into one text: kept in :mod:`workbench.nlp.text` (the store and
the review use it too, and may not import the aligner); the aligner's names for it."""

from __future__ import annotations

from workbench.nlp.text import CJK_LANGS, is_cjk_char, is_cjk_lang, join_segments

__all__ = ["CJK_LANGS", "is_cjk_char", "is_cjk_lang", "join_segments"]
