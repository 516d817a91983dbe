"""Quoted and marked terms: text in quotation marks of any script, and codenames.

Only short quoted spans count as terms (a name, a title, a codename): a quoted
sentence is speech, which the pair's score already covers. :func:`best_window`
finds a term's counterpart in a text that dropped the quotes (the word window
the model finds closest), so ``«Русские витязи»`` matches ``the Russian Knights``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from workbench.nlp.drift.glossary import UNSPACED, Span, term_key
from workbench.nlp.types import Encoder

QUOTES = (("“", "”"), ("«", "»"), ("《", "》"), ("「", "」"), ("『", "』"), ("„", "“"),
          ("〈", "〉"), ("‹", "›"), ('"', '"'))
MAX_WORDS = 6
"""A quoted span of more words than this is a quotation, not a term."""
MAX_HAN = 15
WINDOW_MIN = 0.845
"""A term whose best window in another-script text is below this (e5 cosines of short spans
sit high: 0.80-0.85 for unrelated words, 0.85-0.96 for a counterpart) may have none there."""
_SENTENCE = re.compile(r"[。！？!?；;：:]|[.,，、]\s|[.,]$")
_CODENAME = re.compile(
    r"(?:\b[Oo]peration|\b[Cc]ode-?named?|\b[Оо]пераци[яиюейм]{1,2})\s+"
    r"(?P<name>[A-ZА-ЯЁ][\w'’-]*(?:\s+[A-ZА-ЯЁ][\w'’-]*){0,2})")
_WORDS = re.compile(r"[^\W_][\w'’\-]*")


@dataclass(frozen=True)
class Marked:
    """A quoted or marked term: the span of its text (inside the quotes) and the text."""

    start: int
    end: int
    text: str
    kind: str = "quote"

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    @property
    def key(self) -> str:
        return term_key(self.text)


def _term_like(text: str) -> bool:
    if not text.strip() or not any(ch.isalpha() for ch in text) or _SENTENCE.search(text):
        return False
    if UNSPACED.search(text):
        return len(text.strip()) <= MAX_HAN
    return len(text.split()) <= MAX_WORDS


@lru_cache(maxsize=1)
def _quote_patterns() -> tuple[re.Pattern[str], ...]:
    """One pattern per pair of quotation marks: the opening mark, up to 80 characters, the
    closing one."""
    return tuple(re.compile(f"{re.escape(opening)}([^{re.escape(opening + closing)}\n]{{1,80}})"
                            f"{re.escape(closing)}") for opening, closing in QUOTES)


def _quoted(text: str) -> list[Marked]:
    found: list[Marked] = []
    for pattern in _quote_patterns():
        for m in pattern.finditer(text):
            inner = m.group(1)
            start = m.start(1) + len(inner) - len(inner.lstrip())
            stripped = inner.strip()
            if _term_like(stripped):
                found.append(Marked(start, start + len(stripped), stripped))
    for m in re.finditer(r"(?<![^\W\d_])‘([^‘’\n]{1,60})’(?![^\W\d_])", text):
        if _term_like(m.group(1)):
            found.append(Marked(m.start(1), m.end(1), m.group(1)))
    return found


def marked_terms(text: str) -> list[Marked]:
    """Quoted short spans and codenames (``Operation Spider Web``) of ``text``, in order."""
    found = _quoted(text)
    for m in _CODENAME.finditer(text):
        found.append(Marked(m.start("name"), m.end("name"), m.group("name"), "codename"))
    found.sort(key=lambda t: (t.start, -t.end))
    kept: list[Marked] = []
    for term in found:  # drop a span inside another (a codename inside quotes, nested quotes)
        if not any(k.start <= term.start and term.end <= k.end for k in kept):
            kept.append(term)
    return kept


def same_script(a: str, b: str) -> bool:
    """Do two texts share a script family (Han, Cyrillic, other alphabetic)?"""
    def family(text: str) -> str:
        if UNSPACED.search(text):
            return "han"
        return "cyrillic" if re.search(r"[\u0400-\u04ff]", text) else "latin"
    return family(a) == family(b)


def word_spans(text: str) -> list[Span]:
    """Words of ``text`` (jieba words for Han text)."""
    if UNSPACED.search(text):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return [(s, e) for w, s, e in jieba.tokenize(text) if any(ch.isalnum() for ch in w)]
    return [(m.start(), m.end()) for m in _WORDS.finditer(text)]


def windows(text: str, longest: int) -> list[Span]:
    """Every run of 1..``longest`` consecutive words of ``text``."""
    words = word_spans(text)
    return [(words[i][0], words[j][1]) for i in range(len(words))
            for j in range(i, min(i + longest, len(words)))]


def window_length(term: str) -> int:
    """The longest window worth trying for ``term``'s counterpart in another language."""
    size = len(term.strip()) // 2 if UNSPACED.search(term) else len(term.split())
    return max(2, min(size + 1, 6))


def cosines(encoder: Encoder, term: str, candidates: Sequence[str]) -> list[float]:
    """Model cosine of ``term`` with each candidate (one encode call)."""
    if not candidates:
        return []
    matrix = encoder.encode([term, *candidates])
    return [float(v) for v in matrix[1:] @ matrix[0]]


def best_window(term: str, text: str, encoder: Encoder) -> tuple[Span, float] | None:
    """The word window of ``text`` the model finds closest to ``term``, and its cosine."""
    spans = windows(text, window_length(term))
    if not spans:
        return None
    sims = cosines(encoder, term, [text[s:e] for s, e in spans])
    k = max(range(len(sims)), key=sims.__getitem__)
    return spans[k], sims[k]


__all__ = ["Marked", "best_window", "cosines", "marked_terms", "same_script", "windows"]
