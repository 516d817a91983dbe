"""The table printed at the end of a batch, and the progress shown while it runs."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from workbench.batch.work import DONE, FAILED, UP_TO_DATE, SetResult


def signal_totals(results: Sequence[SetResult]) -> Counter[tuple[str, str]]:
    """(type, hop) -> signals over all sets that have rows."""
    totals: Counter[tuple[str, str]] = Counter()
    for result in results:
        for key, count in result.signals.items():
            kind, _, hop = key.partition("@")
            totals[(kind, hop)] += count
    return totals


def lowest_sets(results: Sequence[SetResult], count: int) -> list[SetResult]:
    """The sets with the lowest mean row score (the weakest translations first)."""
    scored = [r for r in results if r.status != FAILED and r.mean_score is not None]
    return sorted(scored, key=lambda r: (r.mean_score, r.name))[:count]


def summary_table(results: Sequence[SetResult], lowest: int = 10,
                  seconds: float | None = None) -> str:
    """Sets, rows, signals per type and hop, the lowest-scoring sets, and the failures."""
    status = Counter(r.status for r in results)
    with_rows = [r for r in results if r.status != FAILED]
    rows = sum(r.rows for r in with_rows)
    segments = sum(r.segments for r in with_rows)
    lines = [f"sets: {len(results)} ({status[DONE]} aligned, {status[UP_TO_DATE]} up to date, "
             f"{status[FAILED]} failed)",
             f"rows: {rows} ({sum(r.flagged_rows for r in with_rows)} with signals), "
             f"segments: {segments}"]
    aligned_now = [r for r in results if r.status == DONE]
    if seconds and aligned_now:
        done_segments = sum(r.segments for r in aligned_now)
        lines.append(f"time: {seconds:.1f} s, {len(aligned_now) / seconds:.2f} sets/s, "
                     f"{done_segments / seconds:.1f} segments/s")
    lines += ["", f"{'signal':<14} {'hop':<12} {'count':>6}"]
    totals = signal_totals(with_rows)
    for (kind, hop), count in sorted(totals.items()):
        lines.append(f"{kind:<14} {hop:<12} {count:>6}")
    if not totals:
        lines.append("(no signals)")
    weakest = lowest_sets(results, lowest)
    if weakest:
        lines += ["", f"lowest-scoring sets (mean of each row's lowest score, {len(weakest)} "
                  f"of {sum(1 for r in with_rows if r.mean_score is not None)}):"]
        for result in weakest:
            lines.append(f"  {result.name[:40]:<40} mean {result.mean_score:.2f}  lowest "
                         f"{result.lowest_score or 0.0:.2f}  rows {result.rows:>4}  "
                         f"signals {sum(result.signals.values()):>4}")
    failures = [r for r in results if r.status == FAILED]
    if failures:
        lines += ["", "failed sets:"]
        lines += [f"  {r.name}: {r.reason}" for r in failures]
    return "\n".join(lines)


class BatchProgress:
    """A bar (sets done, segments per second, ETA) on a terminal; plain lines otherwise."""

    def __init__(self, stream: IO[str] | None = None, bar: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.use_bar = self.stream.isatty() if bar is None else bar
        self.started = time.perf_counter()
        self.segments = 0
        self.done = 0
        self.total = 0
        self._bar: Any = None

    def start(self, total: int, to_run: int) -> None:
        self.total = total
        self.started = time.perf_counter()
        if self.use_bar:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="set", file=self.stream, dynamic_ncols=True,
                             desc="batch")
        else:
            self._line(f"{total} sets, {to_run} to align, {total - to_run} up to date or "
                       f"unreadable")

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def advance(self, result: SetResult) -> None:
        self.done += 1
        if result.status == DONE:
            self.segments += result.segments
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.segments / elapsed
        if self._bar is not None:
            self._bar.set_postfix_str(f"{rate:.1f} seg/s, {result.status}: {result.name[:24]}",
                                      refresh=False)
            self._bar.update(1)
            return
        detail = (f"{result.rows} rows, {sum(result.signals.values())} signals, "
                  f"{result.seconds:.1f} s" if result.status != FAILED else result.reason)
        self._line(f"[{self.done}/{self.total}] {result.name}: {result.status} ({detail}); "
                   f"{rate:.1f} segments/s")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


__all__ = ["BatchProgress", "lowest_sets", "signal_totals", "summary_table"]
