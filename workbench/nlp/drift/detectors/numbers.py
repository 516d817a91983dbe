"""Numbers that differ between the two sides ("около шестисот" vs "about six thousand").

Each side's numbers (outside dates) are read as values or vague ranges
(:mod:`workbench.nlp.drift.extract.numbers`) and matched greedily. A number
left unmatched on both sides is a changed number; a number on one side only is
reported when it is written in digits or is at least 10, and is not a bare
year, zero or a vague form (word numbers below 10 are often paraphrased:
两国 = "both"; 几十 = "many"). Clock times (9:30 a.m. = 9时30分), centuries
(19世纪 = "the 1800s") and decades are compared as such, and digits inside
codes (COVID-19, G20, 5G) are no numbers.
"""

from __future__ import annotations

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.extract.dates import extract_dates
from workbench.nlp.drift.extract.numbers import Quantity, extract_numbers
from workbench.nlp.drift.extract.numforms import identifier_values
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register


def numbers_outside_dates(text: str, lang: str) -> list[Quantity]:
    dates = [(d.start, d.end) for d in extract_dates(text, lang)]
    return [q for q in extract_numbers(text, lang)
            if not any(s < q.end and q.start < e for s, e in dates)]


def unmatched(a: list[Quantity], b: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The quantities of ``a`` and of ``b`` that found no overlapping partner (greedy, in order)."""
    left = list(b)
    lost: list[Quantity] = []
    for q in a:
        partner = next((p for p in left if q.overlaps(p)), None)
        if partner is None:
            lost.append(q)
        else:
            left.remove(partner)
    # a range said once on one side (十七八, 17-18) covers every number the other side
    # gives for it ("seventeen or eighteen")
    said_a = [q for q in a if q.vague and q not in lost]
    said_b = [p for p in b if p.vague and p not in left]
    return ([q for q in lost if not any(p.overlaps(q) for p in said_b)],
            [p for p in left if not any(q.overlaps(p) for q in said_a)])


def _said_as_year(q: Quantity, other: str, other_lang: str) -> bool:
    return not q.vague and any(d.year == q.value for d in extract_dates(other, other_lang))


def _notable(q: Quantity) -> bool:
    is_year = q.from_digits and not q.vague and q.value.is_integer() and 1900 <= q.value <= 2100
    return not is_year and not q.vague and q.value != 0 and (q.from_digits or q.value >= 10)


def _describe(qs: list[Quantity]) -> str:
    return ", ".join(f"{q.label()} (“{q.text}”)" for q in qs)


@register("number", label=N_("Number"), messages=("number_changed", "number_alone"))
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    lost_a, lost_b = unmatched(numbers_outside_dates(pair.text_a, pair.lang_a),
                               numbers_outside_dates(pair.text_b, pair.lang_b))
    # A year read as a number on one side ("the 2022 forum") is a date on the other;
    # a number may be part of a code there (二十国集团 = "G20", «Россия 1» = "Russia-1").
    codes_a, codes_b = identifier_values(pair.text_a), identifier_values(pair.text_b)
    lost_a = [q for q in lost_a
              if not _said_as_year(q, pair.text_b, pair.lang_b) and q.value not in codes_b]
    lost_b = [q for q in lost_b
              if not _said_as_year(q, pair.text_a, pair.lang_a) and q.value not in codes_a]
    if not (lost_a and lost_b):
        lost_a = [q for q in lost_a if _notable(q)]
        lost_b = [q for q in lost_b if _notable(q)]
    if not lost_a and not lost_b:
        return []
    if lost_a and lost_b:
        detail = message("number_changed", a=pair.a, found_a=_describe(lost_a), b=pair.b,
                         found_b=_describe(lost_b))
    elif lost_a:
        detail = message("number_alone", side=pair.a, found=_describe(lost_a), other=pair.b)
    else:
        detail = message("number_alone", side=pair.b, found=_describe(lost_b), other=pair.a)
    spans = {label: [[q.start, q.end] for q in qs]
             for label, qs in ((pair.a, lost_a), (pair.b, lost_b)) if qs}
    keys = {label: frozenset(q.label() for q in qs)
            for label, qs in ((pair.a, lost_a), (pair.b, lost_b)) if qs}
    return [Finding("number", detail, spans, "critical" if lost_a and lost_b else "major", keys)]
