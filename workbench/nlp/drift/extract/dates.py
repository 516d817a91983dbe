"""Calendar dates in zh / ru / en: 7月15日, 2024年7月, 15 июля 2024 г., в марте, July 15, Aug. 29.

A date has a month (year and day optional) or is a year in a date context
(2013年, "с 2023 года", "since 2023"); other four-digit numbers are left to
:mod:`numbers`. Day lists and ranges share the month ("7月17日至22日",
"17 и 22 июля", "July 17 and 22"). Two dates agree when every field known on
both sides is equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.nlp.drift.extract.months import EN_AMBIGUOUS, EN_MONTH, RU_MONTH, en_month, ru_month
from workbench.nlp.drift.extract.numwords import zh_numeral_value

_ZH_NUM = r"[\d０-９零〇一二两三四五六七八九十]{1,4}"
_ZH_YEAR = r"[\d０-９]{4}|[〇零一二三四五六七八九]{4}"
_ZH_LINK = r"至|到|和|、|及|与|與|-|–|—|~|～"
_ZH = re.compile(rf"(?:(?P<y>{_ZH_YEAR})\s*年\s*)?(?P<m>{_ZH_NUM})\s*月份?"
                 rf"(?:\s*(?P<d>{_ZH_NUM})(?:\s*[日号號]|(?=\s*(?:{_ZH_LINK}))))?")
_RU = re.compile(
    rf"(?:(?P<d>\d{{1,2}})(?:-?(?:го|е|й|м))?\s+)?(?<![а-яёА-ЯЁ])(?P<m>{RU_MONTH})(?![а-яё])"
    rf"(?:\s+(?P<y>\d{{4}})(?:\s*(?:г\.|года?|году))?)?",
    re.IGNORECASE)
_EN = re.compile(
    rf"(?:(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?<![a-z])(?P<m>{EN_MONTH})"
    rf"(?![a-z])(?:\s+(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]))?"
    rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?",
    re.IGNORECASE)
_YEAR = {
    "zh": re.compile(r"(?P<y>(?<![\d０-９])[12][0-9]{3}|[一二][〇零一二三四五六七八九]{3})"
                     r"\s*年"),
    "ru": re.compile(r"(?P<y>[12][0-9]{3})(?:-?[а-я]{1,2})?\s*(?:г\.|год\w*)", re.IGNORECASE),
    "en": re.compile(r"(?<![\w,.])(?:in|since|by|from|until|till|to|after|before|during|of|early|"
                     r"late|mid-|year)\s+(?P<y>[12][0-9]{3})(?![\w,.]\d)", re.IGNORECASE),
}
# A further day sharing the month of the date just before (or after) it.
_DAY_AFTER = {
    "zh": re.compile(rf"\s*(?:{_ZH_LINK})\s*(?P<d>{_ZH_NUM})\s*[日号號]"),
    "en": re.compile(r"\s*(?:-|–|—|and|to|through|or)\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d\w])"
                     r"(?=\s*(?:[,.;:)!?]|$|\d{4}|and\b|respectively\b))", re.IGNORECASE),
}
_DAY_BEFORE = {
    "ru": re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:-?го)?\s*(?:-|–|—|и|или|по|,)\s*$", re.IGNORECASE),
    "en": re.compile(r"(?<![\d,.])(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|and|to)\s*(?:the\s+)?$",
                     re.IGNORECASE),
}
_EN_CONTEXT = re.compile(r"(?:(?:in|since|by|until|of|early|late|from|last|next|this|"
                         r"end of|during|through)\s+|mid-)$", re.IGNORECASE)
_ZH_DIGITS = str.maketrans("〇零一二三四五六七八九０１２３４５６７８９", "00123456789" "0123456789")


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
        """ISO-like: ``2024-07-15``, ``2024-07``, ``2024``, ``07-15 (year not given)``."""
        if self.month is None:
            return str(self.year) if self.year else "year not given"
        tail = f"-{self.day:02d}" if self.day else ""
        if self.year:
            return f"{self.year}-{self.month:02d}{tail}"
        return (f"{self.month:02d}{tail}" if self.day else f"month {self.month:02d}") + \
            " (year not given)"


def _int(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.translate(_ZH_DIGITS)  # 7, ７, 二〇二〇 -> digits; 十二 stays a numeral
    if digits.isdigit():
        return int(digits)
    value = zh_numeral_value(text)
    return int(value) if value is not None else None


def _extra_days(text: str, lang: str, found: list[DateMention]) -> list[DateMention]:
    """Days listed beside a full date that share its month: 7月17日至22日, 17 и 22 июля."""
    extra: list[DateMention] = []
    after, before = _DAY_AFTER.get(lang), _DAY_BEFORE.get(lang)
    for d in found:
        if d.day is None or d.month is None:
            continue
        spans: list[tuple[str | None, int, int]] = []
        m = after.match(text, d.end) if after else None
        if m:
            spans.append((m.group("d"), m.start("d"), m.end()))
        offset = max(0, d.start - 20)
        b = before.search(text[offset : d.start]) if before else None
        if b:
            spans.append((b.group("d"), offset + b.start("d"), offset + b.end("d")))
        for raw, s, e in spans:
            day = _int(raw)
            if day and 1 <= day <= 31:
                extra.append(DateMention(d.year, d.month, day, s, e, text[s:e]))
    return extra


def _month_dates(text: str, lang: str) -> list[DateMention]:
    found: list[DateMention] = []
    if lang == "zh":
        for m in _ZH.finditer(text):
            month, day = _int(m.group("m")), _int(m.group("d"))
            if month and 1 <= month <= 12 and (day is None or 1 <= day <= 31):
                found.append(DateMention(_int(m.group("y")), month, day, m.start(), m.end(),
                                         m.group(0)))
    elif lang == "ru":
        for m in _RU.finditer(text):
            month, day = ru_month(m.group("m")), _int(m.group("d"))
            if month and (day is None or 1 <= day <= 31):
                found.append(DateMention(_int(m.group("y")), month, day, m.start(), m.end(),
                                         m.group(0)))
    elif lang == "en":
        for m in _EN.finditer(text):
            word = m.group("m")
            day = _int(m.group("d1") or m.group("d2"))
            if word.lower() in EN_AMBIGUOUS and not (day or m.group("y")
                                  or _EN_CONTEXT.search(text[max(0, m.start("m") - 12) :
                                                             m.start("m")])):
                continue  # the verb "may", "a march", "Jan" as a name
            if day is not None and not 1 <= day <= 31:
                continue
            found.append(DateMention(_int(m.group("y")), en_month(word), day, m.start(), m.end(),
                                     m.group(0)))
    return found


def extract_dates(text: str, lang: str) -> list[DateMention]:
    """Every month-bearing date in ``text``, with its span, then years said as dates."""
    lang = lang[:2].lower()
    found = _month_dates(text, lang)
    found += [d for d in _extra_days(text, lang, found)
              if not any(o.start < d.end and d.start < o.end for o in found)]
    year_only = _YEAR.get(lang)
    if year_only is not None:
        for m in year_only.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            year = _int(m.group("y")) or 0
            if 1000 <= year <= 2100:
                start = m.start("y") if lang == "en" else m.start()
                found.append(DateMention(year, None, None, start, m.end(), text[start : m.end()]))
    return sorted(found, key=lambda d: d.start)
