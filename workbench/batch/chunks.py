"""How the jobs of a batch are cut into the chunks an engine sends to its workers.

One task per set costs a round trip (pickling the job and its result, a queue
hop) and leaves the worker idle meanwhile; for a backlist of thousands of short
sets that adds up, so small sets travel together. Large sets go first, each on
its own (the longest jobs first keeps the workers busy to the end), and no chunk
is so big that one worker is left with a long tail while the others wait.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from workbench.batch.work import SetJob

MAX_CHUNK_BYTES = 4096
"""Input bytes a chunk of small sets grows to (a few seconds of work on one core)."""

CHUNKS_PER_WORKER = 8
"""At least this many chunks per worker when the batch is small: the tail stays short."""


def input_bytes(job: SetJob) -> int:
    """The size of a set's files (0 for a file that vanished: it fails in the worker)."""
    total = 0
    for path in job.document_set.files:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def chunk_jobs(jobs: Sequence[SetJob], workers: int,
               max_bytes: int = MAX_CHUNK_BYTES) -> list[list[SetJob]]:
    """The jobs in chunks, largest first; each chunk holds sets until it has
    ``min(max_bytes, total / (workers * CHUNKS_PER_WORKER))`` input bytes, so a set at
    least that large travels alone. Every job is in exactly one chunk."""
    sized = sorted(((input_bytes(job), number, job) for number, job in enumerate(jobs)),
                   key=lambda item: (-item[0], item[1]))
    total = sum(size for size, _, _ in sized)
    limit = max(1, min(max_bytes, total // max(1, workers * CHUNKS_PER_WORKER)))
    chunks: list[list[SetJob]] = []
    current: list[SetJob] = []
    current_bytes = 0
    for size, _, job in sized:
        if current and current_bytes + size > limit:
            chunks.append(current)
            current, current_bytes = [], 0
        current.append(job)
        current_bytes += size
    if current:
        chunks.append(current)
    return chunks


__all__ = ["CHUNKS_PER_WORKER", "MAX_CHUNK_BYTES", "chunk_jobs", "input_bytes"]
