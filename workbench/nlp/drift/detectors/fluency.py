"""A translation that reads as broken: a word is very likely missing or the order is scrambled.

When a word is dropped from a translation ("worked at Hoffenheim." ->
"worked at."; "are expected," -> "are,"; "the sky" -> "the ,") or the words
are scrambled, sentence similarity hardly moves (the model sees nearly the same
bag of words), but the sentence is no longer well formed. This detector reads
only the translation side and looks for closed-class words in places where a
well-formed sentence never puts them: an article or a preposition that needs an
object, directly before punctuation or the end; two articles in a row; an
article before a preposition or an auxiliary; punctuation doubled (",."). The
word lists are closed classes (articles, object-taking prepositions,
auxiliaries), so a clean translation, however free, does not trip them.

Only the version that translates (the ``b`` side of a pair, or either side of
a same-language pair) is read, so the signal sits on the hop that broke it.
"""

from __future__ import annotations

import re

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register

_EN_DET = {"the", "a", "an", "every", "its", "their", "our", "my", "your"}
"""Articles and possessives: always followed by their noun (unlike "these", "that", "his")."""
_EN_PREP = {"of", "at", "from", "into", "onto", "with", "to", "in", "on", "for", "by", "among",
            "between", "during", "toward", "towards", "via", "than", "under", "over", "about",
            "against", "through", "after", "before"}
_EN_PREP_NEEDS_OBJECT = {"at", "from", "into", "onto", "among", "between", "during",
                         "via", "toward", "towards"}
"""Prepositions that never end a clause in English (unlike "in", "on", "over", "about", and
"of" in "take care of")."""
_EN_PREP_AFTER_OF = {"in", "to", "for", "with", "on", "from", "of", "into"}
"""Words that never follow "of" directly ("of in", "of to"): a word between them was dropped."""
_EN_BE_HAVE = {"is", "are", "was", "were", "has", "have", "had", "been", "being"}
"""Auxiliaries that are never nouns (unlike "will", "can", "may" in "the will", "a can")."""
_EN_MODAL = {"will", "would", "can", "could", "should", "must", "may", "might", "shall"}
_EN_CONJ = {"and", "or", "including", "nor"}
_SAID = re.compile(r"[\"”»’']\s*(?:said|says|added|noted|stated|explained|told|wrote)\s*[.,]",
                   re.IGNORECASE)
"""A quotation closed by a speech verb with no speaker ('…," said.'): the speaker was dropped."""
_WH = re.compile(r"\b(?:what|where|which|who|whom|whose|that)\b", re.IGNORECASE)
"""A question word or relative before a stranded preposition ("where he's from.") licenses it."""
_RU_PREP = {"в", "во", "на", "к", "ко", "о", "об", "обо", "у", "от", "до", "из", "за", "по",
            "при", "для", "без", "над", "под", "про", "через", "между", "среди", "около"}

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d[\d.,:]*|[,.;:!?)]")
_PUNCT = set(",.;:!?)")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _english_breaks(text: str) -> list[tuple[int, int]]:
    """Spans of word pairs no well-formed English sentence contains."""
    tokens = _tokens(text)
    question = "?" in text
    wh_at = min((m.start() for m in _WH.finditer(text)), default=len(text))
    found: list[tuple[int, int]] = [(m.start(), m.end()) for m in _SAID.finditer(text)]
    for k, (word, start, end) in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ("", end, end)
        nword = nxt[0]
        last = not nword or nword in _PUNCT
        broken = (
            (word in _EN_DET and (last or nword in _EN_DET or nword in _EN_BE_HAVE
                                  or (nword in _EN_PREP and nword not in {"over", "about"})))
            or (word in _EN_PREP_NEEDS_OBJECT and last and nword != "?" and start < wh_at)
            or (word in _EN_PREP and nword == "of" and word not in {"about", "over"})
            or (word == "of" and nword in _EN_PREP_AFTER_OF)
            or (word in {",", ";", ":"} and nword in {",", ".", ";", ":"})
            or (word in _EN_MODAL and nword in _EN_DET and k > 0 and not question
                and text[start:end].islower())
            or (word in _EN_CONJ and nword in {".", ";", ")"})
        )
        abbreviation = word == "a" and (text[start:end] == "A" or text[end:end + 2] == ".m")
        if broken and not (abbreviation and nword == "."):
            found.append((start, nxt[2] if nword else end))
    return found


def _russian_breaks(text: str) -> list[tuple[int, int]]:
    """A preposition directly before punctuation or the end; punctuation doubled."""
    tokens = _tokens(text)
    found: list[tuple[int, int]] = []
    for k, (word, start, end) in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ("", end, end)
        # "в." / "г." are abbreviations, not a preposition before a full stop
        lone_prep = (word in _RU_PREP and (not nxt[0] or nxt[0] in _PUNCT)
                     and text[end:end + 1] != ".")
        if lone_prep or (word in {",", ";", ":"} and nxt[0] in {",", ".", ";", ":"}):
            found.append((start, nxt[2]))
    return found


_READERS = {"en": _english_breaks, "ru": _russian_breaks}


@register("fluency", label=N_("broken sentence"), messages=("broken",))
def detect(pair: PairView) -> list[Finding]:
    findings: list[Finding] = []
    sides = [(pair.b, pair.text_b, pair.lang_b, pair.text_a)]
    for label, text, lang, other in sides:
        reader = _READERS.get(lang[:2].lower())
        if reader is None or not text.strip() or not other.strip():
            continue
        spans = reader(text)
        if not spans:
            continue
        own = {tuple(s) for s in _READERS.get(pair.lang_a[:2].lower(), lambda t: [])(other)}
        if pair.lang_a[:2].lower() == lang[:2].lower() and own:
            continue  # the other version reads the same way: not broken by this hop
        quoted = "“" + text[spans[0][0]:spans[0][1]] + "”"
        findings.append(Finding("fluency", message("broken", side=label, text=quoted),
                                {label: [list(s) for s in spans]}, "major",
                                {label: frozenset({"broken"})}))
    return findings
