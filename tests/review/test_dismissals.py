"""Dismissing a wrong automatic signal: kept, shown, undoable, and kept through re-checks."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.review.helpers import check_invariants, state
from tests.store.dbfixtures import build_comparison
from workbench import review
from workbench.nlp.types import Encoder
from workbench.store.convert import load_record

EN = ["The river rose in spring.", "Farmers moved their cattle to the hills.",
      "In 1998 the dam was finished.", "It cost 350 million dollars.",
      "Many villages were flooded."]
RU = ["Весной река поднялась.", "Крестьяне перегнали скот в горы.",
      "В 1998 году плотину достроили.", "Она стоила 530 миллионов долларов.",
      "Многие деревни затопило."]
ZH = ["春天河水上涨了。", "农民把牛赶到了山上。", "1998年大坝建成了。", "它花费了350百万美元。",
      "许多村庄被淹没了。"]


@pytest.fixture()
def comparison_id(session: Session, encoder: Encoder) -> int:
    return build_comparison(session, {"en": EN, "ru": RU, "zh": ZH}, encoder)


def _row(session: Session, comparison_id: int, position: int) -> review.RowView:
    return review.query_rows(session, comparison_id, offset=position, limit=1).rows[0]


def _number_signal(row: review.RowView) -> review.FlagView:
    found = [f for f in row.flags if f.source == "auto" and f.type == "number"
             and set(f.hop.split("|")) == {"en", "ru"}]
    assert found, f"no en/ru number signal in row {row.position}: {row.flags}"
    return found[0]


def _same_signal(row: review.RowView, flag: review.FlagView) -> review.FlagView | None:
    return next((f for f in row.flags if (f.type, f.hop, f.detail) ==
                 (flag.type, flag.hop, flag.detail)), None)


def test_dismiss_is_kept_shown_exported_and_undoable(session: Session,
                                                     comparison_id: int) -> None:
    signal = _number_signal(_row(session, comparison_id, 3))
    counts = review.get_overview(session, comparison_id).flag_counts["number"]
    before = state(session, comparison_id)
    result = review.dismiss_signal(session, signal.id, "  ", author="ann")
    shown = _same_signal(result.rows[0], signal)
    assert shown is not None and shown.dismissed == "false alarm"
    assert shown.dismissed_at is not None
    assert review.get_overview(session, comparison_id).flag_counts.get("number", 0) == counts - 1
    exported = [f for f in load_record(session, comparison_id).rows[3].flags
                if (f.type, f.hop) == (signal.type, signal.hop)]
    assert exported[0].dismissed == "false alarm"
    assert exported[0].to_json()["dismissed"] == "false alarm"
    after = state(session, comparison_id)

    review.undo(session, comparison_id)
    assert state(session, comparison_id) == before
    again = _same_signal(_row(session, comparison_id, 3), signal)
    assert again is not None and again.dismissed is None
    review.redo(session, comparison_id)
    assert state(session, comparison_id) == after
    assert review.list_history(session, comparison_id)[0].action == "dismiss"

    restored = review.restore_signal(session, _same_signal(
        _row(session, comparison_id, 3), signal).id)  # type: ignore[union-attr]
    back = _same_signal(restored.rows[0], signal)
    assert back is not None and back.dismissed is None


def test_only_auto_signals_are_dismissed(session: Session, comparison_id: int) -> None:
    row = _row(session, comparison_id, 1)
    flagged = review.add_flag(session, row.id, "style", "minor", "stiff", hop="ru")
    mine = next(f for f in flagged.rows[0].flags if f.source == "reviewer")
    assert mine.hop == "ru"
    with pytest.raises(review.InvalidOperationError, match="only an automatic"):
        review.dismiss_signal(session, mine.id)
    with pytest.raises(review.InvalidOperationError, match="unknown version"):
        review.add_flag(session, row.id, "style", hop="de|ru")
    with pytest.raises(review.InvalidOperationError, match="too long"):
        review.dismiss_signal(session, _number_signal(_row(session, comparison_id, 3)).id,
                              "x" * 600)


def test_dismissal_survives_rechecks_of_the_same_text(session: Session, comparison_id: int,
                                                      encoder: Encoder) -> None:
    signal = _number_signal(_row(session, comparison_id, 3))
    review.dismiss_signal(session, signal.id, "the Russian is right", author="ann")
    # merge elsewhere: row 3 is untouched and keeps its dismissal
    review.merge_with_next(session, _row(session, comparison_id, 0).id, encoder=encoder)
    kept = _same_signal(_row(session, comparison_id, 2), signal)
    assert kept is not None and kept.dismissed == "the Russian is right"
    # detach the Chinese from that row: it is re-checked, the en/ru text is the same
    result = review.detach_segment(session, _row(session, comparison_id, 2).id, "zh",
                                   encoder=encoder)
    check_invariants(session, comparison_id)
    rechecked = [f for r in result.rows for f in r.flags
                 if (f.type, f.hop, f.detail) == (signal.type, signal.hop, signal.detail)]
    assert rechecked and all(f.dismissed == "the Russian is right" for f in rechecked)
    # re-align the rest rebuilds every row: still dismissed
    review.realign_rest(session, comparison_id, encoder=encoder)
    page = review.query_rows(session, comparison_id, limit=100).rows
    same = [f for r in page for f in r.flags
            if (f.type, f.hop, f.detail) == (signal.type, signal.hop, signal.detail)]
    assert same and all(f.dismissed == "the Russian is right" for f in same)


def test_dismissal_does_not_move_to_other_text(session: Session, comparison_id: int,
                                               encoder: Encoder) -> None:
    signal = _number_signal(_row(session, comparison_id, 3))
    review.dismiss_signal(session, signal.id)
    merged = review.merge_with_next(session, _row(session, comparison_id, 3).id,
                                    encoder=encoder)
    numbers = [f for f in merged.rows[0].flags if f.type == "number"]
    assert numbers, "the merged row still has the number mismatch"
    assert all(f.dismissed is None for f in numbers)
