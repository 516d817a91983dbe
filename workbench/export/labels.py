"""Readable English text for signals and reviewer flags in exports ("Number, zh → ru"), so
that a CAT tool's note pane, a spreadsheet or a printed report never shows raw codes."""

from __future__ import annotations

from functools import cache

from workbench.comparison import FlagRecord
from workbench.nlp.drift.registry import signal_types
from workbench.states import FlagSource, RowStatus

_NAMES = {
    "omission": "Omission", "addition": "Addition", "mistranslation": "Mistranslation",
    "number": "Number", "name": "Name", "terminology": "Terminology", "style": "Style",
    "other": "Other", "date": "Date", "negation": "Negation", "length": "Length",
    "low_score": "Low score", "low_similarity": "Low similarity", "moved": "Moved",
}
"""Reviewer categories and the built-in signals; other detectors' declared labels are used."""


@cache
def type_label(flag_type: str) -> str:
    """``"low_score"`` -> ``"Low score"``: the declared label of a signal type, else readable."""
    if flag_type in _NAMES:
        return _NAMES[flag_type]
    info = signal_types().get(flag_type)
    label = info.label if info is not None else flag_type.replace("_", " ")
    return label[:1].upper() + label[1:]


def hop_label(hop: str) -> str:
    """``"zh|ru"`` -> ``"zh → ru"``; a single version label stays as it is; "" -> ""."""
    return " → ".join(part for part in hop.split("|") if part)


def flag_heading(flag: FlagRecord) -> str:
    """``"Number (critical), zh → ru"``: what the signal or flag is about."""
    where = hop_label(flag.hop)
    return f"{type_label(flag.type)} ({flag.severity})" + (f", {where}" if where else "")


def flag_text(flag: FlagRecord) -> str:
    """The whole flag as one line of plain text, for notes and spreadsheet cells.

    A signal: ``"Number (critical), zh → ru: 350 vs 530"``, then ``" — dismissed: false
    alarm"`` when a reviewer dismissed it; a reviewer flag: ``"Reviewer flag: Style (minor),
    ru: stiff"``.
    """
    head = flag_heading(flag)
    if flag.source == FlagSource.REVIEWER:
        head = f"Reviewer flag: {head}"
    parts = [part for part in (flag.detail, flag.comment) if part]
    text = head + (": " + " — ".join(parts) if parts else "")
    if flag.dismissed is not None:
        text += f" — dismissed: {flag.dismissed}"
    return text


STATUS_LABELS: dict[str, str] = {RowStatus.UNREVIEWED: "Unreviewed",
                                 RowStatus.ACCEPTED: "Accepted", RowStatus.FLAGGED: "Flagged"}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.capitalize())
