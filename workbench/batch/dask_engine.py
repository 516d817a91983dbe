"""The Dask engine: each set is one ``Client.submit`` of :func:`align_one`, collected with
``distributed.as_completed``. Nothing else sits between the workbench and Dask (one task
per set: the scheduler balances them and reruns those of a lost worker).

Each worker loads the model once through :class:`ModelPlugin` (a ``WorkerPlugin``,
so workers that join later get it too). Workers need the workbench installed and
must be able to read the input files (a shared file system); they return the
outputs to the client, which writes them. Their embedding cache is their own:
``WORKBENCH_CACHE`` (or ``WORKBENCH_HOME``/cache) in each worker's environment, or
the batch's ``cache_dir`` setting.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from distributed import Client, Future, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from workbench.batch.work import SetJob, SetResult, describe_failure, failed
from workbench.batch.worker import align_one, available_cores, start_worker, threads_per_worker

PLUGIN_NAME = "workbench-model"


class ModelPlugin(WorkerPlugin):
    """Loads the encoder when a worker starts, with torch limited to the worker's share."""

    def __init__(self, model: str | None, threads: int | None) -> None:
        self.model = model
        self.threads = threads

    def setup(self, worker: Any) -> None:
        # on an existing cluster: the host's cores shared among this worker's task threads
        threads = self.threads or max(1, available_cores() // max(1, worker.state.nthreads))
        start_worker(self.model, threads)


def model_loaded(model: str | None = None) -> bool:
    """Whether this process holds the encoder already (for checks run on the workers)."""
    from workbench.config import model_name
    from workbench.nlp.embed import _models

    return (model or model_name()) in _models


class DaskEngine:
    """Dask distributed: a ``LocalCluster`` of ``workers`` processes, or the cluster at
    ``scheduler`` (``tcp://host:8786``), or a ``client`` the caller already holds."""

    name = "dask"

    def __init__(self, workers: int = 2, model: str | None = None, scheduler: str | None = None,
                 threads: int | None = None, client: Client | None = None) -> None:
        self.workers = max(1, workers)
        self.model = model
        self.scheduler = scheduler
        self.client = client
        local = client is None and scheduler is None
        self.threads = threads or (threads_per_worker(self.workers) if local else None)

    def _connect(self) -> tuple[Client, LocalCluster | None]:
        if self.client is not None:
            return self.client, None
        if self.scheduler:
            try:
                return Client(self.scheduler), None
            except (OSError, ValueError) as exc:  # unreachable, or not an address
                raise ValueError(f"cannot reach the Dask scheduler at {self.scheduler}: "
                                 f"{exc}") from None
        cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster

    def run(self, jobs: Sequence[SetJob]) -> Iterator[SetResult]:
        if not jobs:
            return
        client, cluster = self._connect()
        try:
            client.register_plugin(ModelPlugin(self.model, self.threads), name=PLUGIN_NAME)
            futures: dict[Future, SetJob] = {
                client.submit(align_one, job, pure=False,
                              key=f"workbench-set-{number}-{job.digest[:16]}"): job
                for number, job in enumerate(jobs)}
            for future in as_completed(list(futures)):
                try:
                    yield future.result()
                except Exception as exc:  # a worker lost, or the job could not be sent
                    yield failed(futures[future], describe_failure(exc))
                finally:
                    future.release()
        finally:
            if client is not self.client:
                client.close()
            if cluster is not None:
                cluster.close()


__all__ = ["DaskEngine", "ModelPlugin", "model_loaded"]
