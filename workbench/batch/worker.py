"""What runs inside a worker process: its thread limit, its one model load, its chunks.

A worker is started once (:func:`start_worker`: the thread limit first, in the
environment and in torch, then the model), keeps the model for its whole life
and then aligns chunk after chunk of sets (:func:`align_chunk`). Torch's own
thread pool would otherwise take every core of the machine in every worker, and
two workers on two cores would each run two threads -- four threads fighting
over two cores.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from workbench.batch.work import SetJob, SetResult, align_set, torch_threads
from workbench.config import available_cores

THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")

_thread_limit: int | None = None
"""The limit this process was started with (``None``: not a worker, nothing enforced)."""


def threads_per_worker(workers: int, cores: int | None = None) -> int:
    """Each worker's share of the cores: ``cores // workers``, at least one thread."""
    return max(1, (cores or available_cores()) // max(1, workers))


def limit_threads(threads: int) -> None:
    """Keep this process's math libraries to ``threads`` threads, waiting passively.

    The variables are read by OpenMP/MKL when torch is first imported, so this runs
    before anything imports torch; ``torch.set_num_threads`` covers a torch loaded
    already. Remembered, so :func:`align_chunk` can put it back if a later model
    load resets torch to every core.

    ``OMP_WAIT_POLICY=PASSIVE`` (unless set already): by default OpenMP's threads
    spin while they wait for each other, and on a machine whose cores are shared
    (other workers, other programs) a thread spinning for a sibling that is not
    running burns the core the sibling needs: ``bench.batch`` measured two threads
    taking six times the CPU time of one for the same sentences at load 10, and the
    same CPU time as one thread once they wait passively.
    """
    global _thread_limit
    _thread_limit = threads
    for variable in THREAD_VARIABLES:
        os.environ[variable] = str(threads)
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    torch.set_num_threads(threads)


def _keep_thread_limit() -> None:
    if _thread_limit is not None and torch_threads() not in (0, _thread_limit):
        import torch

        torch.set_num_threads(_thread_limit)


def start_worker(model: str | None, threads: int) -> None:
    """Limit the threads, load the encoder (memoised by :func:`get_encoder` for the
    worker's life), and limit again: the loader sets torch to every core."""
    from workbench.nlp.embed import get_encoder

    limit_threads(threads)
    get_encoder(model, cache=False)
    _keep_thread_limit()


def align_one(job: SetJob) -> SetResult:
    """Align one set in this (warm) worker, under its thread limit."""
    _keep_thread_limit()
    return align_set(job)


def align_chunk(jobs: Sequence[SetJob]) -> list[SetResult]:
    """Align the sets of one chunk in turn."""
    return [align_one(job) for job in jobs]


__all__ = ["align_chunk", "align_one", "available_cores", "limit_threads", "start_worker",
           "threads_per_worker"]
