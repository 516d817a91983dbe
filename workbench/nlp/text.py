"""How segments are joined into one text (for overlap embeddings, similarity and display).

Kept in one place, below every layer that needs it (the aligner, the drift
analysis, the pipeline, the store and the review), so that they embed, store
and show exactly the same string for a multi-segment cell.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

CJK_LANGS = frozenset({"zh", "ja", "yue", "wuu", "lzh", "cmn"})


def is_cjk_char(char: str) -> bool:
    """Han, kana, CJK punctuation and full-width forms: scripts written without spaces."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, punctuation, kana, Han
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x2FA1F  # Han extensions
        or unicodedata.name(char, "").startswith("CJK")
    )


def is_cjk_lang(lang: str | None) -> bool:
    """``zh``, ``zh-Hant``, ``ja_JP``... are written without spaces between sentences."""
    if not lang:
        return False
    return lang.replace("_", "-").split("-")[0].lower() in CJK_LANGS


def join_segments(parts: Sequence[str], lang: str | None = None) -> str:
    """Join segments with a space, or with nothing between two CJK segments.

    With ``lang`` given, a CJK language joins with no space and any other with
    one; without it each junction is decided by the characters on both sides.
    """
    pieces = [p.strip() for p in parts if p.strip()]
    if not pieces:
        return ""
    if lang is not None:
        return ("" if is_cjk_lang(lang) else " ").join(pieces)
    joined = pieces[0]
    for piece in pieces[1:]:
        glue = "" if is_cjk_char(joined[-1]) and is_cjk_char(piece[0]) else " "
        joined += glue + piece
    return joined
