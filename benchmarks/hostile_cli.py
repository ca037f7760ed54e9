"""Exit status, traceback, time and peak memory of the command line on hostile input (issue 10, area D: no
traceback ever, bidi and invisible controls, and the fuzzing suite's cost).

Run: python benchmarks/hostile_cli.py [--root /tmp/base-wt] [--only NAME,...]
Each class's input is generated at run time into a temporary folder; the command runs in a child process of the
code under --root (default: this checkout), so "before" and "after" are measured the same way. Prints, per
class: exit status, whether standard error holds a traceback, wall seconds and CPU seconds (a loaded machine
stretches the first, not the second), peak RSS (MiB, from wait4), and a class-specific verdict. The `fuzz-ci` class times the fuzzing suite's default (CI) profile; it
needs tests/fuzz, so it only runs where that exists.
"""
from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "rules" / "base.yaml"
RLO = "\u202e"
_CLI = ("def _boom(*args, **kwargs):\n    raise KeyError('a defect')\n"
        "from cli.main import main\nmain()")


def _base() -> dict:
    return yaml.safe_load(BASE.read_text(encoding="utf-8"))


def _yaml(folder: Path, raw: dict, name: str = "intake.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Case:
    """One class: how to build its input, the command line, and what to check in the result."""

    name: str
    build: Callable[[Path], list[str]]  # folder -> command arguments
    verdict: Callable[[Path, str], str] = lambda _folder, _err: ""


def huge_int_text(folder: Path) -> list[str]:
    """An integer beyond float range in a text field (the organisation's currency) and a whole-number field."""
    raw = _base()
    raw["organization"]["currency"] = 10 ** 400
    raw["roles"][0]["headcount"] = 10 ** 400
    return ["validate", str(_yaml(folder, raw))]


def long_literal_json(folder: Path) -> list[str]:
    """A 5,000-digit integer literal (beyond Python's 4,300-digit conversion limit) as a JSON weight."""
    import json

    text = json.dumps(_base(), ensure_ascii=False, default=str).replace('"weight": 50', '"weight": ' + "7" * 5000, 1)
    path = folder / "intake.json"
    path.write_text(text, encoding="utf-8")
    return ["validate", str(path)]


def _rlo_intake(folder: Path) -> Path:
    raw = copy.deepcopy(_base())
    raw["units"][1]["name"] = f"Amazon {RLO}US team"
    raw["reviews"] = []  # C01 fires on the unit and names it
    return _yaml(folder, raw)


def bidi_html(folder: Path) -> list[str]:
    """U+202E in a unit name, HTML report: does it leave its sentence open (reversing the rest)?"""
    return ["audit", str(_rlo_intake(folder)), "--out", str(folder / "report.html")]


def bidi_md(folder: Path) -> list[str]:
    """The same in Markdown: does any bidi control reach the page?"""
    return ["audit", str(_rlo_intake(folder)), "--out", str(folder / "report.md")]


def _open_after_name(text: str) -> int:
    """How many sentences leave the override open: an RLO with no PDF/PDI after it before the line ends."""
    count = 0
    for line in text.splitlines():
        at = line.find(RLO)
        if at >= 0 and "\u202c" not in line[at:] and "\u2069" not in line[at:]:
            count += 1
    return count


def _html_verdict(folder: Path, _err: str) -> str:
    text = (folder / "report.html").read_text(encoding="utf-8") if (folder / "report.html").exists() else ""
    return f"{text.count(RLO)} RLO, {_open_after_name(text)} line(s) left reversed"


def _md_verdict(folder: Path, _err: str) -> str:
    text = (folder / "report.md").read_text(encoding="utf-8") if (folder / "report.md").exists() else ""
    return f"{text.count(RLO)} RLO in the Markdown"


def bidi_stderr(folder: Path) -> list[str]:
    """An unknown section whose name holds U+202E and a zero-width space: the warning on standard error."""
    raw = _base()
    raw[f"extra{RLO}section\u200b"] = []
    return ["validate", str(_yaml(folder, raw))]


def _stderr_verdict(_folder: Path, err: str) -> str:
    return f"{err.count(RLO)} RLO, {err.count(chr(0x200B))} zero-width on stderr"


def zero_width_id(folder: Path) -> list[str]:
    """Two KPIs whose ids differ only by a zero-width space."""
    raw = _base()
    raw["kpis"].append(dict(raw["kpis"][0], id=raw["kpis"][0]["id"] + "\u200b"))
    return ["validate", str(_yaml(folder, raw))]


def internal_error(folder: Path) -> list[str]:
    """A defect of ours deep in a stage (the audit raises KeyError): an exit status and one line, or a traceback?"""
    return ["-c", _CLI.replace("main()", "import engine.audit; engine.audit.run_audit = _boom; main()"),
            "audit", str(_yaml(folder, _base()))]


def fuzz_ci(_folder: Path) -> list[str]:
    """The fuzzing suite, default (CI) profile: pytest tests/fuzz."""
    return ["-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "fuzz")]


CASES = [Case("internal-error", internal_error), Case("huge-int-text", huge_int_text),
         Case("5000-digit-json", long_literal_json),
         Case("bidi-html", bidi_html, _html_verdict), Case("bidi-md", bidi_md, _md_verdict),
         Case("bidi-stderr", bidi_stderr, _stderr_verdict), Case("zero-width-id", zero_width_id),
         Case("fuzz-ci", fuzz_ci)]


def measure(root: Path, case: Case) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        args = case.build(folder)
        command = [sys.executable, *(args if args[0] in ("-m", "-c") else ["-c", _CLI, *args])]
        env = {**os.environ, "PYTHONPATH": str(root), "KPI_AUDIT_LANG": "en"}
        err_path = folder / "stderr.txt"
        started = time.perf_counter()
        with open(os.devnull, "wb") as out, open(err_path, "wb") as err:
            child = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=err)
            _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        text = err_path.read_text(encoding="utf-8", errors="replace")
        code = os.waitstatus_to_exitcode(status)
        verdict = case.verdict(folder, text)
        first = next((line for line in text.splitlines() if line.strip()), "")[:90]
    cpu = usage.ru_utime + usage.ru_stime
    return (f"{case.name:16} exit {code}  traceback {'yes' if 'Traceback' in text else 'no ':3}  {seconds:6.2f} s  "
            f"(cpu {cpu:5.2f} s)  {usage.ru_maxrss / 1024:7.1f} MiB  {verdict}\n{'':16} {first}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code runs (default: this one)")
    parser.add_argument("--only", default="", help="comma-separated class names")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    for case in CASES:
        if only and case.name not in only:
            continue
        if case.name == "fuzz-ci" and not (args.root / "tests" / "fuzz").is_dir():
            print(f"{case.name:16} (no tests/fuzz under {args.root})")
            continue
        print(measure(args.root.resolve(), case), flush=True)


if __name__ == "__main__":
    main()
