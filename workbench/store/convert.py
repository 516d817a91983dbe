"""Conversions between the pipeline's results and the database.

``save_comparison`` stores a :class:`workbench.aligned.AlignedComparison`;
``load_record`` gives back a :class:`ComparisonRecord` (for export) with the
reviewer's work in it; ``load_alignment`` gives the NLP types for rescoring.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from workbench.aligned import AlignedComparison, VersionInput
from workbench.comparison import ComparisonRecord, FlagRecord, RowRecord, VersionInfo
from workbench.nlp.text import join_segments
from workbench.nlp.types import Row, Segment, Version
from workbench.states import ComparisonState, FlagSource, RowStatus
from workbench.store.flagfields import flag_fields
from workbench.store.models import (
    AlignmentRow,
    Comparison,
    FlagModel,
    PairScore,
    Project,
    SegmentModel,
    VersionModel,
    utcnow,
)
from workbench.store.rowdata import load_rows


class StoreError(LookupError):
    """A stored object is missing or inconsistent; the message says which."""


def get_comparison_model(session: Session, comparison_id: int) -> Comparison:
    comparison = session.get(Comparison, comparison_id)
    if comparison is None:
        raise StoreError(f"comparison {comparison_id} does not exist")
    return comparison


def save_comparison(session: Session, project_id: int, comparison: AlignedComparison, *,
                    title: str | None = None, inputs: Sequence[VersionInput] = (),
                    commit: bool = True) -> int:
    """Store an aligned comparison under a project; returns the new comparison id.

    ``inputs``: the versions as given to the pipeline, for what it does not carry on
    (each version's title, file name and encoding).
    """
    if session.get(Project, project_id) is None:
        raise StoreError(f"project {project_id} does not exist")
    record = comparison.record
    stored = Comparison(project_id=project_id, title=title or record.title,
                        chain=list(record.chain) if record.chain else None,
                        model_id=record.model, state=ComparisonState.READY)
    session.add(stored)
    session.flush()
    given = {v.label: v for v in inputs}
    titles = {v.label: v.title for v in record.versions}
    for position, version in enumerate(comparison.versions):
        # without its input a version has no title, file name or encoding of its own
        info = given.get(version.label) or VersionInput(version.label, version.text)
        session.add(VersionModel(comparison_id=stored.id, label=version.label, lang=version.lang,
                                 position=position,
                                 title=info.title or titles.get(version.label, ""),
                                 text=version.text, source_filename=info.filename,
                                 encoding=info.encoding))
    session.flush()
    fill_alignment(session, stored, comparison)
    if commit:
        session.commit()
    return stored.id


def fill_alignment(session: Session, stored: Comparison, comparison: AlignedComparison) -> None:
    """Write segments, rows, scores and flags of ``comparison`` into the stored versions."""
    versions = {v.label: v for v in session.scalars(
        select(VersionModel).where(VersionModel.comparison_id == stored.id))}
    for version in comparison.versions:
        if version.label not in versions:
            raise StoreError(f"comparison {stored.id} has no version {version.label!r}")
    # the pipeline may reorder versions (chain first): park positions, then set them,
    # so that the unique (comparison, position) constraint holds at every flush
    for k, model in enumerate(versions.values()):
        model.position = -1 - k
    session.flush()
    for position, version in enumerate(comparison.versions):
        model = versions[version.label]
        model.lang, model.text, model.position = version.lang, version.text, position
        model.input_segments = None
    stored.model_id = comparison.record.model or stored.model_id
    stored.registers = dict(comparison.registers) or None
    stored.chain = list(comparison.chain) if comparison.chain else stored.chain
    stored.updated_at = utcnow()
    session.flush()
    row_ids = list(session.scalars(
        insert(AlignmentRow).returning(AlignmentRow.id, sort_by_parameter_order=True),
        [{"comparison_id": stored.id, "position": i, "status": RowStatus.UNREVIEWED,
          "corrected": False} for i in range(len(comparison.rows))]))
    segment_rows: dict[tuple[str, int], int] = {}
    for row_id, row in zip(row_ids, comparison.rows, strict=True):
        for label, indices in row.cells.items():
            for index in indices:
                if (label, index) in segment_rows:
                    raise StoreError(f"segment {index} of {label!r} is in two rows")
                segment_rows[(label, index)] = row_id
    segment_params = []
    for version in comparison.versions:
        for seg in version.segments:
            if (version.label, seg.index) not in segment_rows:
                raise StoreError(f"segment {seg.index} of {version.label!r} is in no row")
            segment_params.append({
                "version_id": versions[version.label].id,
                "row_id": segment_rows[(version.label, seg.index)], "index": seg.index,
                "text": seg.text, "text_folded": seg.text.casefold(), "start": seg.start,
                "end": seg.end, "paragraph": seg.paragraph})
    if segment_params:
        session.execute(insert(SegmentModel), segment_params)
    write_row_records(session, [(row_ids[r.index], r) for r in comparison.record.rows])


def write_row_records(session: Session, pairs: Sequence[tuple[int, RowRecord]]) -> None:
    """Replace scores and auto flags of rows (by id) with those of freshly scored records."""
    ids = [row_id for row_id, _ in pairs]
    if not ids:
        return
    session.execute(delete(PairScore).where(PairScore.row_id.in_(ids)))
    session.execute(delete(FlagModel).where(FlagModel.row_id.in_(ids),
                                            FlagModel.source == FlagSource.AUTO))
    scores = [{"row_id": row_id, "pair_key": key, "similarity": float(sim),
               "score": (float(record.score[key]) if key in record.score else None)}
              for row_id, record in pairs for key, sim in record.similarity.items()]
    scores += [{"row_id": row_id, "pair_key": key, "similarity": None, "score": float(value)}
               for row_id, record in pairs for key, value in record.score.items()
               if key not in record.similarity]
    if scores:
        session.execute(insert(PairScore), scores)
    flags = [{"row_id": row_id, **flag_fields(f), "created_at": utcnow(),
              "reason_key": f.reason_key, "reason_args": f.reason_args or None}
             for row_id, record in pairs for f in record.flags if f.source == FlagSource.AUTO]
    if flags:
        session.execute(insert(FlagModel), flags)


def load_alignment(session: Session, comparison_id: int,
                   ) -> tuple[list[Version], list[Row], list[str] | None]:
    """Versions with segments, the row grid (in position order) and the chain, as NLP types."""
    stored = get_comparison_model(session, comparison_id)
    version_models = list(session.scalars(
        select(VersionModel).where(VersionModel.comparison_id == comparison_id)
        .order_by(VersionModel.position)))
    label_of = {v.id: v.label for v in version_models}
    segments: dict[str, list[Segment]] = {v.label: [] for v in version_models}
    rows_by_id = {row_id: Row(cells={v.label: () for v in version_models})
                  for row_id in session.scalars(
                      select(AlignmentRow.id).where(AlignmentRow.comparison_id == comparison_id)
                      .order_by(AlignmentRow.position))}
    cells: dict[int, dict[str, list[int]]] = {row_id: {} for row_id in rows_by_id}
    for version_id, row_id, index, text, start, end, paragraph in session.execute(
            select(SegmentModel.version_id, SegmentModel.row_id, SegmentModel.index,
                   SegmentModel.text, SegmentModel.start, SegmentModel.end,
                   SegmentModel.paragraph)
            .where(SegmentModel.version_id.in_(list(label_of)))
            .order_by(SegmentModel.version_id, SegmentModel.index)):
        label = label_of[version_id]
        segments[label].append(Segment(index=index, text=text, start=start, end=end,
                                       paragraph=paragraph))
        cells[row_id].setdefault(label, []).append(index)
    for row_id, row in rows_by_id.items():
        for label, indices in cells[row_id].items():
            row.cells[label] = tuple(indices)
    versions = [Version(label=v.label, lang=v.lang, text=v.text, segments=segments[v.label])
                for v in version_models]
    return versions, list(rows_by_id.values()), (list(stored.chain) if stored.chain else None)


def load_registers(session: Session, comparison_id: int) -> dict[str, float | None] | None:
    """The document registers the comparison's rows were checked with (``None``: stored
    before registers were kept, or never read)."""
    registers = get_comparison_model(session, comparison_id).registers
    return dict(registers) if registers else None


def load_record(session: Session, comparison_id: int) -> ComparisonRecord:
    """The whole comparison as a record, with reviewer flags, statuses and comments."""
    stored = get_comparison_model(session, comparison_id)
    version_models = list(stored.versions)
    langs = {v.label: v.lang for v in version_models}
    rows: list[RowRecord] = []
    for data in load_rows(session, comparison_id):
        rows.append(RowRecord(
            index=data.position,
            segments={label: [i for i, _ in cell] for label, cell in data.cells.items()},
            text={label: join_segments([t for _, t in cell], langs[label])
                  for label, cell in data.cells.items()},
            similarity={k: s for k, (s, _) in data.scores.items() if s is not None},
            score={k: c for k, (_, c) in data.scores.items() if c is not None},
            flags=[FlagRecord(**flag_fields(f),  # spans: loaded afresh, not shared
                              reason_key=f.reason_key, reason_args=dict(f.reason_args or {}),
                              dismissed=f.dismissed) for f in data.flags],
            status=data.status,
            comments=[c.text for c in data.comments]))
    return ComparisonRecord(
        title=stored.title,
        versions=[VersionInfo(label=v.label, lang=v.lang, title=v.title) for v in version_models],
        rows=rows, chain=list(stored.chain) if stored.chain else None, model=stored.model_id)
