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


def test_every_command_shown_in_a_code_block_exists():
    """A `kpi-audit …` line in a README code block names a real command, its options and accepted choices."""
    from tests.test_docs import check_command, kpi_audit_commands

    commands = kpi_audit_commands(README)
    assert len(commands) >= 5
    for args in commands:
        check_command(args)


def test_readme_lists_every_intake_section_and_no_link_leaves_the_repository():
    from engine.model import SECTIONS

    intake = README[README.index("## The intake"):README.index("## The rules")]
    assert all(f"`{section}`" in intake for section in SECTIONS)
    assert "../shared" not in README
    assert "](docs/intake.md)" in intake and "](docs/report.md)" in README


def test_enum_spellings_shown_in_the_readme_are_accepted():
    """`每月` = `monthly`-style examples in the intake section read as the value they are said to be."""
    import re

    from tests.test_docs import _load, _script

    docs = _script()
    enum_fields = docs.enum_fields()
    intake = README[README.index("## The intake"):README.index("## The rules")]
    pairs = [(a, b) for a, b in re.findall(r"`([^`]+)` = `([^`]+)`", intake)
             if any(b in docs.enum_values(s, f) for s, f in enum_fields)]
    assert len(pairs) >= 4
    for spelling, value in pairs:
        fields = [(s, f) for s, f in enum_fields if value in docs.enum_values(s, f)]
        assert any(_load(s, f, spelling) == value for s, f in fields), (spelling, value)
