"""Integers from query strings and forms: one reader, with bounds and a message for people.

SQLite stores integers up to 2^63 - 1; a bigger id or offset must be refused here
(400) instead of reaching the database as an ``OverflowError`` (500).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from workbench.web.errors import BadInput

MAX_ID = 2**63 - 1
"""The largest id or offset a URL, a form or a query string may name."""


def parse_int(text: object, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """``text`` as a base-10 integer in ``low..high``, else None (no exception, no 10^5000)."""
    value = str(text).strip()
    digits = value[1:] if value[:1] in "+-" else value
    if not digits.isascii() or not digits.isdigit() or len(digits) > 20:
        return None
    number = int(value)
    return number if low <= number <= high else None


def read_int(values: Mapping[str, Any], name: str, default: int | None = None, *,
             low: int = 0, high: int = MAX_ID, message: str | None = None) -> int:
    """The integer field ``name`` of a form or query string, refusing nonsense with a 400.

    A missing or empty field gives ``default`` (None: the field is required).
    """
    raw = values.get(name)
    if (raw is None or str(raw).strip() == "") and default is not None:
        return default
    number = None if raw is None else parse_int(raw, low=low, high=high)
    if number is None:
        raise BadInput(message or _("%(field)s must be a whole number from %(low)s to "
                                    "%(high)s.", field=name, low=low, high=high))
    return number


def parse_score(raw: object, default: float, message: str) -> float:
    """A score or threshold from 0 to 1 (``nan``, ``inf`` and ``1e999`` refused); empty: default."""
    if raw is None or str(raw).strip() == "":
        return float(default)
    try:
        value = float(str(raw).strip()[:40])
    except ValueError:
        raise BadInput(message) from None
    if not 0.0 <= value <= 1.0:  # also false for nan
        raise BadInput(message)
    return value
