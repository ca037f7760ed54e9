"""`kpi-audit compare OLD NEW`: what changed between two audits of one organisation (history/compare.py)."""
from __future__ import annotations

from pathlib import Path

import click

from cli.common import emit, fail, lang_option
from cli.store_options import db_option, open_store_or_fail
from engine.errors import UserInputError
from history.compare import compare, read_report
from history.compare_view import FORMATS, render
from history.store import StoreError


def report_of(source: str, db: Path | None) -> dict:
    """A report file, or (a whole number that names no file) the id of an audit saved in the store."""
    if source.isdigit() and not Path(source).exists():
        with open_store_or_fail(db, create=False) as store:
            try:
                return store.report(int(source))
            except StoreError as exc:
                raise fail(exc) from None
    try:
        return read_report(source)
    except UserInputError as exc:
        raise fail(exc) from None


@click.command(name="compare")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="Output format.")
@lang_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
@db_option
def compare_cmd(old: str, new: str, fmt: str, lang: str, out: Path | None, db: Path | None) -> None:
    """Compare two audits: new, resolved and persisting findings and root causes, and the score change.

    OLD and NEW are JSON reports (`kpi-audit audit … --out report.json`) or ids of audits saved with --save
    (see `kpi-audit history ORG`). When the two used different rulesets, findings the rules changed are
    listed apart from those the organisation changed.

    \b
    Examples:
      kpi-audit compare q3.json q4.json --format md
      kpi-audit compare 12 17 --lang zh --out changes.html
    """
    emit(render(compare(report_of(old, db), report_of(new, db)), fmt, lang), out)
