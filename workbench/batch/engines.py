"""Where the sets of a batch run: a process pool on this machine, or a Dask cluster.

An engine takes the jobs and yields a :class:`SetResult` for each as it
finishes, in any order; a job that crashes its worker comes back ``failed``
like any other bad set. Both engines start each worker once -- torch limited to
the worker's share of the cores (``threads_per_worker``, default cores /
workers) before the model loads, then the model -- so two workers on two cores
do not fight over them and no set pays for a model load.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from types import TracebackType
from typing import Protocol

from workbench.batch.chunks import chunk_jobs
from workbench.batch.work import SetJob, SetResult, describe_failure, failed
from workbench.batch.worker import align_chunk, available_cores, start_worker, threads_per_worker

ENGINES = ("local", "dask")


class Engine(Protocol):
    """Runs :func:`align_set` over jobs, yielding results as they finish."""

    name: str
    workers: int

    def run(self, jobs: Sequence[SetJob]) -> Iterator[SetResult]: ...


class LocalEngine:
    """A :class:`ProcessPoolExecutor` on this machine; the default engine.

    Workers are started with ``spawn`` (no torch state or threads inherited from the
    parent); each runs :func:`start_worker` once, in the pool's initializer, and then
    aligns chunks of sets (:func:`chunk_jobs`). Used as a context manager the pool
    stays up between :meth:`run` calls, its workers warm (the model loaded, the
    checks' resources read); otherwise each :meth:`run` starts and stops its own.
    """

    name = "local"

    def __init__(self, workers: int = 1, model: str | None = None,
                 threads: int | None = None) -> None:
        self.workers = max(1, workers)
        self.model = model
        self.threads = threads or threads_per_worker(self.workers)
        self._pool: ProcessPoolExecutor | None = None

    def _start(self, workers: int) -> ProcessPoolExecutor:
        import multiprocessing

        return ProcessPoolExecutor(max_workers=workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=start_worker, initargs=(self.model, self.threads))

    def __enter__(self) -> LocalEngine:
        if self._pool is None:
            self._pool = self._start(self.workers)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, jobs: Sequence[SetJob]) -> Iterator[SetResult]:
        if not jobs:
            return
        chunks = chunk_jobs(jobs, self.workers)
        own_pool = self._pool is None
        pool = self._start(min(self.workers, len(chunks))) if own_pool else self._pool
        assert pool is not None
        futures: dict[Future[list[SetResult]], list[SetJob]] = {}
        try:
            for chunk in chunks:
                futures[pool.submit(align_chunk, chunk)] = chunk
            for future in as_completed(futures):
                try:
                    yield from future.result()
                except Exception as exc:  # a worker that died (BrokenProcessPool) or bad pickling
                    reason = describe_failure(exc)
                    yield from (failed(job, reason) for job in futures[future])
        finally:
            if own_pool:
                pool.shutdown(wait=True, cancel_futures=True)
            else:
                for future in futures:
                    future.cancel()


def make_engine(name: str, workers: int, model: str | None = None,
                scheduler: str | None = None, threads: int | None = None) -> Engine:
    """The engine called ``name``; ``dask`` needs the ``workbench[dask]`` extra.

    ``threads``: torch threads per worker (default: the worker's share of the cores).
    """
    if name == "local":
        if scheduler:
            raise ValueError("--scheduler is for --engine dask")
        return LocalEngine(workers, model, threads)
    if name == "dask":
        try:
            from workbench.batch.dask_engine import DaskEngine
        except ImportError:
            raise ValueError("the dask engine needs Dask distributed: "
                             "pip install 'workbench[dask]'") from None
        return DaskEngine(workers=workers, model=model, scheduler=scheduler, threads=threads)
    raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "LocalEngine", "available_cores", "make_engine",
           "threads_per_worker"]
