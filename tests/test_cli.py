"""The command line, sqlite-utils style: every command, every exit status, no traceback."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine.ruleset import load_ruleset
from tests.conftest import EXAMPLES, ROOT

SELLER = str(EXAMPLES / "cross-border-seller.yaml")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_audit_exits_0_with_findings_and_prints_json():
    result = run("audit", SELLER)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["report_version"] == 1 and report["findings"]


def test_fail_under_exits_1():
    result = run("audit", SELLER, "--fail-under", "90")
    assert result.exit_code == 1
    assert "below --fail-under 90" in result.stderr
    assert run("audit", SELLER, "--fail-under", "10").exit_code == 0


def test_invalid_intake_exits_2_with_every_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization: {id: 'bad id', name: X, audit_date: 2026-13-40}\nunits: []\n", encoding="utf-8")
    result = run("audit", str(bad))
    assert result.exit_code == 2
    assert "organization.id" in result.stderr and "organization.audit_date" in result.stderr
    assert "units: required section" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args", [["audit"], ["audit", SELLER, "--format", "docx"], ["audit", SELLER, "--lang", "fr"],
                                  ["audit", "no-such-file.yaml"], ["audit", SELLER, "--as-of", "soon"],
                                  ["rules", "show", "Z99"], ["audit", SELLER, "--ruleset", "core@9"]])
def test_usage_and_missing_input_exit_2(args):
    assert run(*args).exit_code == 2


def test_out_is_written_atomically_and_not_damaged_on_error(tmp_path):
    out = tmp_path / "reports" / "seller.html"
    result = run("audit", SELLER, "--out", str(out))
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    before = out.read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization: 3\n", encoding="utf-8")
    assert run("audit", str(bad), "--out", str(out)).exit_code == 2
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["seller.html"]


@pytest.mark.parametrize(("suffix", "start"), [(".json", "{"), (".md", "# KPI system diagnosis"), (".html", "<!DOCTYPE")])
def test_format_follows_out_suffix(tmp_path, suffix, start):
    out = tmp_path / f"r{suffix}"
    assert run("audit", SELLER, "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_chinese_report():
    result = run("audit", SELLER, "--lang", "zh", "--format", "md")
    assert result.exit_code == 0 and "KPI体系诊断" in result.stdout and "整改计划" in result.stdout and "根本原因" in result.stdout


def test_validate():
    result = run("validate", SELLER)
    assert result.exit_code == 0 and "valid intake" in result.stdout
    assert run("validate", str(ROOT / "no-such.yaml")).exit_code == 2


def test_rules_list_and_show(core, schema):
    listed = json.loads(run("rules", "list", "--format", "json").stdout)
    assert [r["code"] for r in listed["rules"]] == [r.code for r in core.rules]
    assert listed["ruleset"]["version"] == core.version
    table = run("rules", "list")
    assert table.exit_code == 0 and f"{len(core.rules)} rules" in table.stdout
    old = load_ruleset("core@1.0.0", schema)
    assert f"1.0.0 ({len(old.rules)} rules)" in run("rules", "list", "--ruleset", "core@1.0.0").stdout
    shown = run("rules", "show", "f01")
    assert shown.exit_code == 0 and "max_core_kpis" in shown.stdout and "指标过多" in shown.stdout
    assert "核心KPI" in run("rules", "show", "F01", "--lang", "zh").stdout
    assert "Not assessed when: not collected: incentive plans" in run("rules", "show", "I01").stdout
    assert "不评估的情况：未提供激励方案" in run("rules", "show", "I01", "--lang", "zh").stdout
    assert "Not assessed when: never" in run("rules", "show", "I01", "--ruleset", "core@1.0.0").stdout


def test_every_command_has_help():
    commands = [[], ["audit"], ["validate"], ["rules"], ["rules", "list"], ["rules", "show"], ["rules", "docs"]]
    for words in commands:
        result = run(*words, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout, words


def test_real_process_reports_bad_input_without_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[" * 50000, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cli.main", "audit", str(bad)], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and bad.name in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "cli.main", "audit", SELLER, "--format", "md"], capture_output=True,
                        cwd=ROOT, timeout=60)
    assert ok.returncode == 0 and "Nova Home".encode() in ok.stdout
