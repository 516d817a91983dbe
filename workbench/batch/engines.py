"""Where the sets of a batch run: a process pool on this machine, or a Dask cluster.

An engine takes the jobs and yields a :class:`SetResult` for each as it
finishes, in any order; a job that crashes its worker comes back ``failed``
like any other bad set. Both engines load the model once per worker process and
keep torch to that process's share of the cores, so two workers on two cores do
not fight over them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Protocol

from workbench.batch.work import SetJob, SetResult, align_set, describe_failure, failed

ENGINES = ("local", "dask")


class Engine(Protocol):
    """Runs :func:`align_set` over jobs, yielding results as they finish."""

    name: str
    workers: int

    def run(self, jobs: Sequence[SetJob]) -> Iterator[SetResult]: ...


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def threads_per_worker(workers: int, cores: int | None = None) -> int:
    """Each worker's share of the cores (at least one thread)."""
    return max(1, (cores or available_cores()) // max(1, workers))


def limit_threads(threads: int) -> None:
    """Keep this process's math libraries to ``threads`` threads (before and after torch loads)."""
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[variable] = str(threads)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    torch.set_num_threads(threads)


def load_worker_model(model: str | None, threads: int) -> None:
    """Load the encoder (memoised by :func:`get_encoder`) and then limit torch's threads.

    The loader sets torch to every core of the process, so the limit comes after it.
    """
    from workbench.nlp.embed import get_encoder

    limit_threads(threads)
    get_encoder(model)
    limit_threads(threads)


class LocalEngine:
    """A :class:`ProcessPoolExecutor` on this machine; the default engine.

    Workers are started with ``spawn`` (no torch state or threads inherited from the
    parent) and each loads the model once, in the pool's initializer.
    """

    name = "local"

    def __init__(self, workers: int = 1, model: str | None = None,
                 torch_threads: int | None = None) -> None:
        self.workers = max(1, workers)
        self.model = model
        self.torch_threads = torch_threads or threads_per_worker(self.workers)

    def run(self, jobs: Sequence[SetJob]) -> Iterator[SetResult]:
        if not jobs:
            return
        import multiprocessing

        pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(jobs)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=load_worker_model, initargs=(self.model, self.torch_threads))
        try:
            futures: dict[Future[SetResult], SetJob] = {pool.submit(align_set, job): job
                                                        for job in jobs}
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as exc:  # a worker that died (BrokenProcessPool) or bad pickling
                    yield failed(futures[future], describe_failure(exc))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def make_engine(name: str, workers: int, model: str | None = None,
                scheduler: str | None = None, torch_threads: int | None = None) -> Engine:
    """The engine called ``name``; ``dask`` needs the ``workbench[dask]`` extra."""
    if name == "local":
        if scheduler:
            raise ValueError("--scheduler is for --engine dask")
        return LocalEngine(workers, model, torch_threads)
    if name == "dask":
        try:
            from workbench.batch.dask_engine import DaskEngine
        except ImportError:
            raise ValueError("the dask engine needs Dask distributed: "
                             "pip install 'workbench[dask]'") from None
        return DaskEngine(workers=workers, model=model, scheduler=scheduler,
                          torch_threads=torch_threads)
    raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "LocalEngine", "load_worker_model", "make_engine",
           "threads_per_worker"]
