"""Strings and choices of the reviewer's own notes on a row (comment form, what a flag is
about, dismissing a signal), translated once per locale and comparison layout: rows render
by the hundred."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from workbench.review import ComparisonView
from workbench.web.ui_labels import per_locale


def hop_choices(comparison: ComparisonView) -> list[tuple[str, str]]:
    """(value, label) for "what is wrong": the row, each version, each hop (or pair)."""
    labels = comparison.labels
    if comparison.chain and len(comparison.chain) > 1:
        pairs = list(zip(comparison.chain, comparison.chain[1:], strict=False))
    else:
        pairs = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]]
    choices = [("", _("the whole row"))]
    choices += [(label, _("version %(label)s", label=label)) for label in labels]
    choices += [(f"{a}|{b}", _("hop %(a)s → %(b)s", a=a, b=b)) for a, b in pairs]
    return choices


def note_strings(comparison: ComparisonView) -> dict[str, Any]:
    layout = (tuple(comparison.labels), tuple(comparison.chain or ()))
    return per_locale(("notes", layout), lambda: _note_strings(comparison))


def _note_strings(comparison: ComparisonView) -> dict[str, Any]:
    return {
        "what": _("What is wrong"), "hops": hop_choices(comparison),
        "add_comment": _("Comment"), "save_comment": _("Save comment"),
        "comment_label": _("Your comment on this row"),
        "dismiss": _("Dismiss"), "dismiss_title": _("This signal is wrong: dismiss it"),
        "reason": _("Reason"), "false_alarm": _("false alarm"),
        "dismissed": _("Dismissed: %(reason)s", reason="{reason}"),
        "restore": _("Restore"), "restore_title": _("Take the dismissal back"),
    }
