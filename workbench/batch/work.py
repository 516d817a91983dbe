"""The unit of batch work: one document set in, its scored rows and signals out.

:func:`align_set` runs wherever an engine sends it (a pool process, a Dask
worker). It reads the set's files with ``workbench align``'s own reader and
runs the same pipeline call (:func:`workbench.pipeline.compare` with the
chain), then returns the exported bytes and the figures the summary needs; it
writes nothing itself, so a remote worker needs no access to the output folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.batch.manifest import DocumentSet
from workbench.errors import describe_error

if TYPE_CHECKING:
    from workbench.comparison import ComparisonRecord
    from workbench.nlp.types import Encoder

DONE, UP_TO_DATE, FAILED = "aligned", "up to date", "failed"
"""Statuses of a set in a batch: aligned now, skipped as already aligned, failed."""

STATE_VERSION = 1


@dataclass(frozen=True)
class BatchSettings:
    """What every set of one batch is aligned with (the parts of ``align``'s options that
    change the result) and which extra formats are written."""

    chain: tuple[str, ...] = ()
    model: str | None = None
    segmented: bool = False
    tmx: bool = False
    cache_dir: str | None = None
    """The embedding cache's folder on the workers (default: each worker's ``cache_dir()``)."""

    def fingerprint(self) -> dict[str, Any]:
        """The settings that change a set's rows (not which formats are written, nor where
        the embedding cache lives)."""
        from importlib.metadata import version

        from workbench.config import model_name

        return {"chain": list(self.chain), "model": self.model or model_name(),
                "segmented": self.segmented, "workbench": version("workbench"),
                "state": STATE_VERSION}

    @property
    def formats(self) -> tuple[str, ...]:
        return ("jsonl", "tmx") if self.tmx else ("jsonl",)


@dataclass
class SetJob:
    """One set to align, with the digest its outputs will be recorded under."""

    document_set: DocumentSet
    settings: BatchSettings
    digest: str


@dataclass
class SetResult:
    """What became of one set: the figures for the summary and, when aligned, the outputs."""

    name: str
    status: str
    digest: str = ""
    rows: int = 0
    segments: int = 0
    flagged_rows: int = 0
    signals: dict[str, int] = field(default_factory=dict)
    """``"type@hop"`` -> how many signals of that type at that hop."""
    mean_score: float | None = None
    """Mean over scored rows of the row's lowest pair score: how well the set holds up."""
    lowest_score: float | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time of the worker process while it aligned the set (all its threads)."""
    threads: int = 0
    """Torch's threads in that worker (0: torch not loaded, e.g. a set that failed early)."""
    reason: str = ""
    worker: str = ""
    outputs: dict[str, bytes] = field(default_factory=dict, repr=False)

    def summary_json(self) -> dict[str, Any]:
        """The set's line in ``summary.jsonl`` (everything but the output bytes)."""
        data = {k: v for k, v in self.__dict__.items() if k != "outputs"}
        for key in ("mean_score", "lowest_score"):
            if data[key] is not None:
                data[key] = round(data[key], 4)
        data["seconds"] = round(self.seconds, 3)
        data["cpu_seconds"] = round(self.cpu_seconds, 3)
        return data

    @classmethod
    def from_summary(cls, data: dict[str, Any]) -> SetResult:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "outputs"}
        return cls(**known)


def set_digest(document_set: DocumentSet, settings: BatchSettings) -> str:
    """sha256 of the set's inputs (each file's name and bytes, languages, labels, chain) and
    the settings; raises ``OSError`` when a file cannot be read."""
    digest = hashlib.sha256()
    head = {"settings": settings.fingerprint(), "langs": document_set.langs,
            "labels": document_set.labels, "chain": document_set.chain}
    digest.update(json.dumps(head, sort_keys=True).encode("utf-8"))
    for path in document_set.files:
        digest.update(b"\0" + path.name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


_encoders: dict[tuple[str | None, str], Encoder] = {}
"""Encoders on a ``cache_dir`` of the settings, one per (model, folder) in this process."""


def batch_encoder(settings: BatchSettings) -> Encoder:
    """The memoised encoder of ``settings.model`` behind the disk cache the settings name."""
    from workbench.nlp.embed import get_encoder

    if not settings.cache_dir:
        return get_encoder(settings.model)
    key = (settings.model, settings.cache_dir)
    if key not in _encoders:
        from workbench.nlp.embed.cache import CACHE_FILENAME, CachedEncoder

        inner = get_encoder(settings.model, cache=False)
        _encoders[key] = CachedEncoder(inner, Path(settings.cache_dir) / CACHE_FILENAME)
    return _encoders[key]


def _compare(job: SetJob) -> ComparisonRecord:
    from workbench.files import read_inputs
    from workbench.pipeline import check_chain, compare

    item, settings = job.document_set, job.settings
    inputs = read_inputs(item.files, item.langs, item.labels, settings.segmented)
    chain = list(item.chain or settings.chain) or None
    check_chain([v.label for v in inputs], chain)
    return compare(inputs, batch_encoder(settings), chain=chain, title=item.name).record


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def failed(job: SetJob, reason: str, seconds: float = 0.0, cpu_seconds: float = 0.0) -> SetResult:
    return SetResult(name=job.document_set.name, status=FAILED, digest=job.digest,
                     reason=reason, seconds=seconds, cpu_seconds=cpu_seconds,
                     worker=worker_name())


def torch_threads() -> int:
    """Torch's intra-op threads in this process (0 when torch is not loaded)."""
    import sys

    torch = sys.modules.get("torch")
    return int(torch.get_num_threads()) if torch is not None else 0


def describe_failure(exc: BaseException) -> str:
    """The one-line message ``workbench align`` would print for ``exc``."""
    return describe_error(exc)


def align_set(job: SetJob) -> SetResult:
    """Align, score and check one set; a bad set comes back as ``failed`` with its reason."""
    from workbench.export import export

    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        record = _compare(job)
        outputs = {fmt: export(record, fmt) for fmt in job.settings.formats}
    except Exception as exc:
        return failed(job, describe_failure(exc), time.perf_counter() - started,
                      time.process_time() - cpu_started)
    signals: Counter[str] = Counter(f"{f.type}@{f.hop}" for r in record.rows for f in r.flags)
    lows = [min(row.score.values()) for row in record.rows if row.score]
    segments = sum(len(idx) for row in record.rows for idx in row.segments.values())
    return SetResult(
        name=job.document_set.name, status=DONE, digest=job.digest, rows=len(record.rows),
        segments=segments, flagged_rows=sum(1 for row in record.rows if row.flags),
        signals=dict(sorted(signals.items())),
        mean_score=sum(lows) / len(lows) if lows else None,
        lowest_score=min(lows) if lows else None,
        seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu_started,
        threads=torch_threads(), worker=worker_name(), outputs=outputs)


def output_paths(outdir: Path, document_set: DocumentSet,
                 settings: BatchSettings) -> dict[str, Path]:
    return {fmt: outdir / f"{document_set.stem}.{fmt}" for fmt in settings.formats}


def state_path(outdir: Path, document_set: DocumentSet) -> Path:
    """Beside the outputs: the digest they were made from and the set's figures."""
    return outdir / f"{document_set.stem}.state.json"


__all__ = ["DONE", "FAILED", "UP_TO_DATE", "BatchSettings", "SetJob", "SetResult",
           "align_set", "batch_encoder", "set_digest", "torch_threads"]
