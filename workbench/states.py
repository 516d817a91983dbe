"""Every status and state value, defined once.

``StrEnum`` members are ``str``: they compare equal to the stored strings, so the
database, the JSON files and the templates keep the values they always had
(``row.status == "accepted"`` and ``RowStatus.ACCEPTED`` are the same thing). The
store's check constraints are built from these enums.
"""

from __future__ import annotations

from enum import StrEnum


class RowStatus(StrEnum):
    """A row's review status."""

    UNREVIEWED = "unreviewed"
    ACCEPTED = "accepted"
    FLAGGED = "flagged"


class ComparisonState(StrEnum):
    """Where a stored comparison is in its life: waiting, being aligned, reviewable, failed."""

    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


BUSY_STATES: tuple[ComparisonState, ...] = (ComparisonState.QUEUED, ComparisonState.RUNNING)
"""A comparison in one of these has a job on it: nobody else may change it."""


class JobState(StrEnum):
    """A background job's state."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


FINISHED_JOB_STATES: tuple[JobState, ...] = (JobState.DONE, JobState.FAILED)


class HistoryState(StrEnum):
    """An undo-history entry: applied, undone (redo-able) or discarded by a new change."""

    DONE = "done"
    UNDONE = "undone"
    DISCARDED = "discarded"


class Severity(StrEnum):
    """How bad a flag is, mildest first."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class FlagSource(StrEnum):
    """Who raised a flag: the drift analysis or a reviewer."""

    AUTO = "auto"
    REVIEWER = "reviewer"


# the values as plain strings, in declaration order (check constraints, form choices, messages)
ROW_STATUSES: tuple[str, ...] = tuple(m.value for m in RowStatus)
COMPARISON_STATES: tuple[str, ...] = tuple(m.value for m in ComparisonState)
JOB_STATES: tuple[str, ...] = tuple(m.value for m in JobState)
HISTORY_STATES: tuple[str, ...] = tuple(m.value for m in HistoryState)
SEVERITIES: tuple[str, ...] = tuple(m.value for m in Severity)
FLAG_SOURCES: tuple[str, ...] = tuple(m.value for m in FlagSource)

FLAG_CATEGORIES: tuple[str, ...] = ("omission", "addition", "mistranslation", "number", "name",
                                    "terminology", "style", "other")
"""What a reviewer's flag can be (its ``type``); an auto signal's type is a detector's name."""

__all__ = ["BUSY_STATES", "COMPARISON_STATES", "FINISHED_JOB_STATES", "FLAG_CATEGORIES",
           "FLAG_SOURCES",
           "HISTORY_STATES", "JOB_STATES", "ROW_STATUSES", "SEVERITIES", "ComparisonState",
           "FlagSource", "HistoryState", "JobState", "RowStatus", "Severity"]
