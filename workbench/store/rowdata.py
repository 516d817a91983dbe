"""Batch loading of rows with everything hanging off them (a few queries, not one per row)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.store.models import (
    AlignmentRow,
    CommentModel,
    FlagModel,
    PairScore,
    SegmentModel,
    VersionModel,
)


@dataclass
class FlagData:
    id: int
    row_id: int
    source: str
    type: str
    hop: str
    detail: str
    spans: dict[str, Any]
    severity: str
    carried: bool | None
    comment: str
    created_at: datetime
    dismissed: str | None = None  # the reviewer's reason for dismissing an auto signal
    dismissed_at: datetime | None = None
    reason_key: str = ""  # the reason as message key plus arguments (see FlagRecord)
    reason_args: dict[str, Any] | None = None


@dataclass
class CommentData:
    id: int
    row_id: int
    text: str
    author: str
    created_at: datetime


@dataclass
class RowData:
    """A row as stored: cells hold ``(segment index, text)`` per label, in version order."""

    id: int
    position: int
    status: str
    corrected: bool
    cells: dict[str, list[tuple[int, str]]]
    scores: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    flags: list[FlagData] = field(default_factory=list)
    comments: list[CommentData] = field(default_factory=list)


def version_labels(session: Session, comparison_id: int) -> list[tuple[int, str, str]]:
    """``(version id, label, lang)`` in chain/reading order."""
    rows = session.execute(
        select(VersionModel.id, VersionModel.label, VersionModel.lang)
        .where(VersionModel.comparison_id == comparison_id)
        .order_by(VersionModel.position)).all()
    return [(r[0], r[1], r[2]) for r in rows]


Labels = list[tuple[int, str, str]]
"""``(version id, label, lang)`` of a comparison's versions, as :func:`version_labels` gives."""


def load_rows(session: Session, comparison_id: int, *, row_ids: Sequence[int] | None = None,
              positions: tuple[int, int] | None = None, with_details: bool = True,
              labels: Labels | None = None) -> list[RowData]:
    """Rows of a comparison in position order: all, some ids, or a position range [a, b).

    ``labels``: the comparison's :func:`version_labels` when the caller has them already.
    """
    if labels is None:
        labels = version_labels(session, comparison_id)
    label_of = {vid: label for vid, label, _ in labels}
    # plain column selects throughout: bulk statements move rows and replace flags behind
    # the ORM's back, so identity-mapped objects could be stale
    query = select(AlignmentRow.id, AlignmentRow.position, AlignmentRow.status,
                   AlignmentRow.corrected).where(AlignmentRow.comparison_id == comparison_id)
    if row_ids is not None:
        query = query.where(AlignmentRow.id.in_(list(row_ids)))
    if positions is not None:
        query = query.where(AlignmentRow.position >= positions[0],
                            AlignmentRow.position < positions[1])
    result = [RowData(id=r.id, position=r.position, status=r.status, corrected=r.corrected,
                      cells={label: [] for _, label, _ in labels})
              for r in session.execute(query.order_by(AlignmentRow.position))]
    if not result:
        return result
    by_id = {r.id: r for r in result}
    id_filter = list(by_id) if (row_ids is not None or positions is not None) else None

    seg_query = (select(SegmentModel.row_id, SegmentModel.version_id, SegmentModel.index,
                        SegmentModel.text)
                 .join(VersionModel, VersionModel.id == SegmentModel.version_id)
                 .where(VersionModel.comparison_id == comparison_id))
    if id_filter is not None:
        seg_query = seg_query.where(SegmentModel.row_id.in_(id_filter))
    for row_id, version_id, index, text in session.execute(
            seg_query.order_by(SegmentModel.version_id, SegmentModel.index)):
        by_id[row_id].cells[label_of[version_id]].append((index, text))
    if not with_details:
        return result

    def _belongs(column: Any) -> Any:
        if id_filter is not None:
            return column.in_(id_filter)
        return column.in_(select(AlignmentRow.id)
                          .where(AlignmentRow.comparison_id == comparison_id))

    for row_id, key, similarity, score in session.execute(
            select(PairScore.row_id, PairScore.pair_key, PairScore.similarity, PairScore.score)
            .where(_belongs(PairScore.row_id)).order_by(PairScore.id)):
        by_id[row_id].scores[key] = (similarity, score)
    _load_flags(session, by_id, _belongs)
    _load_comments(session, by_id, _belongs)
    return result


def _load_flags(session: Session, by_id: dict[int, RowData], belongs: Any) -> None:
    flag_table = FlagModel.__table__
    for flag in session.execute(select(flag_table).where(belongs(flag_table.c.row_id))
                                .order_by(flag_table.c.id)).mappings():
        by_id[flag["row_id"]].flags.append(FlagData(**flag))


def _load_comments(session: Session, by_id: dict[int, RowData], belongs: Any) -> None:
    comment_table = CommentModel.__table__
    for comment in session.execute(select(comment_table)
                                   .where(belongs(comment_table.c.row_id))
                                   .order_by(comment_table.c.id)).mappings():
        by_id[comment["row_id"]].comments.append(CommentData(**comment))


def reload_notes(session: Session, rows: Sequence[RowData], *, flags: bool,
                 comments: bool) -> None:
    """Read the flags and/or the comments of ``rows`` again, in place (one query each):
    after a change rewrote only those, the rest of a loaded row is still what is stored."""
    by_id = {row.id: row for row in rows}
    if not by_id:
        return

    def belongs(column: Any) -> Any:
        return column.in_(list(by_id))

    if flags:
        for row in rows:
            row.flags = []
        _load_flags(session, by_id, belongs)
    if comments:
        for row in rows:
            row.comments = []
        _load_comments(session, by_id, belongs)
