"""Shared fixtures: the shipped ruleset, the fact schema, and a helper that audits raw intakes."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diagnostics import fact_schema
from engine.audit import run_audit
from engine.loaders import load_intake
from engine.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RULE_TESTS = Path(__file__).resolve().parent / "rules"


@pytest.fixture(scope="session")
def schema():
    return fact_schema()


@pytest.fixture(scope="session")
def core(schema):
    return load_ruleset("core", schema)


@pytest.fixture(scope="session")
def base_intake() -> dict:
    return yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))


def write_yaml(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def audit_raw(tmp_path, core):
    """Audit a raw intake dict through the real loader; returns the report."""

    def run(raw: dict, ruleset=None, lang: str = "en") -> dict:
        loaded = load_intake(write_yaml(tmp_path / "intake.yaml", raw))
        return run_audit(loaded.intake, ruleset or core, lang, warnings=loaded.warnings)

    return run
