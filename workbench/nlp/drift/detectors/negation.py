"""Negation that one side has and the other lacks (a flipped "not" keeps the cosine high: 0.88).

Each side's cues are counted by strength (:mod:`workbench.nlp.drift.extract.negcues`):
explicit cues (not, 不, 无法, не) and affixal ones ("unprecedented", 前所未有,
«нестабильный»). A side is flagged when it has more explicit negations than the
other *and* more negations in all: 无法 = "unable to" = "cannot" and 前所未有 =
"unprecedented" are clean, "not unprecedented" against 前所未有 is not. One side
negating where the other has no cue at all is the critical case; a side with
more negations than the other (a double negation, a second "not") is major, except in
a freely translated document (its register, :mod:`workbench.nlp.drift.register`, below
the floor of news: a literary rendering moves negations from clause to clause). A
rhetorical question rendered as a negated statement is not flagged
(:func:`workbench.nlp.drift.detectors.question.is_rhetorical`), nor one negation more in
a pair of questions: a negative question asks what the positive one does («Вы не видели
здесь сумку?» / "Did you see a bag here?", "Don't you think so?" / 你觉得呢？).
"""

from __future__ import annotations

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.detectors.question import both_ask, in_question, is_rhetorical
from workbench.nlp.drift.extract.negcues import NegationCues, find_cues
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.register import is_free
from workbench.nlp.drift.registry import register

_LANGS = ("zh", "ru", "en")


def negation_spans(text: str, lang: str) -> list[list[int]]:
    """Character spans of explicit negation cues in ``text`` (non-negating expressions excluded)."""
    return find_cues(text, lang).spans()


def _negative_question(pair: PairView, cues_a: NegationCues, cues_b: NegationCues) -> bool:
    """Both sides ask, and each explicit cue of the side with more is inside a question."""
    if not both_ask(pair):
        return False
    more, text = (cues_a, pair.text_a) if cues_a.strength > cues_b.strength else (cues_b,
                                                                                pair.text_b)
    return all(in_question(text, start) for start, _ in more.spans())


@register("negation", label=N_("Negation"), messages=("negation", "negation_more"))
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    if pair.lang_a[:2].lower() not in _LANGS or pair.lang_b[:2].lower() not in _LANGS:
        return []
    if is_rhetorical(pair):
        return []
    cues_a, cues_b = find_cues(pair.text_a, pair.lang_a), find_cues(pair.text_b, pair.lang_b)
    one_more = 1 in (abs(cues_a.strength - cues_b.strength), abs(cues_a.total - cues_b.total))
    if one_more and _negative_question(pair, cues_a, cues_b):
        # «Вы не видели сумку?» / "Did you see a bag?": a negative question, politely; "Why
        # don't you call and remind him?" is affixal (it asks), «не звоните и не напоминаете» two
        return []
    for has, lacks, more, fewer, text in ((pair.a, pair.b, cues_a, cues_b, pair.text_a),
                                          (pair.b, pair.a, cues_b, cues_a, pair.text_b)):
        if more.strength > fewer.strength and more.total > fewer.total:
            spans = more.spans()
            cue = text[spans[0][0] : spans[0][1]]
            if fewer.total == 0:
                detail = message("negation", side=has, cue=cue, other=lacks)
                severity = "critical"
            elif is_free(pair):
                return []  # a free rendering moves negations about: only a lone one counts
            else:
                detail = message("negation_more", side=has, n=more.total, cue=cue,
                                 other=lacks, m=fewer.total)
                severity = "major"
            return [Finding("negation", detail, {has: spans}, severity,
                            {has: frozenset({"neg"}), lacks: frozenset({"pos"})})]
    return []
