"""A source-script word left untranslated (“Korb сказал”, “the 委员会 said”).

The model reads a left-over source word as a near-perfect match, so the score
never moves; the script itself is the evidence. A run of Han characters in a
language not written in Han, or of Cyrillic letters in one not written in
Cyrillic, is flagged when the other side of the pair is written in that script.
Latin letters are never flagged: names, acronyms and URLs keep them everywhere.
"""

from __future__ import annotations

import re

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register

_SCRIPTS: dict[str, re.Pattern[str]] = {
    "Han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]+(?:[-'’][\u0400-\u04ff]+)*"),
}
_WRITTEN_IN: dict[str, frozenset[str]] = {
    "zh": frozenset({"Han"}), "ja": frozenset({"Han"}), "ko": frozenset({"Han"}),
    "ru": frozenset({"Cyrillic"}), "uk": frozenset({"Cyrillic"}), "be": frozenset({"Cyrillic"}),
    "bg": frozenset({"Cyrillic"}), "sr": frozenset({"Cyrillic"}), "mk": frozenset({"Cyrillic"}),
    "kk": frozenset({"Cyrillic"}), "ky": frozenset({"Cyrillic"}), "mn": frozenset({"Cyrillic"}),
    "tg": frozenset({"Cyrillic"}),
}


def foreign_runs(text: str, lang: str, other_text: str) -> list[list[int]]:
    """Spans of ``text`` in a script ``lang`` does not use but ``other_text`` does."""
    own = _WRITTEN_IN.get(lang[:2].lower(), frozenset())
    spans: list[list[int]] = []
    for script, pattern in _SCRIPTS.items():
        if script in own or not pattern.search(other_text):
            continue
        spans.extend([m.start(), m.end()] for m in pattern.finditer(text))
    return sorted(spans)


@register("codemix", label=N_("Untranslated word"), messages=("codemix",))
def detect(pair: PairView) -> list[Finding]:
    if pair.lang_a[:2].lower() == pair.lang_b[:2].lower():
        return []
    findings: list[Finding] = []
    for side, other in ((pair.a, pair.b), (pair.b, pair.a)):
        text, lang = pair.side(side)
        other_text, _ = pair.side(other)
        spans = foreign_runs(text, lang, other_text)
        if not spans:
            continue
        words = ", ".join(f"“{text[s:e]}”" for s, e in spans[:3])
        findings.append(Finding(
            "codemix", message("codemix", side=side, words=words, other=other), {side: spans},
            "critical", {side: frozenset(text[s:e] for s, e in spans)}))
    return findings
