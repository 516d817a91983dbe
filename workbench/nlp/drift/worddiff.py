"""A word diff between two versions in one language (two editions, a revised translation).

For same-language pairs the calibrated score saturates (a one-word change keeps it
near 1), so the review shows what changed word by word instead. Words are jieba
words for Chinese and ``\\w`` runs (with inner apostrophes and hyphens) otherwise;
they are compared case- and punctuation-insensitively (``str.casefold``, curly
quotes folded) with :class:`difflib.SequenceMatcher`. Pure functions, no Flask.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")

Tag = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class Word:
    """One word of a text: its characters ``text[start:end]`` and its comparison form."""

    text: str
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class DiffOp:
    """One stretch of the diff: words of ``a`` and of ``b`` (either may be empty)."""

    tag: Tag
    a: tuple[Word, ...]
    b: tuple[Word, ...]

    @staticmethod
    def _span(words: tuple[Word, ...]) -> list[int] | None:
        return [words[0].start, words[-1].end] if words else None

    @property
    def span_a(self) -> list[int] | None:
        """Characters of ``a`` this stretch covers (first word start to last word end)."""
        return self._span(self.a)

    @property
    def span_b(self) -> list[int] | None:
        return self._span(self.b)


def normalise(word: str) -> str:
    """The comparison form: case-folded, curly apostrophes and ``ё`` folded."""
    return word.casefold().replace("’", "'").replace("ё", "е")


def tokenize(text: str) -> list[Word]:
    """Words of ``text`` with character offsets; punctuation and spaces are not words."""
    if _HAN.search(text):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return [Word(w, normalise(w), s, e) for w, s, e in jieba.tokenize(text)
                if any(ch.isalnum() for ch in w)]
    return [Word(m.group(), normalise(m.group()), m.start(), m.end())
            for m in _WORD.finditer(text)]


def _same_letters(a: tuple[Word, ...], b: tuple[Word, ...]) -> bool:
    """A replace that is only another segmentation of the same characters (jieba)."""
    return "".join(w.norm for w in a) == "".join(w.norm for w in b)


def diff_words(text_a: str, text_b: str) -> list[DiffOp]:
    """The word diff of ``text_a`` -> ``text_b``: equal, inserted, deleted and replaced words."""
    words_a, words_b = tokenize(text_a), tokenize(text_b)
    matcher = SequenceMatcher(None, [w.norm for w in words_a], [w.norm for w in words_b],
                              autojunk=False)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = tuple(words_a[i1:i2]), tuple(words_b[j1:j2])
        kind: Tag = tag
        if kind == "replace" and _same_letters(a, b):
            kind = "equal"
        if ops and ops[-1].tag == kind == "equal":
            ops[-1] = DiffOp("equal", ops[-1].a + a, ops[-1].b + b)
        else:
            ops.append(DiffOp(kind, a, b))
    return ops


def changed(ops: list[DiffOp]) -> list[DiffOp]:
    """Only the stretches that differ."""
    return [op for op in ops if op.tag != "equal"]


Piece = tuple[Literal["same", "del", "ins"], str]


def inline_pieces(text_a: str, text_b: str, ops: list[DiffOp] | None = None) -> list[Piece]:
    """One merged reading of the diff: ``b``'s text with ``a``'s deleted words put in.

    Equal text (and all punctuation and spacing) comes from ``b``; a deleted or
    replaced stretch of ``a`` is a ``del`` piece placed where it stood (with a
    space to keep it apart from its neighbours, except in Chinese), an inserted
    or replacing stretch of ``b`` an ``ins`` piece. Joining the ``same`` and
    ``ins`` pieces gives back ``text_b`` exactly.
    """
    ops = diff_words(text_a, text_b) if ops is None else ops
    pieces: list[Piece] = []
    cursor = 0

    def same(upto: int) -> None:
        nonlocal cursor
        if upto > cursor:
            if pieces and pieces[-1][0] == "same":
                pieces[-1] = ("same", pieces[-1][1] + text_b[cursor:upto])
            else:
                pieces.append(("same", text_b[cursor:upto]))
            cursor = upto

    for k, op in enumerate(ops):
        if op.tag == "equal":
            if op.b:
                same(op.b[-1].end)
            continue
        following = next((o.b[0].start for o in ops[k + 1:] if o.b), None)
        if op.b:
            same(op.b[0].start)
        elif following is not None:
            same(following)
        if op.a:
            deleted = text_a[op.a[0].start:op.a[-1].end]
            if not _HAN.search(deleted):
                at_end = not op.b and following is None
                deleted = (" " + deleted) if at_end and cursor else (deleted + " ")
            pieces.append(("del", deleted))
        if op.b:
            pieces.append(("ins", text_b[op.b[0].start:op.b[-1].end]))
            cursor = op.b[-1].end
    same(len(text_b))
    return pieces


__all__ = ["DiffOp", "Piece", "Word", "changed", "diff_words", "inline_pieces", "normalise",
           "tokenize"]
