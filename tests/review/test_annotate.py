"""Status, flags and comments: saved at once, in history, undoable and redoable."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.review.helpers import small_comparison, state
from workbench import review
from workbench.nlp.embed.fake import FakeEncoder


@pytest.fixture()
def comparison_id(session: Session, fake_encoder: FakeEncoder) -> int:
    return small_comparison(session, fake_encoder, 6)


def first_row(session: Session, comparison_id: int) -> review.RowView:
    return review.query_rows(session, comparison_id, limit=1).rows[0]


def test_set_status_and_undo_redo(session: Session, comparison_id: int) -> None:
    row = first_row(session, comparison_id)
    before = state(session, comparison_id)
    result = review.set_status(session, row.id, "accepted", author="ann")
    assert result.rows[0].status == "accepted" and result.rows[0].id == row.id
    assert (result.start, result.removed, result.can_undo, result.can_redo) == (0, 1, True, False)
    assert review.get_row(session, row.id).status == "accepted"
    after = state(session, comparison_id)
    undone = review.undo(session, comparison_id)
    assert undone.rows[0].status == "unreviewed" and undone.can_redo
    assert state(session, comparison_id) == before
    review.redo(session, comparison_id)
    assert state(session, comparison_id) == after
    history = review.list_history(session, comparison_id)
    assert [(h.action, h.author, h.state) for h in history] == [("status", "ann", "done")]
    assert [entry["action"] for entry in history[0].details["log"]] == ["undo", "redo"]


def test_flag_lifecycle(session: Session, comparison_id: int) -> None:
    row = first_row(session, comparison_id)
    result = review.add_flag(session, row.id, "number", "critical", "350 became 530")
    flagged = result.rows[0]
    assert flagged.status == "flagged"
    flag = next(f for f in flagged.flags if f.source == "reviewer")
    assert (flag.type, flag.severity, flag.comment) == ("number", "critical", "350 became 530")
    edited = review.edit_flag(session, flag.id, severity="minor", comment="typo").rows[0]
    flag = next(f for f in edited.flags if f.source == "reviewer")
    assert (flag.type, flag.severity, flag.comment) == ("number", "minor", "typo")
    cleared = review.remove_flag(session, flag.id).rows[0]
    assert cleared.status == "unreviewed"
    assert not [f for f in cleared.flags if f.source == "reviewer"]
    # three undos bring back the flag, its first form, and then nothing
    assert [f.severity for f in review.undo(session, comparison_id).rows[0].flags
            if f.source == "reviewer"] == ["minor"]
    assert [f.comment for f in review.undo(session, comparison_id).rows[0].flags
            if f.source == "reviewer"] == ["350 became 530"]
    assert review.undo(session, comparison_id).rows[0].status == "unreviewed"
    with pytest.raises(review.NothingToUndoError):
        review.undo(session, comparison_id)


def test_comments(session: Session, comparison_id: int) -> None:
    row = first_row(session, comparison_id)
    added = review.add_comment(session, row.id, "  check the date  ", author="bo").rows[0]
    assert [(c.text, c.author) for c in added.comments] == [("check the date", "bo")]
    comment_id = added.comments[0].id
    edited = review.edit_comment(session, comment_id, "check 1998").rows[0]
    assert [c.text for c in edited.comments] == ["check 1998"]
    removed = review.remove_comment(session, edited.comments[0].id).rows[0]
    assert removed.comments == []
    restored = review.undo(session, comparison_id).rows[0]
    assert [c.text for c in restored.comments] == ["check 1998"]


def test_new_change_discards_redo(session: Session, comparison_id: int) -> None:
    row = first_row(session, comparison_id)
    review.set_status(session, row.id, "accepted")
    review.undo(session, comparison_id)
    result = review.set_status(session, row.id, "flagged")
    assert not result.can_redo
    with pytest.raises(review.NothingToUndoError, match="nothing to redo"):
        review.redo(session, comparison_id)
    states = [h.state for h in review.list_history(session, comparison_id)]
    assert states == ["done", "discarded"]  # kept, never deleted


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda s, r: review.set_status(s, r, "done"), review.InvalidOperationError, "unknown status"),
    (lambda s, r: review.add_flag(s, r, "grammar"), review.InvalidOperationError, "category"),
    (lambda s, r: review.add_flag(s, r, "style", "huge"), review.InvalidOperationError,
     "severity"),
    (lambda s, r: review.add_comment(s, r, "   "), review.InvalidOperationError, "empty"),
    (lambda s, r: review.set_status(s, r + 10_000, "accepted"), review.NotFoundError,
     "does not exist"),
    (lambda s, r: review.remove_flag(s, 987_654), review.NotFoundError, "flag 987654"),
    (lambda s, r: review.edit_comment(s, 987_654, "x"), review.NotFoundError, "comment"),
])
def test_bad_input_is_refused_and_nothing_saved(session: Session, comparison_id: int,
                                                call: object, error: type[Exception],
                                                message: str) -> None:
    row = first_row(session, comparison_id)
    before = state(session, comparison_id)
    with pytest.raises(error, match=message):
        call(session, row.id)  # type: ignore[operator]
    assert state(session, comparison_id) == before
    assert review.list_history(session, comparison_id) == []


def test_repeating_a_status_changes_nothing(session: Session, comparison_id: int) -> None:
    row = first_row(session, comparison_id)
    review.set_status(session, row.id, "accepted")
    again = review.set_status(session, row.id, "accepted")
    assert (again.action, again.history_id, again.rows[0].status) == ("none", 0, "accepted")
    assert len(review.list_history(session, comparison_id)) == 1


def test_undo_on_empty_history(session: Session, comparison_id: int) -> None:
    with pytest.raises(review.NothingToUndoError, match="nothing to undo"):
        review.undo(session, comparison_id)
    with pytest.raises(review.NotFoundError):
        review.undo(session, 424_242)


def test_concurrent_reviewers_do_not_clash(session: Session, comparison_id: int,
                                           engine: object) -> None:
    """Two sessions writing at once queue on the comparison lock; every change is kept."""
    import threading

    from workbench.store import make_sessionmaker

    rows = review.query_rows(session, comparison_id).rows
    factory = make_sessionmaker(engine)  # type: ignore[arg-type]
    errors: list[BaseException] = []

    def reviewer(row_ids: list[int], status: str) -> None:
        with factory() as own:
            for _ in range(5):
                for row_id in row_ids:
                    try:
                        review.set_status(own, row_id, status)
                        review.add_comment(own, row_id, f"{status} by a thread")
                    except BaseException as exc:  # pragma: no cover - reported below
                        errors.append(exc)

    threads = [threading.Thread(target=reviewer, args=([r.id for r in rows[:3]], "accepted")),
               threading.Thread(target=reviewer, args=([r.id for r in rows[3:]], "flagged"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    history = review.list_history(session, comparison_id, limit=500)
    assert sorted(h.seq for h in history) == list(range(1, len(history) + 1))
    assert sum(h.action == "add_comment" for h in history) == 5 * len(rows)
