"""Read models: plain read-only values the review operations hand to the web layer (not to be
confused with the Flask views in ``workbench/web/views/``, which render them).

They are detached from the database session: the web layer can render them
after the session is closed, and nothing it does to them is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from workbench.states import FINISHED_JOB_STATES, FLAG_CATEGORIES

RowFilter = Literal["all", "flagged", "below", "unreviewed"]
"""``flagged``: status flagged or any flag; ``below``: some pair's calibrated score < threshold."""

Direction = Literal["up", "down"]

CATEGORIES = FLAG_CATEGORIES  # reviewer flag categories, as the review API names them


@dataclass
class FlagView:
    """A drift signal (``source="auto"``) or a reviewer's flag (``source="reviewer"``).

    For reviewer flags ``type`` is the category. ``spans`` maps a version label to
    ``[[start, end], ...]`` character offsets within that row's text for the label.
    """

    id: int
    source: str
    type: str
    hop: str
    detail: str
    severity: str
    comment: str = ""
    spans: dict[str, list[list[int]]] = field(default_factory=dict)
    carried: bool | None = None
    dismissed: str | None = None
    """An auto signal a reviewer dismissed: the reason ("false alarm"); None while it stands."""
    dismissed_at: datetime | None = None


@dataclass
class CommentView:
    id: int
    text: str
    author: str
    created_at: datetime


@dataclass
class RowView:
    """One aligned row with everything the review view shows for it.

    ``id`` is stable while the row exists; corrections and their undo may
    replace rows, so re-read rows after a :class:`ChangeResult`.
    """

    id: int
    position: int
    segments: dict[str, list[int]]          # label -> segment indices (may be empty)
    segment_texts: dict[str, list[str]]     # label -> texts of those segments
    text: dict[str, str]                    # label -> the row's text for that version
    similarity: dict[str, float]            # pair key ("zh|ru") -> cosine similarity
    score: dict[str, float]                 # pair key -> calibrated score 0..1
    flags: list[FlagView]
    comments: list[CommentView]
    status: str                             # unreviewed / accepted / flagged
    corrected: bool                         # its alignment was changed by hand

    @property
    def min_score(self) -> float | None:
        """The lowest calibrated score of the row (for colouring), None when it has none."""
        return min(self.score.values()) if self.score else None

    @property
    def kind(self) -> str:
        """Alignment kind such as ``"1-1"`` or ``"2-1-0"`` in version order."""
        return "-".join(str(len(v)) for v in self.segments.values())


@dataclass
class ChangeResult:
    """What a state-changing operation (or its undo/redo) did.

    Rows at positions ``start .. start + removed - 1`` were replaced by ``rows``
    (for review-state changes ``removed == len(rows) == 1``); rows after them
    moved by ``len(rows) - removed`` positions. A request that changed nothing
    (accepting an accepted row) gives ``action="none"`` and ``history_id=0``.
    """

    comparison_id: int
    action: str
    start: int
    removed: int
    rows: list[RowView]
    history_id: int
    can_undo: bool
    can_redo: bool
    description: str = ""
    step: str = "do"
    """``do`` for the change itself, ``undo`` / ``redo`` when it was undone or redone."""
    params: dict[str, Any] = field(default_factory=dict)
    """What the change was about (row number as shown, status, label...), for messages."""
    reviewed_delta: int = 0
    """For a change of one row's review state: how many more rows now count as reviewed
    (accepted or flagged), -1, 0 or 1 (the toolbar's progress, without counting again)."""


@dataclass
class RowPage:
    """A window of rows after filtering and search; ``total`` counts all matches."""

    rows: list[RowView]
    total: int
    offset: int
    limit: int
    total_rows: int  # rows in the comparison, unfiltered


@dataclass
class VersionView:
    id: int
    label: str
    lang: str
    position: int
    title: str
    source_filename: str
    encoding: str
    segment_count: int | None  # None: not counted (get_comparison)


@dataclass
class JobView:
    """A background job's state: ``state`` in queued / running / done / failed."""

    id: int
    comparison_id: int
    kind: str
    state: str
    phase: str
    percent: float
    message: str
    error: str
    attempts: int
    created_at: datetime
    updated_at: datetime

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_JOB_STATES


@dataclass
class ComparisonView:
    """A comparison's header: identity, versions, state and review progress."""

    id: int
    project_id: int
    title: str
    chain: list[str] | None
    model_id: str
    state: str  # queued / running / ready / failed
    created_at: datetime
    updated_at: datetime
    versions: list[VersionView]
    row_count: int
    reviewed_count: int
    job: JobView | None
    can_undo: bool
    can_redo: bool

    @property
    def labels(self) -> list[str]:
        return [v.label for v in self.versions]

    @property
    def version_keys(self) -> list[tuple[int, str, str]]:
        """``(id, label, lang)`` of each version, as the store reads rows with them."""
        return [(v.id, v.label, v.lang) for v in self.versions]


@dataclass
class ProjectView:
    id: int
    name: str
    created_at: datetime
    comparison_count: int


@dataclass
class Overview:
    """Overview of a comparison for the heat strip, histogram and progress bar."""

    row_count: int
    histogram: list[int]              # counts of rows' min score per bin
    bin_edges: list[float]            # len(histogram) + 1 edges from 0.0 to 1.0
    heat: list[float | None]          # per row position: min calibrated score (None: unscored)
    heat_row_ids: list[int]           # per row position: the row id (for links)
    flag_counts: dict[str, int]       # flag type (or reviewer category) -> count
    hop_counts: dict[str, int]        # hop (pair key) -> count of flags
    type_hop_counts: dict[str, dict[str, int]]  # type -> hop -> count
    status_counts: dict[str, int]     # unreviewed / accepted / flagged -> rows
    reviewed_fraction: float          # (accepted + flagged) / rows


@dataclass
class HistoryView:
    """One recorded change; ``state`` is done / undone / discarded (undone then overwritten)."""

    id: int
    seq: int
    action: str
    description: str
    author: str
    created_at: datetime
    state: str
    details: dict[str, Any] = field(default_factory=dict)
