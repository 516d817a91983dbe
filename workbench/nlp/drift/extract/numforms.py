"""Number forms that are not plain counts: clock times, centuries, decades, fractions, codes.

Read before plain numbers, so that "9:30 a.m." / 9时30分 / «в 9:30» is one time
(minutes after midnight, compared on a 12-hour dial) and not the numbers 9 and
30; 19世纪 / "the 1800s" / «XIX век» are one century; "2 1/2" and «двух с
половиной» are 2.5. ``identifier_values`` lists the digits inside codes
("COVID-19", "G20", "Russia-1", "5G"), which a plain number on the other side
may render (二十国集团 = G20).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench.nlp.drift.extract.numwords import zh_numeral_value

_ZH_NUM = r"[\d零〇一二两三四五六七八九十]{1,3}"
_ZH_DAYPART = r"上午|下午|早上|早晨|晚上|凌晨|中午|傍晚|夜间|夜里|清晨"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class Form:
    """A special number form: ``kind`` is clock / century / decade / fraction."""

    kind: str
    value: float
    start: int
    end: int


_CLOCK: dict[str, list[re.Pattern[str]]] = {
    "en": [re.compile(r"(?<![\d.:,])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])"
                      r"(?:\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z]))?", re.IGNORECASE),
           re.compile(r"(?<![\d.:,])(?P<h>\d{1,2})(?:\.(?P<m>\d{2}))?\s*(?:a\.m\.|p\.m\.|am|pm)"
                      r"(?![a-z])|(?<![\d.:,])(?P<h2>\d{1,2})\s+o'clock", re.IGNORECASE)],
    "ru": [re.compile(r"(?<![\d.:,])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])"),
           re.compile(r"(?<![а-яё])(?:в|с|до|к|около|после|по)\s+(?P<h>\d{1,2})\.(?P<m>\d{2})"
                      r"(?![\d.,])", re.IGNORECASE),
           re.compile(r"(?<![\d.,])(?P<h>\d{1,2})\s+час(?:а|ов)?(?:\s+(?P<m>\d{1,2})\s+минут\w*)?"
                      r"(?=\s+(?:утра|дня|вечера|ночи|по\s))|(?<![\d.,])(?P<h2>\d{1,2})\s+"
                      r"(?:утра|вечера|ночи)(?![а-яё])", re.IGNORECASE)],
    # German and French write the minutes after a point or an "h": 4.45 Uhr, 4 h 45, 18h
    "de": [re.compile(r"(?<![\d.:,])(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*Uhr(?![a-zäöü])")],
    "fr": [re.compile(r"(?<![\d.:,])(?P<h>\d{1,2})\s?h\s?(?P<m>\d{2})(?![\w])|"
                      r"(?<![\w])(?:à|vers|dès|avant|après|jusqu'à|est)\s+(?P<h2>\d{1,2})\s?h"
                      r"(?:\s?(?P<m2>\d{2}))?(?![\w])",
                      re.IGNORECASE)],
    "zh": [re.compile(r"(?<![\d.:])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])"),
           re.compile(rf"(?<!小)(?P<h>{_ZH_NUM})\s*[时時](?![间間期候代刻])"
                      rf"(?:\s*(?P<m>{_ZH_NUM})\s*分|(?P<half>半))?"),
           re.compile(rf"(?:{_ZH_DAYPART})\s*(?P<h>{_ZH_NUM})\s*[点點](?:钟|鐘)?"
                      rf"(?:\s*(?P<m>{_ZH_NUM})\s*分?|(?P<half>半))?"
                      rf"|(?P<h2>{_ZH_NUM})\s*[点點](?:\s*(?P<m2>{_ZH_NUM})\s*分|(?P<half2>半)|钟|鐘|整)")],
}
_CENTURY = {
    "en": re.compile(r"(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+centur(?:y|ies)", re.IGNORECASE),
    "ru": re.compile(r"(?<![\w])(?P<n>\d{1,2}|[IVXL]{1,5})(?:-?(?:м|го|й|е|ом|х))?\s+(?:век\w*|"
                     r"столети\w*|в\.)", re.IGNORECASE),
    "zh": re.compile(rf"(?P<n>{_ZH_NUM})\s*世纪(?!\s*\d{{2}}\s*年代)"),
}
_HUNDREDS = re.compile(r"(?<![\d'’])(?P<n>1[0-9]|20)00s(?![\w])")  # the 1800s: 19th century
_DECADE = {
    "en": re.compile(r"(?<![\w'’])(?P<c>1[89]|20)?(?P<d>\d)0(?:s|’s|'s)(?![\w])|[’']"
                     r"(?P<d2>\d)0s(?![\w])"),
    "ru": re.compile(r"(?<![\w])(?P<c>1[89]|20)?(?P<d>\d)0-?(?:х|е|ых)(?![а-яё])", re.IGNORECASE),
    "zh": re.compile(r"(?:(?P<cz>十九|二十|19|20)\s*世纪\s*)?(?P<c>1[89]|20)?(?P<d>\d)0\s*年代"),
}
_FRACTION = {
    "en": re.compile(r"(?<![\d/.,])(?:(?P<w>\d{1,3})\s+)?(?P<n>\d)/(?P<q>\d{1,2})(?![\d/])"),
    "ru": re.compile(r"(?<![\w])(?P<w>\w+)\s+с\s+половиной|(?<![\w])полтор(?:а|ы|ой|ух|ам|ами)"
                     r"(?![\w])", re.IGNORECASE),
}
_IDENTIFIER = re.compile(r"(?<![A-Za-zА-Яа-яЁё\d])(?:[A-Za-zА-Яа-яЁё]+[-‑–]?(?P<a>\d{1,4})(?!\d)"
                         r"|(?P<b>\d{1,4})[A-Za-zА-Яа-яЁё]+)(?![A-Za-zА-Яа-яЁё\d-])")


def _num(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if re.fullmatch(r"[IVXL]+", text.upper()):
        values = [_ROMAN[c] for c in text.upper()]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                   for i, v in enumerate(values))
    value = zh_numeral_value(text)
    return int(value) if value is not None else None


_MOMENT = re.compile(r"一\s*[时時]")
"""A bare 一时 ("for a moment", "at once"); one o'clock is written 1时 or 一时三十分."""


def clock_times(text: str, lang: str) -> list[Form]:
    """Times of day, as minutes after midnight on a 12-hour dial (9 p.m. = 21:00 = 9:00)."""
    found: list[Form] = []
    for pattern in _CLOCK.get(lang, []):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            hour = _num(groups.get("h") or groups.get("h2"))
            minute = _num(groups.get("m") or groups.get("m2")) or 0
            if groups.get("half") or groups.get("half2"):
                minute = 30
            if hour is None or not (0 <= hour <= 24 and 0 <= minute < 60):
                continue
            if _MOMENT.fullmatch(m.group(0)):
                continue  # 一时 is "for a moment", not one o'clock
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            start = min(m.start(g) for g in ("h", "h2") if groups.get(g))  # not "à", "в"
            found.append(Form("clock", float((hour % 12) * 60 + minute), start, m.end()))
    return found


def centuries_and_decades(text: str, lang: str) -> list[Form]:
    """19世纪 / «XIX век» / "19th century" / "the 1800s" are centuries; 90年代 / "1990s" decades."""
    found: list[Form] = []
    century = _CENTURY.get(lang)
    for m in century.finditer(text) if century else ():
        n = _num(m.group("n"))
        if n and 1 <= n <= 21:
            found.append(Form("century", float(n), m.start(), m.end()))
    if lang == "en":
        found += [Form("century", float(int(m.group("n")) + 1), m.start(), m.end())
                  for m in _HUNDREDS.finditer(text)]
    decade = _DECADE.get(lang)
    for m in decade.finditer(text) if decade else ():
        if any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        groups = m.groupdict()
        digit = int(groups.get("d") or groups.get("d2") or 0)
        cz = {"十九": "19", "二十": "20"}.get(groups.get("cz") or "", groups.get("cz"))
        century_digits = groups.get("c") or (str(int(cz) - 1) if cz else None)
        year = int(century_digits) * 100 + digit * 10 if century_digits else (
            1900 + digit * 10 if digit >= 3 else 2000 + digit * 10)
        found.append(Form("decade", float(year), m.start(), m.end()))
    return found


def fractions(text: str, lang: str,
              word_value: Callable[[str], float | None] | None = None) -> list[Form]:
    """"2 1/2" = 2.5, "1/3"; «двух с половиной» = 2.5, «полтора» = 1.5 (before a scale word)."""
    pattern = _FRACTION.get(lang)
    found: list[Form] = []
    for m in pattern.finditer(text) if pattern else ():
        groups = m.groupdict()
        if lang == "en":
            q = int(m.group("q"))
            if q == 0 or int(m.group("n")) >= q:
                continue
            value = int(groups.get("w") or 0) + int(m.group("n")) / q
        elif groups.get("w"):
            whole = word_value(groups["w"]) if word_value else _num(groups["w"])
            if whole is None:
                continue
            value = float(whole) + 0.5
        else:
            value = 1.5
        found.append(Form("fraction", value, m.start(), m.end()))
    return found


def identifier_values(text: str) -> set[float]:
    """Numbers inside codes and names: COVID-19 -> 19, G20 -> 20, Russia-1 -> 1, 5G -> 5."""
    return {float(m.group("a") or m.group("b")) for m in _IDENTIFIER.finditer(text)}
