"""Calendar dates in zh / ru / en text: 7月15日, 2024年7月, 15 июля 2024 г., July 15, Aug. 29.

A date has a month (year and day optional) or is a year in a date context
(2013年, "с 2023 года", "since 2023"); other four-digit numbers are left to
:mod:`numbers`. Two dates agree when every field known on both sides is equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.nlp.drift.extract.numwords import zh_numeral_value

_RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
              "октябр", "ноябр", "декабр"]
_RU_ENDINGS = r"(?:ь|я|е|ю|ём|ем|а|у|ом)"
_RU_MONTH = "|".join(rf"{stem}{_RU_ENDINGS}" if stem != "ма" else r"ма(?:й|я|е|ем)"
                     for stem in _RU_MONTHS)
_EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_EN_MONTH = (r"January|February|March|April|May|June|July|August|September|October|November|"
             r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?")
_ZH_NUM = r"[\d０-９零〇一二两三四五六七八九十]{1,4}"

_ZH = re.compile(rf"(?:(?P<y>[\d０-９]{{4}})\s*年\s*)?(?P<m>{_ZH_NUM})\s*月"
                 rf"(?:\s*(?P<d>{_ZH_NUM})\s*[日号號])?")
_RU = re.compile(
    rf"(?:(?P<d>\d{{1,2}})\s+)?(?P<m>{_RU_MONTH})(?![\w])(?:\s+(?P<y>\d{{4}})(?:\s*(?:г\.|года?|году))?)?",
    re.IGNORECASE)
_YEAR = {
    "zh": re.compile(r"(?P<y>[12][0-9]{3})\s*年"),
    "ru": re.compile(r"(?P<y>[12][0-9]{3})(?:-?[а-я]{1,2})?\s*(?:г\.|год\w*)", re.IGNORECASE),
    "en": re.compile(r"(?<![\w,.])(?:in|since|by|from|until|till|to|after|before|during|of|early|"
                     r"late|mid-|year)\s+(?P<y>[12][0-9]{3})(?![\w,.]\d)", re.IGNORECASE),
}
_EN = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<m>{_EN_MONTH})(?![\w])"
    rf"(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?P<y>\d{{4}}))?")


@dataclass(frozen=True)
class DateMention:
    """A date in a text; ``None`` fields were not said."""

    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int
    text: str

    def agrees(self, other: DateMention) -> bool:
        return ((self.month is None or other.month is None or self.month == other.month)
                and (self.day is None or other.day is None or self.day == other.day)
                and (self.year is None or other.year is None or self.year == other.year))

    def label(self) -> str:
        parts = [str(self.year) if self.year else "?", f"{self.month:02d}" if self.month else "?",
                 f"{self.day:02d}" if self.day else "?"]
        return "-".join(parts)


def _int(text: str | None) -> int | None:
    if not text:
        return None
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    value = zh_numeral_value(text)
    return int(value) if value is not None else None


def _ru_month(word: str) -> int:
    word = word.lower()
    for i, stem in reversed(list(enumerate(_RU_MONTHS))):
        if word.startswith(stem):
            return i + 1
    return 0


def extract_dates(text: str, lang: str) -> list[DateMention]:
    """Every month-bearing date in ``text``, with its span."""
    lang = lang[:2].lower()
    found: list[DateMention] = []
    if lang == "zh":
        for m in _ZH.finditer(text):
            month, day = _int(m.group("m")), _int(m.group("d"))
            if month and 1 <= month <= 12 and (day is None or 1 <= day <= 31):
                found.append(DateMention(_int(m.group("y")), month, day, m.start(), m.end(),
                                         m.group(0)))
    elif lang == "ru":
        for m in _RU.finditer(text):
            month = _ru_month(m.group("m"))
            day = _int(m.group("d"))
            if month and (day is None or 1 <= day <= 31):
                found.append(DateMention(_int(m.group("y")), month, day, m.start(), m.end(),
                                         m.group(0)))
    elif lang == "en":
        for m in _EN.finditer(text):
            word = m.group("m")
            month = _EN_MONTHS.index(word[:3].lower()) + 1
            day = _int(m.group("d1") or m.group("d2"))
            said_as_month = re.search(r"(?:in|since|by|until|of|early|late|mid-|from|last|next|"
                                      r"this)\s+$", text[max(0, m.start() - 8) : m.start()])
            if word in ("May", "Mar", "Mar.") and not (day or m.group("y") or said_as_month):
                continue  # the verb "may", "Mar" as a name
            if day is not None and not 1 <= day <= 31:
                continue
            found.append(DateMention(_int(m.group("y")), month, day, m.start(), m.end(),
                                     m.group(0)))
    year_only = _YEAR.get(lang)
    if year_only is not None:
        for m in year_only.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            year = int(m.group("y"))
            if 1000 <= year <= 2100:
                start = m.start("y") if lang == "en" else m.start()
                found.append(DateMention(year, None, None, start, m.end(), text[start : m.end()]))
    return sorted(found, key=lambda d: d.start)
