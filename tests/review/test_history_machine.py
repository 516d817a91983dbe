"""Any sequence of review operations, corrections, undos and redos keeps the data sound.

A hypothesis state machine applies random operations to a small comparison and
checks after every step that each segment is in exactly one row (in order) and
that undo gives back exactly the state before the change, redo the state after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy.orm import Session

from tests.review.helpers import check_invariants, small_comparison, state
from workbench import review
from workbench.nlp.embed.fake import FakeEncoder
from workbench.store import dispose_engines, get_engine, make_sessionmaker, upgrade_database


class ReviewMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{Path(self.tmp.name) / 'm.db'}"
        upgrade_database(url)
        self.session: Session = make_sessionmaker(get_engine(url))()
        self.encoder = FakeEncoder()
        self.undo_stack: list[tuple[Any, Any]] = []  # (state before, state after)
        self.redo_stack: list[tuple[Any, Any]] = []
        self.comparison_id = 0

    @initialize()
    def build(self) -> None:
        self.comparison_id = small_comparison(self.session, self.encoder, 6)

    def _rows(self) -> list[review.RowView]:
        return review.query_rows(self.session, self.comparison_id).rows

    def _do(self, action: Any) -> None:
        before = state(self.session, self.comparison_id)
        try:
            result = action()
        except review.InvalidOperationError:
            assert state(self.session, self.comparison_id) == before
            return
        if result.action == "none":  # a request that changed nothing is not in history
            assert state(self.session, self.comparison_id) == before
            return
        self.undo_stack.append((before, state(self.session, self.comparison_id)))
        self.redo_stack.clear()

    @rule(k=st.integers(0, 20), status=st.sampled_from(review.STATUSES))
    def set_status(self, k: int, status: str) -> None:
        rows = self._rows()
        self._do(lambda: review.set_status(self.session, rows[k % len(rows)].id, status))

    @rule(k=st.integers(0, 20), category=st.sampled_from(review.CATEGORIES))
    def flag(self, k: int, category: str) -> None:
        rows = self._rows()
        self._do(lambda: review.add_flag(self.session, rows[k % len(rows)].id, category))

    @rule(k=st.integers(0, 20))
    def merge(self, k: int) -> None:
        rows = self._rows()
        self._do(lambda: review.merge_with_next(self.session, rows[k % len(rows)].id,
                                                encoder=self.encoder))

    @rule(k=st.integers(0, 20), label=st.sampled_from(["en", "ru"]))
    def split_version(self, k: int, label: str) -> None:
        rows = self._rows()
        self._do(lambda: review.split_row(self.session, rows[k % len(rows)].id,
                                          versions=[label], encoder=self.encoder))

    @rule(k=st.integers(0, 20), label=st.sampled_from(["en", "ru"]),
          direction=st.sampled_from(["up", "down"]))
    def move(self, k: int, label: str, direction: str) -> None:
        rows = self._rows()
        self._do(lambda: review.move_segment(self.session, rows[k % len(rows)].id, label,
                                             direction, encoder=self.encoder))  # type: ignore[arg-type]

    @rule(k=st.integers(0, 20), label=st.sampled_from(["en", "ru"]))
    def detach(self, k: int, label: str) -> None:
        rows = self._rows()
        self._do(lambda: review.detach_segment(self.session, rows[k % len(rows)].id, label,
                                               encoder=self.encoder))

    @rule()
    def undo(self) -> None:
        if not self.undo_stack:
            return
        before, after = self.undo_stack.pop()
        assert state(self.session, self.comparison_id) == after
        review.undo(self.session, self.comparison_id)
        assert state(self.session, self.comparison_id) == before
        self.redo_stack.append((before, after))

    @rule()
    def redo(self) -> None:
        if not self.redo_stack:
            return
        before, after = self.redo_stack.pop()
        review.redo(self.session, self.comparison_id)
        assert state(self.session, self.comparison_id) == after
        self.undo_stack.append((before, after))

    @invariant()
    def sound(self) -> None:
        if self.comparison_id:
            check_invariants(self.session, self.comparison_id)

    def teardown(self) -> None:
        self.session.close()
        dispose_engines()
        self.tmp.cleanup()


ReviewMachine.TestCase.settings = settings(
    max_examples=12, stateful_step_count=14, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow])
TestReviewMachine = ReviewMachine.TestCase
