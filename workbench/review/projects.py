"""Project housekeeping: rename and delete projects and comparisons, move a comparison.

Every function commits once or raises a :class:`ReviewError` having changed
nothing. Deleting removes everything that belongs to the deleted item (versions,
segments, rows, scores, flags, comments, history, jobs; a project's glossary)
explicitly, so no orphan is left whatever the database's cascade settings. A
comparison whose alignment job is queued or running is not deleted (the job
would write into rows that no longer exist).

Project names are compared without case: a reviewer picks a project by its
name, so two projects may not share one (names given by hand; projects made
automatically for a new comparison are named after it and may repeat).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from workbench.review.base import operation
from workbench.review.errors import InvalidOperationError, NotFoundError
from workbench.review.readmodels import ProjectView
from workbench.states import BUSY_STATES
from workbench.store.models import (
    AlignmentRow,
    CommentModel,
    Comparison,
    FlagModel,
    GlossaryModel,
    HistoryEntry,
    Job,
    Membership,
    PairScore,
    Project,
    SegmentModel,
    VersionModel,
)

PROJECT_NAME_MAX = 200
TITLE_MAX = 500


class NameRefusedError(InvalidOperationError):
    """A refused name: ``kind`` is ``empty``, ``long`` or ``taken`` (``other``: the holder)."""

    def __init__(self, kind: str, message: str, other: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.other = other


class BusyError(InvalidOperationError):
    """The comparison's alignment job is queued or running: it cannot be deleted now."""

    def __init__(self, comparison_id: int, title: str) -> None:
        super().__init__(f"comparison {comparison_id} is being aligned: delete it once its "
                         "job has finished")
        self.comparison_id = comparison_id
        self.title = title


@dataclass
class Deleted:
    """What a deletion removed (for the message after it)."""

    name: str
    comparisons: int
    rows: int
    glossary: bool = False


def _project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(f"project {project_id} does not exist")
    return project


def _comparison(session: Session, comparison_id: int) -> Comparison:
    comparison = session.get(Comparison, comparison_id, populate_existing=True)
    if comparison is None:
        raise NotFoundError(f"comparison {comparison_id} does not exist")
    return comparison


def check_project_name(session: Session, name: str, *, except_id: int | None = None) -> str:
    """The name stripped, or a :class:`NameRefusedError` (empty, too long, used by another)."""
    name = " ".join(name.split())
    if not name:
        raise NameRefusedError("empty", "a project needs a name")
    if len(name) > PROJECT_NAME_MAX:
        raise NameRefusedError("long", f"a project name has at most {PROJECT_NAME_MAX} characters")
    for other_id, other in session.execute(select(Project.id, Project.name)).tuples():
        if other_id != except_id and other.casefold() == name.casefold():
            raise NameRefusedError("taken", f"another project is already called {other!r}",
                                   other)
    return name


def _view(session: Session, project: Project) -> ProjectView:
    count = session.scalar(select(func.count()).select_from(Comparison)
                           .where(Comparison.project_id == project.id)) or 0
    return ProjectView(id=project.id, name=project.name, created_at=project.created_at,
                       comparison_count=int(count))


def get_project(session: Session, project_id: int) -> ProjectView:
    """One project read by its id (two queries), or a :class:`NotFoundError`."""
    return _view(session, _project(session, project_id))


@operation
def create_named_project(session: Session, name: str) -> ProjectView:
    """Create a project with a name no other project has."""
    project = Project(name=check_project_name(session, name))
    session.add(project)
    session.commit()
    return _view(session, project)


@operation
def rename_project(session: Session, project_id: int, name: str) -> ProjectView:
    project = _project(session, project_id)
    project.name = check_project_name(session, name, except_id=project_id)
    session.commit()
    return _view(session, project)


@operation
def rename_comparison(session: Session, comparison_id: int, title: str) -> str:
    """Give a comparison a new title (not empty); returns it."""
    comparison = _comparison(session, comparison_id)
    title = " ".join(title.split())
    if not title:
        raise NameRefusedError("empty", "a comparison needs a title")
    if len(title) > TITLE_MAX:
        raise NameRefusedError("long", f"a title has at most {TITLE_MAX} characters")
    comparison.title = title
    session.commit()
    return title


@operation
def move_comparison(session: Session, comparison_id: int, project_id: int) -> ProjectView:
    """Put a comparison into another project (its glossary applies to later re-checks)."""
    comparison = _comparison(session, comparison_id)
    project = _project(session, project_id)
    if comparison.project_id == project_id:
        raise InvalidOperationError(f"comparison {comparison_id} is already in this project")
    comparison.project_id = project_id
    session.commit()
    return _view(session, project)


def _purge(session: Session, comparison_ids: list[int]) -> int:
    """Delete the comparisons and all that hangs from them, children first; rows removed."""
    if not comparison_ids:
        return 0
    rows = select(AlignmentRow.id).where(AlignmentRow.comparison_id.in_(comparison_ids))
    versions = select(VersionModel.id).where(VersionModel.comparison_id.in_(comparison_ids))
    row_count = int(session.scalar(select(func.count()).select_from(AlignmentRow).where(
        AlignmentRow.comparison_id.in_(comparison_ids))) or 0)
    session.execute(delete(SegmentModel).where(SegmentModel.version_id.in_(versions)))
    for model in (PairScore, FlagModel, CommentModel):
        session.execute(delete(model).where(model.row_id.in_(rows)))
    for owned in (AlignmentRow, HistoryEntry, Job, VersionModel):
        session.execute(delete(owned).where(owned.comparison_id.in_(comparison_ids)))
    session.execute(delete(Comparison).where(Comparison.id.in_(comparison_ids)))
    return row_count


def _refuse_busy(session: Session, comparison_ids: list[int]) -> None:
    busy = session.execute(select(Comparison.id, Comparison.title).where(
        Comparison.id.in_(comparison_ids), Comparison.state.in_(BUSY_STATES))).first()
    if busy is not None:
        raise BusyError(busy[0], busy[1])


def deletion_summary(session: Session, *, project_id: int | None = None,
                     comparison_id: int | None = None) -> Deleted:
    """What deleting the project (or the comparison) would remove: for the confirmation."""
    if comparison_id is not None:
        comparison = _comparison(session, comparison_id)
        ids, name = [comparison.id], comparison.title
    else:
        project = _project(session, project_id or 0)
        ids = list(session.scalars(select(Comparison.id)
                                   .where(Comparison.project_id == project.id)))
        name = project.name
    rows = int(session.scalar(select(func.count()).select_from(AlignmentRow).where(
        AlignmentRow.comparison_id.in_(ids))) or 0) if ids else 0
    glossary = project_id is not None and comparison_id is None and session.scalar(
        select(GlossaryModel.id).where(GlossaryModel.project_id == project_id)) is not None
    return Deleted(name=name, comparisons=len(ids), rows=rows, glossary=bool(glossary))


@operation
def delete_comparison(session: Session, comparison_id: int) -> Deleted:
    """Delete a comparison with its versions, rows, review, history and jobs."""
    summary = deletion_summary(session, comparison_id=comparison_id)
    _refuse_busy(session, [comparison_id])
    _purge(session, [comparison_id])
    session.commit()
    return summary


@operation
def delete_project(session: Session, project_id: int) -> Deleted:
    """Delete a project, its glossary, its members' roles and every comparison in it."""
    summary = deletion_summary(session, project_id=project_id)
    ids = list(session.scalars(select(Comparison.id).where(Comparison.project_id == project_id)))
    _refuse_busy(session, ids)
    _purge(session, ids)
    session.execute(delete(GlossaryModel).where(GlossaryModel.project_id == project_id))
    session.execute(delete(Membership).where(Membership.project_id == project_id))
    session.execute(delete(Project).where(Project.id == project_id))
    session.commit()
    return summary
