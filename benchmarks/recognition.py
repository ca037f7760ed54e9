"""Precision and recall of catalogue 1.1's recognition on real KPI names, and its throughput.

Run: python benchmarks/recognition.py [--catalogue metrics@1.1.0] [--misses NAME] [--strict]
The names are tests/fixtures/kpi_names/{dev,holdout,final,final2,…}.tsv (name, lang, expected, source;
expected is a catalogue id, `behaviour`, or `-` for a name that denotes no catalogue metric), from public sources
(SOURCES.md, FINAL_SOURCES.md, FINAL2_SOURCES.md …). Every final*.tsv is scored, in number order. Every one of
them but the newest has been looked at while tuning (dev and holdout from the start, each final set after a first
untouched measurement, recorded in its SOURCES file); a new list stays honest only until its misses are read. A
reading of a metric listed in narrower.tsv counts as correct for the metric it names there: a broader one
(`live-gmv` for `gmv`), or the id the labellers used for it because their ids (those of the earlier lists) lacked
it (`add-to-carts` for `add-to-cart-rate`); --strict scores without that file.

precision = correct metric readings / all metric readings; recall = correct metric readings / names whose expected
is a metric id; behaviour = behaviour items read as behaviour / behaviour items (reported apart); shortlist =
metric names read as nothing whose expected id is among the 3 closest metrics `kpi-audit catalogue match` offers
(engine/suggest.py; a shortlist for an override synonym, never a reading).
Throughput reads every distinct name with an empty cache (a fresh catalogue each round), best of --repeat; then
hostile names, each as long as an intake allows (engine.model.NAME_MAX), built to make a reader backtrack or recurse
(`Rate of Rate of …`, `a by xxxx…1`), each read likewise: the slowest one's time is what one name can cost an
audit.
A catalogue the ruleset loader would refuse (engine.catalogue.document_problems) is not scored: its problems are
printed and the script exits.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.catalogue import Catalogue, document_problems  # noqa: E402
from engine.model import NAME_MAX  # noqa: E402
from engine.ruleset import load_catalogue  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "kpi_names"
FILES = ("dev", "holdout", *sorted((p.stem for p in FIXTURES.glob("final*.tsv")), key=lambda s: int(s[5:] or 1)))
NOT_METRICS = ("-", "behaviour")


@dataclass
class Score:
    """Counts behind precision, recall and behaviour accuracy for one set of names."""

    names: int = 0
    correct: int = 0          # metric readings equal to the expected id
    readings: int = 0         # names read as some metric
    metric_names: int = 0     # names whose expected is a metric id
    behaviour_found: int = 0  # behaviour items read as behaviour
    behaviour_names: int = 0
    unread: int = 0           # names whose expected is a metric id, read as neither a metric nor behaviour
    shortlisted: int = 0      # of those, the expected id is among the 3 closest metrics (Catalogue.closest)

    @property
    def precision(self) -> float:
        return self.correct / self.readings if self.readings else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.metric_names if self.metric_names else 1.0

    @property
    def behaviour(self) -> float:
        return self.behaviour_found / self.behaviour_names if self.behaviour_names else 1.0

    @property
    def shortlist(self) -> float:
        return self.shortlisted / self.unread if self.unread else 1.0


def load_names(name: str) -> list[dict]:
    """The rows of one of the labelled files (dev, holdout, final, narrower)."""
    with (FIXTURES / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


NARROWER = {row["metric"]: row["counts_as"] for row in load_names("narrower")}


def correct(reading_id: str, expected: str, narrower: dict[str, str] = NARROWER) -> bool:
    return reading_id == expected or narrower.get(reading_id) == expected


def score(catalogue: Catalogue, rows: list[dict], narrower: dict[str, str] = NARROWER) -> Score:
    result = Score()
    for row in rows:
        reading = catalogue.read(row["name"])
        expected = row["expected"]
        result.names += 1
        if expected == "behaviour":
            result.behaviour_names += 1
            result.behaviour_found += reading.behaviour is not None
        if expected not in NOT_METRICS:
            result.metric_names += 1
            if reading.unread:
                result.unread += 1
                result.shortlisted += any(correct(m.id, expected, narrower) for m in catalogue.closest(row["name"]))
        if reading.metric is not None:
            result.readings += 1
            result.correct += correct(reading.metric.id, expected, narrower)
    return result


def misses(catalogue: Catalogue, rows: list[dict]) -> list[str]:
    """One line per name read otherwise than labelled."""
    lines = []
    for row in rows:
        reading = catalogue.read(row["name"])
        got = reading.metric.id if reading.metric else ("behaviour" if reading.behaviour else "-")
        if not correct(got, row["expected"]) and not (row["expected"] == "-" and got == "behaviour"):
            lines.append(f"{row['name']}\texpected {row['expected']}\tread {got} ({reading.why}; "
                         f"left {', '.join(reading.detail.leftover) or '-'})")
    return lines


def _line(label: str, result: Score) -> str:
    return (f"{label:<16} {result.names:>5} {result.precision:>9.3f} "
            f"({result.correct}/{result.readings}) {result.recall:>7.3f} ({result.correct}/{result.metric_names}) "
            f"{result.behaviour:>9.3f} ({result.behaviour_found}/{result.behaviour_names}) "
            f"{result.shortlist:>9.3f} ({result.shortlisted}/{result.unread})")


def _seconds(document: dict, names: list[str], repeat: int) -> float:
    """Seconds to read the names with an empty cache (a fresh catalogue each round), best of `repeat`: a garbage
    collection of what was read before can land in one round and is no cost of these names."""
    best = float("inf")
    for _ in range(repeat):
        catalogue = Catalogue.from_document(document)
        start = time.perf_counter()
        for name in names:
            catalogue.read(name)
        best = min(best, time.perf_counter() - start)
    return best


def throughput(document: dict, names: list[str], repeat: int) -> float:
    """Distinct names read per second with an empty cache."""
    return len(names) / _seconds(document, names, repeat)


def hostile_names() -> dict[str, str]:
    """Names of NAME_MAX characters shaped against each retry and split of the reader."""
    def fill(unit: str, tail: str = "") -> str:
        return (unit * NAME_MAX)[:NAME_MAX - len(tail)] + tail

    return {"rate of, nested": fill("Rate of ", "returns"), "by, then one long word": "a by " + fill("x", "1")[5:],
            "by, repeated": fill("a by b "), "one Latin word": fill("x"), "spaces": "rate of x" + fill(" ", "y")[9:],
            "slashes": fill("销售额/"), "per, repeated": fill("a per "), "average inside": fill("平均", "响应时长"),
            "brackets": fill("GMV (GMV) "), "Latin run into Chinese": fill("Sales ", "销售额x"),
            "to, then ratio": fill("orders to ", "ratio"), "share of, repeated": fill("a as % of "),
            "占, repeated": fill("订单占", "比例"), "equals signs": fill("ROAS = "), "camelCase joins": fill("aOnTo"),
            "Cyrillic lookalikes": fill("Рс "), "judged category, repeated": fill("工作态度-"),
            "judged terms, joined": fill("态度与协作与纪律与沟通、"),
            "bracketed formulas": "沟通能力" + fill("（销售额/订单数）")[4:], "questions": fill("GMV? ")}


def slowest_hostile(document: dict, repeat: int) -> tuple[str, float]:
    """The slowest hostile name and its seconds, each read with an empty cache, best of `repeat`."""
    times = {label: _seconds(document, [name], repeat) for label, name in hostile_names().items()}
    return max(times.items(), key=lambda item: item[1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", default="metrics@1.1.0", help="catalogue reference (default metrics@1.1.0)")
    parser.add_argument("--misses", choices=FILES, help="also list the names of this file read otherwise")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--strict", action="store_true", help="score exact labels only, without narrower.tsv")
    args = parser.parse_args(argv)
    document = load_catalogue(args.catalogue)
    problems = document_problems(document)
    if problems:   # the loader refuses such a catalogue, so scoring it would measure what no audit can run
        sys.exit("\n".join(f"{args.catalogue}: {where}: {message}" for where, message in problems))
    catalogue = Catalogue.from_document(document)
    narrower = {} if args.strict else NARROWER
    print(f"{args.catalogue}: {len(catalogue.metrics)} metrics{' (exact labels only)' if args.strict else ''}")
    print(f"{'names':<16} {'count':>5} {'precision':>9} {'':>9} {'recall':>7} {'':>9} {'behaviour':>9} {'':>7} "
          f"{'shortlist':>9}")
    every = []
    for name in FILES:
        rows = load_names(name)
        every += rows
        print(_line(name, score(catalogue, rows, narrower)))
        for lang in sorted({r["lang"] for r in rows}):
            print(_line(f"  {lang}", score(catalogue, [r for r in rows if r["lang"] == lang], narrower)))
    distinct = list(dict.fromkeys(r["name"] for r in every))
    print(f"throughput: {throughput(document, distinct, args.repeat):,.0f} distinct names/s uncached "
          f"({len(distinct)} names, best of {args.repeat})")
    label, seconds = slowest_hostile(document, args.repeat)
    print(f"hostile names ({len(hostile_names())} of {NAME_MAX} characters): slowest {seconds * 1000:.1f} ms ({label})")
    if args.misses:
        print(f"\nread otherwise in {args.misses}.tsv:")
        print("\n".join(misses(catalogue, load_names(args.misses))))


if __name__ == "__main__":
    main()
