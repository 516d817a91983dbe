"""Dates that differ between the two sides (7月15日 vs "15 июля" vs "July 16").

Dates agree when every field said on both sides (year, month, day) is equal.
A date left unmatched on both sides is a changed date; a full day-and-month
date on one side only is reported too (a dropped date). A year said as a date
on one side ("2020年") may be a bare number on the other ("the 2002 census"):
such a four-digit number stands in for a year, so a changed year is caught.
"""

from __future__ import annotations

import re

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.extract.dates import DateMention, extract_dates
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register

_BARE_YEAR = re.compile(r"(?<![\w.,:/\-])(?:1[5-9]|20)\d\d(?![\w.,:/%\-]|\s?%)")


def _unmatched(a: list[DateMention],
               b: list[DateMention]) -> tuple[list[DateMention], list[DateMention]]:
    left = list(b)
    lost: list[DateMention] = []
    for d in a:
        partner = next((p for p in left if d.agrees(p)), None)
        if partner is None:
            lost.append(d)
        else:
            left.remove(partner)
    return lost, left


def _bare_years(text: str, dates: list[DateMention]) -> list[DateMention]:
    """Four-digit numbers outside dates that can only be years (1500-2099)."""
    return [DateMention(int(m.group(0)), None, None, m.start(), m.end(), m.group(0))
            for m in _BARE_YEAR.finditer(text)
            if not any(d.start < m.end() and m.start() < d.end for d in dates)]


def _year_stand_ins(lost: list[DateMention], other: str,
                    other_dates: list[DateMention]) -> list[DateMention]:
    """The other side's bare years, when this side lost a year-only date."""
    if not any(d.month is None and d.year for d in lost):
        return []
    return _bare_years(other, other_dates)


def _describe(ds: list[DateMention]) -> str:
    return ", ".join(f"{d.label()} (“{d.text}”)" for d in ds)


@register("date", label=N_("Date"), messages=("date_changed", "date_alone"))
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    dates_a = extract_dates(pair.text_a, pair.lang_a)
    dates_b = extract_dates(pair.text_b, pair.lang_b)
    lost_a, lost_b = _unmatched(dates_a, dates_b)
    if lost_a and not lost_b:
        lost_a, lost_b = _unmatched(lost_a, _year_stand_ins(lost_a, pair.text_b, dates_b))
    elif lost_b and not lost_a:
        lost_b, lost_a = _unmatched(lost_b, _year_stand_ins(lost_b, pair.text_a, dates_a))
    if not (lost_a and lost_b):
        lost_a = [d for d in lost_a if d.day is not None]
        lost_b = [d for d in lost_b if d.day is not None]
    if not lost_a and not lost_b:
        return []
    if lost_a and lost_b:
        detail = message("date_changed", a=pair.a, found_a=_describe(lost_a), b=pair.b,
                         found_b=_describe(lost_b))
    elif lost_a:
        detail = message("date_alone", side=pair.a, found=_describe(lost_a), other=pair.b)
    else:
        detail = message("date_alone", side=pair.b, found=_describe(lost_b), other=pair.a)
    spans = {label: [[d.start, d.end] for d in ds]
             for label, ds in ((pair.a, lost_a), (pair.b, lost_b)) if ds}
    keys = {label: frozenset(d.label() for d in ds)
            for label, ds in ((pair.a, lost_a), (pair.b, lost_b)) if ds}
    return [Finding("date", detail, spans, "critical" if lost_a and lost_b else "major", keys)]
