"""Read-side queries for the review view: projects, comparisons, rows, overview."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from workbench.review.base import REVIEWED, SeenComparison, row_views
from workbench.review.errors import InvalidOperationError, NotFoundError
from workbench.review.readmodels import (
    ComparisonView,
    JobView,
    ProjectView,
    RowFilter,
    RowPage,
    RowView,
    VersionView,
)
from workbench.scores import DEFAULT_SCORE_THRESHOLD
from workbench.states import HistoryState, RowStatus, Severity
from workbench.store import StoreError
from workbench.store import create_project as store_create
from workbench.store.models import (
    AlignmentRow,
    Comparison,
    FlagModel,
    HistoryEntry,
    Job,
    PairScore,
    Project,
    SegmentModel,
    VersionModel,
)
from workbench.store.rowdata import load_rows, version_labels

FILTERS = ("all", "flagged", "below", "unreviewed")
MAX_LIMIT = 2000


def list_projects(session: Session) -> list[ProjectView]:
    """All projects, newest first."""
    counts = dict(session.execute(select(Comparison.project_id, func.count())
                                  .group_by(Comparison.project_id)).tuples().all())
    return [ProjectView(id=p.id, name=p.name, created_at=p.created_at,
                        comparison_count=counts.get(p.id, 0))
            for p in session.scalars(select(Project).order_by(Project.id.desc()))]


def create_project(session: Session, name: str) -> ProjectView:
    """Create (and commit) a project; the name must not be empty."""
    try:
        project_id = store_create(session, name)
    except StoreError as exc:
        raise InvalidOperationError(str(exc)) from None
    project = session.get(Project, project_id)
    assert project is not None
    return ProjectView(id=project.id, name=project.name, created_at=project.created_at,
                       comparison_count=0)


def job_view(job: Job) -> JobView:
    return JobView(id=job.id, comparison_id=job.comparison_id, kind=job.kind, state=job.state,
                   phase=job.phase, percent=job.percent, message=job.message, error=job.error,
                   attempts=job.attempts, created_at=job.created_at, updated_at=job.updated_at)


def must_exist(session: Session, comparison_id: int) -> None:
    """NotFoundError unless the comparison exists (its id only: not its bulk)."""
    if session.scalar(select(Comparison.id).where(Comparison.id == comparison_id)) is None:
        raise NotFoundError(f"comparison {comparison_id} does not exist")


def list_comparisons(session: Session, project_id: int | None = None) -> list[ComparisonView]:
    """Comparisons (of one project, or all), newest first."""
    query = select(Comparison.id).order_by(Comparison.id.desc())
    if project_id is not None:
        query = query.where(Comparison.project_id == project_id)
    return [get_comparison(session, comparison_id) for comparison_id in session.scalars(query)]


def _history_in(state: HistoryState) -> Any:
    return exists().where(HistoryEntry.comparison_id == Comparison.id,
                          HistoryEntry.state == state)


def get_comparison(session: Session, comparison_id: int, *,
                   undo_state: tuple[bool, bool] | None = None, with_job: bool = True,
                   with_counts: bool = True) -> ComparisonView:
    """A comparison's header, versions, job state and review progress (two or three queries:
    every page and every action's answer shows it). Only the columns shown are read: not an
    imported file's pairing (``given_rows``) or the versions' texts, megabytes of JSON for a
    large import (``/projects`` once spent 2.3 s decoding them for one 100,000-row file).

    ``undo_state``: (can undo, can redo) when the caller knows them (a change's result) or
    does not show them (one row's partial), else read with the header; ``with_job=False``:
    the latest job is not read (``job`` None); ``with_counts=False``: the versions' segments
    are not counted (``segment_count`` None; no page shows it, and it reads every segment).
    """
    rows = select(func.count()).select_from(AlignmentRow).where(
        AlignmentRow.comparison_id == Comparison.id)
    undo_columns = () if undo_state is not None else (
        _history_in(HistoryState.DONE).label("can_undo"),
        _history_in(HistoryState.UNDONE).label("can_redo"))
    header = session.execute(
        select(Comparison.id, Comparison.project_id, Comparison.title, Comparison.chain,
               Comparison.model_id, Comparison.state, Comparison.created_at,
               Comparison.updated_at, rows.scalar_subquery().label("row_count"),
               rows.where(AlignmentRow.status.in_(sorted(REVIEWED)))
               .scalar_subquery().label("reviewed_count"), *undo_columns)
        .where(Comparison.id == comparison_id)).first()
    if header is None:
        raise NotFoundError(f"comparison {comparison_id} does not exist")
    version_columns = (VersionModel.id, VersionModel.label, VersionModel.lang,
                       VersionModel.position, VersionModel.title, VersionModel.source_filename,
                       VersionModel.encoding)
    in_order = (VersionModel.position, VersionModel.id)
    versions: Sequence[Any]
    if with_counts:
        versions = session.execute(
            select(*version_columns, func.count(SegmentModel.id))
            .outerjoin(SegmentModel, SegmentModel.version_id == VersionModel.id)
            .where(VersionModel.comparison_id == comparison_id)
            .group_by(VersionModel.id).order_by(*in_order)).all()
    else:
        versions = [(*v, None) for v in session.execute(
            select(*version_columns).where(VersionModel.comparison_id == comparison_id)
            .order_by(*in_order))]
    job = None
    if with_job:
        job = session.scalars(select(Job).where(Job.comparison_id == comparison_id)
                              .order_by(Job.id.desc()).limit(1)
                              .execution_options(populate_existing=True)).first()
    can_undo, can_redo = undo_state if undo_state is not None else (
        bool(header.can_undo), bool(header.can_redo))
    return ComparisonView(
        id=header.id, project_id=header.project_id, title=header.title,
        chain=list(header.chain) if header.chain else None, model_id=header.model_id,
        state=header.state, created_at=header.created_at, updated_at=header.updated_at,
        versions=[VersionView(id=v[0], label=v[1], lang=v[2], position=v[3], title=v[4],
                              source_filename=v[5], encoding=v[6], segment_count=v[7])
                  for v in versions],
        row_count=int(header.row_count or 0), reviewed_count=int(header.reviewed_count or 0),
        job=job_view(job) if job is not None else None, can_undo=can_undo, can_redo=can_redo)


def seen_before_change(comparison: ComparisonView) -> SeenComparison:
    """What a one-row change need not read again after this header (see ``base.lock_row``)."""
    return SeenComparison(comparison.id, comparison.updated_at,
                          comparison.version_keys)


def get_row(session: Session, row_id: int, *, comparison_id: int | None = None,
            labels: list[tuple[int, str, str]] | None = None) -> RowView:
    """One row with texts, scores, flags, comments and status.

    ``comparison_id``: the comparison it must belong to (NotFoundError otherwise), when the
    caller knows it; ``labels``: that comparison's version labels, when the caller has them.
    """
    if comparison_id is None:
        comparison_id = session.scalar(select(AlignmentRow.comparison_id)
                                       .where(AlignmentRow.id == row_id))
    if comparison_id is None:
        raise NotFoundError(f"row {row_id} does not exist (it may have been merged or undone)")
    if labels is None:
        labels = version_labels(session, comparison_id)
    found = load_rows(session, comparison_id, row_ids=[row_id], labels=labels)
    if not found:  # merged away, or in another comparison
        raise NotFoundError(f"row {row_id} does not exist (it may have been merged or undone)")
    return row_views(session, comparison_id, found, labels)[0]


NAVIGATION = ("row", "flagged", "critical")
"""What the review keys jump to: any row, a flagged row, a row with a critical signal."""


def _flagged() -> Any:
    """A row the reviewer flagged, or with a signal that stands (not dismissed)."""
    return or_(AlignmentRow.status == RowStatus.FLAGGED,
               exists().where(FlagModel.row_id == AlignmentRow.id,
                              FlagModel.dismissed.is_(None)))


def _row_conditions(comparison_id: int, filter: str, threshold: float, search: str,
                    signal_type: str, hop: str) -> list[Any]:
    """The WHERE clauses of a filtered view, shared by the page query and the key jumps."""
    if filter not in FILTERS:
        raise InvalidOperationError(f"unknown filter {filter!r}; use one of {', '.join(FILTERS)}")
    conditions: list[Any] = [AlignmentRow.comparison_id == comparison_id]
    if filter == "flagged":
        conditions.append(_flagged())
    elif filter == "unreviewed":
        conditions.append(AlignmentRow.status == RowStatus.UNREVIEWED)
    elif filter == "below":
        conditions.append(exists().where(and_(PairScore.row_id == AlignmentRow.id,
                                              PairScore.score < float(threshold))))
    if signal_type or hop:  # a standing signal of that type and/or hop ("-": no hop)
        signal = [FlagModel.row_id == AlignmentRow.id, FlagModel.dismissed.is_(None)]
        if signal_type:
            signal.append(FlagModel.type == signal_type)
        if hop == "-":
            signal.append(or_(FlagModel.hop.is_(None), FlagModel.hop == ""))
        elif hop:
            signal.append(FlagModel.hop == hop)
        conditions.append(exists().where(*signal))
    needle = search.strip().casefold()
    if needle:
        conditions.append(exists().where(and_(
            SegmentModel.row_id == AlignmentRow.id,
            SegmentModel.text_folded.contains(needle, autoescape=True))))
    return conditions


def query_rows(session: Session, comparison_id: int, *, filter: RowFilter = "all",
               threshold: float = DEFAULT_SCORE_THRESHOLD, search: str = "", offset: int = 0,
               limit: int = 100, signal_type: str = "", hop: str = "",
               comparison: ComparisonView | None = None) -> RowPage:
    """A window of rows in document order after filter and case-insensitive text search.

    ``signal_type`` / ``hop`` keep rows with a standing signal of that type / hop;
    ``comparison``: its header as read in this transaction (:func:`get_comparison`), whose
    row count and versions are then not read again.
    """
    conditions = _row_conditions(comparison_id, filter, threshold, search, signal_type, hop)
    if not offset >= 0 or not 0 < limit <= MAX_LIMIT:
        raise InvalidOperationError(f"offset must be >= 0 and limit in 1..{MAX_LIMIT}")
    labels: list[tuple[int, str, str]] | None = None
    if comparison is not None and comparison.id == comparison_id:
        total_rows = comparison.row_count
        labels = comparison.version_keys
    else:
        must_exist(session, comparison_id)
        total_rows = int(session.scalar(select(func.count()).select_from(AlignmentRow)
                                        .where(AlignmentRow.comparison_id == comparison_id))
                         or 0)
    if len(conditions) == 1:
        total = total_rows
    else:
        total = int(session.scalar(select(func.count()).select_from(AlignmentRow)
                                   .where(*conditions)) or 0)
    ids = list(session.scalars(select(AlignmentRow.id).where(*conditions)
                               .order_by(AlignmentRow.position).offset(offset).limit(limit)))
    if labels is None:
        labels = version_labels(session, comparison_id) if ids else []
    rows = row_views(session, comparison_id,
                     load_rows(session, comparison_id, row_ids=ids, labels=labels),
                     labels) if ids else []
    return RowPage(rows=rows, total=total, offset=offset, limit=limit, total_rows=total_rows)


def locate_row(session: Session, comparison_id: int, *, after: int, forward: bool = True,
               to: str = "row", filter: RowFilter = "all",
               threshold: float = DEFAULT_SCORE_THRESHOLD, search: str = "",
               signal_type: str = "", hop: str = "") -> tuple[int, int] | None:
    """The next (or previous) row of kind ``to`` after position ``after`` in a filtered view.

    Returns ``(row_id, index)``, ``index`` counting from 0 in the filtered view, so the
    caller knows which page holds it (the review keys cross pages); None when there is none.
    """
    if to not in NAVIGATION:
        raise InvalidOperationError(f"unknown target {to!r}; use one of {', '.join(NAVIGATION)}")
    conditions = _row_conditions(comparison_id, filter, threshold, search, signal_type, hop)
    wanted = list(conditions)
    if to == "flagged":
        wanted.append(_flagged())
    elif to == "critical":
        wanted.append(exists().where(FlagModel.row_id == AlignmentRow.id,
                                     FlagModel.dismissed.is_(None),
                                     FlagModel.severity == Severity.CRITICAL))
    if forward:
        query = (select(AlignmentRow.id, AlignmentRow.position)
                 .where(*wanted, AlignmentRow.position > after).order_by(AlignmentRow.position))
    else:
        query = (select(AlignmentRow.id, AlignmentRow.position)
                 .where(*wanted, AlignmentRow.position < after)
                 .order_by(AlignmentRow.position.desc()))
    found = session.execute(query.limit(1)).first()
    if found is None:
        return None
    index = int(session.scalar(select(func.count()).select_from(AlignmentRow)
                               .where(*conditions, AlignmentRow.position < found.position)) or 0)
    return int(found.id), index


def signal_facets(session: Session, comparison_id: int) -> tuple[list[str], list[str]]:
    """Signal types and hops that stand in a comparison: the choices of the review filter."""
    pairs = session.execute(
        select(FlagModel.type, FlagModel.hop).distinct()
        .join(AlignmentRow, AlignmentRow.id == FlagModel.row_id)
        .where(AlignmentRow.comparison_id == comparison_id, FlagModel.dismissed.is_(None))).all()
    types = sorted({t for t, _ in pairs})
    hops = sorted({h or "-" for _, h in pairs})
    return types, hops
