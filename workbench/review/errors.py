"""Errors of the review operations: each carries a one-line message meant for the reviewer."""

from __future__ import annotations

from workbench.errors import UserError


class ReviewError(UserError):
    """Base class: a review operation was refused; ``str(error)`` is a human message."""


class NotFoundError(ReviewError):
    """The project, comparison, row, flag or comment does not exist."""

    status = 404


class InvalidOperationError(ReviewError):
    """The operation makes no sense here (e.g. merging the last row, an unknown category)."""


class NothingToUndoError(ReviewError):
    """Undo (or redo) was asked for with an empty history stack."""


class ComparisonNotReadyError(ReviewError):
    """The comparison is still being aligned (or its alignment failed)."""

    status = 409
