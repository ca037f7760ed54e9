"""`kpi-audit batch`: audit a portfolio of clients (the work is in portfolio/; this only reads the options)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from cli.common import fail, lang_option, ruleset_option
from cli.store_options import db_option
from engine.errors import UserInputError
from reports.formats import FORMATS


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the reports (DIR/<client>.<ext>), the portfolio summary (DIR/portfolio.*) and the "
                   "state that lets a rerun skip unchanged clients.")
@click.option("--workers", type=click.IntRange(1, 256), default=None, metavar="N",
              help="Worker processes (default: the number of CPUs).")
@click.option("--format", "formats", default="json", show_default=True, metavar="FORMATS",
              help=f"Report formats, comma-separated ({','.join(FORMATS)}); the JSON report is always written.")
@lang_option
@ruleset_option
@click.option("--force", is_flag=True, help="Audit every client again, even those unchanged since the last run.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="SCORE",
              help="Exit 1 when any client's overall score is below SCORE.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or log lines.")
@click.option("--executor", type=click.Choice(("local", "dask")), default="local", show_default=True,
              help="local worker processes, or a Dask cluster (needs the [dask] extra).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --executor dask; without it Dask starts a "
                   "local cluster of --workers processes.")
@click.option("--save", is_flag=True,
              help="Also save every client's report in the audit store; the summary then shows each client's score "
                   "change since its previous saved audit.")
@db_option
def batch(input_path: Path, out_dir: Path, workers: int | None, formats: str, lang: str, ruleset_spec: str,
          force: bool, fail_under: float | None, quiet: bool, executor: str, scheduler: str | None, save: bool,
          db: Path | None) -> None:
    """Audit every client of a portfolio: INPUT is a folder (each YAML/JSON/.xlsx file or CSV sub-folder is one
    client) or a manifest file listing one intake path per line.

    A client that is invalid or crashes is listed as failed; the others go on. Rerunning the same command skips
    clients whose intake and ruleset are unchanged, so an interrupted batch picks up where it stopped.

    Exit status: 0 every client audited, 1 any failed or scored below --fail-under, 2 invalid usage, 3 an internal
    error (please report it).

    \b
    Examples:
      kpi-audit batch clients/ --out reports/ --format json,html
      kpi-audit batch clients.txt --out reports/ --lang zh --fail-under 60
      kpi-audit batch clients/ --out reports/ --executor dask --scheduler tcp://10.0.0.5:8786
      kpi-audit batch clients/ --out reports/q1 --save --db audits.db
    """
    from portfolio.runner import BatchOptions, parse_formats, run_portfolio

    try:
        options = BatchOptions(out_dir, parse_formats(formats, lang), lang, ruleset_spec, workers or _cpus(), force,
                               fail_under, quiet, executor, scheduler, save, db)
        status = run_portfolio(input_path, options)
    except UserInputError as exc:
        raise fail(exc, lang) from None
    sys.exit(status)
