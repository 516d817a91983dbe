"""Severity order of drift signals: critical before major before minor.

A reviewer reads a row's most severe signal first (a changed number or a flipped
negation matters more than a dropped adjective), so rows hand out their flags
in this order and the review row leads with the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

SEVERITY_ORDER: tuple[str, ...] = ("critical", "major", "minor")
"""Most severe first; an unknown severity ranks after ``minor``."""


class _HasSeverity(Protocol):
    @property
    def severity(self) -> str: ...


T = TypeVar("T", bound=_HasSeverity)


def severity_rank(severity: str) -> int:
    """0 for critical, 1 for major, 2 for minor, 3 for anything else."""
    try:
        return SEVERITY_ORDER.index(severity)
    except ValueError:
        return len(SEVERITY_ORDER)


def by_severity(flags: Iterable[T]) -> list[T]:
    """``flags`` most severe first; equal severities keep their order (stable)."""
    return sorted(flags, key=lambda flag: severity_rank(flag.severity))


def most_severe(flags: Iterable[T]) -> T | None:
    """The first of the most severe of ``flags`` (``None`` when there are none)."""
    ranked = by_severity(flags)
    return ranked[0] if ranked else None
