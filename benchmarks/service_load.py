"""Loopback load test of the audit service: throughput, latency, refusals and the server's peak memory under a
mix of good, large, invalid and hostile uploads (issue 13).

Run: python benchmarks/service_load.py [--seconds 60] [--clients 16] [--host 127.0.0.1] [--workers 2] [--queue 4]

It starts its own `kpi-audit serve` (a temporary service database, one token per tenant), runs `--clients`
concurrent clients for `--seconds` (both bounded), then stops the server and prints: requests/s, p50/p95/p99
latency per kind of upload and overall, status counts, the peak memory of the server and its worker processes
(sampled resident memory of the whole process tree, and each process's VmHWM), their CPU seconds and the load
average (the machine is shared: CPU seconds do not depend on the other load, wall times do). Clients wait as
told by Retry-After on 429/503, as a well-behaved client does. Only a loopback address is ever a target: any
other --host is refused. Exit status 1 when any 5xx, connection error or wrong report happened, or the server
stopped answering.

Every upload is generated at start (nothing big is committed): the examples, 1,000-KPI synthetic intakes
(benchmarks/synthetic.py), an intake with errors, and the hostile classes of benchmarks/hostile_text.py and
benchmarks/hostile_tables.py, a zip bomb (as a workbook and as a zipped CSV folder) and a body over the upload
limit. `UPLOADS` also feeds the live-server test (tests/test_service_server.py).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import hostile_tables, hostile_text  # noqa: E402
from benchmarks.live_server import LiveServer, ProcessInfo, create_token, is_loopback  # noqa: E402
from benchmarks.synthetic import organisation  # noqa: E402
from service.config import ServiceConfig  # noqa: E402

EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-01"
TENANTS = ("agency-a", "agency-b")
SAMPLE_SECONDS = 0.25
PROBE_SECONDS = 2.0
BOMB_BYTES = 120_000_000  # what a zip bomb member inflates to: far past every loader's limit
STATUS_COLUMNS = (200, 413, 422, 429, 503)
MAX_RETRY_WAIT = 10.0


@dataclass(frozen=True)
class Upload:
    """One request body: the file's bytes, the name it is sent under, and the organisation id a good report names
    (None when the upload must be refused)."""

    name: str
    data: bytes
    org_id: str | None = None


def example_uploads(_folder: Path, _upload_mib: int) -> list[Upload]:
    """Every example intake as it is shipped (YAML)."""
    return [Upload(path.name, path.read_bytes(), yaml.safe_load(path.read_text(encoding="utf-8"))["organization"]["id"])
            for path in sorted(EXAMPLES.glob("*.yaml")) if "organization" in path.read_text(encoding="utf-8")]


def kpi1000_uploads(_folder: Path, _upload_mib: int) -> list[Upload]:
    """Three different 1,000-KPI organisations (JSON)."""
    uploads = []
    for seed in range(3):
        raw = organisation(1000, seed=seed)
        raw["organization"].update(id=f"synthetic-{seed}", name=f"Synthetic 1000 #{seed}")
        uploads.append(Upload(f"kpi1000-{seed}.json", json.dumps(raw, ensure_ascii=False).encode(), f"synthetic-{seed}"))
    return uploads


def invalid_uploads(_folder: Path, _upload_mib: int) -> list[Upload]:
    """An intake with two mistakes (an unknown owner, a weight that is not a number): 422 with both."""
    raw = yaml.safe_load((EXAMPLES / "healthy.yaml").read_text(encoding="utf-8"))
    raw["kpis"][0]["owner"] = "nobody"
    raw["kpis"][1]["weight"] = "lots"
    return [Upload("invalid.yaml", yaml.safe_dump(raw, allow_unicode=True).encode())]


def alias_bomb_uploads(folder: Path, _upload_mib: int) -> list[Upload]:
    """The billion laughs (benchmarks/hostile_text.py)."""
    path = hostile_text.yaml_alias_bomb(folder)
    return [Upload(path.name, path.read_bytes())]


def zip_bomb_uploads(_folder: Path, _upload_mib: int) -> list[Upload]:
    """One member inflating to 120 MB from about 120 KB, as a workbook and as a zipped CSV folder."""
    def bomb(members: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return buffer.getvalue()

    sheet = b"<a>" + b" " * BOMB_BYTES + b"</a>"
    rows = b"id,name\n" + b"x,y\n" * (BOMB_BYTES // 4)
    return [Upload("bomb.xlsx", bomb({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet})),
            Upload("bomb.zip", bomb({"kpis.csv": rows}))]


def padded_sheet_uploads(folder: Path, _upload_mib: int) -> list[Upload]:
    """A valid 17 KB workbook whose kpis sheet declares 300,000 rows × 199 columns (benchmarks/hostile_tables.py)."""
    path = hostile_tables.padded_sheet(folder)
    org_id = yaml.safe_load((EXAMPLES / "healthy.yaml").read_text(encoding="utf-8"))["organization"]["id"]
    return [Upload(path.name, path.read_bytes(), org_id)]


def oversized_uploads(_folder: Path, upload_mib: int) -> list[Upload]:
    """A body one MiB over the upload limit: 413 before it is read."""
    return [Upload("oversized.yaml", b"#" * ((upload_mib + 1) << 20))]


@dataclass(frozen=True)
class Kind:
    """A kind of upload: how it is made, how often clients send it (weight) and the statuses that are right for
    it besides 429/503 (busy)."""

    name: str
    make: Callable[[Path, int], list[Upload]]
    weight: int
    expected: tuple[int, ...]


UPLOADS = (Kind("small", example_uploads, 40, (200,)), Kind("kpi1000", kpi1000_uploads, 15, (200,)),
           Kind("invalid", invalid_uploads, 15, (422,)), Kind("alias_bomb", alias_bomb_uploads, 7, (422,)),
           Kind("zip_bomb", zip_bomb_uploads, 7, (422,)), Kind("padded_sheet", padded_sheet_uploads, 8, (200, 422)),
           Kind("oversized", oversized_uploads, 8, (413,)))
BUSY = (429, 503)


def post_audit(client: httpx2.Client, upload: Upload, **form: str) -> httpx2.Response:
    """POST /v1/audits with `upload` as the file and the CLI's options as form fields."""
    fields = {"lang": "en", "as_of": AS_OF, **form}
    return client.post("/v1/audits", files={"intake": (upload.name, upload.data)}, data=fields)


@dataclass
class Tally:
    """What the clients saw, shared between their threads under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # served (not busy)
    busy_latencies: list[float] = field(default_factory=list)  # 429/503: refused at once, timed apart
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    unexpected: Counter = field(default_factory=Counter)  # (kind, status) outside the kind's expected ones
    wrong_reports: int = 0  # a 200 naming another organisation than the upload's
    connection_errors: Counter = field(default_factory=Counter)

    def record(self, kind: Kind, upload: Upload, seconds: float, response: httpx2.Response) -> None:
        wrong = response.status_code == 200 and upload.org_id is not None and _org_id(response) != upload.org_id
        with self.lock:
            if response.status_code in BUSY:
                self.busy_latencies.append(seconds)
            else:
                self.latencies[kind.name].append(seconds)
            self.statuses[kind.name][response.status_code] += 1
            if response.status_code not in kind.expected + BUSY:
                self.unexpected[(kind.name, response.status_code)] += 1
            self.wrong_reports += wrong


def _org_id(response: httpx2.Response) -> str | None:
    try:
        return response.json()["organization"]["id"]
    except (ValueError, KeyError, TypeError):
        return None


def client_loop(url: str, token: str, kinds: list[tuple[Kind, list[Upload]]], deadline: float, seed: int,
                tally: Tally, timeout: float) -> None:
    """One client: weighted random uploads until `deadline`, waiting out Retry-After when told to."""
    rnd = random.Random(seed)
    weights = [kind.weight for kind, _ in kinds]
    with httpx2.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=timeout) as client:
        while time.monotonic() < deadline:
            kind, uploads = rnd.choices(kinds, weights)[0]
            upload = rnd.choice(uploads)
            start = time.perf_counter()
            try:
                response = post_audit(client, upload)
            except httpx2.TransportError as exc:
                with tally.lock:
                    tally.connection_errors[type(exc).__name__] += 1
                continue
            tally.record(kind, upload, time.perf_counter() - start, response)
            if response.status_code in BUSY:
                wait = float(response.headers.get("retry-after", "1"))
                time.sleep(max(0.0, min(wait, MAX_RETRY_WAIT, deadline - time.monotonic())))


class Watcher(threading.Thread):
    """Samples the server's process tree (resident memory, VmHWM, CPU) and probes that it answers."""

    def __init__(self, server: LiveServer) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.stop_event = threading.Event()
        self.peak_tree_rss = self.peak_tree_pss = 0
        self.peak_processes = 0
        self.seen: dict[tuple[int, int], ProcessInfo] = {}  # (pid, start) -> its last sample
        self.probes = self.failed_probes = 0

    def sample(self) -> None:
        tree = self.server.tree()
        self.peak_tree_rss = max(self.peak_tree_rss, sum(info.rss for info in tree))
        self.peak_tree_pss = max(self.peak_tree_pss, sum(info.pss for info in tree))
        self.peak_processes = max(self.peak_processes, len(tree))
        for info in tree:
            self.seen[(info.pid, info.start)] = info

    def run(self) -> None:
        next_probe = time.monotonic()
        while not self.stop_event.wait(SAMPLE_SECONDS):
            self.sample()
            if time.monotonic() >= next_probe:
                self.probes += 1
                self.failed_probes += not self.server.answers(timeout=10.0)
                next_probe = time.monotonic() + PROBE_SECONDS

    def cpu_seconds(self) -> float:
        return sum(info.cpu for info in self.seen.values())

    def worker_processes(self) -> int:
        return len(self.seen) - 1


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values` (sorted inside)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))] if ordered else float("nan")


def _latency_row(name: str, values: list[float], statuses: Counter) -> str:
    counts = " ".join(f"{statuses.get(code, 0):5d}" for code in STATUS_COLUMNS)
    other = sum(n for code, n in statuses.items() if code not in STATUS_COLUMNS)
    return (f"{name:13} {len(values):6d} {percentile(values, .5) * 1000:8.0f} {percentile(values, .95) * 1000:8.0f} "
            f"{percentile(values, .99) * 1000:8.0f}  {counts} {other:5d}")


def report(args: argparse.Namespace, tally: Tally, watcher: Watcher, seconds: float, loads: tuple, cpu_self: float,
           server: LiveServer, answered_at_end: bool) -> tuple[str, bool]:
    """The figures as text, and whether the run passed (no 5xx, connection error, wrong report, lost server)."""
    served = [value for values in tally.latencies.values() for value in values]
    answered = len(served) + len(tally.busy_latencies)
    total = Counter()
    for statuses in tally.statuses.values():
        total.update(statuses)
    server_errors = sum(n for code, n in total.items() if code >= 500 and code != 503)
    connection_errors = sum(tally.connection_errors.values())
    header = ("latency of served answers (429/503 apart)\n"
              "kind            served   p50 ms   p95 ms   p99 ms  " + " ".join(f"{c:>5}" for c in STATUS_COLUMNS)
              + " other")
    lines = [f"service load: {args.clients} clients, {seconds:.1f} s, server {server.url} (workers {args.workers}, "
             f"queue {args.queue}, rate limit {args.rate_per_minute}/min per token, upload limit "
             f"{args.max_upload_mib} MiB)",
             f"load average (1/5/15 min): start {loads[0][0]:.2f}/{loads[0][1]:.2f}/{loads[0][2]:.2f}, "
             f"end {loads[1][0]:.2f}/{loads[1][1]:.2f}/{loads[1][2]:.2f} on {os.cpu_count()} CPUs",
             f"requests/s: {answered / seconds:.2f} answered ({answered}), {len(served) / seconds:.2f} served "
             f"(not 429/503), {total[200] / seconds:.2f} reports (200)", header]
    lines += [_latency_row(kind.name, tally.latencies[kind.name], tally.statuses[kind.name]) for kind in UPLOADS
              if tally.statuses[kind.name]]
    lines.append(_latency_row("all", served, total))
    lines.append(_latency_row("busy 429/503", tally.busy_latencies,
                              Counter({code: total[code] for code in BUSY if total[code]})))
    biggest = max(watcher.seen.values(), key=lambda info: info.hwm)
    server_hwm = max(info.hwm for info in watcher.seen.values() if info.pid == server.pid)
    lines += [f"status counts: {dict(sorted(total.items()))}; 5xx (not 503): {server_errors}; connection errors: "
              f"{connection_errors} {dict(tally.connection_errors) or ''}; wrong reports: {tally.wrong_reports}; "
              f"unexpected statuses: {dict(tally.unexpected) or 'none'}",
              f"peak memory of the process tree (sampled every {SAMPLE_SECONDS} s, at most "
              f"{watcher.peak_processes} processes): {watcher.peak_tree_pss / 2**20:.0f} MiB PSS (shared pages "
              f"divided), {watcher.peak_tree_rss / 2**20:.0f} MiB RSS summed; server VmHWM "
              f"{server_hwm / 2**20:.0f} MiB; largest process VmHWM {biggest.hwm / 2**20:.0f} MiB",
              f"CPU seconds: server and workers {watcher.cpu_seconds():.1f} (sampled), load clients {cpu_self:.1f}; "
              f"worker processes seen: {watcher.worker_processes()} (including replacements and the fork server)",
              f"server answered throughout: {watcher.probes - watcher.failed_probes}/{watcher.probes} probes; "
              f"at the end: {'yes' if answered_at_end else 'NO'}"]
    passed = not server_errors and not connection_errors and not tally.wrong_reports and answered_at_end \
        and not watcher.failed_probes and not any(code >= 500 and code != 503 for _, code in tally.unexpected)
    lines.append("PASS" if passed else "FAIL")
    return "\n".join(lines), passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load (1 to 600 s)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (1 to 64)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to serve on (127.0.0.1, ::1, "
                                                            "localhost); nothing else is accepted")
    parser.add_argument("--workers", type=int, default=ServiceConfig.workers)
    parser.add_argument("--queue", type=int, default=ServiceConfig.queue)
    parser.add_argument("--max-upload-mib", type=int, default=ServiceConfig.max_upload_mib)
    parser.add_argument("--audit-seconds", type=float, default=ServiceConfig.audit_seconds)
    parser.add_argument("--rate-per-minute", type=int, default=1_000_000,
                        help="per-token rate limit of the server (high by default: the load measures the audits)")
    parser.add_argument("--out", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not is_loopback(args.host):
        parser.error(f"--host must be a loopback address (127.0.0.1, ::1, localhost), not {args.host!r}")
    if not 1 <= args.seconds <= 600 or not 1 <= args.clients <= 64:
        parser.error("--seconds must be within 1..600 and --clients within 1..64")
    with tempfile.TemporaryDirectory(prefix="service-load-") as tmp:
        folder = Path(tmp)
        kinds = [(kind, kind.make(folder, args.max_upload_mib)) for kind in UPLOADS]
        db = folder / "service.db"
        tokens = [create_token(db, tenant) for tenant in TENANTS]
        server = LiveServer(db, ("--workers", str(args.workers), "--queue", str(args.queue), "--max-upload-mib",
                                 str(args.max_upload_mib), "--audit-seconds", str(args.audit_seconds),
                                 "--rate-per-minute", str(args.rate_per_minute)), host=args.host)
        server.start()
        watcher = Watcher(server)
        tally = Tally()
        try:
            watcher.start()
            loads = [os.getloadavg()]
            cpu_before = resource.getrusage(resource.RUSAGE_SELF)
            start = time.monotonic()
            deadline = start + args.seconds
            threads = [threading.Thread(target=client_loop, daemon=True,
                                        args=(server.url, tokens[n % len(tokens)], kinds, deadline, n, tally,
                                              args.audit_seconds + 30))
                       for n in range(args.clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.monotonic() - start
            cpu_after = resource.getrusage(resource.RUSAGE_SELF)
            loads.append(os.getloadavg())
            watcher.sample()
            answered = server.process.poll() is None and server.answers(timeout=10.0)
        finally:
            watcher.stop_event.set()
            watcher.join()
            server.stop()
        cpu_self = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
        text, passed = report(args, tally, watcher, seconds, tuple(loads), cpu_self, server, answered)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
