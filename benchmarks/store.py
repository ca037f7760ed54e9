"""Audit store speed: saves per second (one connection, and one connection per save as batch workers do) and
history queries on a store of 10,000 audits.

Run: python benchmarks/store.py [--audits 10000] [--orgs 100] [--kpis 100]
The saved report is a real audit of a synthetic organisation of about --kpis KPIs; the store is filled with
--orgs organisations of --audits/--orgs audits each, every save a transaction of its own (synchronous FULL).
"""
from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import organisation  # noqa: E402
from diagnostics import fact_schema  # noqa: E402
from engine.audit import run_audit  # noqa: E402
from engine.model import Intake  # noqa: E402
from engine.ruleset import load_ruleset  # noqa: E402
from history.store import open_store, save_report  # noqa: E402
from history.view import history_data, render  # noqa: E402


def _variant(report: dict, org: int, audit: int) -> dict:
    """The report as another organisation's audit on another date (what the store keys on)."""
    other = copy.copy(report)
    other["organization"] = {**report["organization"], "id": f"org-{org:04d}",
                             "audit_date": f"{2000 + audit // 12:04d}-{audit % 12 + 1:02d}-01"}
    return other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audits", type=int, default=10_000)
    parser.add_argument("--orgs", type=int, default=100)
    parser.add_argument("--kpis", type=int, default=100)
    args = parser.parse_args()
    ruleset = load_ruleset("core", fact_schema())
    report = run_audit(Intake.model_validate(organisation(args.kpis, seed=1)), ruleset, "en")
    per_org = args.audits // args.orgs
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        with open_store(db) as store:
            for n in range(args.audits):
                store.save(_variant(report, n % args.orgs, n // args.orgs), "intake")
        filled = time.perf_counter() - start
        print(f"report of {len(report['kpis'])} KPIs, {len(report['findings'])} findings")
        print(f"saves, one connection:      {args.audits / filled:8.0f}/s  ({args.audits} audits, {filled:.1f} s)")
        sample = 200
        start = time.perf_counter()
        for n in range(sample):
            save_report(_variant(report, args.orgs + n, 0), "intake", db)
        print(f"saves, a connection each:   {sample / (time.perf_counter() - start):8.0f}/s  (save_report, as batch)")
        size = db.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("bench.db-*"))
        print(f"store size: {size / 1e6:.1f} MB")
        with open_store(db, create=False) as store:
            timings = {"audits(org)": [], "history table": [], "history html": [], "report(id)": [],
                       "previous(org, report)": []}
            for _ in range(5):
                for name, call in (("audits(org)", lambda: store.audits("org-0042")),
                                   ("history table", lambda: render(history_data("org-0042", store.audits("org-0042")),
                                                                    "table", "en")),
                                   ("history html", lambda: render(history_data("org-0042", store.audits("org-0042")),
                                                                   "html", "zh")),
                                   ("report(id)", lambda: store.report(args.audits // 2)),
                                   ("previous(org, report)", lambda: store.previous("org-0042", report))):
                    start = time.perf_counter()
                    call()
                    timings[name].append(time.perf_counter() - start)
        print(f"on a store of {args.audits + sample} audits, an organisation with {per_org} (best of 5):")
        for name, seconds in timings.items():
            print(f"  {name:24s} {min(seconds) * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
