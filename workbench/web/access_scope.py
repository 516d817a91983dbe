"""The ids in a URL, resolved to the project they belong to (the access check's first step).

Each id is looked up from the outside in (project, comparison, row, then a row's
flag or comment, a comparison's job or version, a project's glossary), and each
must belong to the one before it in the URL: ``/comparisons/1/rows/7`` with row 7
of comparison 2 is a 404, never another project's row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from flask import abort, current_app, g
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.review.errors import NotFoundError
from workbench.store.models import (
    AlignmentRow,
    CommentModel,
    Comparison,
    FlagModel,
    GlossaryModel,
    Job,
    Project,
    VersionModel,
)

MAX_ID = 2**63 - 1


def deny(status: int) -> NoReturn:
    """Refuse the request; ``g.access_refused`` tells tests it was this layer that refused."""
    g.access_refused = status
    abort(status)



Scope = dict[str, int]  # "project" / "comparison" / "row" -> id, as resolved so far
MISSING = {"row": "row {id} does not exist (it may have been merged or undone)"}


def missing(kind: str, object_id: int) -> NoReturn:
    """404 with the review layer's message (translated by web/messages), whoever asks."""
    g.access_refused = 404
    raise NotFoundError(MISSING.get(kind, "{kind} {id} does not exist")
                        .format(kind=kind, id=object_id))


def _within(scope: Scope, key: str, found: int | None, kind: str, object_id: int) -> int:
    """``found`` (the parent's id of ``kind`` ``object_id``), checked against the URL's."""
    if found is None or (key in scope and scope[key] != found):
        missing(kind, object_id)
    scope[key] = found
    return found


def _row_scope(session: Session, row_id: int, scope: Scope) -> None:
    known = scope.get("comparison") if "project" in scope else None
    comparison_id = session.scalar(select(AlignmentRow.comparison_id)
                                   .where(AlignmentRow.id == row_id))
    found = _within(scope, "comparison", comparison_id, "row", row_id)
    if found != known:  # the URL's comparison had its project looked up already
        _comparison_scope(session, found, scope)


def _comparison_scope(session: Session, comparison_id: int, scope: Scope) -> None:
    project_id = session.scalar(select(Comparison.project_id)
                                .where(Comparison.id == comparison_id))
    _within(scope, "project", project_id, "comparison", comparison_id)


def _project_scope(session: Session, project_id: int, scope: Scope) -> None:
    found = session.scalar(select(Project.id).where(Project.id == project_id))
    _within(scope, "project", found, "project", project_id)


def _child(model: Any, kind: str, parent: str,
           then: Callable[[Session, int, Scope], None]) -> Any:
    def resolve(session: Session, object_id: int, scope: Scope) -> None:
        parent_id = session.scalar(select(getattr(model, f"{parent}_id"))
                                   .where(model.id == object_id))
        then(session, _within(scope, parent, parent_id, kind, object_id), scope)
    return resolve


RESOLVERS: dict[str, Callable[[Session, int, Scope], None]] = {
    "project_id": _project_scope,
    "comparison_id": _comparison_scope,
    "row_id": _row_scope,
    "flag_id": _child(FlagModel, "flag", "row", _row_scope),
    "comment_id": _child(CommentModel, "comment", "row", _row_scope),
    "note_id": _child(CommentModel, "comment", "row", _row_scope),
    "job_id": _child(Job, "job", "comparison", _comparison_scope),
    "version_id": _child(VersionModel, "version", "comparison", _comparison_scope),
    "glossary_id": _child(GlossaryModel, "glossary", "project", _project_scope),
}
# resolved from the outside in, so that a child is checked against its parent in the URL
ORDER = ("project_id", "comparison_id", "row_id", "flag_id", "comment_id", "note_id",
         "job_id", "version_id", "glossary_id")
# not objects of a project: a static file, a member to remove (checked by the operation),
# the token of a draft or an import being prepared (checked by :func:`_require_draft`)
UNSCOPED_ARGS = frozenset({"filename", "user_id", "token"})


def resolve_project(session: Session, view_args: dict[str, Any]) -> int | None:
    """The project the URL's ids belong to (None: no id), or 404; unknown names: 403."""
    unknown = set(view_args) - set(RESOLVERS) - UNSCOPED_ARGS
    if unknown:
        current_app.logger.error("access: no resolver for view arguments %s", sorted(unknown))
        deny(403)
    scope: Scope = {}
    for name in sorted(view_args, key=lambda n: ORDER.index(n) if n in ORDER else 99):
        value = view_args[name]
        if name in UNSCOPED_ARGS:
            continue
        kind = name.removesuffix("_id")
        if not isinstance(value, int) or not 0 < value <= MAX_ID:
            missing(kind, value)
        RESOLVERS[name](session, value, scope)
        if kind in ("project", "comparison", "row"):
            _within(scope, kind, value, kind, value)
    return scope.get("project")
