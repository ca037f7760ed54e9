"""Portfolio batch throughput: a synthetic portfolio of 200+ small clients audited by `kpi-audit batch` with
1 and 2 workers, against one single `kpi-audit audit` of one of its clients.

Run: python benchmarks/portfolio.py [--clients 200] [--kpis 20] [--format json]
Prints clients/s for each worker count, the whole batch as a multiple of one audit command (target: at most
about 15x), the CPU seconds (which do not depend on the machine's other load), and the per-client cost inside the batch compared with that command (start-up and imports are paid
once per worker, not per client). `synthetic_portfolio` also builds the tests' portfolios.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import organisation  # noqa: E402


def synthetic_portfolio(folder: Path, count: int, kpis: int = 20) -> list[Path]:
    """`count` synthetic clients client-000.json … in `folder`, each a different organisation (seed, name, id)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        data = organisation(kpis, seed=index)
        data["organization"].update(id=f"client-{index:03d}", name=f"Client {index:03d}")
        path = folder / f"client-{index:03d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def _cpu() -> float:
    """CPU seconds of every finished child process (a batch's workers included: the batch waited for them)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command; CPU seconds do not depend on what else the machine runs."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, check=False, capture_output=True)
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--kpis", type=int, default=20)
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "clients"
        first = synthetic_portfolio(folder, args.clients, args.kpis)[0]
        single, single_cpu = min(_timed(["audit", str(first), "--out", str(Path(tmp) / "one.json")])
                                 for _ in range(3))
        print(f"one `kpi-audit audit` of a {args.kpis}-KPI client: {single:.2f} s ({single_cpu:.2f} CPU s)")
        for workers in (1, 2):
            out = Path(tmp) / f"out-{workers}"
            seconds, cpu = _timed(["batch", str(folder), "--out", str(out), "--workers", str(workers), "--force",
                              "--quiet", "--format", args.format])
            print(f"{args.clients} clients, {workers} worker(s): {seconds:.2f} s, {args.clients / seconds:.1f} "
                  f"clients/s, {seconds / single:.1f}x one audit command, per client {seconds / args.clients:.3f} s "
                  f"({seconds / args.clients / single:.2f}x one audit command); {cpu:.1f} CPU s, "
                  f"{cpu / args.clients:.3f} CPU s per client")


if __name__ == "__main__":
    main()
