"""What to export: which rows (all / accepted / unflagged / minimum score) and which pair."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.comparison import ComparisonRecord, RowRecord
from workbench.errors import UserError
from workbench.states import RowStatus

ROW_FILTERS = ("all", "accepted", "unflagged")


class ExportError(UserError):
    """An export cannot be made as asked (unknown format, bad option); the message says why."""


@dataclass(frozen=True)
class ExportOptions:
    """Options shared by every format.

    ``rows``: ``"all"``, ``"accepted"`` (reviewer-accepted rows only) or ``"unflagged"``
    (drops rows marked flagged, and unaccepted rows carrying any flag not dismissed).
    ``min_score``: keep rows whose lowest score (of ``pair`` when given) is at least this;
    rows without a score are dropped when it is set.
    ``pair``: two version labels, for bilingual formats (XLIFF; CSV/TSV/XLSX/HTML then show
    only those two versions). Default for XLIFF: the first two versions of the chain.
    ``metadata``: write the JSONL header line / the CSV metadata row that make a
    re-import lossless (title, versions, chain, model); for the plain CSV, a few readable
    lines about the comparison above the table. ``None``: each format's default (on for
    JSONL/CSV/TSV, off for the plain CSV, whose first line is then its header).
    """

    rows: str = "all"
    min_score: float | None = None
    pair: tuple[str, str] | None = None
    metadata: bool | None = None

    def check(self, record: ComparisonRecord) -> None:
        if self.rows not in ROW_FILTERS:
            raise ExportError(f"unknown row filter {self.rows!r}; choose from "
                              f"{', '.join(ROW_FILTERS)}")
        if self.min_score is not None and not 0.0 <= self.min_score <= 1.0:
            raise ExportError(f"minimum score {self.min_score} is outside 0..1")
        if self.pair is not None:
            if len(self.pair) != 2 or self.pair[0] == self.pair[1]:
                raise ExportError("a pair is two different version labels, e.g. zh,ru")
            missing = [label for label in self.pair if label not in record.labels]
            if missing:
                raise ExportError(f"no version {', '.join(missing)} in this comparison "
                                  f"(versions: {', '.join(record.labels)})")


def default_pair(record: ComparisonRecord, options: ExportOptions) -> tuple[str, str]:
    """``options.pair``, else the first two versions of the chain (or of the record)."""
    if options.pair is not None:
        return options.pair
    order = list(record.chain or []) + [label for label in record.labels
                                        if label not in (record.chain or [])]
    if len(order) < 2:
        raise ExportError("a bilingual format needs two versions; this comparison has "
                          f"{len(order)}")
    return order[0], order[1]


def _lowest_score(row: RowRecord, pair: tuple[str, str] | None) -> float | None:
    if pair is not None:
        keys = (f"{pair[0]}|{pair[1]}", f"{pair[1]}|{pair[0]}")
        values = [row.score[k] for k in keys if k in row.score]
    else:
        values = list(row.score.values())
    return min(values) if values else None


def keep_row(row: RowRecord, options: ExportOptions) -> bool:
    if options.rows == "accepted" and row.status != RowStatus.ACCEPTED:
        return False
    if options.rows == "unflagged" and (
        row.status == RowStatus.FLAGGED
        or (row.status != RowStatus.ACCEPTED and any(f.dismissed is None for f in row.flags))
    ):
        return False
    if options.min_score is not None:
        lowest = _lowest_score(row, options.pair)
        if lowest is None or lowest < options.min_score:
            return False
    return True


def _hop_within(hop: str, labels: set[str]) -> bool:
    return not hop or set(hop.split("|")) <= labels


def restrict_row(row: RowRecord, labels: list[str]) -> RowRecord:
    """``row`` limited to ``labels``: their texts, segments, pair scores and flags."""
    keep = set(labels)
    return RowRecord(
        index=row.index,
        segments={k: v for k, v in row.segments.items() if k in keep},
        text={k: v for k, v in row.text.items() if k in keep},
        similarity={k: v for k, v in row.similarity.items() if _hop_within(k, keep)},
        score={k: v for k, v in row.score.items() if _hop_within(k, keep)},
        flags=[f for f in row.flags if _hop_within(f.hop, keep)],
        status=row.status,
        comments=list(row.comments),
    )


def select(record: ComparisonRecord, options: ExportOptions,
           pair: tuple[str, str] | None = None) -> ComparisonRecord:
    """The part of ``record`` to write: kept rows, restricted to ``pair`` (or
    ``options.pair``) when given; metadata (versions, chain) restricted the same way."""
    options.check(record)
    pair = pair or options.pair
    rows = (list(record.rows) if options.rows == "all" and options.min_score is None
            else [row for row in record.rows if keep_row(row, options)])
    if pair is None:
        return ComparisonRecord(record.title, list(record.versions), rows, record.chain,
                                record.model)
    labels = list(pair)
    versions = sorted((v for v in record.versions if v.label in labels),
                      key=lambda v: labels.index(v.label))
    chain = [label for label in record.chain or [] if label in labels] or None
    return ComparisonRecord(record.title, versions, [restrict_row(r, labels) for r in rows],
                            chain, record.model)
