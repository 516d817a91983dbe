"""The detector registry: adding a drift signal means adding one module that registers here.

A detector module declares what it reports: ``@register(name, label=N_("..."),
messages=(...))`` for the signal type of its own name, and :func:`declare` for
any other type it reports (the omission detector also reports additions). The
web layer takes the signal types' display names from :func:`signal_types`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.messages import MESSAGES

Detector = Callable[[PairView], list[Finding]]

DETECTORS: dict[str, Detector] = {}


@dataclass(frozen=True)
class SignalInfo:
    """A signal type: its display ``label`` (English, marked ``N_``) and its message keys."""

    type: str
    label: str
    messages: tuple[str, ...] = ()


SIGNALS: dict[str, SignalInfo] = {}


def declare(signal_type: str, label: str, messages: Sequence[str] = ()) -> SignalInfo:
    """Declare a signal type a detector reports (its label and the message keys it uses)."""
    unknown = [key for key in messages if key not in MESSAGES]
    if unknown:
        raise ValueError(f"signal {signal_type!r} names unknown message(s): {', '.join(unknown)}")
    known = SIGNALS.get(signal_type)
    info = SignalInfo(signal_type, label, tuple(messages))
    if known is not None and known != info:
        raise ValueError(f"signal type {signal_type!r} declared twice")
    SIGNALS[signal_type] = info
    return info


def register(name: str, *, label: str | None = None,
             messages: Sequence[str] = ()) -> Callable[[Detector], Detector]:
    """Decorator: make ``detect(pair) -> list[Finding]`` run on every aligned pair.

    With ``label`` the detector also declares the signal type ``name`` (see :func:`declare`).
    """
    if label is not None:
        declare(name, label, messages)

    def wrap(func: Detector) -> Detector:
        if name in DETECTORS:
            raise ValueError(f"drift detector {name!r} registered twice")
        DETECTORS[name] = func
        return func

    return wrap


def signal_types() -> dict[str, SignalInfo]:
    """Every declared signal type (the package's ``__init__`` loads the built-in ones)."""
    return dict(SIGNALS)


def get_detectors(names: list[str] | None = None) -> dict[str, Detector]:
    """The registered detectors (all of them, or those named; the package's ``__init__``
    loads the built-in ones, so any import of ``workbench.nlp.drift...`` has them)."""
    if names is None:
        return dict(DETECTORS)
    unknown = [n for n in names if n not in DETECTORS]
    if unknown:
        raise KeyError(f"unknown drift detector(s): {', '.join(unknown)}")
    return {n: DETECTORS[n] for n in names}
