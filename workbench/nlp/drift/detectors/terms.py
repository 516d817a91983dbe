"""Quoted and marked terms (names in quotes, titles, codenames) compared across a pair.

A term quoted on one side must have a counterpart on the other: in the same
script, the same words (inflection aside; ``"Web"`` / ``"Spider Web"`` differ);
across scripts, the word window the model finds closest to it (quotes are often
dropped in translation). A quoted counterpart that the model finds clearly
further from the term than the best window in that place holds other words
(``«Паутина»`` / ``"Spider Web Operation Plan"``). Without an encoder in the view
only same-script pairs are checked. Thresholds were chosen on DEMETR fold A
(``id % 4 == 1``) so that at most about 1 % of clean translations get a signal.
"""

from __future__ import annotations

import numpy as np

from workbench.nlp.drift.base import Finding, PairView, quote
from workbench.nlp.drift.glossary import find_form
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.quoted import (
    WINDOW_MIN,
    Marked,
    cosines,
    marked_terms,
    same_script,
    window_length,
    windows,
)
from workbench.nlp.drift.registry import declare, register
from workbench.nlp.types import Encoder

STANDS_OUT = 0.035
"""Cross-script: a term below :data:`WINDOW_MIN` in the other text that stands out from
the median window by less than this has no counterpart there."""
EXTRA_MARGIN = 0.06
"""Cross-script: a quoted counterpart this much below the best window holds other words."""

# the document-level term signals (workbench.nlp.drift.glossary / .consistency) live here too
declare("term", N_("Glossary term"), ("term_missing", "term_forbidden"))
declare("consistency", N_("Term consistency"), ("consistency",))


def _same_script_match(term: Marked, other: list[Marked], text: str) -> Marked | str:
    """``"ok"``, ``"alone"`` or the quoted term of the other side that differs."""
    words = set(term.key.split())
    if any(q.key == term.key for q in other):
        return "ok"
    for q in other:
        if words & set(q.key.split()) or (term.text in q.text or q.text in term.text):
            return q
    return "ok" if find_form(text, term.text) else "alone"


def _holds_more(term: Marked, quoted: Marked, encoder: Encoder) -> bool:
    """Does the quote hold the term's counterpart plus other words (a part of it is clearly
    closer to the term than the whole quote)?"""
    parts = [(s, e) for s, e in windows(quoted.text, window_length(term.text))
             if (s, e) != (0, len(quoted.text))]
    if not parts:
        return False
    sims = cosines(encoder, term.text, [quoted.text] + [quoted.text[s:e] for s, e in parts])
    return max(sims[1:]) - sims[0] > EXTRA_MARGIN


def _cross_script_match(term: Marked, other: list[Marked], text: str, encoder: Encoder,
                        partner: Marked | None) -> Marked | str:
    # a quote in its place counts as the counterpart: the model cannot tell short inflected
    # words apart reliably («сухих» is closer to "rainy" than to "dry")
    if partner is not None:
        return partner if _holds_more(term, partner, encoder) else "ok"
    spans = windows(text, window_length(term.text))
    if not spans:
        return "alone"
    sims = cosines(encoder, term.text, [text[s:e] for s, e in spans] + [q.text for q in other])
    window_sims, quote_sims = sims[: len(spans)], sims[len(spans):]
    k = max(range(len(window_sims)), key=window_sims.__getitem__)
    best = max(window_sims[k], max(quote_sims, default=0.0))
    if best < WINDOW_MIN and best - float(np.median(window_sims)) < STANDS_OUT:
        return "alone"  # nothing in the other text is closer to the term than the rest
    for q, sim in zip(other, quote_sims, strict=True):
        inside = q.start <= spans[k][0] and spans[k][1] <= q.end and spans[k] != q.span
        if inside and sim < window_sims[k] - EXTRA_MARGIN:
            return q  # the quote holds the counterpart and other words besides
    return "ok"


def _compare(term: Marked, other: list[Marked], text: str, encoder: Encoder | None,
             partner: Marked | None) -> Marked | str:
    if same_script(term.text, text):
        return _same_script_match(term, other, text)
    if encoder is None:
        return "ok"
    return _cross_script_match(term, other, text, encoder, partner)


@register("quote", label=N_("Quoted term"), messages=("quote_changed", "quote_alone"))
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    terms_a, terms_b = marked_terms(pair.text_a), marked_terms(pair.text_b)
    if not terms_a and not terms_b:
        return []
    findings: list[Finding] = []
    changed: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    sides = ((pair.a, pair.b, terms_a, terms_b, pair.text_b),
             (pair.b, pair.a, terms_b, terms_a, pair.text_a))
    # as many quotes on both sides: the k-th quote's counterpart is the k-th quote there
    partnered = sum(t.kind == "quote" for t in terms_a) == sum(t.kind == "quote" for t in terms_b)
    for side, other_label, mine, theirs, other_text in sides:
        for term in mine:
            partner = None
            if partnered and term.kind == "quote":
                partner = [t for t in theirs if t.kind == "quote"][
                    [t for t in mine if t.kind == "quote"].index(term)]
            outcome = _compare(term, theirs, other_text, pair.encoder, partner)
            if outcome == "alone":
                findings.append(Finding(
                    "quote", message("quote_alone", side=side, found=quote(term.text),
                                     other=other_label),
                    {side: [list(term.span)]}, "minor", {side: frozenset({term.key})}))
            elif isinstance(outcome, Marked):
                qa, qb = (term, outcome) if side == pair.a else (outcome, term)
                if (qa.span, qb.span) in changed:
                    continue
                changed.add((qa.span, qb.span))
                findings.append(Finding(
                    "quote", message("quote_changed", a=pair.a, found_a=quote(qa.text),
                                     b=pair.b, found_b=quote(qb.text)),
                    {pair.a: [list(qa.span)], pair.b: [list(qb.span)]}, "major",
                    {pair.a: frozenset({qa.key}), pair.b: frozenset({qb.key})}))
    return findings
