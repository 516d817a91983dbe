"""Time spent in each drift detector: wraps the registered detectors for a benchmark run."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

from workbench.nlp.drift import registry
from workbench.nlp.drift.base import Finding, PairView

SPENT: defaultdict[str, float] = defaultdict(float)
"""Seconds per detector name since :func:`time_detectors` was called."""


def _timed(name: str, detect: Callable[[PairView], list[Finding]]) -> Callable[..., list[Finding]]:
    def run(pair: PairView) -> list[Finding]:
        started = time.perf_counter()
        try:
            return detect(pair)
        finally:
            SPENT[name] += time.perf_counter() - started
    return run


def time_detectors() -> None:
    """Wrap every registered detector so that its time adds up in :data:`SPENT`."""
    registry.get_detectors()
    for name, detect in list(registry.DETECTORS.items()):
        registry.DETECTORS[name] = _timed(name, detect)


def print_times(runs: int = 1) -> None:
    """Each detector's time (divided by ``runs``), slowest first.

    Token vectors are computed on first use, so their cost shows in the first
    detector that asks for them (``words``).
    """
    for name, seconds in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"    {name:<18}{seconds / runs:8.3f} s")
