"""The overview page's read model: score histogram, heat strip, flag counts, progress."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.review.errors import InvalidOperationError
from workbench.review.queries import must_exist
from workbench.review.readmodels import Overview
from workbench.states import ROW_STATUSES, RowStatus
from workbench.store.models import AlignmentRow, FlagModel, PairScore


def get_overview(session: Session, comparison_id: int, *, bins: int = 10) -> Overview:
    """Score histogram, heat strip values, counts per flag type and hop, review progress."""
    if not 1 <= bins <= 100:
        raise InvalidOperationError("bins must be between 1 and 100")
    must_exist(session, comparison_id)
    rows = session.execute(select(AlignmentRow.id, AlignmentRow.status)
                           .where(AlignmentRow.comparison_id == comparison_id)
                           .order_by(AlignmentRow.position)).all()
    minimum = dict(session.execute(
        select(PairScore.row_id, func.min(PairScore.score))
        .join(AlignmentRow, AlignmentRow.id == PairScore.row_id)
        .where(AlignmentRow.comparison_id == comparison_id)
        .group_by(PairScore.row_id)).tuples().all())
    heat = [minimum.get(row_id) for row_id, _ in rows]
    histogram = [0] * bins
    for value in heat:
        if value is not None:
            histogram[min(bins - 1, max(0, int(value * bins)))] += 1
    flag_rows = session.execute(
        select(FlagModel.type, FlagModel.hop, func.count())
        .join(AlignmentRow, AlignmentRow.id == FlagModel.row_id)
        .where(AlignmentRow.comparison_id == comparison_id, FlagModel.dismissed.is_(None))
        .group_by(FlagModel.type, FlagModel.hop)).all()
    flag_counts: Counter[str] = Counter()
    hop_counts: Counter[str] = Counter()
    type_hop: dict[str, dict[str, int]] = {}
    for flag_type, hop, count in flag_rows:
        flag_counts[flag_type] += count
        hop_counts[hop or "-"] += count
        type_hop.setdefault(flag_type, {})[hop or "-"] = count
    status_counts = dict.fromkeys(ROW_STATUSES, 0)
    status_counts.update(Counter(status for _, status in rows))
    reviewed = status_counts[RowStatus.ACCEPTED] + status_counts[RowStatus.FLAGGED]
    return Overview(row_count=len(rows), histogram=histogram,
                    bin_edges=[k / bins for k in range(bins + 1)], heat=heat,
                    heat_row_ids=[row_id for row_id, _ in rows], flag_counts=dict(flag_counts),
                    hop_counts=dict(hop_counts), type_hop_counts=type_hop,
                    status_counts=status_counts,
                    reviewed_fraction=reviewed / len(rows) if rows else 0.0)
