"""Names that differ: a person, place or organisation on one side with no counterpart on the other.

Names come from :mod:`workbench.nlp.drift.extract.names` (natasha / jieba /
capitalisation) and are looked for on the other side by transliteration
skeleton and by CLDR country names. A name missing on *both* sides (one name
replaced by another) is flagged; a name missing on one side only is flagged
when it is a multi-syllable name (skeleton of :data:`MIN_SKELETON` classes or
more) -- shorter ones are too often titles or abbreviations rendered freely.
"""

from __future__ import annotations

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.extract.names import Name, extract_names, has_counterpart
from workbench.nlp.drift.messages import message
from workbench.nlp.drift.registry import register

MIN_SKELETON = 4
ONE_SIDED = False
"""Report names missing on one side only (off: too many free renderings on the demo corpora)."""


def _lost(text: str, lang: str, other: str, other_lang: str) -> list[Name]:
    lost: list[Name] = []
    for name in extract_names(text, lang):
        if name.text.isupper() and len(name.text) <= 5:
            continue  # abbreviations (ШОС, SCO, КНР) are rendered freely
        if not has_counterpart(name, other, other_lang):
            lost.append(name)
    return lost


def _describe(names: list[Name]) -> str:
    return ", ".join(f"“{n.text}”" for n in names)


@register("name")
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    lost_a = _lost(pair.text_a, pair.lang_a, pair.text_b, pair.lang_b)
    lost_b = _lost(pair.text_b, pair.lang_b, pair.text_a, pair.lang_a)
    if lost_a and lost_b:
        detail = message("name_changed", a=pair.a, found_a=_describe(lost_a), b=pair.b,
                         found_b=_describe(lost_b))
    elif ONE_SIDED and (lost_a or lost_b):
        lost_a = [n for n in lost_a if len(n.skeleton) >= MIN_SKELETON]
        lost_b = [n for n in lost_b if len(n.skeleton) >= MIN_SKELETON]
        if not (lost_a or lost_b):
            return []
        side, names = (pair.a, lost_a) if lost_a else (pair.b, lost_b)
        other = pair.b if side == pair.a else pair.a
        detail = message("name_alone", side=side, found=_describe(names), other=other)
    else:
        return []
    spans = {label: [[n.start, n.end] for n in names]
             for label, names in ((pair.a, lost_a), (pair.b, lost_b)) if names}
    keys = {label: frozenset(n.skeleton for n in names)
            for label, names in ((pair.a, lost_a), (pair.b, lost_b)) if names}
    return [Finding("name", detail, spans, "major", keys)]
