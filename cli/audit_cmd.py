"""`kpi-audit audit` and `kpi-audit validate`."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import click

from cli.common import InputError, emit, fail, lang_option, load_ruleset_or_fail, ruleset_option
from engine.errors import UserInputError

_SUFFIX_FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def _load(intake: str):
    from engine.loaders import load_intake

    try:
        loaded = load_intake(intake)
    except UserInputError as exc:
        raise fail(exc) from None
    for warning in loaded.warnings:
        click.echo(f"kpi-audit: warning: {loaded.source}: {warning}", err=True)
    return loaded


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC for one audit and restore the caller's setting, even on error.

    An audit builds many long-lived objects and no garbage cycles worth collecting: the
    collector's passes cost ~20% of a 10,000-KPI audit (see benchmarks/). The command may
    run in-process (tests, a caller's own Python), so the setting must not leak out.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _as_of(_ctx, _param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command()
@click.argument("intake", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["json", "html", "md"]), default=None,
              help="Report format. Default: from the --out suffix, else json.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file (atomically) instead of standard output.")
@lang_option
@ruleset_option
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="SCORE",
              help="Exit 1 when the overall score is below SCORE (for CI and batch runs).")
@click.option("--as-of", callback=_as_of, default=None, metavar="YYYY-MM-DD",
              help="Audit date, overriding organization.audit_date (default: that, else today).")
def audit(intake: str, fmt: str | None, out: Path | None, lang: str, ruleset_spec: str,
          fail_under: float | None, as_of: dt.date | None) -> None:
    """Audit one INTAKE and write the scored diagnosis and remediation plan.

    INTAKE is a YAML or JSON file, an .xlsx workbook, or a folder of CSV files
    (see `kpi-audit init` for a template).

    Exit status: 0 the audit ran (whatever it found), 1 the score is below
    --fail-under, 2 invalid input or usage.

    \b
    Examples:
      kpi-audit audit examples/cross-border-seller.yaml --format md
      kpi-audit audit intake.yaml --lang zh --out report.html
      kpi-audit audit intake.yaml --ruleset examples/agency-override.yaml --fail-under 70
    """
    from engine.audit import run_audit
    from reports import render

    fmt = fmt or (_SUFFIX_FORMATS.get(out.suffix.lower(), "json") if out else "json")
    with _gc_paused():
        ruleset = load_ruleset_or_fail(ruleset_spec)
        loaded = _load(intake)
        report = run_audit(loaded.intake, ruleset, lang, as_of, loaded.warnings)
        emit(render(report, fmt), out)
    score = report["score"]["overall"]
    if out is not None:
        scores = report["score"]
        upto = f", up to {scores['potential']} once {len(report['to_collect'])} item(s) are collected" \
            if scores["potential"] > score else ""
        click.echo(f"kpi-audit: wrote {out} ({fmt}): score {score} ({scores['band']}{upto}), "
                   f"{report['summary']['findings']} finding(s)", err=True)
    if fail_under is not None and score < fail_under:
        click.echo(f"kpi-audit: score {score} is below --fail-under {fail_under:g}", err=True)
        raise SystemExit(1)


@click.command()
@click.argument("intake", type=click.Path(path_type=str))
def validate(intake: str) -> None:
    """Check an INTAKE (YAML/JSON, .xlsx or CSV folder) and list every problem with its location.

    Audits nothing.

    Exit status 0 when valid (warnings may be printed), 2 when invalid.
    """
    loaded = _load(intake)
    i = loaded.intake
    click.echo(f"{loaded.source}: valid intake for {i.organization.name} ({i.organization.id}): "
               f"{len(i.units)} units, {len(i.roles)} roles, {len(i.kpis)} KPIs, "
               f"{len(loaded.warnings)} warning(s)")


__all__ = ["audit", "validate", "InputError"]
