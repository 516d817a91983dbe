"""A project glossary (required renderings per language, forbidden variants) and term matching.

A :class:`Term` is one concept: the forms allowed in each language (the first
is the preferred rendering) and the forms forbidden there. Matching is
case-insensitive for cased scripts, tolerates simple inflection (Russian
endings, English plurals) so that «Паутины» finds the term «Паутина», and is a
plain substring search for scripts written without spaces (Chinese, Japanese).
Pure NLP: no Flask, no SQLAlchemy; the store keeps :meth:`Glossary.to_json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.nlp.drift.base import Finding, PairView

Span = tuple[int, int]

UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_RU_ENDINGS = sorted((
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ий", "ый", "ая",
    "яя", "ое", "ее", "ые", "ие", "ов", "ев", "ам", "ям", "ах", "ях", "ом", "ем", "ую", "юю", "ию",
    "ия", "ии", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й"), key=len, reverse=True)
_POSSESSIVE = re.compile(r"['’]s?$")
_EN_PLURAL = re.compile(r"(?<=[a-z]{2}[^s])(?:es|s)$")


def lang_base(lang: str) -> str:
    """``"zh-Hans"`` -> ``"zh"``: glossary columns and version languages meet on the base code."""
    return lang.replace("_", "-").split("-", 1)[0].lower()


def stem(word: str) -> str:
    """A crude stem: a Russian word without its ending, an English word without its plural."""
    low = word.lower().replace("ё", "е")
    if _CYRILLIC.search(low):
        for ending in _RU_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= 3:
                return low[: -len(ending)]
        return low
    return _EN_PLURAL.sub("", low)


def term_key(text: str) -> str:
    """A comparison key of a term's text: lower-cased word stems (Han text as it is)."""
    if UNSPACED.search(text):
        return re.sub(r"\s+", "", text)
    return " ".join(stem(_POSSESSIVE.sub("", w)) for w in _WORD.findall(text))


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str] | None:
    words = _WORD.findall(form)
    if not words:
        return None
    if UNSPACED.search(form):
        return re.compile(re.escape(form.strip()))
    parts: list[str] = []
    for word in words:
        base = stem(word)
        if _CYRILLIC.search(word) and base != word.lower():
            parts.append(re.escape(base) + r"\w{0,4}")
        elif not _CYRILLIC.search(word) and len(word) > 2:
            parts.append(re.escape(base) + r"(?:e?s|['’]s)?")
        else:
            parts.append(re.escape(word.lower().replace("ё", "е")))
    body = r"[\s\-‐–]+".join(parts)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


def find_form(text: str, form: str) -> list[Span]:
    """Character spans of ``form`` in ``text`` (inflection-tolerant, case-insensitive)."""
    pattern = _pattern(form)
    if pattern is None or not text:
        return []
    folded = text.replace("ё", "е").replace("Ё", "Е")
    return [(m.start(), m.end()) for m in pattern.finditer(folded)]


def find_any(text: str, forms: tuple[str, ...]) -> tuple[str, Span] | None:
    """The first of ``forms`` found in ``text`` (longest form first), with its span."""
    for form in sorted(forms, key=len, reverse=True):
        spans = find_form(text, form)
        if spans:
            return form, spans[0]
    return None


@dataclass(frozen=True)
class Term:
    """One glossary entry: allowed forms per language (preferred first), forbidden forms."""

    renderings: dict[str, tuple[str, ...]]
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""

    def forms(self, lang: str) -> tuple[str, ...]:
        return self.renderings.get(lang_base(lang), ())

    def banned(self, lang: str) -> tuple[str, ...]:
        return self.forbidden.get(lang_base(lang), ())

    @property
    def key(self) -> str:
        """A stable identity: the first language's preferred form."""
        for forms in self.renderings.values():
            if forms:
                return term_key(forms[0])
        return ""


@dataclass
class Glossary:
    """The terms of a project (or of one ``--glossary`` file)."""

    terms: list[Term]
    name: str = ""

    @property
    def languages(self) -> list[str]:
        seen = [lang for t in self.terms for lang in (*t.renderings, *t.forbidden)]
        return list(dict.fromkeys(seen))

    def __len__(self) -> int:
        return len(self.terms)

    def source_forms(self) -> set[str]:
        """Keys of every allowed form (the consistency check leaves these to the glossary)."""
        return {term_key(f) for t in self.terms for forms in t.renderings.values() for f in forms}

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "terms": [
            {"renderings": {k: list(v) for k, v in t.renderings.items()},
             "forbidden": {k: list(v) for k, v in t.forbidden.items()}, "note": t.note}
            for t in self.terms]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Glossary:
        terms = [Term(renderings={k: tuple(v) for k, v in t.get("renderings", {}).items()},
                      forbidden={k: tuple(v) for k, v in t.get("forbidden", {}).items()},
                      note=str(t.get("note", ""))) for t in data.get("terms", [])]
        return cls(terms=terms, name=str(data.get("name", "")))


def _quote(text: str) -> str:
    from workbench.nlp.drift.base import quote

    return quote(text)


def term_findings(pair: PairView, glossary: Glossary) -> list[Finding]:
    """``term`` signals of one pair: a source term whose required rendering is missing in
    the translation side, or rendered with a forbidden variant."""
    from workbench.nlp.drift.base import Finding
    from workbench.nlp.drift.messages import message

    findings: list[Finding] = []
    if not pair.text_a.strip() or not pair.text_b.strip():
        return findings
    for term in glossary.terms:
        hit = find_any(pair.text_a, term.forms(pair.lang_a))
        if hit is None:
            continue
        span_a = hit[1]
        expected = term.forms(pair.lang_b)
        allowed = [s for f in expected for s in find_form(pair.text_b, f)]
        banned = [s for f in term.banned(pair.lang_b) for s in find_form(pair.text_b, f)
                  if not any(a <= s[0] and s[1] <= b for a, b in allowed)]
        wanted = " / ".join(_quote(f) for f in expected[:3]) or "an allowed rendering"
        keys = {pair.a: frozenset({term.key}), pair.b: frozenset({term.key})}
        if banned:
            start, end = banned[0]
            detail = message("term_forbidden", a=pair.a, term=_quote(pair.text_a[slice(*span_a)]),
                             b=pair.b, found=_quote(pair.text_b[start:end]), expected=wanted)
            spans = {pair.a: [list(span_a)], pair.b: [[start, end]]}
        elif expected and not allowed:
            detail = message("term_missing", a=pair.a, term=_quote(pair.text_a[slice(*span_a)]),
                             b=pair.b, expected=wanted)
            # no span in b: the model places short terms too unreliably (上海合作组织 ->
            # "Qingdao"), and a wrong span misleads more than none
            spans = {pair.a: [list(span_a)]}
        else:
            continue
        findings.append(Finding("term", detail, spans, "major", keys))
    return findings


__all__ = [
    "Glossary",
    "Span",
    "Term",
    "find_any",
    "find_form",
    "lang_base",
    "stem",
    "term_findings",
    "term_key",
]
