"""The audit workers: pre-started processes, each with its own time and memory limits, shared by every request.

A hostile upload (a zip bomb, an alias bomb, a huge sheet) must cost one worker a bounded time and memory and
never the server, so audits never run in the server's process: a worker has an address-space limit
(RLIMIT_AS, a memory bomb fails there), a job over the time limit has its worker killed (SIGKILL) and replaced,
and a worker that dies is replaced. At most `workers` jobs run and at most `queue` more wait; beyond that
`Busy` says when to retry (the API's 503 with Retry-After).

Workers come from a fork server (or are spawned), never forked from the server itself, whose threads may hold
locks at the moment of a fork; the fork server has the audit modules imported once, and each worker loads the
shipped ruleset once (`prepare`). A worker dies with the server (PR_SET_PDEATHSIG, as batch workers do) and
stops when its pipe closes.

Every job is sent with a fresh id and its answer must carry that id back, or the answer is dropped and the
worker replaced: one request never receives another's report. The pool is safe to call from any thread and any
event loop (the test client runs one loop per request; uvicorn one for all): it uses only thread primitives
and its own threads to wait on the workers.
"""
from __future__ import annotations

import asyncio
import logging
import math
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
import traceback
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from engine.messages import Local
from portfolio.worker import _die_with_parent
from service.messages import message

LOG = logging.getLogger("kpi_audit.service")
MIB = 1024 * 1024
START_SECONDS = 120.0  # a worker not ready by then (imports, the ruleset) failed to start
RESTARTS = 5  # attempts to replace a worker before the pool runs one short (and says so in the log)
PRELOAD = ("engine.audit_job", "service.ruleset_names", "service.work")  # imported once, in the fork server
RECENT = 20  # job durations the Retry-After estimate averages
READY, MEMORY, CRASHED, DONE = "ready", "memory", "crashed", "done"

class PoolError(Exception):
    """A job the pool could not get answered: the HTTP status, a stable code, a bilingual message, and when to
    retry (seconds) if retrying can help."""

    status = 503
    code = "unavailable"

    def __init__(self, text: Local, retry_after: int | None = None) -> None:
        super().__init__(str(text))
        self.text, self.retry_after = text, retry_after


class Busy(PoolError):
    """Every worker busy and the queue full."""

    code = "busy"


class TimedOut(PoolError):
    """The job ran past the time limit; its worker was killed."""

    status = 504
    code = "timed_out"


class OverMemory(PoolError):
    """The job ran out of the worker's memory limit; the worker was replaced."""

    status = 422
    code = "over_memory"


class WorkerLost(PoolError):
    """The worker died (or answered another id) before answering; it was replaced."""

    code = "worker_lost"


class Closed(PoolError):
    """The pool is closed (the server is stopping)."""

    code = "closed"


def _default_prepare() -> None:
    from service.work import prepare

    prepare()


def _serve(conn: Connection, memory_bytes: int, prepare: Callable[[], None]) -> None:
    """A worker's life: limits, `prepare`, then one job at a time until the pipe closes.

    Each answer is `(job id, result, state)`; after a MemoryError the worker answers and exits (its heap is
    not to be trusted), so the pool replaces it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    _die_with_parent()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        prepare()
    except BaseException:  # noqa: BLE001 - told to the pool, which logs the worker as failed to start
        traceback.print_exc(file=sys.stderr)
        return
    conn.send((READY, None, READY))
    while True:
        try:
            job_id, job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send((job_id, job.run(), DONE))
        except MemoryError:
            conn.send((job_id, None, MEMORY))
            return
        except Exception:  # noqa: BLE001 - a job that raises (or answers what cannot be sent) fails alone
            traceback.print_exc(file=sys.stderr)
            conn.send((job_id, None, CRASHED))


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context: Any, memory_bytes: int, prepare: Callable[[], None]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, memory_bytes, prepare), daemon=True,
                                       name="kpi-audit-worker")
        self.process.start()
        child.close()

    def ready(self) -> bool:
        """Wait for the worker's start (imports, ruleset); False if it died or took too long (then killed)."""
        try:
            if self.conn.poll(START_SECONDS) and self.conn.recv()[0] == READY:
                return True
        except (EOFError, OSError):
            pass
        self.kill()
        return False

    def kill(self) -> None:
        try:
            os.kill(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, TypeError):
            pass
        self.process.join()
        self.conn.close()


class AuditPool:
    """`workers` worker processes, each job limited to `seconds` and each worker to `memory_mib` of address
    space, with `queue` jobs allowed to wait. `await run(job)` returns `job.run()` as the worker computed it, or
    raises a PoolError. Workers start on `start()` (the app's start-up) or the first job."""

    def __init__(self, workers: int, seconds: float, memory_mib: int, queue: int,
                 prepare: Callable[[], None] = _default_prepare) -> None:
        self.workers, self.seconds, self.queue = max(1, workers), seconds, max(0, queue)
        self.memory_mib = memory_mib
        self._prepare = prepare
        self._context = _context()
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()
        self._admitted = 0
        self._durations: deque[float] = deque(maxlen=RECENT)
        self._started = False
        self._closed = False
        self._start_lock = threading.Lock()
        self._threads = ThreadPoolExecutor(self.workers + self.queue, thread_name_prefix="kpi-audit-pool")

    def start(self) -> None:
        """Start every worker and wait until each is ready (idempotent)."""
        with self._start_lock:
            if self._started or self._closed:
                return
            self._started = True
            fresh = [self._spawn() for _ in range(self.workers)]
            for worker in fresh:
                if not self._enlist(worker):
                    self._in_background(self._restart)

    @property
    def admitted(self) -> int:
        """Jobs in the pool now, running or waiting for a worker (what a health check reads)."""
        with self._cond:
            return self._admitted

    def start_in_background(self) -> None:
        """`start` on another thread (the server's start-up does not wait for the workers)."""
        self._in_background(self.start)

    async def run(self, job: Any) -> Any:
        """The job's result, computed in a worker; PoolError (Busy at once when the queue is full)."""
        self._admit()
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._threads, self._run_admitted, job)
        except RuntimeError:  # the executor is shut down: the pool closed between admission and now
            self._leave()
            raise Closed(message("closed")) from None
        return await future

    def run_sync(self, job: Any) -> Any:
        """`run` for a caller without an event loop (the same admission and limits)."""
        self._admit()
        return self._run_admitted(job)

    def close(self) -> None:
        """Stop every worker (a running job's request gets WorkerLost) and refuse new jobs."""
        with self._cond:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
            self._idle.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.kill()
        self._threads.shutdown(wait=False, cancel_futures=True)

    # admission: at most workers + queue jobs inside the pool at once

    def _admit(self) -> None:
        with self._cond:
            if self._closed:
                raise Closed(message("closed"))
            if self._admitted >= self.workers + self.queue:
                seconds = self._retry_after()
                raise Busy(message("busy", queue=self.queue, seconds=seconds), seconds)
            self._admitted += 1

    def _leave(self) -> None:
        with self._cond:
            self._admitted -= 1

    def _retry_after(self) -> int:
        """Seconds until a place is likely free: the recent mean job time per worker, at least 1 s."""
        mean = sum(self._durations) / len(self._durations) if self._durations else 1.0
        return max(1, min(math.ceil(self.seconds), math.ceil(mean * (self.queue + 1) / self.workers)))

    def _run_admitted(self, job: Any) -> Any:
        try:
            self.start()
            worker = self._take()
            return self._call(worker, job)
        finally:
            self._leave()

    def _take(self) -> _Worker:
        """An idle worker. A job waits at most as long as the jobs ahead of it may run, plus a worker's start
        (the one it waits for may be being replaced), then it is Busy."""
        rounds = math.ceil((self.queue + 1) / self.workers)
        deadline = time.monotonic() + rounds * self.seconds + START_SECONDS
        with self._cond:
            while not self._idle:
                left = deadline - time.monotonic()
                if self._closed:
                    raise Closed(message("closed"))
                if left <= 0:
                    seconds = self._retry_after()
                    raise Busy(message("busy", queue=self.queue, seconds=seconds), seconds)
                self._cond.wait(left)
            return self._idle.pop()

    def _call(self, worker: _Worker, job: Any) -> Any:
        job_id = uuid.uuid4().hex
        started = time.monotonic()
        try:
            worker.conn.send((job_id, job))
            if not worker.conn.poll(self.seconds):
                self._replace(worker)
                raise TimedOut(message("timed_out", seconds=self.seconds))
            answered, result, state = worker.conn.recv()
        except (EOFError, OSError, ValueError):
            self._replace(worker)
            raise WorkerLost(message("worker_lost")) from None
        if answered != job_id or state not in (DONE, CRASHED):
            self._replace(worker)
            if state == MEMORY:
                raise OverMemory(message("over_memory", limit=self.memory_mib))
            raise WorkerLost(message("worker_lost"))
        self._durations.append(time.monotonic() - started)
        self._release(worker)
        if state == CRASHED:
            raise WorkerLost(message("worker_lost"))
        return result

    # the workers

    def _spawn(self) -> _Worker:
        return _Worker(self._context, self.memory_mib * MIB, self._prepare)

    def _enlist(self, worker: _Worker) -> bool:
        """Wait for a new worker and put it to work; False when it failed to start (or the pool closed)."""
        if not worker.ready():
            LOG.error("an audit worker failed to start (its standard error says why)")
            return False
        with self._cond:
            if self._closed:
                closed = True
            else:
                closed = False
                self._live.add(worker)
                self._idle.append(worker)
                self._cond.notify()
        if closed:
            worker.kill()
        return not closed

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            if worker in self._live:
                self._idle.append(worker)
                self._cond.notify()

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` now and start its successor in the background (the request's answer does not wait)."""
        with self._cond:
            self._live.discard(worker)
            closed = self._closed
        worker.kill()
        if not closed:
            self._in_background(self._restart)

    @staticmethod
    def _in_background(work: Callable[[], None]) -> None:
        threading.Thread(target=work, name="kpi-audit-pool", daemon=True).start()

    def _restart(self) -> None:
        for attempt in range(RESTARTS):
            if self._closed:
                return
            if self._enlist(self._spawn()):
                return
            time.sleep(2 ** attempt)
        LOG.error("could not replace an audit worker after %d attempts; running one short", RESTARTS)


def _context() -> Any:
    """A fork server (the audit modules imported once, forks from a single-threaded process), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    return context
