"""History listing and undo back to a chosen point; project housekeeping without orphans."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.review.helpers import check_invariants, small_comparison, state
from workbench import review
from workbench.nlp.embed.fake import FakeEncoder
from workbench.review.projects import BusyError, NameRefusedError
from workbench.review.timeline import CannotUndoError, PointNotOnLineError
from workbench.store.models import (
    AlignmentRow,
    CommentModel,
    Comparison,
    FlagModel,
    GlossaryModel,
    HistoryEntry,
    Job,
    PairScore,
    Project,
    SegmentModel,
    VersionModel,
)


@pytest.fixture()
def comparison_id(session: Session, fake_encoder: FakeEncoder) -> int:
    return small_comparison(session, fake_encoder, 6)


def _rows(session: Session, comparison_id: int) -> list[review.RowView]:
    return review.query_rows(session, comparison_id, limit=100).rows


def test_timeline_lists_every_change_newest_first(session: Session, comparison_id: int,
                                                  fake_encoder: FakeEncoder) -> None:
    rows = _rows(session, comparison_id)
    review.set_status(session, rows[0].id, "accepted")
    review.add_comment(session, rows[2].id, "check this")
    review.merge_with_next(session, rows[3].id, encoder=fake_encoder)
    timeline = review.list_timeline(session, comparison_id)
    assert [e.action for e in timeline.entries] == ["merge", "add_comment", "status"]
    assert [e.row for e in timeline.entries] == [4, 3, 1]
    assert [e.later_done for e in timeline.entries] == [0, 1, 2]
    assert timeline.total == timeline.done_count == 3
    assert timeline.entries[2].row_id == rows[0].id
    review.undo(session, comparison_id)
    assert [e.state for e in review.list_timeline(session, comparison_id).entries] == [
        "undone", "done", "done"]


def test_undo_to_a_point_in_one_step(session: Session, comparison_id: int,
                                     fake_encoder: FakeEncoder) -> None:
    rows = _rows(session, comparison_id)
    review.set_status(session, rows[0].id, "accepted")
    after_first = state(session, comparison_id)
    first = review.list_timeline(session, comparison_id).entries[0]
    review.add_flag(session, rows[1].id, "omission", "major", "missing clause")
    review.merge_with_next(session, rows[2].id, encoder=fake_encoder)
    review.add_comment(session, _rows(session, comparison_id)[2].id, "on the merged row")
    result = review.undo_to(session, comparison_id, first.id)
    assert result.params == {"count": 3, "seq": first.seq} and result.step == "undo"
    assert state(session, comparison_id) == after_first
    check_invariants(session, comparison_id)
    timeline = review.list_timeline(session, comparison_id)
    assert [e.state for e in timeline.entries] == ["undone", "undone", "undone", "done"]
    assert result.can_undo and result.can_redo
    review.redo(session, comparison_id)  # redo brings them back one at a time, oldest first
    assert _rows(session, comparison_id)[1].status == "flagged"


def test_undo_to_start_undoes_everything(session: Session, comparison_id: int) -> None:
    initial = state(session, comparison_id)
    for row in _rows(session, comparison_id)[:3]:
        review.set_status(session, row.id, "accepted")
    result = review.undo_to(session, comparison_id, None)
    assert result.params["count"] == 3 and not result.can_undo
    assert state(session, comparison_id) == initial


def test_refusals_change_nothing(session: Session, comparison_id: int,
                                 fake_encoder: FakeEncoder) -> None:
    rows = _rows(session, comparison_id)
    review.set_status(session, rows[0].id, "accepted")
    review.set_status(session, rows[1].id, "accepted")
    latest, first = review.list_timeline(session, comparison_id).entries
    with pytest.raises(review.NothingToUndoError):
        review.undo_to(session, comparison_id, latest.id)  # nothing after the latest
    with pytest.raises(review.NotFoundError):
        review.undo_to(session, comparison_id, 99999)
    other = small_comparison(session, fake_encoder, 2)
    with pytest.raises(review.NotFoundError):
        review.undo_to(session, other, first.id)  # an entry of another comparison
    review.undo(session, comparison_id)
    with pytest.raises(PointNotOnLineError) as undone:
        review.undo_to(session, comparison_id, latest.id)
    assert undone.value.state == "undone"
    review.set_status(session, rows[2].id, "flagged")  # discards the undone entry
    with pytest.raises(PointNotOnLineError) as discarded:
        review.undo_to(session, comparison_id, latest.id)
    assert discarded.value.state == "discarded"


def test_a_change_that_cannot_be_undone_stops_all(session: Session,
                                                  comparison_id: int) -> None:
    rows = _rows(session, comparison_id)
    for row in rows[:3]:
        review.set_status(session, row.id, "accepted")
    before = state(session, comparison_id)
    entries = review.list_timeline(session, comparison_id).entries
    broken = session.get(HistoryEntry, entries[1].id)
    assert broken is not None
    broken.payload = {**broken.payload, "start": 500}  # points past the last row
    session.commit()
    with pytest.raises(CannotUndoError) as refused:
        review.undo_to(session, comparison_id, None)
    assert refused.value.seq == entries[1].seq
    assert state(session, comparison_id) == before  # the newest one was not undone either
    assert [e.state for e in review.list_timeline(session, comparison_id).entries] == [
        "done"] * 3


def _count(session: Session, model: type, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_project_rename_and_refusals(session: Session, comparison_id: int) -> None:
    project_id = review.get_comparison(session, comparison_id).project_id
    other = review.rename_project(session, review.create_project(session, "B").id, "Other")
    assert review.rename_project(session, project_id, "  Chapter   3 ").name == "Chapter 3"
    for name, kind in (("", "empty"), ("   ", "empty"), ("x" * 201, "long"),
                       ("other", "taken")):
        with pytest.raises(NameRefusedError) as refused:
            review.rename_project(session, project_id, name)
        assert refused.value.kind == kind
    assert session.get(Project, project_id).name == "Chapter 3"  # type: ignore[union-attr]
    assert review.rename_project(session, other.id, "OTHER").name == "OTHER"  # its own name
    with pytest.raises(review.NotFoundError):
        review.rename_project(session, 9999, "x")


def test_comparison_rename_move_and_delete(session: Session, comparison_id: int,
                                           fake_encoder: FakeEncoder) -> None:
    source = review.get_comparison(session, comparison_id).project_id
    target = review.create_project(session, "Target").id
    assert review.rename_comparison(session, comparison_id, " New title ") == "New title"
    with pytest.raises(NameRefusedError):
        review.rename_comparison(session, comparison_id, " ")
    assert review.move_comparison(session, comparison_id, target).comparison_count == 1
    assert review.get_comparison(session, comparison_id).project_id == target
    with pytest.raises(review.InvalidOperationError):
        review.move_comparison(session, comparison_id, target)
    with pytest.raises(review.NotFoundError):
        review.move_comparison(session, comparison_id, 9999)
    assert source != target
    rows = _rows(session, comparison_id)
    review.add_flag(session, rows[0].id, "omission", "major", "x")
    review.add_comment(session, rows[1].id, "y")
    keep = small_comparison(session, fake_encoder, 2)
    kept_state = state(session, keep)
    deleted = review.delete_comparison(session, comparison_id)
    assert (deleted.name, deleted.comparisons, deleted.rows) == ("New title", 1, 6)
    _assert_gone(session, [comparison_id])
    assert state(session, keep) == kept_state
    with pytest.raises(review.NotFoundError):
        review.delete_comparison(session, comparison_id)


def _assert_gone(session: Session, comparison_ids: list[int]) -> None:
    session.expire_all()
    assert _count(session, Comparison, Comparison.id.in_(comparison_ids)) == 0
    for model in (AlignmentRow, HistoryEntry, Job, VersionModel):
        assert _count(session, model, model.comparison_id.in_(comparison_ids)) == 0
    assert _count(session, SegmentModel, ~SegmentModel.version_id.in_(
        select(VersionModel.id))) == 0
    for child in (PairScore, FlagModel, CommentModel):
        assert _count(session, child, ~child.row_id.in_(select(AlignmentRow.id))) == 0


def test_delete_project_takes_everything(session: Session, comparison_id: int,
                                         fake_encoder: FakeEncoder) -> None:
    project_id = review.get_comparison(session, comparison_id).project_id
    second = small_comparison(session, fake_encoder, 3)
    review.move_comparison(session, second, project_id)
    session.add(GlossaryModel(project_id=project_id, filename="g.csv", term_count=0, data={}))
    session.add(Job(comparison_id=second, kind="align", state="done"))
    review.set_status(session, _rows(session, second)[0].id, "accepted")
    session.commit()
    deleted = review.delete_project(session, project_id)
    assert (deleted.comparisons, deleted.rows, deleted.glossary) == (2, 9, True)
    _assert_gone(session, [comparison_id, second])
    assert session.get(Project, project_id) is None
    assert _count(session, GlossaryModel, GlossaryModel.project_id == project_id) == 0


def test_a_comparison_being_aligned_is_not_deleted(session: Session,
                                                   comparison_id: int) -> None:
    comparison = session.get(Comparison, comparison_id)
    assert comparison is not None
    comparison.state = "running"
    session.commit()
    with pytest.raises(BusyError):
        review.delete_comparison(session, comparison_id)
    with pytest.raises(BusyError):
        review.delete_project(session, comparison.project_id)
    assert session.get(Comparison, comparison_id) is not None
