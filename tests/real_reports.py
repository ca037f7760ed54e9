"""The real intakes the root-cause, plan and unit-score tests audit, each audited once per language.

Real means read through the real loader and judged by the shipped ruleset: every bundled example intake, the
transcribed public scorecards in tests/fixtures/real, and the 220-KPI synthetic organisation of the benchmark.
"""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import yaml

from benchmarks.synthetic import organisation
from diagnostics import fact_schema
from engine.audit import run_audit
from engine.loaders import load_intake
from engine.model import Intake
from engine.ruleset import load_ruleset
from tests.conftest import EXAMPLES

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
OVERRIDE = EXAMPLES / "agency-override.yaml"  # a ruleset, not an intake
SYNTHETIC = "synthetic-220"
SYNTHETIC_KPIS = 220
INTAKES = [p.stem for p in sorted(EXAMPLES.glob("*.yaml")) if p != OVERRIDE] + \
          [f"real/{p.stem}" for p in sorted(REAL.glob("*.yaml"))] + [SYNTHETIC]
LANGS = ("en", "zh")


@functools.cache
def intake(name: str) -> Intake:
    if name == SYNTHETIC:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "synthetic.yaml"
            path.write_text(yaml.safe_dump(organisation(SYNTHETIC_KPIS), allow_unicode=True), encoding="utf-8")
            return load_intake(path).intake
    path = REAL / f"{name[5:]}.yaml" if name.startswith("real/") else EXAMPLES / f"{name}.yaml"
    return load_intake(path).intake


@functools.cache
def core():
    return load_ruleset("core", fact_schema())


@functools.cache
def report(name: str, lang: str = "en") -> dict:
    """The audit of a named intake (cached: treat it as read-only)."""
    return run_audit(intake(name), core(), lang)
