"""The README stays true: its two commands, every command and audit option, and .ci/run's test command."""
from __future__ import annotations

from cli.main import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev]' && .venv/bin/python -m pytest -q"


def test_ci_runs_the_readme_test_command():
    assert TEST_COMMAND in README
    assert TEST_COMMAND in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert README.index("kpi-audit audit examples/cross-border-seller.yaml") < README.index(TEST_COMMAND)


def test_every_command_and_audit_option_is_documented():
    for name, command in cli.commands.items():
        assert f"kpi-audit {name}" in README, name
        for sub in getattr(command, "commands", {}):
            assert f"kpi-audit {name} {sub}" in README, (name, sub)
    for param in cli.commands["audit"].params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert opt in README, opt
