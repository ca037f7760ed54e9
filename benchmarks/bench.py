"""Time each stage of an audit on synthetic organisations of ~100, 1,000 and 10,000 KPIs.

Run: python benchmarks/bench.py [--sizes 100,1000,10000] [--repeat 3]
Prints per-stage seconds (best of --repeat) in-process, then the whole CLI
process (start-up and imports included), and how cost grows with size. Like
the CLI's audit command, the in-process stages run with the cyclic GC paused.
"""
from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import organisation  # noqa: E402
from diagnostics import fact_schema, run_probes  # noqa: E402
from engine.audit import assemble_report  # noqa: E402
from engine.findings import compile_rules  # noqa: E402
from engine.graph import build_graph  # noqa: E402
from engine.loaders import load_intake  # noqa: E402
from engine.loaders.writers import intake_to_raw, write_csv_folder, write_text_form, write_workbook  # noqa: E402
from engine.rule_runtime import evaluate  # noqa: E402
from engine.ruleset import load_ruleset  # noqa: E402
from reports import render  # noqa: E402

STAGES = ("load", "graph", "probes", "rules", "report", "total")


def _stages(path: Path, ruleset, schema) -> dict[str, float]:
    times = {}
    t0 = time.perf_counter()
    intake = load_intake(path).intake
    t1 = time.perf_counter()
    graph = build_graph(intake)
    t2 = time.perf_counter()
    facts = run_probes(graph, ruleset.catalogue, intake.organization.audit_date)
    t3 = time.perf_counter()
    compiled = compile_rules(ruleset, schema)
    matches = evaluate(compiled.rules, facts)
    t4 = time.perf_counter()
    report = assemble_report(intake, ruleset, compiled, facts, matches, "en", intake.organization.audit_date, [])
    render(report, "json")
    t5 = time.perf_counter()
    times.update(load=t1 - t0, graph=t2 - t1, probes=t3 - t2, rules=t4 - t3, report=t5 - t4, total=t5 - t0)
    times["findings"] = len(report["findings"])
    times["facts"] = len(facts)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    gc.disable()
    schema = fact_schema()
    ruleset = load_ruleset("core", schema)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            data = organisation(size)
            path = Path(tmp) / f"org-{size}.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            runs = [_stages(path, ruleset, schema) for _ in range(args.repeat)]
            best = {s: min(r[s] for r in runs) for s in STAGES}
            cli = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "cli.main", "audit", str(path), "--out", str(Path(tmp) / "r.json")],
                               cwd=ROOT, check=True, capture_output=True)
                cli.append(time.perf_counter() - start)
            rows.append((size, len(data["kpis"]), runs[0]["facts"], runs[0]["findings"], best, min(cli)))
    print(f"{'KPIs':>7} {'facts':>7} {'findings':>8} " + " ".join(f"{s:>8}" for s in STAGES) + f" {'CLI':>8}")
    for _, kpis, facts, findings, best, cli in rows:
        print(f"{kpis:>7} {facts:>7} {findings:>8} " + " ".join(f"{best[s]:8.3f}" for s in STAGES) + f" {cli:8.3f}")
    for (_, k1, *_, b1, c1), (_, k2, *_, b2, c2) in zip(rows, rows[1:]):
        print(f"x{k2 / k1:.0f} KPIs ({k1} -> {k2}): in-process x{b2['total'] / b1['total']:.1f}, CLI x{c2 / c1:.1f}")
    _forms(sizes[-1], args.repeat)


def _forms(size: int, repeat: int) -> None:
    """Loading (read + validate) the same organisation in each intake form."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "org.json"
        source.write_text(json.dumps(organisation(size), ensure_ascii=False), encoding="utf-8")
        raw = intake_to_raw(load_intake(source).intake)
        paths = {"json": source, "yaml": Path(tmp) / "org.yaml", "xlsx": Path(tmp) / "org.xlsx",
                 "csv": Path(tmp) / "org-csv"}
        write_text_form(raw, paths["yaml"])
        write_workbook(raw, paths["xlsx"], "en")
        write_csv_folder(raw, paths["csv"], "zh")
        times = {}
        for form, path in paths.items():
            runs = []
            for _ in range(repeat):
                start = time.perf_counter()
                load_intake(path)
                runs.append(time.perf_counter() - start)
            times[form] = min(runs)
    print(f"loading the {size}-KPI organisation: " +
          ", ".join(f"{form} {seconds:.2f}s (x{seconds / times['yaml']:.1f} YAML)" for form, seconds in times.items()))


if __name__ == "__main__":
    main()
