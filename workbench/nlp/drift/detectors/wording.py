"""Same-language pairs: content words added, dropped or replaced (two editions, a revision).

Between two versions in one language the calibrated score saturates (0.97-0.999
for drifted and clean rows alike), so this detector reads the word diff
(:mod:`workbench.nlp.drift.worddiff`) instead. Only *content* words count
(:mod:`workbench.nlp.drift.stopwords`), and a content word present on both
sides -- in any order, in another form ("alliances" / "alliance") -- is not a
change: a paraphrase that reorders the same words, or changes only function
words, punctuation or case, gives nothing. A diff stretch with content words
only on the first side is an ``omission``, only on the second an ``addition``,
on both a ``substitution``. Severity follows what changed: a negation or a
number is critical, a name or a gendered pronoun major, a lone modifier
(adjective, adverb) minor, other content words major.

When both sides have :data:`REWORDED_AT` or more content words the other lacks,
they are independent wordings (two translations of one source), not one text
edited: a word-by-word signal would fire on nearly every row (98 % of such
pairs measured), so none is given; the review still shows the word diff.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from workbench.nlp.drift.base import Finding, PairView, quote
from workbench.nlp.drift.detectors.negation import negation_spans
from workbench.nlp.drift.detectors.numbers import numbers_outside_dates, unmatched
from workbench.nlp.drift.extract.dates import extract_dates
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import declare, register
from workbench.nlp.drift.stopwords import (
    is_function_word,
    is_modifier,
    is_name,
    is_number,
    lemma,
)
from workbench.nlp.drift.worddiff import DiffOp, Word, changed, diff_words

REWORDED_AT = 2
"""Both sides with this many content words the other lacks: two wordings, not an edit.

Chosen on DEMETR fold A (``python -m bench.wording_demetr``): signals on 0.16 of 50 pairs of
independent good translations (``mt_sent`` / ``eng_sent``; 0.98 without the gate), mean
recall 0.72 over the 18 meaning-error types (``mt_sent`` / ``pert_sent``)."""

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GENDERED = frozenset(["he", "him", "his", "himself", "she", "her", "hers", "herself"])
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;\"“”«»(—–-])\s*$")


@dataclass(frozen=True)
class Change:
    """One diff stretch with content words changed: those dropped from ``a``, added in ``b``."""

    op: DiffOp
    dropped: tuple[Word, ...]
    added: tuple[Word, ...]

    @property
    def type(self) -> str:
        if self.dropped and self.added:
            return "substitution"
        return "omission" if self.dropped else "addition"


def _content(word: Word, lang: str) -> bool:
    return any(ch.isalnum() for ch in word.norm) and not is_function_word(word.norm, lang)


def _lemmas(words: list[Word], lang: str) -> Counter[str]:
    return Counter(lemma(w.norm, lang) for w in words if _content(w, lang))


def unmatched_counts(text_a: str, text_b: str, lang: str,
                     ops: list[DiffOp] | None = None) -> tuple[int, int]:
    """How many content words (a multiset of stems) of each side the other side lacks."""
    ops = diff_words(text_a, text_b) if ops is None else ops
    count_a = _lemmas([w for op in ops for w in op.a], lang)
    count_b = _lemmas([w for op in ops for w in op.b], lang)
    return sum((count_a - count_b).values()), sum((count_b - count_a).values())


def content_changes(text_a: str, text_b: str, lang: str,
                    ops: list[DiffOp] | None = None) -> list[Change]:
    """The diff stretches whose content words have no counterpart anywhere on the other side."""
    ops = diff_words(text_a, text_b) if ops is None else ops
    count_a = _lemmas([w for op in ops for w in op.a], lang)
    count_b = _lemmas([w for op in ops for w in op.b], lang)
    extra_a, extra_b = count_a - count_b, count_b - count_a
    chars_a, chars_b = set(text_a), set(text_b)

    def take(words: tuple[Word, ...], extra: Counter[str], other: set[str]) -> tuple[Word, ...]:
        kept: list[Word] = []
        for w in words:
            stem = lemma(w.norm, lang)
            if _content(w, lang) and extra[stem] > 0 and not _resegmented(w, other):
                extra[stem] -= 1
                kept.append(w)
        return tuple(kept)

    found: list[Change] = []
    for op in changed(ops):
        dropped, added = take(op.a, extra_a, chars_b), take(op.b, extra_b, chars_a)
        if dropped or added:
            found.append(Change(op, dropped, added))
    return found


def _resegmented(word: Word, other_chars: set[str]) -> bool:
    """A Chinese word whose every character is on the other side: jieba cut it otherwise
    there (举行会谈 / 举行 了 会谈), or the same characters were reordered."""
    return bool(_HAN.match(word.text)) and all(ch in other_chars for ch in word.text)


def is_rewording(text_a: str, text_b: str, lang: str, ops: list[DiffOp] | None = None) -> bool:
    """Both sides have :data:`REWORDED_AT` or more content words the other lacks, in more
    than one place.

    An edit drops, adds or replaces a word or a phrase: then at most one word is
    unmatched on one of the two sides (a replacement: one each; an added clause:
    none on the first side), or all of them sit in one stretch (a replaced name).
    Two independent translations differ on both sides, here and there.
    """
    ops = diff_words(text_a, text_b) if ops is None else ops
    return _rewording(content_changes(text_a, text_b, lang, ops),
                      unmatched_counts(text_a, text_b, lang, ops))


def _rewording(changes: list[Change], unmatched: tuple[int, int]) -> bool:
    return len(changes) > 1 and min(unmatched) >= REWORDED_AT


def _at_start(text: str, word: Word) -> bool:
    return bool(_SENTENCE_START.search(text[: word.start]))


def severity(change: Change, text_a: str, text_b: str, lang: str) -> str:
    """critical: negation or number; major: name, pronoun gender, other content; minor: modifier."""
    sided = [(w, text_a) for w in change.dropped] + [(w, text_b) for w in change.added]
    if any(negation_spans(w.text, lang) or is_number(w.text, lang) for w, _ in sided):
        return "critical"
    if any(is_name(w.text, lang, _at_start(t, w)) or w.norm in _GENDERED for w, t in sided):
        return "major"
    if all(is_modifier(w.text, lang) for w, _ in sided):
        return "minor"
    return "major"


def _reported_elsewhere(change: Change, pair: PairView, lang: str) -> bool:
    """Only a negation cue (the negation detector's) or a changed number (the number one's)."""
    words = change.dropped + change.added
    dates = [(d.start, d.end) for d in extract_dates(pair.text_a, lang)], \
        [(d.start, d.end) for d in extract_dates(pair.text_b, lang)]
    inside = [any(s <= w.start and w.end <= e for s, e in dates[0]) for w in change.dropped]
    inside += [any(s <= w.start and w.end <= e for s, e in dates[1]) for w in change.added]
    if all(inside):
        return True  # the date detector compares dates
    if all(negation_spans(w.text, lang) for w in words):
        return bool(negation_spans(pair.text_a, lang)) != bool(negation_spans(pair.text_b, lang))
    if all(any(ch.isdigit() for ch in w.text) for w in words):
        lost_a, lost_b = unmatched(numbers_outside_dates(pair.text_a, lang),
                                   numbers_outside_dates(pair.text_b, lang))
        spans = [(q.start, q.end) for q in lost_a] + [(q.start, q.end) for q in lost_b]
        return bool(spans)
    return False


def _stretch(text: str, words: tuple[Word, ...]) -> str:
    return quote(text[words[0].start:words[-1].end]) if words else "“”"


def _finding(change: Change, pair: PairView, lang: str) -> Finding:
    op, kind = change.op, change.type
    if kind == "substitution":
        reason = message("words_replaced", a=pair.a, b=pair.b,
                         old=_stretch(pair.text_a, op.a), new=_stretch(pair.text_b, op.b))
        spans = {pair.a: [op.span_a or []], pair.b: [op.span_b or []]}
    elif kind == "omission":
        reason = message("words_dropped", a=pair.a, b=pair.b,
                         words=_stretch(pair.text_a, change.dropped))
        spans = {pair.a: [[change.dropped[0].start, change.dropped[-1].end]]}
    else:
        reason = message("words_added", a=pair.a, b=pair.b,
                         words=_stretch(pair.text_b, change.added))
        spans = {pair.b: [[change.added[0].start, change.added[-1].end]]}
    keys = {label: frozenset(lemma(w.norm, lang) for w in words)
            for label, words in ((pair.a, change.dropped), (pair.b, change.added)) if words}
    return Finding(kind, reason, spans, severity(change, pair.text_a, pair.text_b, lang), keys)


declare("substitution", N_("Substitution"), ("words_replaced",))


@register("wording")
def detect(pair: PairView) -> list[Finding]:
    lang = pair.lang_a[:2].lower()
    if lang != pair.lang_b[:2].lower() or not pair.text_a.strip() or not pair.text_b.strip():
        return []
    ops = diff_words(pair.text_a, pair.text_b)
    changes = content_changes(pair.text_a, pair.text_b, lang, ops)
    if _rewording(changes, unmatched_counts(pair.text_a, pair.text_b, lang, ops)):
        return []
    return [_finding(c, pair, lang) for c in changes if not _reported_elsewhere(c, pair, lang)]
