"""The audit pool (service/pool.py): every job's answer goes to its own caller, a job over the time limit costs
only its worker, a memory bomb and a dying worker fail alone, a full pool says when to retry, closing stops the
workers. The jobs here are tiny stand-ins (the real one is service/work.py's), so the pool is tested alone."""
from __future__ import annotations

import asyncio
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.pool import MIB, AuditPool, Busy, Closed, OverMemory, TimedOut, WorkerLost


def no_preparation() -> None:
    """The workers' `prepare` here: the stand-in jobs need no ruleset."""


@dataclass(frozen=True)
class Echo:
    value: int

    def run(self) -> tuple[int, int]:
        return self.value, os.getpid()


@dataclass(frozen=True)
class WaitFor:
    """Holds its worker until `path` exists (the test decides when, no clock involved), then answers its pid;
    it leaves `path.<pid>` behind when it starts, so the test knows which workers hold one."""

    path: str

    def run(self) -> int:
        Path(f"{self.path}.{os.getpid()}").touch()
        while not Path(self.path).exists():
            time.sleep(0.01)
        return os.getpid()


@dataclass(frozen=True)
class Forever:
    def run(self) -> None:
        threading.Event().wait()


@dataclass(frozen=True)
class Hog:
    mib: int

    def run(self) -> int:
        return len(bytearray(self.mib * MIB))


@dataclass(frozen=True)
class Die:
    def run(self) -> None:
        os._exit(7)


@dataclass(frozen=True)
class Fails:
    def run(self) -> None:
        raise ValueError("a job that raises")


def _pool(workers: int = 1, seconds: float = 30.0, queue: int = 4, memory_mib: int = 1024) -> AuditPool:
    return AuditPool(workers, seconds, memory_mib, queue, prepare=no_preparation)


@pytest.fixture()
def pools():
    made: list[AuditPool] = []

    def make(**settings: object) -> AuditPool:
        made.append(_pool(**settings))
        return made[-1]

    yield make
    for pool in made:
        pool.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_concurrent_jobs_from_threads_each_get_their_own_answer(pools):
    pool = pools(workers=2, queue=30)
    with ThreadPoolExecutor(16) as threads:
        answers = list(threads.map(lambda n: pool.run_sync(Echo(n))[0], range(32)))
    assert answers == list(range(32))


def test_concurrent_jobs_on_one_event_loop_each_get_their_own_answer(pools):
    pool = pools(workers=2, queue=30)

    async def all_of_them() -> list[int]:
        return [value for value, _ in await asyncio.gather(*(pool.run(Echo(n)) for n in range(24)))]

    assert asyncio.run(all_of_them()) == list(range(24))


def test_an_answer_under_another_job_id_is_never_handed_over(pools):
    """A worker whose answer carries another id (a stale answer) is replaced and the caller told, not given it."""
    pool = pools()

    class Stale:
        def __init__(self) -> None:
            self.killed = False
            self.conn = self

        def send(self, _message: object) -> None:
            pass

        def poll(self, _timeout: float) -> bool:
            return True

        def recv(self) -> tuple[str, object, str]:
            return "another-job", "someone else's report", "done"

        def kill(self) -> None:
            self.killed = True

    stale = Stale()
    with pytest.raises(WorkerLost):
        pool._call(stale, Echo(1))
    assert stale.killed


def _held_by_both_workers(pool: AuditPool, folder: Path) -> set[int]:
    """The pids of a two-worker pool: two jobs held at once, so each is on its own worker."""
    release = folder / "release"

    async def both() -> list[int]:
        held = [asyncio.ensure_future(pool.run(WaitFor(str(release)))) for _ in range(2)]
        while len(list(folder.glob("release.*"))) < 2:
            await asyncio.sleep(0.01)
        release.touch()
        return await asyncio.gather(*held)

    return set(asyncio.run(both()))


def test_a_job_over_the_time_limit_kills_only_its_worker(pools, tmp_path):
    pool = pools(workers=2, seconds=1.0)
    pids = _held_by_both_workers(pool, tmp_path)
    assert len(pids) == 2
    with pytest.raises(TimedOut) as timed_out:
        pool.run_sync(Forever())
    assert timed_out.value.status == 504
    assert "1 s" in timed_out.value.text.texts["en"] and "1 秒" in timed_out.value.text.texts["zh"]
    assert sum(_alive(pid) for pid in pids) == 1  # its worker was killed, the other left alone
    assert pool.run_sync(Echo(5))[0] == 5  # and the pool still answers


def test_a_memory_bomb_fails_its_job_and_the_worker_is_replaced(pools):
    pool = pools(memory_mib=512)
    pid = pool.run_sync(Echo(0))[1]
    with pytest.raises(OverMemory) as over:
        pool.run_sync(Hog(4096))
    assert over.value.status == 422 and "512 MiB" in over.value.text
    value, fresh = pool.run_sync(Echo(1))
    assert value == 1 and fresh != pid


def test_a_worker_that_dies_is_replaced(pools):
    pool = pools()
    with pytest.raises(WorkerLost) as lost:
        pool.run_sync(Die())
    assert lost.value.status == 503 and lost.value.text.texts["zh"]
    assert pool.run_sync(Echo(2))[0] == 2


def test_a_job_that_raises_fails_alone_and_the_worker_stays(pools):
    pool = pools()
    pid = pool.run_sync(Echo(0))[1]
    with pytest.raises(WorkerLost):
        pool.run_sync(Fails())
    assert pool.run_sync(Echo(3)) == (3, pid)


def test_a_full_pool_answers_busy_with_when_to_retry(pools, tmp_path):
    pool = pools(workers=1, queue=1)
    release = tmp_path / "release"

    async def crowd() -> Busy:
        held = [asyncio.ensure_future(pool.run(WaitFor(str(release)))) for _ in range(2)]  # one runs, one waits
        await asyncio.sleep(0)  # both admitted
        try:
            with pytest.raises(Busy) as busy:
                await pool.run(Echo(1))
        finally:
            release.touch()
            await asyncio.gather(*held)
        return busy.value

    busy = asyncio.run(crowd())
    assert busy.status == 503 and busy.retry_after >= 1
    assert "1" in busy.text.texts["en"] and "排队" in busy.text.texts["zh"]
    assert pool.run_sync(Echo(4))[0] == 4  # room again once they finished


def test_closing_stops_every_worker_and_refuses_new_jobs(pools, tmp_path):
    pool = pools(workers=2)
    pids = _held_by_both_workers(pool, tmp_path)
    pool.close()
    assert not any(_alive(pid) for pid in pids)
    with pytest.raises(Closed):
        pool.run_sync(Echo(1))
