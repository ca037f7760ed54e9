"""Time and peak memory of hostile YAML/JSON intakes, one class at a time (issue 10, text forms).

Run: python benchmarks/hostile_text.py [--root /tmp/base-wt] [--only NAME,...]
Each class's input is generated at run time into a temporary folder, then `kpi-audit validate` runs on it in a
child process of the code under --root (default: this checkout), so "before" and "after" are measured the same
way. Prints, per class: exit status, wall and CPU seconds, peak RSS (MiB) of the child, and the bytes it wrote to
stderr (a run stopped at --timeout shows as killed).
The target (issue 10): every one within 10 s and 1 GiB, a clear message, exit 2, no traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "rules" / "base.yaml"


def _base() -> dict:
    return yaml.safe_load(BASE.read_text(encoding="utf-8"))


def yaml_plain_scalars(folder: Path) -> Path:
    """60 MB of plain scalars: a valid intake followed by a 15-million item list (the node budget refuses it)."""
    path = folder / "scalars.yaml"
    head = yaml.safe_dump(_base(), allow_unicode=True, sort_keys=False)
    with path.open("w", encoding="utf-8") as out:
        out.write(head + "junk:\n")
        line = "- x\n" * 100_000
        for _ in range(150):
            out.write(line)
    return path


def yaml_deep_flow(folder: Path) -> Path:
    """Nesting far beyond the depth budget, in flow style (`[[[[…`): refused at the first level too deep."""
    path = folder / "deep.yaml"
    path.write_text("organization: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n", encoding="utf-8")
    return path


def yaml_alias_bomb(folder: Path) -> Path:
    """The billion laughs: nine levels of ten aliases each."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    path = folder / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def yaml_sexagesimal(folder: Path) -> Path:
    """A YAML 1.1 base-60 integer of 300,000 digit groups in a text field (quadratic to construct)."""
    raw = _base()
    raw["organization"]["name"] = "__NAME__"
    text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
    path = folder / "sexagesimal.yaml"
    path.write_text(text.replace("__NAME__", "1" + ":59" * 300_000), encoding="utf-8")
    return path


def _json_with_list(folder: Path, name: str, key: str, item: str, count: int) -> Path:
    """The base intake as JSON with `key` set to a list of `count` copies of the JSON text `item`, written as
    text (building such a list as Python objects would cost the generator what it costs the loader)."""
    raw = _base()
    raw[key] = "__LIST__"
    path = folder / name
    path.write_text(json.dumps(raw, default=str).replace('"__LIST__"', "[" + ",".join([item] * count) + "]"),
                    encoding="utf-8")
    return path


def json_empty_records(folder: Path) -> Path:
    """A 3 MB JSON with a million empty KPI records: a million times two problems."""
    return _json_with_list(folder, "empty-records.json", "kpis", "{}", 1_000_000)


def json_empty_records_in_budget(folder: Path) -> Path:
    """100,000 empty KPI records (within the value budget): 200,000 problems, of which 200 are listed."""
    return _json_with_list(folder, "empty-records-100k.json", "kpis", "{}", 100_000)


def json_empty_lists(folder: Path) -> Path:
    """60 MB of `[]` in one JSON list: fifteen million values (the value budget refuses it)."""
    return _json_with_list(folder, "empty-lists.json", "junk", "[]", 20_000_000)


def json_huge_integer(folder: Path) -> Path:
    """An integer of 100,000 digits as a KPI's weight and as the organisation's name."""
    raw = _base()
    raw["kpis"][0]["weight"] = "__BIG__"
    raw["organization"]["name"] = "__BIG__"
    path = folder / "huge-int.json"
    path.write_text(json.dumps(raw, default=str).replace('"__BIG__"', "9" * 100_000), encoding="utf-8")
    return path


def yaml_wide_integer(folder: Path) -> Path:
    """Hexadecimal integers beyond float range (Python holds them; float() and str() do not) in a text field,
    a number field and a whole-number field."""
    raw = _base()
    raw["organization"]["name"] = "__HEX__"
    raw["kpis"][0]["target"] = "__HEX__"
    raw["roles"][0]["headcount"] = "__HEX__"
    path = folder / "wide-int.yaml"
    text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
    path.write_text(text.replace("__HEX__", "0x" + "f" * 20_000), encoding="utf-8")
    return path


def yaml_duplicate_keys(folder: Path) -> Path:
    """A second `reviews:` section and two fields given twice in each of 30,000 records (within the value budget)."""
    raw = _base()
    text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
    records = "".join(f"- id: a{i}\n  id: b{i}\n  name: n\n  name: m\n" for i in range(30_000))
    path = folder / "duplicates.yaml"
    path.write_text(text + "reviews: []\nreviews:\n" + records, encoding="utf-8")
    return path


CLASSES: dict[str, Callable[[Path], Path]] = {
    "yaml-plain-scalars-60MB": yaml_plain_scalars,
    "yaml-deep-flow": yaml_deep_flow,
    "yaml-alias-bomb": yaml_alias_bomb,
    "yaml-sexagesimal-int": yaml_sexagesimal,
    "json-million-empty-kpis": json_empty_records,
    "json-100k-empty-kpis": json_empty_records_in_budget,
    "json-60MB-empty-lists": json_empty_lists,
    "json-100k-digit-int": json_huge_integer,
    "yaml-hex-int-beyond-float": yaml_wide_integer,
    "yaml-duplicate-keys": yaml_duplicate_keys,
}


def measure(root: Path, intake: Path, timeout: float) -> tuple[str, float, float, float, int]:
    """(exit status, wall seconds, CPU seconds, peak RSS MiB, stderr bytes) of `kpi-audit validate` run from `root`.

    os.wait4 gives this child's own resource usage, so each class's peak is its own; CPU seconds (user + system)
    say what the run cost when the shared machine is busy and wall time says little."""
    command = [sys.executable, "-c", "from cli.main import main; main()", "validate", str(intake), "--lang", "en"]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                                 stdout=subprocess.DEVNULL, stderr=err)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        _, wait_status, usage = os.wait4(child.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(wait_status)
        err.seek(0)
        text = err.read()
    status = "killed" if child.returncode < 0 else str(child.returncode)
    if b"Traceback" in text:
        status += " traceback"
    return status, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, len(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code is measured")
    parser.add_argument("--only", default="", help="comma-separated class names (default: all)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is stopped")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(CLASSES)
    print(f"{'class':28} {'exit':>14} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'stderr B':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            intake = CLASSES[name](Path(tmp))
            status, seconds, cpu, rss, err = measure(args.root.resolve(), intake, args.timeout)
            print(f"{name:28} {status:>14} {seconds:8.1f} {cpu:8.1f} {rss:9.0f} {err:10d}", flush=True)
            intake.unlink()


if __name__ == "__main__":
    main()
