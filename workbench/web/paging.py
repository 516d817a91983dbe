"""Page numbers for the review page's pager: which pages to link, without NLP or DB work."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pages:
    """The current page (from 1), how many there are, and the numbers to link (None: a gap)."""

    current: int
    count: int
    numbers: tuple[int | None, ...]


def page_numbers(offset: int, limit: int, total: int, around: int = 2) -> Pages:
    """First, last and a window around the current page, so that 1,000 rows stay one line.

    ``offset`` is the first row shown (from 0); pages hold ``limit`` rows.
    """
    limit = max(1, limit)
    count = max(1, -(-total // limit))
    current = min(count, offset // limit + 1)
    shown = sorted({1, count, *range(max(1, current - around), min(count, current + around) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return Pages(current=current, count=count, numbers=tuple(numbers))
