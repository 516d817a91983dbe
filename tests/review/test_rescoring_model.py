"""Corrections rescored with the real model: scores follow the meaning of the new rows."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.store.dbfixtures import EN, RU, build_comparison
from tests.test_pipeline_rescore import NEWS
from workbench import review
from workbench.nlp.types import Encoder
from workbench.store import get_comparison_model, load_registers

pytestmark = pytest.mark.model


def test_split_lowers_and_merge_restores_similarity(session: Session, encoder: Encoder) -> None:
    en = [EN[0], "Farmers moved their cattle", "to the hills.", EN[2], EN[3]]
    ru = [RU[0], RU[1], RU[2], RU[3]]
    comparison_id = build_comparison(session, {"en": en, "ru": ru}, encoder)
    rows = review.query_rows(session, comparison_id).rows
    joined = next(r for r in rows if r.segments["en"] == [1, 2])
    assert joined.segments["ru"] == [1]
    split = review.split_row(session, joined.id, at={"en": 2}, encoder=encoder).rows
    assert [r.segments for r in split] == [{"en": [1], "ru": [1]}, {"en": [2], "ru": []}]
    assert split[0].similarity["en|ru"] < joined.similarity["en|ru"]
    assert split[0].score["en|ru"] < joined.score["en|ru"]
    merged = review.merge_with_next(session, split[0].id, encoder=encoder).rows[0]
    assert merged.similarity["en|ru"] == pytest.approx(joined.similarity["en|ru"], abs=1e-4)


def test_realign_rest_fixes_unconfirmed_rows(session: Session, encoder: Encoder) -> None:
    comparison_id = build_comparison(session, {"en": EN[:8], "ru": RU[:8]}, encoder)
    rows = review.query_rows(session, comparison_id).rows
    assert [r.segments for r in rows] == [{"en": [i], "ru": [i]} for i in range(8)]
    # a wrong correction the reviewer confirms by hand, then rows left unconfirmed
    wrong = review.move_segment(session, rows[2].id, "en", "up", encoder=encoder).rows
    assert wrong[0].score["en|ru"] < rows[1].score["en|ru"]
    review.set_status(session, wrong[0].id, "accepted")  # only accepted rows are kept
    result = review.realign_rest(session, comparison_id, encoder=encoder)
    cells = [r.segments for r in result.rows]
    assert cells[:2] == [{"en": [0], "ru": [0]}, {"en": [1, 2], "ru": [1]}]
    assert {"en": [], "ru": [2]} in cells
    assert cells[-5:] == [{"en": [i], "ru": [i]} for i in range(3, 8)]


def test_a_correction_keeps_the_register_the_comparison_was_checked_with(
        session: Session, encoder: Encoder) -> None:
    zh = NEWS[0]
    en = [*NEWS[1][:2], "Police in Seattle fired stun", "grenades and tear gas at sleeping "
          "children.", NEWS[1][3]]
    comparison_id = build_comparison(session, {"zh": zh, "en": en}, encoder)
    assert load_registers(session, comparison_id) == {"zh|en": None}  # too few words
    # as a long, freely translated chapter would have stored it
    get_comparison_model(session, comparison_id).registers = {"zh|en": 0.6}
    session.commit()
    rows = review.query_rows(session, comparison_id).rows
    first = next(r for r in rows if 2 in r.segments["en"])
    if first.segments["en"] == [2]:  # the aligner left the halves apart: join them
        first = review.merge_with_next(session, first.id, encoder=encoder).rows[0]
    assert first.segments == {"zh": [2], "en": [2, 3]}
    split = review.split_row(session, first.id, at={"en": 3}, encoder=encoder).rows
    merged = review.merge_with_next(session, split[0].id, encoder=encoder).rows[0]
    assert merged.segments == {"zh": [2], "en": [2, 3]}
    assert "addition" not in [f.type for f in merged.flags]
    assert load_registers(session, comparison_id) == {"zh|en": 0.6}
