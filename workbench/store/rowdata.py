"""Batch loading of rows with everything hanging off them (a few queries, not one per row)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
class RowData:
    """A row as stored: cells hold ``(segment index, text)`` per label, in version order."""

    id: int
    position: int
    status: str
    corrected: bool
    cells: dict[str, list[tuple[int, str]]]
    scores: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    flags: list[FlagModel] = field(default_factory=list)
    comments: list[CommentModel] = field(default_factory=list)


def version_labels(session: Session, comparison_id: int) -> list[tuple[int, str, str]]:
    """``(version id, label, lang)`` in chain/reading order."""
    rows = session.execute(
        select(VersionModel.id, VersionModel.label, VersionModel.lang)
        .where(VersionModel.comparison_id == comparison_id)
        .order_by(VersionModel.position)).all()
    return [(r[0], r[1], r[2]) for r in rows]


def load_rows(session: Session, comparison_id: int, *, row_ids: Sequence[int] | None = None,
              positions: tuple[int, int] | None = None, with_details: bool = True,
              ) -> list[RowData]:
    """Rows of a comparison in position order: all, some ids, or a position range [a, b)."""
    labels = version_labels(session, comparison_id)
    label_of = {vid: label for vid, label, _ in labels}
    query = select(AlignmentRow).where(AlignmentRow.comparison_id == comparison_id)
    if row_ids is not None:
        query = query.where(AlignmentRow.id.in_(list(row_ids)))
    if positions is not None:
        query = query.where(AlignmentRow.position >= positions[0],
                            AlignmentRow.position < positions[1])
    row_models = session.scalars(query.order_by(AlignmentRow.position)).all()
    result = [RowData(id=r.id, position=r.position, status=r.status, corrected=r.corrected,
                      cells={label: [] for _, label, _ in labels}) for r in row_models]
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
    for flag in session.scalars(select(FlagModel).where(_belongs(FlagModel.row_id))
                                .order_by(FlagModel.id)):
        by_id[flag.row_id].flags.append(flag)
    for comment in session.scalars(select(CommentModel).where(_belongs(CommentModel.row_id))
                                   .order_by(CommentModel.id)):
        by_id[comment.row_id].comments.append(comment)
    return result
