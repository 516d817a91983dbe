"""Row windows, filters, search, overview and headers for the review view."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests.review.helpers import small_comparison
from workbench import review
from workbench.nlp.embed.fake import FakeEncoder
from workbench.store.models import AlignmentRow, PairScore


@pytest.fixture()
def comparison_id(session: Session, fake_encoder: FakeEncoder) -> int:
    return small_comparison(session, fake_encoder, 10)


def test_window_and_pagination(session: Session, comparison_id: int) -> None:
    page = review.query_rows(session, comparison_id, offset=2, limit=3)
    assert (page.total, page.total_rows, page.offset, page.limit) == (10, 10, 2, 3)
    assert [r.position for r in page.rows] == [2, 3, 4]
    assert page.rows[0].text["ru"] == "В 1998 году плотину достроили."
    assert page.rows[0].segment_texts["en"] == ["In 1998 the dam was finished."]
    assert review.query_rows(session, comparison_id, offset=50).rows == []


def test_filters(session: Session, comparison_id: int) -> None:
    page = review.query_rows(session, comparison_id)
    review.set_status(session, page.rows[0].id, "accepted")
    review.add_flag(session, page.rows[1].id, "name")
    # make row 2 score low, whatever the encoder said
    session.execute(update(PairScore).where(PairScore.row_id == page.rows[2].id)
                    .values(score=0.05))
    session.execute(update(PairScore).where(PairScore.row_id != page.rows[2].id)
                    .values(score=0.9))
    session.commit()
    unreviewed = review.query_rows(session, comparison_id, filter="unreviewed")
    assert unreviewed.total == 8 and page.rows[0].id not in {r.id for r in unreviewed.rows}
    below = review.query_rows(session, comparison_id, filter="below", threshold=0.3)
    assert [r.id for r in below.rows] == [page.rows[2].id]
    flagged = review.query_rows(session, comparison_id, filter="flagged")
    assert page.rows[1].id in {r.id for r in flagged.rows}
    with pytest.raises(review.InvalidOperationError, match="unknown filter"):
        review.query_rows(session, comparison_id, filter="odd")  # type: ignore[arg-type]


def test_search_is_case_insensitive_in_any_script(session: Session, comparison_id: int) -> None:
    assert [r.position for r in review.query_rows(session, comparison_id,
                                                  search="ПЛОТИНУ").rows] == [2]
    assert [r.position for r in review.query_rows(session, comparison_id,
                                                  search="dAM").rows] == [2]
    assert review.query_rows(session, comparison_id, search="100%").total == 0  # % is literal
    assert review.query_rows(session, comparison_id, search="_").total == 0


def test_overview(session: Session, comparison_id: int) -> None:
    page = review.query_rows(session, comparison_id)
    review.set_status(session, page.rows[0].id, "accepted")
    review.add_flag(session, page.rows[1].id, "number")
    overview = review.get_overview(session, comparison_id, bins=5)
    assert overview.row_count == 10 and len(overview.heat) == 10
    assert overview.heat_row_ids == [r.id for r in page.rows]
    assert sum(overview.histogram) == sum(1 for h in overview.heat if h is not None) == 10
    assert overview.bin_edges == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert overview.status_counts == {"unreviewed": 8, "accepted": 1, "flagged": 1}
    assert overview.reviewed_fraction == pytest.approx(0.2)
    assert overview.flag_counts["number"] == 1
    assert overview.type_hop_counts["number"] == {"-": 1}
    assert sum(overview.hop_counts.values()) == sum(overview.flag_counts.values())


def test_headers(session: Session, comparison_id: int) -> None:
    view = review.get_comparison(session, comparison_id)
    assert view.labels == ["en", "ru"] and view.state == "ready" and view.row_count == 10
    assert [v.segment_count for v in view.versions] == [10, 10]
    assert (view.can_undo, view.can_redo, view.job) == (False, False, None)
    projects = review.list_projects(session)
    assert [(p.name, p.comparison_count) for p in projects] == [("Project", 1)]
    assert [c.id for c in review.list_comparisons(session, projects[0].id)] == [comparison_id]
    created = review.create_project(session, "  Novel  ")
    assert created.name == "Novel"
    with pytest.raises(review.InvalidOperationError, match="name"):
        review.create_project(session, " ")
    with pytest.raises(review.NotFoundError):
        review.get_comparison(session, 999)
    with pytest.raises(review.NotFoundError):
        review.get_row(session, 99_999)


def test_row_positions_are_unique(session: Session, comparison_id: int) -> None:
    from sqlalchemy.exc import IntegrityError

    page = review.query_rows(session, comparison_id, limit=2)
    with pytest.raises(IntegrityError):
        session.execute(update(AlignmentRow).where(AlignmentRow.id == page.rows[1].id)
                        .values(position=0))
    session.rollback()
