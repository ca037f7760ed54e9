"""Run tasks on a Dask distributed cluster: an existing scheduler (--scheduler ADDRESS), or a LocalCluster of
--workers processes on this machine when no address is given.

Workers load the intakes (every worker must see the intake paths, e.g. a shared folder) and return the
rendered reports; the batch process writes the outputs, the state and the summary. Dask reschedules a task
whose worker dies and gives up with KilledWorker after a few deaths: that task alone fails.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from engine.errors import UserInputError
from portfolio import worker
from portfolio.messages import text
from portfolio.worker import Outcome, Task

CONNECT_TIMEOUT = "10s"


def run_dask(tasks: list[Task], workers: int, scheduler: str | None, lang: str,
             died: Callable[[Task], Outcome]) -> Iterator[Outcome]:
    """Each task's outcome as it completes on the cluster."""
    try:
        from distributed import Client, LocalCluster, as_completed
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise UserInputError("--executor dask", text(lang, "dask_missing")) from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise UserInputError("--scheduler", text(lang, "scheduler_unreachable", address=scheduler,
                                                 detail=exc)) from None
    try:
        futures = {client.submit(worker.audit_task, task, pure=False): task for task in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except KilledWorker:
                yield died(futures[future])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
