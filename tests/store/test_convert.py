"""Saving a pipeline comparison and reading it back (record for export, NLP types for rescoring)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tests.store.dbfixtures import EN, RU
from workbench.comparison import ComparisonRecord
from workbench.nlp.embed.fake import FakeEncoder
from workbench.pipeline import VersionInput, compare
from workbench.store import (
    StoreError,
    create_project,
    load_alignment,
    load_record,
    save_comparison,
)
from workbench.store.models import AlignmentRow, FlagModel, SegmentModel, VersionModel


def test_round_trip(session: Session, fake_encoder: FakeEncoder) -> None:
    inputs = [VersionInput(label="en", text="\n".join(EN), lang="en", segmented=True),
              VersionInput(label="ru", text="\n".join(RU[:9]), lang="ru", segmented=True,
                           title="Плотина", filename="dam.txt", encoding="cp1251")]
    result = compare(inputs, fake_encoder, chain=["en", "ru"], title="Dam")
    project_id = create_project(session, "P")
    comparison_id = save_comparison(session, project_id, result, inputs=inputs)
    record = load_record(session, comparison_id)
    assert isinstance(record, ComparisonRecord)
    assert (record.title, record.chain, record.model) == ("Dam", ["en", "ru"],
                                                          fake_encoder.model_id)
    assert [(v.label, v.lang, v.title) for v in record.versions] == [
        ("en", "en", ""), ("ru", "ru", "Плотина")]
    assert [r.to_json() for r in record.rows] == [r.to_json() for r in result.record.rows]
    versions, rows, chain = load_alignment(session, comparison_id)
    assert chain == ["en", "ru"]
    assert versions == result.versions
    assert [r.cells for r in rows] == [
        {label: tuple(r.cells.get(label, ())) for label in ("en", "ru")} for r in result.rows]
    ru = session.scalars(select(VersionModel).where(VersionModel.label == "ru")).one()
    assert (ru.source_filename, ru.encoding) == ("dam.txt", "cp1251")


def test_reviewer_work_is_in_the_record(session: Session, fake_encoder: FakeEncoder) -> None:
    from workbench import review

    inputs = [VersionInput(label="en", text="\n".join(EN[:3]), lang="en", segmented=True),
              VersionInput(label="ru", text="\n".join(RU[:3]), lang="ru", segmented=True)]
    comparison_id = save_comparison(session, create_project(session, "P"),
                                    compare(inputs, fake_encoder))
    row = review.query_rows(session, comparison_id).rows[1]
    review.add_flag(session, row.id, "terminology", "minor", "use 'dam'")
    review.add_comment(session, row.id, "ask the author")
    record = load_record(session, comparison_id)
    assert record.rows[1].status == "flagged"
    assert record.rows[1].comments == ["ask the author"]
    reviewer = [f for f in record.rows[1].flags if f.source == "reviewer"]
    assert [(f.type, f.severity, f.comment) for f in reviewer] == [
        ("terminology", "minor", "use 'dam'")]


def test_missing_objects(session: Session, fake_encoder: FakeEncoder) -> None:
    with pytest.raises(StoreError, match="comparison 5"):
        load_record(session, 5)
    with pytest.raises(StoreError, match="project 7"):
        save_comparison(session, 7, compare(
            [VersionInput(label="a", text="One.", lang="en"),
             VersionInput(label="b", text="Two.", lang="en")], fake_encoder))
    with pytest.raises(StoreError, match="name"):
        create_project(session, "  ")


def test_database_constraints(session: Session, fake_encoder: FakeEncoder) -> None:
    inputs = [VersionInput(label="en", text="\n".join(EN[:3]), lang="en", segmented=True),
              VersionInput(label="ru", text="\n".join(RU[:3]), lang="ru", segmented=True)]
    comparison_id = save_comparison(session, create_project(session, "P"),
                                    compare(inputs, fake_encoder))
    row_id = session.scalars(select(AlignmentRow.id)
                             .where(AlignmentRow.comparison_id == comparison_id)).first()
    bad = [
        update(AlignmentRow).where(AlignmentRow.id == row_id).values(status="done"),
        update(SegmentModel).values(row_id=987_654),
        insert(FlagModel).values(row_id=row_id, source="reviewer", type="grammar", hop="",
                                 detail="", spans={}, severity="major", comment=""),
        insert(FlagModel).values(row_id=row_id, source="auto", type="numbers", hop="",
                                 detail="", spans={}, severity="huge", comment=""),
    ]
    for statement in bad:
        with pytest.raises(IntegrityError):
            session.execute(statement)
            session.flush()
        session.rollback()
