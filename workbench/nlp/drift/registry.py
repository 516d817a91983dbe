"""The detector registry: adding a drift signal means adding one module that registers here."""

from __future__ import annotations

from collections.abc import Callable

from workbench.nlp.drift.base import Finding, PairView

Detector = Callable[[PairView], list[Finding]]

DETECTORS: dict[str, Detector] = {}


def register(name: str) -> Callable[[Detector], Detector]:
    """Decorator: make ``detect(pair) -> list[Finding]`` run on every aligned pair."""

    def wrap(func: Detector) -> Detector:
        if name in DETECTORS:
            raise ValueError(f"drift detector {name!r} registered twice")
        DETECTORS[name] = func
        return func

    return wrap


def get_detectors(names: list[str] | None = None) -> dict[str, Detector]:
    """The registered detectors (all of them, or those named), after loading the built-ins."""
    import workbench.nlp.drift.detectors  # noqa: F401  (registers the built-in detectors)

    if names is None:
        return dict(DETECTORS)
    unknown = [n for n in names if n not in DETECTORS]
    if unknown:
        raise KeyError(f"unknown drift detector(s): {', '.join(unknown)}")
    return {n: DETECTORS[n] for n in names}
