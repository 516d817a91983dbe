"""What the pipeline hands on: an aligned comparison in the NLP shapes, beside its record.

:class:`AlignedComparison` is the pipeline's result (``pipeline.compare``) and what
the store saves (``store.save_comparison``); it sits below both so that the store
never imports the pipeline. Not to be confused with ``store.models.Comparison``
(the database row) or :class:`workbench.comparison.ComparisonRecord` (the record
exporters write and importers read).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.comparison import ComparisonRecord
from workbench.nlp.types import Row, Version


@dataclass
class AlignedComparison:
    """An aligned comparison: versions with their segments, the grid, and the scored record."""

    versions: list[Version]
    rows: list[Row]
    record: ComparisonRecord
    chain: list[str] | None = None
    timings: dict[str, float] = field(default_factory=dict)


__all__ = ["AlignedComparison"]
