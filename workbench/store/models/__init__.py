"""SQLAlchemy 2 models: project -> comparison -> versions -> segments -> rows -> scores/flags.

One module per aggregate: ``comparisons`` (projects, comparisons, versions, jobs,
glossaries), ``rows`` (rows, segments, pair scores, flags, comments), ``history``
(reviewer actions with what undo and redo need), ``accounts`` (users, roles, tokens),
``transient`` (idempotency answers, drafts). Import the tables from here: this module
loads them all, which the relationships (named by class) and ``Base.metadata`` (the
migrations) need.
"""

from __future__ import annotations

from workbench.store.models.accounts import ROLES, ApiToken, Membership, UserModel
from workbench.store.models.base import Base, utcnow
from workbench.store.models.comparisons import Comparison, GlossaryModel, Job, Project, VersionModel
from workbench.store.models.history import HistoryEntry
from workbench.store.models.rows import (
    AlignmentRow,
    CommentModel,
    FlagModel,
    PairScore,
    SegmentModel,
)
from workbench.store.models.transient import DRAFT_STATES, DraftModel, IdempotencyRecord

__all__ = [
    "DRAFT_STATES", "ROLES", "AlignmentRow", "ApiToken", "Base", "CommentModel", "Comparison",
    "DraftModel", "FlagModel", "GlossaryModel", "HistoryEntry", "IdempotencyRecord", "Job",
    "Membership", "PairScore", "Project", "SegmentModel", "UserModel", "VersionModel", "utcnow",
]
