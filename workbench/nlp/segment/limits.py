"""Cutting overly long segments, so pathological input stays linear and embeddable.

A segment longer than :data:`MAX_SEGMENT_CHARS` (a 5 MB line without punctuation,
a table flattened into one line) is cut into pieces of at most that many
characters. Each cut is placed, in order of preference, after the last clause
punctuation (comma, semicolon, colon, dash, closing bracket, in Latin or CJK
form), else at the last whitespace, within the second half of the window; only
when neither exists is the text cut hard at the maximum (never before a
combining mark). Every window is scanned once, so the whole pass is linear.
"""

from __future__ import annotations

import re
import unicodedata

from workbench.nlp.segment.blocks import Span, strip_span

MAX_SEGMENT_CHARS = 1000
"""Longest segment :func:`~workbench.nlp.segment.segment_text` produces, in characters.

The default model reads at most 512 tokens (about 500 Chinese or 2000 English
characters); real sentences are far shorter, so only runaway input is cut.
"""

_CLAUSE_END = re.compile(r"[,;:—–)\]]+(?=\s)|[，；：、）】」』》〉]+")  # not "1,000"
_WHITESPACE = re.compile(r"\s+")
_GLUE_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Cf", "Lm", "Sk"})


def _last_cut(pattern: re.Pattern[str], text: str, lo: int, hi: int, after: bool) -> int | None:
    """The last place in ``[lo, hi)`` after (or before) a match of ``pattern``."""
    cut: int | None = None
    for match in pattern.finditer(text, lo, hi):
        cut = match.end() if after else match.start()
    return cut if cut is not None and lo < cut < hi else None


def _hard_cut(text: str, lo: int, hi: int) -> int:
    """``hi``, moved back over combining marks and joiners so none is split from its base."""
    cut = hi
    while cut > lo + 1 and unicodedata.category(text[cut]) in _GLUE_CATEGORIES:
        cut -= 1
    return cut if cut > lo else hi


def best_cut(text: str, start: int, limit: int) -> int:
    """Where to cut a run starting at ``start`` that is longer than ``limit`` (see module doc)."""
    lo, hi = start + limit // 2, start + limit
    cut = _last_cut(_CLAUSE_END, text, lo, hi, after=True)
    if cut is None:
        cut = _last_cut(_WHITESPACE, text, lo, hi, after=False)
    return cut if cut is not None else _hard_cut(text, lo, hi)


def cut_long_span(text: str, span: Span, limit: int = MAX_SEGMENT_CHARS) -> list[Span]:
    """Split ``text[span]`` into stripped spans of at most ``limit`` characters."""
    start, end = span
    pieces: list[Span] = []
    while end - start > limit:
        cut = best_cut(text, start, limit)
        piece = strip_span(text, start, cut)
        if piece[0] < piece[1]:
            pieces.append(piece)
        start = strip_span(text, cut, end)[0]
    if start < end:
        pieces.append((start, end))
    return pieces
