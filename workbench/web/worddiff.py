"""The word diff of a review row's same-language versions, as ``<del>`` / ``<ins>`` markup.

Two versions in one language (two editions, a revised translation) score near 1
whatever changed, so the row shows what changed word by word. The diff itself
is :func:`workbench.nlp.drift.worddiff.inline_pieces` (a pure function); this
module only escapes the text and wraps the pieces, so templates print it as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from workbench.nlp.drift.worddiff import Piece, inline_pieces

_TAGS = {"del": "del", "ins": "ins"}


@dataclass(frozen=True)
class WordDiff:
    """The diff of version ``a`` into version ``b`` of one row, ready to print."""

    a: str
    b: str
    markup: Markup
    changes: int


def render_pieces(pieces: Iterable[Piece]) -> tuple[Markup, int]:
    """Escaped text with each deleted / inserted piece in its element; and how many there are."""
    out: list[Markup] = []
    changes = 0
    for kind, text in pieces:
        tag = _TAGS.get(kind)
        if tag is None:
            out.append(escape(text))
        else:
            changes += 1
            out.append(Markup('<{0} class="wd-{0}">{1}</{0}>').format(tag, text))
    return Markup("").join(out), changes


def same_language_pairs(versions: Iterable[Any]) -> list[tuple[str, str]]:
    """Pairs of version labels in one language, in reading order (each earlier one first)."""
    listed = [(v.label, str(v.lang or "")[:2].lower()) for v in versions]
    return [(a, b) for i, (a, lang_a) in enumerate(listed) for b, lang_b in listed[i + 1:]
            if lang_a and lang_a == lang_b]


def row_word_diffs(versions: Iterable[Any], texts: Mapping[str, str]) -> list[WordDiff]:
    """The word diff of every same-language pair of a row where both versions have text."""
    found: list[WordDiff] = []
    for a, b in same_language_pairs(versions):
        text_a, text_b = texts.get(a) or "", texts.get(b) or ""
        if not text_a.strip() or not text_b.strip():
            continue
        markup, changes = render_pieces(inline_pieces(text_a, text_b))
        found.append(WordDiff(a, b, markup, changes))
    return found
