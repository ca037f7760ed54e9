"""A real `kpi-audit serve` on a loopback port, run as a child process: started, waited for, watched and stopped.

Shared by the live-server test (tests/test_service_server.py) and the load benchmark (benchmarks/service_load.py),
so both start, watch and stop the service the same way. Linux only: the process tree and its memory are read
from /proc, which is also how a stopped server is shown to have left no worker process behind.
"""
from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK_NAMES = ("localhost",)
READY_PATH = "/openapi.json"  # answers without a token once the application has started
STOP_GRACE = 10.0  # seconds between SIGTERM and SIGKILL
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1): the only targets a benchmark may load."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the kernel's pick)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def kpi_audit(*args: object, **kwargs) -> subprocess.CompletedProcess:
    """Run this checkout's `kpi-audit` in a child process, output captured as bytes."""
    return subprocess.run([sys.executable, "-m", "cli.main", *map(str, args)], cwd=ROOT, capture_output=True,
                          check=False, **kwargs)


def create_token(db: Path, tenant: str) -> str:
    """A new token of `tenant`, made by `kpi-audit token create` exactly as an operator makes it."""
    result = kpi_audit("token", "create", "--tenant", tenant, "--db", db)
    if result.returncode != 0:
        raise RuntimeError(f"token create failed: {result.stderr.decode(errors='replace')}")
    return result.stdout.decode().strip()


@dataclass(frozen=True)
class ProcessInfo:
    """One process as /proc shows it; `start` (clock ticks after boot) tells a live pid from a reused one."""

    pid: int
    start: int
    state: str
    rss: int  # bytes resident now
    pss: int  # bytes resident now, each shared page divided among its sharers (what the process tree really holds)
    hwm: int  # bytes: peak resident set (VmHWM)
    cpu: float  # seconds of user + system time


def process_info(pid: int) -> ProcessInfo | None:
    """What /proc says of `pid`, or None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # the command name may hold spaces and parentheses
    kib = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in (status + rollup).splitlines()
           if line.startswith(("VmRSS:", "VmHWM:", "Pss:"))}
    return ProcessInfo(pid=pid, start=int(fields[19]), state=fields[0], rss=kib.get("VmRSS", 0),
                       pss=kib.get("Pss", 0), hwm=kib.get("VmHWM", 0),
                       cpu=(int(fields[11]) + int(fields[12])) / CLOCK_TICKS)


def children(pid: int) -> list[int]:
    """Direct children of `pid`, over all its threads."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (its workers, their helpers), breadth first."""
    found, todo = [], [pid]
    while todo:
        below = children(todo.pop())
        found += below
        todo += below
    return found


def is_alive(info: ProcessInfo) -> bool:
    """Whether the process seen as `info` still exists (not a zombie, and not another process given its pid)."""
    now = process_info(info.pid)
    return now is not None and now.start == info.start and now.state != "Z"


def still_alive(infos: list[ProcessInfo], wait: float = 10.0) -> list[ProcessInfo]:
    """Those of `infos` still alive after waiting up to `wait` seconds for them to go (a worker killed by its
    parent's death takes a moment to disappear)."""
    deadline = time.monotonic() + wait
    while True:
        alive = [info for info in infos if is_alive(info)]
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.05)


class LiveServer:
    """`kpi-audit serve` on `host`:`port` over the service database `db`, with extra `serve` options."""

    def __init__(self, db: Path, options: tuple[str, ...] = (), host: str = "127.0.0.1", log: Path | None = None):
        if not is_loopback(host):
            raise ValueError(f"only a loopback address may be served and loaded, not {host!r}")
        self.db, self.options, self.host = db, options, host
        self.port = free_port(host)
        self.log = log or db.with_suffix(".log")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None, "the server is not started"
        return self.process.pid

    def start(self, timeout: float = 60.0) -> None:
        """Start the server and return once it answers; raise (with its log) if it exits or stays silent."""
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cli.main", "serve", "--host", self.host, "--port", str(self.port),
                 "--db", str(self.db), *self.options],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.log_text()}")
            if self.answers():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer within {timeout} s:\n{self.log_text()}")

    def answers(self, timeout: float = 2.0) -> bool:
        """Whether the server answers a plain GET right now."""
        try:
            with urllib.request.urlopen(self.url + READY_PATH, timeout=timeout) as reply:
                return reply.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def tree(self) -> list[ProcessInfo]:
        """The server and every process below it, as /proc shows them now."""
        infos = [process_info(pid) for pid in [self.pid, *descendants(self.pid)]]
        return [info for info in infos if info is not None]

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL (to the whole process group) if it has not exited within the grace period;
        returns the exit status (negative: the signal that ended it)."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            return self.process.wait()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextmanager
def running(db: Path, options: tuple[str, ...] = (), host: str = "127.0.0.1") -> Iterator[LiveServer]:
    """A started server, stopped whatever happens in the block."""
    server = LiveServer(db, options, host)
    try:
        server.start()
        yield server
    finally:
        server.stop()
