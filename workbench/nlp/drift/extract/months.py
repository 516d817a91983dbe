"""Month names of Russian, English and Chinese in every form a date uses, as regexes.

Russian months decline (марта, в марте, мартом...), so each month is listed with
its own endings rather than found by a stem prefix: a shared stem such as "ма"
(май) must never swallow "март". Abbreviations need their full stop («сент.»,
"Sept."), which tells them from names and words ("Jan", "mar").
"""

from __future__ import annotations

import re

# (month number, full forms, abbreviations without the final full stop)
_RU: list[tuple[int, str, str]] = [
    (1, r"январ(?:ь|я|е|ю|ём|ем)", r"янв"),
    (2, r"феврал(?:ь|я|е|ю|ём|ем)", r"февр|фев"),
    (3, r"март(?:а|е|у|ом)?", r"мар"),
    (4, r"апрел(?:ь|я|е|ю|ем)", r"апр"),
    (5, r"ма(?:й|я|е|ю|ем)", r""),
    (6, r"июн(?:ь|я|е|ю|ем)", r"июн"),
    (7, r"июл(?:ь|я|е|ю|ем)", r"июл"),
    (8, r"август(?:а|е|у|ом)?", r"авг"),
    (9, r"сентябр(?:ь|я|е|ю|ём|ем)", r"сент|сен"),
    (10, r"октябр(?:ь|я|е|ю|ём|ем)", r"окт"),
    (11, r"ноябр(?:ь|я|е|ю|ём|ем)", r"нояб|ноя"),
    (12, r"декабр(?:ь|я|е|ю|ём|ем)", r"дек"),
]
_EN: list[tuple[int, str, str]] = [
    (1, "january", "jan"), (2, "february", "feb"), (3, "march", "mar"), (4, "april", "apr"),
    (5, "may", ""), (6, "june", "jun"), (7, "july", "jul"), (8, "august", "aug"),
    (9, "september", "sept|sep"), (10, "october", "oct"), (11, "november", "nov"),
    (12, "december", "dec"),
]

_RU_FULL = [(n, re.compile(rf"(?:{full})(?![а-яё])", re.IGNORECASE)) for n, full, _ in _RU]
_RU_ABBR = [(n, re.compile(rf"(?:{abbr})\.", re.IGNORECASE)) for n, _, abbr in _RU if abbr]
_EN_FULL = [(n, re.compile(rf"{full}(?![a-z])", re.IGNORECASE)) for n, full, _ in _EN]
_EN_ABBR = [(n, re.compile(rf"(?:{abbr})\.?(?![a-z])", re.IGNORECASE))
            for n, _, abbr in _EN if abbr]

RU_MONTH = "|".join([full for _, full, _ in _RU]
                    + [rf"(?:{abbr})\." for _, _, abbr in _RU if abbr])
EN_MONTH = "|".join([full for _, full, _ in _EN]
                    + [rf"(?:{abbr})\.?" for _, _, abbr in _EN if abbr])

# Words that look like a month name but usually are not one without a day or year.
EN_AMBIGUOUS = frozenset({"may", "march", "mar", "mar.", "jan", "jun", "dec", "oct", "sep",
                          "nov", "aug", "apr", "feb", "jul"})


def ru_month(word: str) -> int:
    """The month number of a Russian month word or abbreviation, 0 if it is none."""
    for n, pattern in _RU_FULL + _RU_ABBR:
        if pattern.fullmatch(word):
            return n
    return 0


def en_month(word: str) -> int:
    """The month number of an English month word or abbreviation, 0 if it is none."""
    for n, pattern in _EN_FULL + _EN_ABBR:
        if pattern.fullmatch(word):
            return n
    return 0

