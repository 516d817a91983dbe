"""Run a batch: decide which sets need work, hand them to an engine, record what came back.

Resuming: beside each set's outputs, ``<set>.state.json`` records the digest of
the inputs and settings they were made from (:func:`set_digest`). A rerun skips a
set whose state says ``aligned`` under the same digest with its outputs present,
and redoes every other set, failed ones included. Outputs are written first and
the state last, each through a temporary file, so an interrupted batch leaves no
set that looks finished but is not; a set that fails has the outputs of an
earlier run removed, so none is left that looks current.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.batch.engines import Engine
from workbench.batch.manifest import Corpus, DocumentSet
from workbench.batch.work import (
    DONE,
    FAILED,
    UP_TO_DATE,
    BatchSettings,
    SetJob,
    SetResult,
    describe_failure,
    output_paths,
    set_digest,
    state_path,
)

SUMMARY_FILE = "summary.jsonl"

Listener = Callable[[SetResult], None]


@dataclass
class BatchReport:
    """Every set's result, in the corpus's order, and where the summary went."""

    results: list[SetResult]
    summary_path: Path

    @property
    def failed(self) -> list[SetResult]:
        return [r for r in self.results if r.status == FAILED]


def _write(path: Path, data: bytes) -> None:
    from workbench.files import write_atomically

    write_atomically(path, data)


def read_state(outdir: Path, document_set: DocumentSet) -> dict[str, Any] | None:
    """The recorded state of a set, or ``None`` when there is none (or it is unreadable)."""
    try:
        data = json.loads(state_path(outdir, document_set).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_up_to_date(state: dict[str, Any] | None, digest: str, outdir: Path,
                  document_set: DocumentSet, settings: BatchSettings) -> bool:
    if not state or state.get("status") != DONE or state.get("digest") != digest:
        return False
    return all(path.is_file() for path in output_paths(outdir, document_set, settings).values())


def record_result(outdir: Path, document_set: DocumentSet, settings: BatchSettings,
                  result: SetResult) -> None:
    """Write the set's outputs (when aligned), then its state.

    Outputs of an earlier run that this one did not write (all of them when the set
    failed, a TMX not asked for now) are removed: they were made from other inputs
    or settings, and a file left beside the new state would look current.
    """
    written = result.outputs if result.status == DONE else {}
    every_format = output_paths(outdir, document_set, BatchSettings(tmx=True))
    for fmt, path in every_format.items():
        if fmt in written:
            _write(path, written[fmt])
        else:
            path.unlink(missing_ok=True)
    state = json.dumps(result.summary_json(), ensure_ascii=False, indent=1)
    _write(state_path(outdir, document_set), state.encode("utf-8"))


def plan(corpus: Corpus, settings: BatchSettings,
         outdir: Path) -> tuple[list[SetJob], list[SetResult]]:
    """(jobs to run, results known already: sets up to date and sets whose files are
    unreadable)."""
    jobs: list[SetJob] = []
    known: list[SetResult] = []
    for item in corpus.sets:
        try:
            digest = set_digest(item, settings)
        except OSError as exc:
            known.append(SetResult(name=item.name, status=FAILED, reason=describe_failure(exc)))
            continue
        state = read_state(outdir, item)
        if state is not None and is_up_to_date(state, digest, outdir, item, settings):
            previous = SetResult.from_summary(state)
            previous.status = UP_TO_DATE
            previous.seconds = 0.0
            known.append(previous)
        else:
            jobs.append(SetJob(item, settings, digest))
    return jobs, known


def run_batch(corpus: Corpus, settings: BatchSettings, outdir: Path, engine: Engine,
              listener: Listener | None = None,
              on_start: Callable[[int, int], None] | None = None) -> BatchReport:
    """Align every set that needs it; ``on_start(total, to_run)`` is called once the plan is
    known, ``listener`` with each result (skipped and failed sets included)."""
    outdir.mkdir(parents=True, exist_ok=True)
    jobs, known = plan(corpus, settings, outdir)
    by_name = {item.name: item for item in corpus.sets}
    if on_start is not None:
        on_start(len(corpus.sets), len(jobs))
    results: dict[str, SetResult] = {}
    for result in known:
        if result.status == FAILED:  # unreadable files: recorded like any failure
            record_result(outdir, by_name[result.name], settings, result)
        results[result.name] = result
        if listener is not None:
            listener(result)
    for result in engine.run(jobs):
        record_result(outdir, by_name[result.name], settings, result)
        result.outputs = {}  # written; do not keep every set's bytes in memory
        results[result.name] = result
        if listener is not None:
            listener(result)
    ordered = [results[item.name] for item in corpus.sets]
    summary = "".join(json.dumps(r.summary_json(), ensure_ascii=False) + "\n" for r in ordered)
    summary_path = outdir / SUMMARY_FILE
    _write(summary_path, summary.encode("utf-8"))
    return BatchReport(results=ordered, summary_path=summary_path)


__all__ = ["SUMMARY_FILE", "BatchReport", "plan", "read_state", "record_result", "run_batch"]
