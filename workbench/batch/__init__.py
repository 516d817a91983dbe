"""Batch alignment of whole corpora: many document sets, one pipeline, several workers.

:mod:`~workbench.batch.manifest` finds the sets (a manifest or a directory),
:mod:`~workbench.batch.work` aligns one set (the same pipeline as ``workbench
align --chain``), :mod:`~workbench.batch.engines` runs the sets in a local process
pool or on Dask (:mod:`~workbench.batch.worker`: a worker's thread limit, model and
chunks; :mod:`~workbench.batch.chunks`: how sets are grouped),
:mod:`~workbench.batch.runner` skips finished sets and records the outputs, and
:mod:`~workbench.batch.summary` prints the table. This package
sits above the pipeline and export and below the CLI; it never imports Flask.
"""

from __future__ import annotations

from workbench.batch.engines import ENGINES, Engine, LocalEngine, make_engine
from workbench.batch.manifest import Corpus, DocumentSet, ManifestError, load_corpus
from workbench.batch.runner import SUMMARY_FILE, BatchReport, run_batch
from workbench.batch.work import BatchSettings, SetJob, SetResult, align_set

__all__ = ["ENGINES", "SUMMARY_FILE", "BatchReport", "BatchSettings", "Corpus", "DocumentSet",
           "Engine", "LocalEngine", "ManifestError", "SetJob", "SetResult", "align_set",
           "load_corpus", "make_engine", "run_batch"]
