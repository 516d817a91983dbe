"""Reading what a request names: the session, and rows and flags within their comparison.

A row or flag id under another comparison's path is a 404, as a missing one is, so
that a script cannot touch one comparison through another's URL.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench import review
from workbench.review.base import comparison_of_row
from workbench.store.models import AlignmentRow, FlagModel
from workbench.web.db import get_session


def session() -> Session:
    return get_session()


def comparison(comparison_id: int) -> review.ComparisonView:
    return review.get_comparison(session(), comparison_id)


def ready(comparison_id: int) -> review.ComparisonView:
    """The comparison, refused (409) while it is being aligned or when its alignment failed."""
    found = comparison(comparison_id)
    if found.state != "ready":
        raise review.ComparisonNotReadyError(
            f"comparison {comparison_id} is {found.state}: its rows can be read and changed "
            "once the alignment is done")
    return found


def row_of(comparison_id: int, row_id: int) -> int:
    """``row_id``, checked to be a row of ``comparison_id``."""
    comparison(comparison_id)
    if comparison_of_row(session(), row_id) != comparison_id:
        raise review.NotFoundError(f"comparison {comparison_id} has no row {row_id}")
    return row_id


def flag_of(comparison_id: int, flag_id: int) -> int:
    """``flag_id``, checked to be a flag or signal on a row of ``comparison_id``."""
    comparison(comparison_id)
    owner = session().scalar(select(AlignmentRow.comparison_id)
                             .join(FlagModel, FlagModel.row_id == AlignmentRow.id)
                             .where(FlagModel.id == flag_id))
    if owner != comparison_id:
        raise review.NotFoundError(f"comparison {comparison_id} has no flag {flag_id}")
    return flag_id


def project(project_id: int) -> review.ProjectView:
    found = next((p for p in review.list_projects(session()) if p.id == project_id), None)
    if found is None:
        raise review.NotFoundError(f"project {project_id} does not exist")
    return found
