"""Negation present on one side only (a flipped "not" keeps the cosine high: 0.88 measured).

Each language has a list of negation cues and of fixed expressions that contain
a cue but do not negate ("not only", 不仅, 非常, "не только"...). The pair is
flagged when one side has a cue and the other has none; the cue's characters
are the span.
"""

from __future__ import annotations

import re

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.messages import message
from workbench.nlp.drift.registry import register

_CUES: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|cannot|without)\b|n't\b",
        re.IGNORECASE),
    "ru": re.compile(r"(?<![\w-])(?:не|нет|ни|никогда|никто|ничто|ничего|нигде|никак|нельзя|"
                     r"без|отнюдь)(?![\w-])", re.IGNORECASE),
    "zh": re.compile(r"不|没|沒|無|无|未|别|別|非|莫|勿|否|甭"),
}
_NOT_NEGATION: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\bnot only\b|\bnot just\b|\bnot merely\b|\bno longer\b|\bno doubt\b|"
                     r"\bnothing but\b|\bno\.\s*\d|\bnone other\b|\bno matter\b|"
                     r"\bnevertheless\b|\bnonetheless\b", re.IGNORECASE),
    "ru": re.compile(r"(?<!\w)(?:не только|не просто|не столько|не раз|ни разу|не менее|"
                     r"не более|не так давно|не случайно|без сомнения|несмотря|ни один из)(?!\w)",
                     re.IGNORECASE),
    "zh": re.compile(r"不仅|不僅|不但|不断|不斷|不久|不少|不同|不过|不過|不得不|不管|不论|不論|"
                     r"非常|非洲|无论|無論|毫无疑问|未来|未來|并非只|莫斯科|否则|否則|"
                     r"别的|別的|特别|特別|分别|分別|区别|區別|差别|类别|级别|个别|告别|识别|无数|"
                     r"无限|南非|是否|能否|与否|可否|"
                     r"别克|尚别|不丹|不来梅|莫桑比克|莫尔|莫迪|莫夫|非盟"),
}


def negation_spans(text: str, lang: str) -> list[list[int]]:
    """Character spans of negation cues in ``text`` (fixed non-negating expressions excluded)."""
    cues = _CUES.get(lang[:2].lower())
    if cues is None:
        return []
    blocked: list[tuple[int, int]] = []
    skip = _NOT_NEGATION.get(lang[:2].lower())
    if skip is not None:
        blocked = [(m.start(), m.end()) for m in skip.finditer(text)]
    return [[m.start(), m.end()] for m in cues.finditer(text)
            if not any(s <= m.start() < e for s, e in blocked)]


@register("negation")
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    spans_a = negation_spans(pair.text_a, pair.lang_a)
    spans_b = negation_spans(pair.text_b, pair.lang_b)
    if bool(spans_a) == bool(spans_b):
        return []
    if pair.lang_a[:2].lower() not in _CUES or pair.lang_b[:2].lower() not in _CUES:
        return []
    has, lacks, spans, text = ((pair.a, pair.b, spans_a, pair.text_a) if spans_a
                               else (pair.b, pair.a, spans_b, pair.text_b))
    cue = text[spans[0][0]:spans[0][1]]
    return [Finding("negation", message("negation", side=has, cue=cue, other=lacks),
                    {has: spans}, "critical", {has: frozenset({"neg"}), lacks: frozenset({"pos"})})]
