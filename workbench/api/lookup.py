"""Reading what a request names: the session, a comparison, a project.

That a row or flag in the URL belongs to the comparison in the URL (a 404 otherwise) is
checked once for every route, the web's and the API's, by :mod:`workbench.web.access`.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from workbench import review
from workbench.web.db import get_session


def session() -> Session:
    return get_session()


def comparison(comparison_id: int) -> review.ComparisonView:
    return review.get_comparison(session(), comparison_id)


def ready(comparison_id: int) -> review.ComparisonView:
    """The comparison, refused (409) while it is being aligned or when its alignment failed."""
    found = comparison(comparison_id)
    if found.state != "ready":
        raise review.ComparisonNotReadyError(_(
            "Comparison %(id)s is %(state)s: its rows can be read and changed once the "
            "alignment is done.", id=comparison_id, state=found.state))
    return found


def project(project_id: int) -> review.ProjectView:
    return review.get_project(session(), project_id)
