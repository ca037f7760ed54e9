"""The server's batch runner: one portfolio batch at a time, in its own process, tenants taking turns.

One thread of the server takes the next batch in turn (the oldest of the tenant served least recently:
service.batch_jobs.BatchJobs.next_queued), starts a fresh process for it (service.batch_process) and waits for
it, killing it past its time limit (`audit_seconds` per client, as if they ran one after another, plus the
process's start). The batch's worker count is the service's `workers`. Batches beyond the one running wait in
the queue, at most QUEUE.tenant per tenant and QUEUE.service in all; past either an upload is refused (503), and
a batch holds at most MAX_CLIENTS clients, so one batch holds the runner a bounded time. Once a batch has ended
its unpacked intakes are deleted (service.batch_process.end_job) and only its tenant's newest KEEP_ENDED ended
batches are kept (service.batch_retention).

After a restart, or when the server stops under a running batch, that batch is queued again and rerun in the
same folder: the batch engine's state file skips the clients already finished, so it resumes rather than
restarts (service.batch_jobs.requeue_running).
"""
from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from multiprocessing.process import BaseProcess

from service.batch_jobs import BatchJobs, Job, QueueLimits
from service.batch_process import end_job, run_job
from service.batch_retention import prune
from service.config import ServiceConfig
from service.messages import message

QUEUE = QueueLimits(service=8, tenant=2)  # batches that may wait, in all and per tenant; one more is a 503
MAX_CLIENTS = 200  # clients in one batch (about 200 audit time limits at most); more is a 422: split it
KEEP_ENDED = 20  # a tenant's ended batches kept (records, reports, summary); older ones are deleted
RETRY_SECONDS = 60  # Retry-After of a refused upload: about one small batch
START_SECONDS = 60.0  # the batch process's own start (imports, the worker pool) within its time limit
POLL_SECONDS = 1.0  # how often the runner looks for work it was not woken for, and at a stop request
LOG = logging.getLogger("kpi_audit.service")


class BatchRunner:
    """Runs the queued batches of `config`'s service database, one at a time, until stopped."""

    def __init__(self, config: ServiceConfig, jobs: BatchJobs) -> None:
        self.config, self.jobs = config, jobs
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Queue again what was running when the server last stopped, then start taking batches."""
        resumed = self.jobs.requeue_running()
        if resumed:
            LOG.info("%d unfinished batch(es) queued again", resumed)
        self._thread = threading.Thread(target=self._loop, name="kpi-audit-batches", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A batch was queued: look now rather than at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        """Stop taking batches; a running one is stopped and queued again (resumed at the next start)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            job = None
            try:
                job = self.jobs.next_queued()
                if job is not None:
                    self._run(job)
            except Exception:  # noqa: BLE001 - one batch's trouble (or a busy database) must not stop the runner
                LOG.exception("batch runner: batch %s", job.id if job else "-")
                if job is not None:
                    end_job(self.config, self.jobs, job, message("batch_died"))
            if job is None:
                self._wake.wait(POLL_SECONDS)
                self._wake.clear()
            else:
                self._prune(job)

    def _prune(self, job: Job) -> None:
        """The tenant of the batch just run keeps its newest KEEP_ENDED ended batches."""
        try:
            prune(self.config, self.jobs, job.tenant, KEEP_ENDED)
        except Exception:  # noqa: BLE001 - a folder left on disk must not stop the runner
            LOG.exception("batch runner: pruning after batch %s", job.id)

    def _run(self, job: Job) -> None:
        total = len(self.jobs.clients(job.id))
        seconds = START_SECONDS + self.config.audit_seconds * max(total, 1)
        process = multiprocessing.get_context("spawn").Process(target=run_job, args=(self.config, job.id),
                                                               name=f"kpi-audit-batch-{job.id}", daemon=False)
        process.start()
        deadline = time.monotonic() + seconds
        while process.is_alive() and time.monotonic() < deadline and not self._stop.is_set():
            process.join(POLL_SECONDS)
        if process.is_alive():
            _end(process)
            if self._stop.is_set():
                self.jobs.requeue_running()
                return
            end_job(self.config, self.jobs, job, message("batch_timeout", seconds=seconds))
            return
        if process.exitcode != 0:
            end_job(self.config, self.jobs, job, message("batch_died"))  # no-op when it recorded its own end


def _end(process: BaseProcess) -> None:
    """Stop a batch process (its local workers die with it: portfolio.worker asks the kernel for that)."""
    process.terminate()
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join()
