"""Helpers for review tests: a small comparison, and whole-comparison state for comparisons."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.store.dbfixtures import EN, RU, build_comparison
from workbench.nlp.embed.fake import FakeEncoder
from workbench.review.snapshot import RowSnapshot, snapshot
from workbench.store.models import SegmentModel, VersionModel
from workbench.store.rowdata import load_rows, version_labels


def small_comparison(session: Session, encoder: FakeEncoder, n: int = 10) -> int:
    """An en/ru comparison of ``n`` sentence pairs (FakeEncoder: plumbing only)."""
    return build_comparison(session, {"en": EN[:n], "ru": RU[:n]}, encoder)


def state(session: Session, comparison_id: int) -> list[RowSnapshot]:
    """Everything stored about the rows, in order, ids left out."""
    session.expire_all()
    return [snapshot(d) for d in load_rows(session, comparison_id)]


def check_invariants(session: Session, comparison_id: int) -> None:
    """Each segment in exactly one row, rows in order, no empty row, positions 0..n-1."""
    session.expire_all()
    rows = load_rows(session, comparison_id, with_details=False)
    assert [r.position for r in rows] == list(range(len(rows)))
    for row in rows:
        assert any(row.cells.values()), f"row {row.position} is empty"
    labels = [label for _, label, _ in version_labels(session, comparison_id)]
    for label in labels:
        sequence = [i for row in rows for i, _ in row.cells[label]]
        count = session.scalar(select(func.count()).select_from(SegmentModel)
                               .join(VersionModel, VersionModel.id == SegmentModel.version_id)
                               .where(VersionModel.comparison_id == comparison_id,
                                      VersionModel.label == label))
        assert sequence == list(range(count or 0)), f"{label}: segments out of order or lost"
