"""`kpi-audit rules list` and `kpi-audit rules show CODE`: the rules' own documentation."""
from __future__ import annotations

import json
from pathlib import Path

import click

from cli.common import InputError, emit, lang_option, load_ruleset_or_fail, ruleset_option
from reports.rule_docs import rule_rows, rules_markdown, show_rule


@click.group()
def rules() -> None:
    """List the rules of a ruleset, or show one rule's documentation."""


@rules.command("list")
@ruleset_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_rules(ruleset_spec: str, fmt: str) -> None:
    """Code, name, dimension, severity and status of every rule."""
    ruleset = load_ruleset_or_fail(ruleset_spec)
    rows = rule_rows(ruleset)
    if fmt == "json":
        payload = {"ruleset": {"name": ruleset.name, "version": ruleset.version, "sha256": ruleset.sha256},
                   "rules": rows}
        emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", None)
        return
    header = ("code", "name", "dimension", "severity", "status", "since")
    widths = [max(len(header[i]), *(len(str(r[h])) for r in rows)) for i, h in enumerate(header)]
    lines = [f"{ruleset.name} {ruleset.version} ({len(rows)} rules)",
             "  ".join(h.ljust(w) for h, w in zip(header, widths))]
    for row in rows:
        lines.append("  ".join(str(row[h]).ljust(w) for h, w in zip(header, widths)).rstrip())
    emit("\n".join(lines) + "\n", None)


@rules.command("show")
@click.argument("code")
@ruleset_option
@lang_option
def show(code: str, ruleset_spec: str, lang: str) -> None:
    """Rationale, source pitfall, parameters, what fires and what doesn't, and the remediation of CODE."""
    ruleset = load_ruleset_or_fail(ruleset_spec)
    rule = ruleset.rule(code)
    if rule is None:
        raise InputError(f"no rule '{code}' in {ruleset.name} {ruleset.version}; see 'kpi-audit rules list'")
    emit(show_rule(ruleset, rule, lang), None)


@rules.command("docs")
@ruleset_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
def docs(ruleset_spec: str, out: Path | None) -> None:
    """Every rule's documentation as Markdown, both languages (this is docs/rules.md)."""
    emit(rules_markdown(load_ruleset_or_fail(ruleset_spec)), out)
