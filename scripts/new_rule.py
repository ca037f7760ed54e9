"""Scaffold a new rule of the newest core ruleset, ruff-style: `scripts/new_rule.py CODE [--name ...]`.

Writes the rule stub rulesets/core/<newest>/rules/<CODE>.yaml (every required field; status preview, since the
newest version; bilingual TODO texts, which the doc meta-test refuses until they are written; a placeholder
condition that never holds, so the stub fires nowhere), its case file tests/rules/cases/<CODE>.yaml (a firing
case, which fails until written, and a passing one), and regenerates docs/rules.md with `kpi-audit rules docs`.
A code already used by any version, or malformed, is refused with exit 2: codes are never reused.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import yaml

from engine.ruleset_model import DIMENSIONS, SEVERITIES, Rule, SubjectKind

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = get_args(SubjectKind)
CODE_PATTERN = Rule.model_fields["code"].metadata[0].pattern
NAME_PATTERN = Rule.model_fields["name"].metadata[0].pattern


HEADER = """# {code} {name}: see doc below; fixtures in tests/rules/cases/{code}.yaml
# TODO: the condition (engine/conditions.py; the placeholder below never holds) and every TODO text. Declare
# `needs`, `unowned` or `match[].unknown` when the rule cannot judge without some input (rules-v1 1.1).
"""


class Refused(Exception):
    """A request the script will not carry out (exit 2, one line on standard error)."""


def _versions(root: Path) -> list[Path]:
    folders = [p for p in (root / "rulesets" / "core").iterdir() if (p / "ruleset.yaml").is_file()]
    return sorted(folders, key=lambda p: tuple(int(n) for n in p.name.split(".")))


def _rule_files(root: Path) -> dict[str, Path]:
    """Every rule file of every core version by code; a later version's file wins (it has the newest doc)."""
    return {p.stem: p for folder in _versions(root) for p in sorted((folder / "rules").glob("*.yaml"))}


def _dimension_of(code: str, known: dict[str, Path]) -> str | None:
    """The dimension of the rules whose code has the same letters (F05 -> focus), if there are any."""
    letters = code.rstrip("0123456789")
    for other, path in sorted(known.items()):
        if other.rstrip("0123456789") == letters:
            return yaml.safe_load(path.read_text(encoding="utf-8"))["dimension"]
    return None


def rule_stub(code: str, name: str, dimension: str, subject: str, severity: str, since: str) -> dict:
    def todo() -> dict:  # a fresh mapping each time, so the YAML has no anchors
        return {"en": "TODO", "zh": "TODO"}

    return {
        "code": code, "name": name, "dimension": dimension, "subject": subject, "severity": severity,
        "status": "preview", "since": since,
        "source": {"en": "TODO the pitfall this rule encodes, as rules-v1 cites it",
                   "zh": "TODO 本规则对应的陷阱（引用 rules-v1 原文）"},
        "match": [{"fact": subject, "when": {"all": [{"name": {"present": True}}, {"name": {"present": False}}]}}],
        "evidence": [],
        "message": {"en": "TODO one sentence about {subject_name} and the numbers that made it fire.",
                    "zh": "TODO 一句话说明「{subject_name}」及触发的数据。"},
        "remediation": {"owner": "lead_role", "effort": "M", "phase": "60d", "action": todo(),
                        "steps": {"en": ["TODO"], "zh": ["TODO"]}},
        "doc": {"what": todo(), "why": todo(), "fires": todo(), "passes": todo(),
                "example": f"tests/rules/cases/{code}.yaml"},
    }


def case_stub(code: str, subject: str) -> dict:
    return {"rule": code, "cases": {
        "fires_on_todo": {"patch": {}, "expect": [f"{subject}:TODO"]},
        "passes_on_todo_near_miss": {"patch": {}, "expect": []},
    }}


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def new_rule(root: Path, code: str, name: str | None, dimension: str | None, subject: str, severity: str) -> list[Path]:
    """Write the stub and the case file, regenerate the docs; the paths written."""
    if not re.fullmatch(CODE_PATTERN, code):
        raise Refused(f"malformed code '{code}': letters then digits, like F05 or XYZ101")
    known = _rule_files(root)
    case_file = root / "tests" / "rules" / "cases" / f"{code}.yaml"
    if code in known or case_file.exists():
        raise Refused(f"code {code} is already used ({known.get(code, case_file)}); codes are never reused")
    name = name or f"todo-{code.lower()}"
    if not re.fullmatch(NAME_PATTERN, name):
        raise Refused(f"malformed name '{name}': kebab-case, like too-many-core-kpis")
    dimension = dimension or _dimension_of(code, known)
    if dimension is None:
        raise Refused(f"no rule shares the letters of {code}: give --dimension")
    newest = _versions(root)[-1]
    rule_file = newest / "rules" / f"{code}.yaml"
    rule_file.write_text(HEADER.format(code=code, name=name)
                         + _dump(rule_stub(code, name, dimension, subject, severity, newest.name)), encoding="utf-8")
    case_file.write_text(_dump(case_stub(code, subject)), encoding="utf-8")
    docs = root / "docs" / "rules.md"
    done = subprocess.run([sys.executable, "-m", "cli.main", "rules", "docs", "--ruleset", str(newest), "--out",
                           str(docs)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        rule_file.unlink()
        case_file.unlink()
        raise Refused(f"the stub does not load, nothing written: {done.stderr.strip()}")
    return [rule_file, case_file, docs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", help="the new rule code, e.g. F05")
    parser.add_argument("--name", help="kebab-case name (default todo-<code>)")
    parser.add_argument("--dimension", choices=DIMENSIONS, help="default: that of the rules with the same letters")
    parser.add_argument("--subject", choices=SUBJECTS, default="kpi")
    parser.add_argument("--severity", choices=SEVERITIES, default="medium")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (rulesets/, tests/, docs/)")
    args = parser.parse_args(argv)
    try:
        written = new_rule(args.root, args.code, args.name, args.dimension, args.subject, args.severity)
    except Refused as exc:
        print(f"new_rule: {exc}", file=sys.stderr)
        return 2
    print("\n".join(f"wrote {path}" for path in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
