"""Term consistency: one source term rendered in different ways within a document.

Only terms a reader would call terms take part, so that ordinary words never
do: quoted and marked terms (see :mod:`workbench.nlp.drift.quoted`) and
capitalised multi-word terms (``Shanghai Cooperation Organisation``), seen in
at least :data:`MIN_ROWS` rows of the source side. In each of those rows the
term's rendering is the quoted, marked or capitalised term of the other side
that matches it (same words in the same script; otherwise the quote in the same
place, or the candidate the model finds closest, above ``WINDOW_MIN``). Rows
whose rendering differs from the most frequent one get a minor ``consistency``
signal. Terms the glossary covers are left to the ``term`` signal.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from workbench.nlp.drift.base import Finding, quote
from workbench.nlp.drift.glossary import Glossary, find_form, term_key
from workbench.nlp.drift.messages import message
from workbench.nlp.drift.quoted import (
    WINDOW_MIN,
    Marked,
    cosines,
    marked_terms,
    same_script,
)
from workbench.nlp.types import Encoder

Pair = tuple[str, str]
MIN_ROWS = 2
MIN_CAPITALISED = 3
"""A capitalised term of the source has this many capitalised words (``Great Hall of the
People``): two-word ones are mostly personal names, which the name signal checks."""
CLEAR_MARGIN = 0.02
"""Across scripts, the model's choice of rendering must beat the next candidate by this."""
_LINK = r"(?:\s+(?:of|the|and|for|on|in|de|du|la|des|del|и|по|для|при)){0,2}"
_CAPITALISED = re.compile(
    rf"(?<![\w-])(?:[A-ZА-ЯЁ][\w'’-]+|[A-Z]{{2,}})(?:{_LINK}\s+(?:[A-ZА-ЯЁ][\w'’-]+))+")
_ARTICLE = re.compile(r"^(?:The|A|An)\s+")


@dataclass(frozen=True)
class _Use:
    row: int
    term: Marked
    rendering: Marked


def candidate_terms(text: str, minimum: int = 2) -> list[Marked]:
    """Marked terms and terms of ``minimum`` or more capitalised words of ``text``."""
    return list(_candidate_terms(text, minimum))


@lru_cache(maxsize=65536)
def _candidate_terms(text: str, minimum: int) -> tuple[Marked, ...]:
    """:func:`candidate_terms`, remembered: each correction checks every row of the document
    again, and all but the corrected rows are the texts of the last check."""
    found = marked_terms(text)
    for m in _CAPITALISED.finditer(text):
        article = _ARTICLE.match(m.group())
        start = m.start() + (len(article.group()) if article else 0)
        phrase = text[start:m.end()]
        capitals = sum(w[:1].isupper() for w in re.split(r"[\s-]+", phrase))
        if capitals >= minimum and not any(t.start < m.end() and start < t.end for t in found):
            found.append(Marked(start, m.end(), phrase, "capitalised"))
    return tuple(sorted(found, key=lambda t: t.start))


def _rendering(term: Marked, mine: list[Marked], theirs: list[Marked], text: str,
               encoder: Encoder | None) -> Marked | None:
    """The term of the other side that renders ``term`` in this row, if one clearly does."""
    if same_script(term.text, text):
        spans = find_form(text, term.text)
        if spans:
            return Marked(spans[0][0], spans[0][1], text[spans[0][0]:spans[0][1]], term.kind)
        words = set(term.key.split())
        overlap = [t for t in theirs if words & set(t.key.split())]
        return overlap[0] if len(overlap) == 1 else None
    quotes_a = [t for t in mine if t.kind == "quote"]
    quotes_b = [t for t in theirs if t.kind == "quote"]
    if term.kind == "quote" and quotes_a and len(quotes_a) == len(quotes_b):
        return quotes_b[quotes_a.index(term)]
    if encoder is None or not theirs:
        return None
    sims = cosines(encoder, term.text, [t.text for t in theirs])
    ranked = sorted(range(len(sims)), key=sims.__getitem__, reverse=True)
    best = sims[ranked[0]]
    clear = len(ranked) == 1 or best - sims[ranked[1]] >= CLEAR_MARGIN
    return theirs[ranked[0]] if best >= WINDOW_MIN and clear else None


def _same(a: Marked, b: Marked) -> bool:
    """One rendering twice? A quoted or marked one must have the same words (``"Web"`` /
    ``"Spider Web"`` differ); a capitalised phrase found by its capitals may include the
    other's words (``China-Central Asia`` / ``China-Central Asia Summit``)."""
    x, y = set(a.key.split()), set(b.key.split())
    if x == y:
        return True
    loose = "capitalised" in (a.kind, b.kind)
    return loose and (x <= y or y <= x)


def consistency_findings(
    texts: Sequence[Mapping[str, str]], pairs: Sequence[Pair], encoder: Encoder | None,
    glossary: Glossary | None = None,
) -> list[dict[Pair, list[Finding]]]:
    """Per row of ``texts`` (label -> row text), the consistency findings of each pair."""
    result: list[dict[Pair, list[Finding]]] = [defaultdict(list) for _ in texts]
    covered = glossary.source_forms() if glossary is not None else set()
    for a, b in pairs:
        terms = [candidate_terms(row.get(a, ""), MIN_CAPITALISED) for row in texts]
        rows_of: dict[str, set[int]] = defaultdict(set)
        for k, found in enumerate(terms):
            for t in found:
                rows_of[t.key].add(k)
        wanted = {key for key, rows in rows_of.items()
                  if len(rows) >= MIN_ROWS and key and key not in covered}
        if not wanted:
            continue
        uses: dict[str, list[_Use]] = defaultdict(list)
        for k, found in enumerate(terms):
            text_b = texts[k].get(b, "")
            if not text_b.strip():
                continue
            theirs = candidate_terms(text_b)
            for t in found:
                if t.key in wanted:
                    rendering = _rendering(t, found, theirs, text_b, encoder)
                    if rendering is not None:
                        uses[t.key].append(_Use(k, t, rendering))
        for found_uses in uses.values():
            counts = Counter(term_key(u.rendering.text) for u in found_uses)
            if len(counts) < 2:
                continue
            usual, n = counts.most_common(1)[0]
            usual_one = next(u.rendering for u in found_uses
                             if term_key(u.rendering.text) == usual)
            usual_text = usual_one.text
            for use in found_uses:
                if _same(use.rendering, usual_one):
                    continue
                detail = message("consistency", a=a, term=quote(use.term.text), b=b,
                                 found=quote(use.rendering.text), usual=quote(usual_text),
                                 count=str(n))
                result[use.row][(a, b)].append(Finding(
                    "consistency", detail,
                    {a: [list(use.term.span)], b: [list(use.rendering.span)]}, "minor",
                    {a: frozenset({use.term.key}), b: frozenset({use.rendering.key})}))
    return [dict(r) for r in result]


__all__ = ["MIN_ROWS", "candidate_terms", "consistency_findings"]
