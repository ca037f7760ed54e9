"""Portfolio batch throughput: a synthetic portfolio of 200+ small clients audited by `kpi-audit batch` with
1 and 2 workers, against one single `kpi-audit audit` of one of its clients.

Run: python benchmarks/portfolio.py [--clients 200] [--kpis 20] [--format json]
Prints clients/s for each worker count, the whole batch as a multiple of one audit command (target: at most
about 15x), and the per-client cost inside the batch compared with that command (start-up and imports are paid
once per worker, not per client). `synthetic_portfolio` also builds the tests' portfolios.
"""
from __future__ import annotations

import argparse
import json
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


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--kpis", type=int, default=20)
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "clients"
        first = synthetic_portfolio(folder, args.clients, args.kpis)[0]
        single = min(_timed(["audit", str(first), "--out", str(Path(tmp) / "one.json")]) for _ in range(3))
        print(f"one `kpi-audit audit` of a {args.kpis}-KPI client: {single:.2f} s")
        for workers in (1, 2):
            out = Path(tmp) / f"out-{workers}"
            seconds = _timed(["batch", str(folder), "--out", str(out), "--workers", str(workers), "--force",
                              "--quiet", "--format", args.format])
            print(f"{args.clients} clients, {workers} worker(s): {seconds:.2f} s, {args.clients / seconds:.1f} "
                  f"clients/s, {seconds / single:.1f}x one audit command, per client {seconds / args.clients:.3f} s "
                  f"({seconds / args.clients / single:.2f}x one audit command)")


if __name__ == "__main__":
    main()
