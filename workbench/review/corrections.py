"""Alignment corrections: merge, split, move, detach, re-align the rest; each rescored.

A correction builds the new rows of a small position range from snapshots,
writes them (segments move between rows, never out of all rows), rescores the
touched rows from cached embeddings through :func:`workbench.pipeline.rescore`
and records before/after in history, all in one transaction. Reviewer flags
and comments always travel with the segments they were on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from workbench import pipeline
from workbench.nlp.types import Encoder
from workbench.review.base import finish, lock_comparison, locked_row, operation, record_change
from workbench.review.encoders import rescoring_encoder
from workbench.review.errors import InvalidOperationError
from workbench.review.notes import carry_dismissals, dismissed_signals, keep_dismissals
from workbench.review.readmodels import ChangeResult, Direction
from workbench.review.snapshot import (
    CommentSnapshot,
    FlagSnapshot,
    RowSnapshot,
    apply_range,
    flag_snapshot,
    snapshot,
    snapshot_range,
)
from workbench.states import ComparisonState, FlagSource, RowStatus
from workbench.store.convert import load_alignment, load_registers, write_row_records
from workbench.store.glossary import comparison_glossary
from workbench.store.rowdata import RowData, load_rows


def _reviewer_part(row: RowSnapshot) -> tuple[list[FlagSnapshot], list[CommentSnapshot]]:
    return [f for f in row["flags"] if f["source"] == FlagSource.REVIEWER], list(row["comments"])


def _new_row(cells: Mapping[str, Sequence[int]], labels: Sequence[str],
             carried: Sequence[RowSnapshot] = ()) -> RowSnapshot:
    """A corrected row; reviewer flags and comments of ``carried`` rows move into it."""
    flags: list[FlagSnapshot] = []
    comments: list[CommentSnapshot] = []
    for row in carried:
        row_flags, row_comments = _reviewer_part(row)
        flags += row_flags
        comments += row_comments
    return RowSnapshot(cells={label: list(cells.get(label, ())) for label in labels},
                       status=RowStatus.FLAGGED if flags else RowStatus.UNREVIEWED,
                       corrected=True, scores={}, flags=flags, comments=comments)


def _correct(session: Session, comparison_id: int, action: str, description: str,
             author: str, start: int, before: list[RowSnapshot], target: list[RowSnapshot],
             encoder: Encoder | None, **params: object) -> ChangeResult:
    """Apply, rescore the new rows, record and commit."""
    dismissed = dismissed_signals(load_rows(session, comparison_id,
                                            positions=(start, start + len(before))))
    ids = apply_range(session, comparison_id, start, len(before), target)
    versions, rows, chain = load_alignment(session, comparison_id)
    records = pipeline.rescore(versions, rows, rescoring_encoder(encoder), chain=chain,
                               row_indices=list(range(start, start + len(target))),
                               glossary=comparison_glossary(session, comparison_id),
                               registers=load_registers(session, comparison_id))
    write_row_records(session, list(zip(ids, records, strict=True)))
    keep_dismissals(session, dismissed, load_rows(session, comparison_id,
                                                  positions=(start, start + len(target))))
    after = snapshot_range(session, comparison_id, start, start + len(target))
    entry = record_change(session, comparison_id, action, description, author, start,
                          before, after, {"params": {"row": start + 1, **params}})
    return finish(session, comparison_id, entry, start, len(before), len(after))


def _neighbours(session: Session, comparison_id: int, start: int, stop: int) -> list[RowData]:
    return load_rows(session, comparison_id, positions=(start, stop), with_details=True)


def _check_label(data: RowData, label: str) -> list[int]:
    if label not in data.cells:
        raise InvalidOperationError(
            f"unknown version {label!r}; versions are {', '.join(data.cells)}")
    return [i for i, _ in data.cells[label]]


@operation
def merge_with_next(session: Session, row_id: int, *, author: str = "",
                    encoder: Encoder | None = None) -> ChangeResult:
    """Merge a row with the row after it (reviewer flags and comments of both are kept)."""
    comparison_id, data = locked_row(session, row_id)
    pair = _neighbours(session, comparison_id, data.position, data.position + 2)
    if len(pair) < 2:
        raise InvalidOperationError("the last row has no next row to merge with")
    before = [snapshot(d) for d in pair]
    labels = list(data.cells)
    cells = {label: before[0]["cells"][label] + before[1]["cells"][label] for label in labels}
    return _correct(session, comparison_id, "merge", f"merged rows {data.position + 1} and "
                    f"{data.position + 2}", author, data.position, before,
                    [_new_row(cells, labels, before)], encoder, next=data.position + 2)


@operation
def split_row(session: Session, row_id: int, *, at: Mapping[str, int] | None = None,
              versions: Sequence[str] | None = None, author: str = "",
              encoder: Encoder | None = None) -> ChangeResult:
    """Split a row in two.

    ``at`` maps a version label to the segment index that starts the second row
    (labels not given stay wholly in the first row); ``versions`` instead moves
    those versions' segments wholly to the second row (e.g. a 1-1 into 1-0 + 0-1).
    """
    if not at and not versions:
        raise InvalidOperationError("say where to split: at a segment, or which versions move")
    comparison_id, data = locked_row(session, row_id)
    row = snapshot(data)
    labels = list(data.cells)
    first: dict[str, list[int]] = {label: list(row["cells"][label]) for label in labels}
    second: dict[str, list[int]] = {label: [] for label in labels}
    for label, index in (at or {}).items():
        cell = _check_label(data, label)
        if index not in cell:
            raise InvalidOperationError(
                f"segment {index} of {label!r} is not in this row (it holds {cell or 'none'})")
        cut = cell.index(index)
        first[label], second[label] = cell[:cut], cell[cut:]
    for label in versions or ():
        second[label] = _check_label(data, label)
        first[label] = []
    if not any(first.values()) or not any(second.values()):
        raise InvalidOperationError("that split would leave one of the two rows empty")
    target = [_new_row(first, labels, [row]), _new_row(second, labels)]
    return _correct(session, comparison_id, "split", f"split row {data.position + 1} in two",
                    author, data.position, [row], target, encoder)


@operation
def move_segment(session: Session, row_id: int, label: str, direction: Direction, *,
                 author: str = "", encoder: Encoder | None = None) -> ChangeResult:
    """Move the first (``up``) or last (``down``) segment of a version to the neighbouring row.

    A row left with no segments at all disappears.
    """
    if direction not in ("up", "down"):
        raise InvalidOperationError(f"direction must be up or down, not {direction!r}")
    comparison_id, data = locked_row(session, row_id)
    cell = _check_label(data, label)
    if not cell:
        raise InvalidOperationError(f"this row has no {label!r} segment to move")
    start = data.position - 1 if direction == "up" else data.position
    if start < 0:
        raise InvalidOperationError("the first row has no row above it")
    pair = _neighbours(session, comparison_id, start, start + 2)
    if len(pair) < 2:
        raise InvalidOperationError("the last row has no row below it")
    before = [snapshot(d) for d in pair]
    labels = list(data.cells)
    upper = {lb: list(before[0]["cells"][lb]) for lb in labels}
    lower = {lb: list(before[1]["cells"][lb]) for lb in labels}
    if direction == "up":
        upper[label].append(lower[label].pop(0))
    else:
        lower[label].insert(0, upper[label].pop())
    target = []
    if any(upper.values()):
        target.append(_new_row(upper, labels, [before[0]] if any(lower.values()) else before))
    if any(lower.values()):
        target.append(_new_row(lower, labels, [before[1]] if any(upper.values()) else before))
    which, where = ("first", "above") if direction == "up" else ("last", "below")
    return _correct(session, comparison_id, "move", f"moved the {which} {label} segment of row "
                    f"{data.position + 1} to the row {where}", author, start, before, target,
                    encoder, label=label, direction=direction, row=data.position + 1)


@operation
def detach_segment(session: Session, row_id: int, label: str, segment_index: int | None = None,
                   *, author: str = "", encoder: Encoder | None = None) -> ChangeResult:
    """Put one segment (the first or last of its version in the row) into a row of its own.

    ``segment_index=None`` means the last segment of that version in the row. The
    new row goes before the row when the segment is its version's first (and not
    last) segment there, after it otherwise.
    """
    comparison_id, data = locked_row(session, row_id)
    cell = _check_label(data, label)
    if not cell:
        raise InvalidOperationError(f"this row has no {label!r} segment to detach")
    index = cell[-1] if segment_index is None else segment_index
    if index not in (cell[0], cell[-1]):
        raise InvalidOperationError(
            f"only the first or last {label!r} segment of a row can be detached "
            f"(segment {index} is {'inside it' if index in cell else 'not in it'})")
    if sum(len(c) for c in data.cells.values()) == 1:
        raise InvalidOperationError("that segment is already on its own")
    row = snapshot(data)
    labels = list(data.cells)
    rest = {lb: [i for i in row["cells"][lb] if not (lb == label and i == index)]
            for lb in labels}
    alone = _new_row({label: [index]}, labels)
    kept = _new_row(rest, labels, [row])
    target = [alone, kept] if index == cell[0] and len(cell) > 1 else [kept, alone]
    return _correct(session, comparison_id, "detach", f"put {label} segment {index + 1} of row "
                    f"{data.position + 1} in a row of its own", author, data.position, [row],
                    target, encoder, label=label, segment=index + 1)


def confirmed_positions(rows: Sequence[RowData]) -> list[int]:
    """Rows "re-align the rest" keeps: the accepted ones (as its button and the README say).

    A row corrected by hand but not accepted is re-aligned like any other; its
    reviewer flags and comments move with its first segment.
    """
    return [k for k, d in enumerate(rows) if d.status == RowStatus.ACCEPTED]


@operation
def realign_rest(session: Session, comparison_id: int, *, author: str = "",
                 encoder: Encoder | None = None, as_job: bool = False) -> ChangeResult:
    """Keep the accepted rows exactly; re-align everything else.

    Rows that come out with the same segments keep everything; reviewer flags
    and comments of other rows move to the new row holding their first segment.
    ``as_job``: called by the background job, while the comparison is "running".
    """
    lock_comparison(session, comparison_id,
                    ComparisonState.RUNNING if as_job else ComparisonState.READY)
    old = load_rows(session, comparison_id)
    before = [snapshot(d) for d in old]
    confirmed = confirmed_positions(old)
    versions, rows, chain = load_alignment(session, comparison_id)
    labels = [v.label for v in versions]
    memo = rescoring_encoder(encoder)
    new_rows = pipeline.realign(versions, rows, confirmed, memo)
    records = pipeline.rescore(versions, new_rows, memo, chain=chain,
                               glossary=comparison_glossary(session, comparison_id),
                               registers=load_registers(session, comparison_id))

    def key(cells: Mapping[str, Sequence[int]]) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(cells.get(label, ())) for label in labels)

    old_by_key = {key(s["cells"]): s for s in before}
    home = {}  # (label, segment) -> new row number
    for k, new in enumerate(new_rows):
        for label, indices in new.cells.items():
            for index in indices:
                home[(label, index)] = k
    target: list[RowSnapshot] = []
    for new in new_rows:
        same = old_by_key.get(key(new.cells))
        target.append(RowSnapshot(**same) if same is not None else RowSnapshot(
            cells={label: list(new.cells.get(label, ())) for label in labels},
            status=RowStatus.UNREVIEWED, corrected=False, scores={}, flags=[], comments=[]))
    new_keys = {key(new.cells) for new in new_rows}
    for snap in before:
        if key(snap["cells"]) in new_keys:
            continue  # carried over whole
        first = next((lb, c[0]) for lb, c in snap["cells"].items() if c)
        flags, comments = _reviewer_part(snap)
        dest = target[home[first]]
        dest["flags"] = dest["flags"] + flags
        dest["comments"] = dest["comments"] + comments
        if flags and dest["status"] == RowStatus.UNREVIEWED:
            dest["status"] = RowStatus.FLAGGED
    dismissed = dismissed_signals(old)
    seg_text = {v.label: {seg.index: seg.text for seg in v.segments} for v in versions}
    for k, (snap, record) in enumerate(zip(target, records, strict=True)):
        auto = [flag_snapshot(f) for f in record.flags if f.source == FlagSource.AUTO]
        order = dict.fromkeys([*record.similarity, *record.score])  # as the alignment wrote them
        target[k] = {**snap, "scores": {key_: [record.similarity.get(key_),
                                               record.score.get(key_)] for key_ in order},
                     "flags": [f for f in snap["flags"] if f["source"] == FlagSource.REVIEWER]
                     + carry_dismissals(dismissed, auto, {
                         label: [seg_text[label][i] for i in cells]
                         for label, cells in snap["cells"].items()})}
    apply_range(session, comparison_id, 0, len(before), target)
    after = snapshot_range(session, comparison_id, 0, len(target))
    kept = len(confirmed)
    entry = record_change(session, comparison_id, "realign",
                          f"re-aligned the rows around {kept} accepted rows", author, 0, before,
                          after, {"params": {"kept": kept}})
    return finish(session, comparison_id, entry, 0, len(before), len(after))
