"""`kpi-audit rules list` and `kpi-audit rules show CODE`: the rules' own documentation."""
from __future__ import annotations

import json
from pathlib import Path

import click

from cli.common import InputError, emit, lang_option, load_ruleset_or_fail, ruleset_option
from engine.messages import Msg, in_lang
from reports.rule_docs import rule_rows, rules_markdown, rules_table, show_rule


@click.group()
def rules() -> None:
    """List the rules of a ruleset, or show one rule's documentation."""


@rules.command("list")
@ruleset_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_rules(ruleset_spec: str, lang: str, fmt: str) -> None:
    """Code, title, dimension, severity, status and version of every rule (JSON: also name and subject)."""
    ruleset = load_ruleset_or_fail(ruleset_spec)
    if fmt == "json":
        payload = {"ruleset": {"name": ruleset.name, "version": ruleset.version, "sha256": ruleset.sha256},
                   "rules": rule_rows(ruleset, lang)}
        emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", None)
        return
    emit(rules_table(ruleset, lang), None)


@rules.command("show")
@click.argument("code")
@ruleset_option
@lang_option
def show(code: str, ruleset_spec: str, lang: str) -> None:
    """Rationale, source pitfall, parameters, what fires and what doesn't, and the remediation of CODE."""
    ruleset = load_ruleset_or_fail(ruleset_spec)
    rule = ruleset.rule(code)
    if rule is None:
        raise InputError(in_lang(Msg("no_rule", code=code, ruleset=f"{ruleset.name} {ruleset.version}"), lang))
    emit(show_rule(ruleset, rule, lang), None)


@rules.command("docs")
@ruleset_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
def docs(ruleset_spec: str, out: Path | None) -> None:
    """Every rule's documentation as Markdown, both languages (this is docs/rules.md)."""
    emit(rules_markdown(load_ruleset_or_fail(ruleset_spec)), out)
