"""Words with no counterpart inside a matched pair: a dropped or an added content word.

The sentence vector hardly moves when one word goes (a removed adjective moves
the cosine by 0.00-0.02), so this looks at words. Each side's words get the
model's contextual vectors (:mod:`workbench.nlp.drift.wordvec`) and their best
match among the other side's words (SimAlign's similarity matrix). Function
words (:mod:`workbench.nlp.drift.stopwords`), numbers and very short words
are left out: numbers, names and negation have their own detectors.

The vectors alone are weak: correct matches sit at cosine 0.55-0.7, so 当地 /
"local" (0.709) looks as unmatched as a real addition. Where a lexicon exists
(:mod:`workbench.nlp.drift.lexicon`: CC-CEDICT for zh-en), a word it pairs
with a word of the other side is never flagged: an English word whose lemma
glosses a headword found in the Chinese (longest match, so 当地 inside
当地时间), a Chinese word one of whose gloss words is in the English.
Otherwise:

* a content word of the *translation* whose best match is below
  ``added_below`` has nothing in the source that it translates: an addition
  or a replaced word;
* a content word of the *source* whose best match is below the pair's typical
  (median) best match by more than the row's missing limit was not translated:
  an omission. The limit is ``missing_margin``, raised for long rows to the
  clean words' gap quantile at ``1 - rate / n`` (``missing_tail``: ``n`` source
  words tested, ``rate`` 2 %): a row of 25 content words gives 25 chances to
  trip, so a fixed per-word limit flags long clean news sentences far more
  often than short ones (Bonferroni's correction, per row).

The two limits are per model and language pair, in ``calibration.json``
(``word_match``; the added limit moves down in a freely translated document,
:mod:`workbench.nlp.drift.register`), chosen by ``python -m bench.demetr_fit``
on the words the lexicon leaves unpaired, so that no clean corpus (DEMETR's tuning folds A and
B1, Tatoeba; MAC-dev's literary chapters with ``--with-mac``) trips either one
on more than 2 % of its rows. Pairs of one language are left to the word diff
(:mod:`.wording`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from workbench.nlp.drift.base import Finding, PairView, quote
from workbench.nlp.drift.detectors.negation import negation_spans
from workbench.nlp.drift.lexicon import known_words
from workbench.nlp.drift.messages import message
from workbench.nlp.drift.register import pair_limit
from workbench.nlp.drift.registry import register
from workbench.nlp.drift.scoring import calibration_section, setting_for
from workbench.nlp.drift.stopwords import is_function_word
from workbench.nlp.drift.wordvec import Words, WordVectors

MIN_SCORE = 0.5
"""Only pairs that translate each other (calibrated score) are read word by word."""
MIN_CONTENT = 3
"""...and only when each side has at least this many content words."""


def limits_for(lang_a: str, lang_b: str) -> dict[str, float] | None:
    """``{"added_below", "missing_margin"}`` for a language pair, or ``None`` if not calibrated."""
    return setting_for("word_match", lang_a, lang_b)


Tail = tuple[float, list[tuple[float, float]]]
"""A fitted tail: the row rate, and ``(exceedance probability, gap quantile)`` pairs."""


@lru_cache(maxsize=1)
def _tails() -> dict[str, Tail]:
    return {key: tail_from_json(value) for key, value in calibration_section("missing_tail").items()
            if isinstance(value, dict)}


def tail_from_json(value: dict[str, Any]) -> Tail:
    """A tail as stored in ``calibration.json`` (``{"rate", "quantiles": [[p, gap], ...]}``)."""
    return float(value["rate"]), sorted((float(p), float(q)) for p, q in value["quantiles"])


def tail_limit(tail: Tail | None, tested: int, margin: float) -> float:
    """``margin``, or for a row of many ``tested`` words the clean words' gap quantile at
    exceedance ``rate / tested``, whichever is higher.

    The quantiles are interpolated in log probability; beyond the smallest
    probability stored the last quantile is used as is."""
    if tail is None or tested <= 0:
        return margin
    rate, quantiles = tail
    logs = [math.log(p) for p, _ in quantiles]
    gap = float(np.interp(math.log(rate / tested), logs, [q for _, q in quantiles]))
    return max(margin, gap)


def stored_tail(lang_a: str, lang_b: str) -> Tail | None:
    """The fitted tail of a language pair in ``calibration.json``, if any."""
    return _tails().get(f"{lang_a[:2].lower()}|{lang_b[:2].lower()}")


def missing_limit(lang_a: str, lang_b: str, tested: int, margin: float) -> float:
    """The row's limit on a source word's gap (:func:`tail_limit` with the stored tail)."""
    return tail_limit(stored_tail(lang_a, lang_b), tested, margin)


def content_words(text: str, words: list[tuple[int, int]], lang: str) -> list[int]:
    """Indices of the content words: not function words, no digits, not one or two letters.

    Negation cues are left out too: the negation detector reports them.
    """
    keep: list[int] = []
    han = lang[:2].lower() in ("zh", "ja")
    negations = negation_spans(text, lang)
    for k, (start, end) in enumerate(words):
        word = text[start:end].lower()
        if is_function_word(word, lang) or any(ch.isdigit() for ch in word):
            continue
        if any(s < end and start < e for s, e in negations):
            continue
        if not han and len(word) < 3:
            continue
        keep.append(k)
    return keep


@dataclass(frozen=True)
class WordMatch:
    """A content word of one side: its best vector match on the other side, and the lexicon's say.

    ``known`` is True when the lexicon (:mod:`workbench.nlp.drift.lexicon`)
    pairs the word with a word of the other side; ``gap`` is how far the best
    match lies below the pair's typical best match.
    """

    span: tuple[int, int]
    best: float
    gap: float
    known: bool


def word_matches(text_a: str, lang_a: str, words_a: Words, text_b: str, lang_b: str,
                 words_b: Words) -> tuple[list[WordMatch], list[WordMatch]] | None:
    """The content words of each side with their matches, or ``None`` when a side has too few."""
    spans_a, vec_a = words_a
    spans_b, vec_b = words_b
    content_a = content_words(text_a, spans_a, lang_a)
    content_b = content_words(text_b, spans_b, lang_b)
    if min(len(content_a), len(content_b)) < MIN_CONTENT:
        return None
    sims = vec_a @ vec_b.T
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    typical = float(np.median(np.concatenate([best_a, best_b])))
    known_a, known_b = known_words(text_a, lang_a, spans_a, text_b, lang_b, spans_b)
    return ([WordMatch(spans_a[k], float(best_a[k]), typical - float(best_a[k]), k in known_a)
             for k in content_a],
            [WordMatch(spans_b[k], float(best_b[k]), typical - float(best_b[k]), k in known_b)
             for k in content_b])


def unpaired_bests(text_a: str, lang_a: str, text_b: str, lang_b: str,
                   words: WordVectors) -> list[float] | None:
    """The best matches of the translation's content words the lexicon leaves unpaired
    (what the document register is read from), or ``None`` when a side has too few words."""
    matches = word_matches(text_a, lang_a, words.of(text_a), text_b, lang_b, words.of(text_b))
    return None if matches is None else [w.best for w in matches[1] if not w.known]


def is_added(word: WordMatch, limits: dict[str, float]) -> bool:
    """No close vector match, and the lexicon does not pair it with a source word."""
    return not word.known and word.best < limits["added_below"]


def is_missing(word: WordMatch, limits: dict[str, float]) -> bool:
    return not word.known and word.gap > limits["missing_margin"]


def _describe(text: str, spans: list[list[int]]) -> str:
    return ", ".join(quote(text[s:e], 30) for s, e in spans)


@register("words")
def detect(pair: PairView) -> list[Finding]:
    if pair.words is None or pair.lang_a[:2].lower() == pair.lang_b[:2].lower():
        return []
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    if pair.score is not None and pair.score < MIN_SCORE:
        return []
    limits = limits_for(pair.lang_a, pair.lang_b)
    if limits is None:
        return []
    matches = word_matches(pair.text_a, pair.lang_a, pair.words.of(pair.text_a),
                           pair.text_b, pair.lang_b, pair.words.of(pair.text_b))
    if matches is None:
        return []
    tested = sum(not w.known for w in matches[0])
    row_limits = {
        "missing_margin": missing_limit(pair.lang_a, pair.lang_b, tested, limits["missing_margin"]),
        "added_below": pair_limit(limits["added_below"], pair)}
    missing = [list(w.span) for w in matches[0] if is_missing(w, row_limits)]
    added = [list(w.span) for w in matches[1] if is_added(w, row_limits)]
    findings: list[Finding] = []
    if missing:
        detail = message("words_dropped", a=pair.a, b=pair.b,
                         words=_describe(pair.text_a, missing))
        findings.append(Finding("omission", detail, {pair.a: missing}, "major",
                                {pair.a: frozenset({"words"})}))
    if added:
        detail = message("words_added", a=pair.a, b=pair.b,
                         words=_describe(pair.text_b, added))
        findings.append(Finding("addition", detail, {pair.b: added}, "major",
                                {pair.b: frozenset({"words"})}))
    return findings
