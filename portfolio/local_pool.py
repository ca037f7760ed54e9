"""Run tasks on local worker processes, surviving a worker that dies.

A ProcessPoolExecutor whose worker dies (os._exit, SIGKILL, out of memory) is broken for good: every task in
it fails with BrokenProcessPool, and it cannot tell which task killed it. So at most 2 × workers tasks are in
flight; when the pool breaks, a new pool is built and the tasks that were in flight are re-run one at a time,
alone: the one that kills its worker again is the culprit and fails, the others complete. A single task in
flight when the pool broke is the culprit at once.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from portfolio import worker
from portfolio.worker import Outcome, Task

QUEUED_PER_WORKER = 2  # tasks in flight per worker: enough to keep workers busy, few to re-run after a death


def run_local(tasks: list[Task], workers: int, ruleset_spec: str, died: Callable[[Task], Outcome]) -> Iterator[Outcome]:
    """Each task's outcome as it completes; a task whose worker died yields `died(task)`."""
    queue = deque(tasks)
    suspects: deque[Task] = deque()
    pool = _pool(workers, ruleset_spec)
    in_flight: dict[Future, Task] = {}
    try:
        while queue or suspects or in_flight:
            try:
                _fill(pool, in_flight, queue, suspects, workers)
            except BrokenProcessPool:
                pass  # a worker died since the last wait: the tasks in flight report it below
            if not in_flight:  # the pool broke with nothing in flight: the refused task waits for a new pool
                pool.shutdown(wait=True)
                pool = _pool(workers, ruleset_spec)
                continue
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = [in_flight.pop(future) for future in done if _broke(future)]
            for future in done:
                if future in in_flight:
                    yield future.result()
                    del in_flight[future]
            if broken:
                # every other task of the broken pool fails too: collect them with the ones just broken
                for future in wait(in_flight).done:
                    if _broke(future):
                        broken.append(in_flight[future])
                    else:
                        yield future.result()
                in_flight.clear()
                pool.shutdown(wait=True)
                pool = _pool(workers, ruleset_spec)
                if len(broken) == 1:
                    yield died(broken[0])
                else:
                    suspects.extend(broken)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _fill(pool: ProcessPoolExecutor, in_flight: dict[Future, Task], queue: deque[Task], suspects: deque[Task],
          workers: int) -> None:
    """Submit tasks up to the in-flight limit; a suspect only when nothing else is in flight, and alone.

    A task the pool refuses (it broke since the last wait) goes back where it came from."""
    source = suspects if suspects else queue
    limit = 1 if suspects else QUEUED_PER_WORKER * workers
    while source and len(in_flight) < limit:
        task = source.popleft()
        try:
            in_flight[pool.submit(worker.audit_task, task)] = task
        except BrokenProcessPool:
            source.appendleft(task)
            raise


def _broke(future: Future) -> bool:
    return isinstance(future.exception(), BrokenProcessPool)


def _pool(workers: int, ruleset_spec: str) -> ProcessPoolExecutor:
    """Workers forked from the batch process (imports already paid), each loading the ruleset once."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=worker.prepare_local,
                               initargs=(ruleset_spec,))
