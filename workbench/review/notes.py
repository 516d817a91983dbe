"""The reviewer's own notes on automatic signals: dismissing a wrong one, and keeping it so.

A dismissal ("false alarm") marks an auto drift signal as wrong without deleting
it: it stays visible (struck through), is exported, and is undoable like every
other change (it is part of the row snapshot). Re-checking a row replaces its auto
signals, so a dismissal is carried over to the new signal with the same type, hop
and reason on the same text of that hop (:func:`dismissed_signals` before,
:func:`keep_dismissals` / :func:`carry_dismissals` after).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from workbench.review.annotate import _change, _check_text, _flag_position, _row_of_flag
from workbench.review.base import operation
from workbench.review.errors import InvalidOperationError
from workbench.review.readmodels import ChangeResult
from workbench.review.snapshot import FlagSnapshot, RowSnapshot
from workbench.states import FlagSource
from workbench.store.models import FlagModel, utcnow
from workbench.store.rowdata import RowData

DEFAULT_REASON = "false alarm"
MAX_REASON = 500

SignalKey = tuple[str, str, str, tuple[tuple[str, ...], ...]]
"""(type, hop, reason, the segment texts of the hop's versions): what "the same signal" is."""
Dismissal = tuple[str, datetime | None]


@operation
def dismiss_signal(session: Session, flag_id: int, reason: str = DEFAULT_REASON, *,
                   author: str = "") -> ChangeResult:
    """Dismiss an automatic signal as wrong, with a reason (empty: "false alarm"); undoable."""
    reason = _check_text(reason, "reason") or DEFAULT_REASON
    if len(reason) > MAX_REASON:
        raise InvalidOperationError(
            f"the reason is too long ({len(reason)} > {MAX_REASON} characters)")

    def edit(row: RowSnapshot, data: RowData) -> None:
        flag = row["flags"][_flag_position(data, flag_id)]
        if flag["source"] != FlagSource.AUTO:
            raise InvalidOperationError("only an automatic signal can be dismissed; "
                                        "remove a reviewer flag instead")
        flag["dismissed"] = reason
        flag["dismissed_at"] = utcnow().isoformat()

    return _change(session, _row_of_flag(session, flag_id), "dismiss",
                   "dismissed a signal of row {row}", author, edit, reason=reason)


@operation
def restore_signal(session: Session, flag_id: int, *, author: str = "") -> ChangeResult:
    """Take a dismissal back: the signal stands again."""

    def edit(row: RowSnapshot, data: RowData) -> None:
        flag = row["flags"][_flag_position(data, flag_id)]
        flag.pop("dismissed", None)
        flag.pop("dismissed_at", None)

    return _change(session, _row_of_flag(session, flag_id), "restore",
                   "restored a signal of row {row}", author, edit)


def signal_key(flag_type: str, hop: str, detail: str,
               texts: Mapping[str, Sequence[str]]) -> SignalKey:
    labels = hop.split("|") if hop else sorted(texts)
    return (flag_type, hop, detail, tuple(tuple(texts.get(label, ())) for label in labels))


def _texts(data: RowData) -> dict[str, list[str]]:
    return {label: [text for _, text in cell] for label, cell in data.cells.items()}


def dismissed_signals(rows: Sequence[RowData]) -> dict[SignalKey, Dismissal]:
    """The dismissed auto signals of ``rows`` (loaded with details), before a re-check."""
    found: dict[SignalKey, Dismissal] = {}
    for data in rows:
        texts = _texts(data)
        for flag in data.flags:
            if flag.source == FlagSource.AUTO and flag.dismissed is not None:
                key = signal_key(flag.type, flag.hop, flag.detail, texts)
                found[key] = (flag.dismissed, flag.dismissed_at)
    return found


def keep_dismissals(session: Session, dismissed: Mapping[SignalKey, Dismissal],
                    rows: Sequence[RowData]) -> None:
    """After a re-check: dismiss again the new signals of ``rows`` that match ``dismissed``."""
    if not dismissed:
        return
    for data in rows:
        texts = _texts(data)
        for flag in data.flags:
            if flag.source != FlagSource.AUTO or flag.dismissed is not None:
                continue
            match = dismissed.get(signal_key(flag.type, flag.hop, flag.detail, texts))
            if match is not None:
                session.execute(update(FlagModel).where(FlagModel.id == flag.id)
                                .values(dismissed=match[0], dismissed_at=match[1] or utcnow()))


def carry_dismissals(dismissed: Mapping[SignalKey, Dismissal], flags: list[FlagSnapshot],
                     texts: Mapping[str, Sequence[str]]) -> list[FlagSnapshot]:
    """Snapshot flag dicts of a re-checked row, with matching dismissals carried over."""
    if not dismissed:
        return flags
    out = []
    for flag in flags:
        match = (dismissed.get(signal_key(flag["type"], flag["hop"], flag["detail"], texts))
                 if flag["source"] == FlagSource.AUTO else None)
        if match is not None:
            at = match[1] or utcnow()
            flag = {**flag, "dismissed": match[0], "dismissed_at": at.isoformat()}
        out.append(flag)
    return out
