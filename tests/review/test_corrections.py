"""Merge, split, move, detach and re-align: rescored at once, constraints kept, all undoable."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.review.helpers import check_invariants, small_comparison, state
from workbench import review
from workbench.nlp.embed.fake import FakeEncoder


@pytest.fixture()
def comparison_id(session: Session, fake_encoder: FakeEncoder) -> int:
    return small_comparison(session, fake_encoder, 8)


def rows(session: Session, comparison_id: int) -> list[review.RowView]:
    return review.query_rows(session, comparison_id, limit=100).rows


def cells(session: Session, comparison_id: int) -> list[dict[str, list[int]]]:
    return [r.segments for r in rows(session, comparison_id)]


def test_merge_rescores_and_undoes(session: Session, comparison_id: int,
                                   fake_encoder: FakeEncoder) -> None:
    start = rows(session, comparison_id)
    assert [r.segments for r in start[:2]] == [{"en": [0], "ru": [0]}, {"en": [1], "ru": [1]}]
    review.add_comment(session, start[1].id, "second")
    before = state(session, comparison_id)
    result = review.merge_with_next(session, start[0].id, encoder=fake_encoder)
    merged = result.rows[0]
    assert (result.action, result.start, result.removed, len(result.rows)) == ("merge", 0, 2, 1)
    assert merged.segments == {"en": [0, 1], "ru": [0, 1]}
    assert merged.text["en"].startswith(start[0].text["en"])
    assert merged.corrected and [c.text for c in merged.comments] == ["second"]
    assert set(merged.similarity) == {"en|ru"} and set(merged.score) == {"en|ru"}
    assert merged.similarity["en|ru"] != start[0].similarity["en|ru"]  # rescored
    assert len(rows(session, comparison_id)) == len(start) - 1
    check_invariants(session, comparison_id)
    undone = review.undo(session, comparison_id)
    assert (undone.removed, len(undone.rows)) == (1, 2)
    assert state(session, comparison_id) == before
    review.redo(session, comparison_id)
    assert cells(session, comparison_id)[0] == {"en": [0, 1], "ru": [0, 1]}
    check_invariants(session, comparison_id)


def test_split_at_segment_and_by_version(session: Session, comparison_id: int,
                                         fake_encoder: FakeEncoder) -> None:
    first = rows(session, comparison_id)[0]
    merged = review.merge_with_next(session, first.id, encoder=fake_encoder).rows[0]
    split = review.split_row(session, merged.id, at={"en": 1, "ru": 1}, encoder=fake_encoder)
    assert [r.segments for r in split.rows] == [{"en": [0], "ru": [0]}, {"en": [1], "ru": [1]}]
    assert all(r.score for r in split.rows)
    apart = review.split_row(session, split.rows[0].id, versions=["ru"], encoder=fake_encoder)
    assert [r.segments for r in apart.rows] == [{"en": [0], "ru": []}, {"en": [], "ru": [0]}]
    assert [r.kind for r in apart.rows] == ["1-0", "0-1"]
    check_invariants(session, comparison_id)
    for _ in range(3):
        review.undo(session, comparison_id)
    assert cells(session, comparison_id)[:2] == [{"en": [0], "ru": [0]}, {"en": [1], "ru": [1]}]
    check_invariants(session, comparison_id)


def test_move_segment_up_and_down(session: Session, comparison_id: int,
                                  fake_encoder: FakeEncoder) -> None:
    second = rows(session, comparison_id)[1]
    up = review.move_segment(session, second.id, "en", "up", encoder=fake_encoder)
    assert [r.segments for r in up.rows] == [{"en": [0, 1], "ru": [0]}, {"en": [], "ru": [1]}]
    down = review.move_segment(session, up.rows[0].id, "en", "down", encoder=fake_encoder)
    assert [r.segments for r in down.rows] == [{"en": [0], "ru": [0]}, {"en": [1], "ru": [1]}]
    # moving the only segment of a row away makes the row disappear
    review.split_row(session, down.rows[1].id, versions=["ru"], encoder=fake_encoder)
    gone = review.move_segment(session, rows(session, comparison_id)[2].id, "ru", "up",
                               encoder=fake_encoder)
    assert (gone.removed, [r.segments for r in gone.rows]) == (2, [{"en": [1], "ru": [1]}])
    check_invariants(session, comparison_id)


def test_detach_segment(session: Session, comparison_id: int, fake_encoder: FakeEncoder) -> None:
    first = rows(session, comparison_id)[0]
    merged = review.merge_with_next(session, first.id, encoder=fake_encoder).rows[0]
    head = review.detach_segment(session, merged.id, "ru", 0, encoder=fake_encoder)
    assert [r.segments for r in head.rows] == [{"en": [], "ru": [0]},
                                               {"en": [0, 1], "ru": [1]}]
    tail = review.detach_segment(session, head.rows[1].id, "en", encoder=fake_encoder)
    assert [r.segments for r in tail.rows] == [{"en": [0], "ru": [1]}, {"en": [1], "ru": []}]
    check_invariants(session, comparison_id)
    with pytest.raises(review.InvalidOperationError, match="already on its own"):
        review.detach_segment(session, head.rows[0].id, "ru", encoder=fake_encoder)


@pytest.mark.parametrize(("op", "message"), [
    ("merge_last", "no next row"),
    ("move_first_up", "first row"),
    ("move_unknown_label", "unknown version"),
    ("split_nowhere", "say where"),
    ("split_empty", "empty"),
    ("split_foreign_segment", "not in this row"),
    ("detach_middle", "first or last"),
])
def test_impossible_corrections_are_refused(session: Session, comparison_id: int,
                                            fake_encoder: FakeEncoder, op: str,
                                            message: str) -> None:
    all_rows = rows(session, comparison_id)
    first, last = all_rows[0], all_rows[-1]
    if op == "detach_middle":
        merged = review.merge_with_next(session, first.id, encoder=fake_encoder).rows[0]
        merged = review.merge_with_next(session, merged.id, encoder=fake_encoder).rows[0]
    before = state(session, comparison_id)
    history = len(review.list_history(session, comparison_id))
    with pytest.raises(review.InvalidOperationError, match=message):
        if op == "merge_last":
            review.merge_with_next(session, last.id, encoder=fake_encoder)
        elif op == "move_first_up":
            review.move_segment(session, first.id, "en", "up", encoder=fake_encoder)
        elif op == "move_unknown_label":
            review.move_segment(session, last.id, "fr", "up", encoder=fake_encoder)
        elif op == "split_nowhere":
            review.split_row(session, first.id, encoder=fake_encoder)
        elif op == "split_empty":
            review.split_row(session, first.id, at={"en": 0, "ru": 0}, encoder=fake_encoder)
        elif op == "split_foreign_segment":
            review.split_row(session, first.id, at={"en": 5}, encoder=fake_encoder)
        else:
            review.detach_segment(session, merged.id, "en", 1, encoder=fake_encoder)
    assert state(session, comparison_id) == before
    assert len(review.list_history(session, comparison_id)) == history


def test_reviewer_work_survives_corrections(session: Session, comparison_id: int,
                                            fake_encoder: FakeEncoder) -> None:
    first, second = rows(session, comparison_id)[:2]
    review.add_flag(session, first.id, "omission", "major", "missing clause")
    review.add_comment(session, second.id, "fine")
    merged = review.merge_with_next(session, first.id, encoder=fake_encoder).rows[0]
    assert merged.status == "flagged"
    assert [f.comment for f in merged.flags if f.source == "reviewer"] == ["missing clause"]
    assert [c.text for c in merged.comments] == ["fine"]
    split = review.split_row(session, merged.id, at={"en": 1, "ru": 1}, encoder=fake_encoder)
    assert [f.type for f in split.rows[0].flags if f.source == "reviewer"] == ["omission"]


def test_realign_rest_keeps_confirmed_rows(session: Session, comparison_id: int,
                                           fake_encoder: FakeEncoder) -> None:
    all_rows = rows(session, comparison_id)
    # a deliberately wrong correction that the reviewer accepts, and one they flag
    moved = review.move_segment(session, all_rows[3].id, "en", "up", encoder=fake_encoder)
    review.set_status(session, moved.rows[0].id, "accepted")
    review.add_flag(session, all_rows[6].id, "style", "minor", "awkward")
    kept = {tuple(map(tuple, r.segments.values())) for r in moved.rows}
    before = state(session, comparison_id)
    result = review.realign_rest(session, comparison_id, encoder=fake_encoder)
    after = {tuple(map(tuple, r.segments.values())) for r in result.rows}
    assert kept <= after
    flagged = [r for r in result.rows if any(f.source == "reviewer" for f in r.flags)]
    assert [f.comment for r in flagged for f in r.flags if f.source == "reviewer"] == ["awkward"]
    assert all(r.score for r in result.rows if all(r.segments.values()))
    check_invariants(session, comparison_id)
    review.undo(session, comparison_id)
    assert state(session, comparison_id) == before


def test_corrections_refused_while_aligning(session: Session, comparison_id: int,
                                            fake_encoder: FakeEncoder) -> None:
    from workbench.store.models import Comparison

    first = rows(session, comparison_id)[0]
    stored = session.get(Comparison, comparison_id)
    assert stored is not None
    stored.state = "running"
    session.commit()
    with pytest.raises(review.ComparisonNotReadyError, match="running"):
        review.merge_with_next(session, first.id, encoder=fake_encoder)
