"""`kpi-audit history ORG`: an organisation's saved audits over time."""
from __future__ import annotations

from pathlib import Path

import click

from cli.common import InputError, emit, fail, lang_choice
from cli.store_options import db_option, open_store_or_fail
from history.store import StoreError
from history.view import FORMATS, history_data, render

SUFFIXES = {".json": "json", ".html": "html", ".htm": "html", ".txt": "table"}
MESSAGES = {"contradicts": {"en": "--format {fmt} contradicts --out {out}; name the file *{expected} or leave out "
                                  "--format",
                            "zh": "--format {fmt} 与 --out {out} 矛盾；请把文件命名为 *{expected}，或去掉 --format"}}


def _format(fmt: str | None, out: Path | None, lang: str) -> str:
    """--format, else the one --out's suffix names, else a table; a suffix naming another format is refused."""
    named = SUFFIXES.get(out.suffix.lower()) if out is not None else None
    if fmt is not None and named is not None and named != fmt:
        expected = next(suffix for suffix, f in SUFFIXES.items() if f == fmt)
        raise InputError(MESSAGES["contradicts"][lang].format(fmt=fmt, out=out, expected=expected))
    return fmt or named or "table"


@click.command()
@click.argument("org")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="table (default), json, or html (a self-contained page with trend charts); default from the "
                   "--out suffix.")
@lang_choice("Language of the table, page and messages")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
def history(org: str, db: Path | None, fmt: str | None, lang: str, out: Path | None) -> None:
    """The saved audits of organisation ORG (its id in the intake) over time: date, score and band, potential,
    dimension scores and findings by severity.

    Audits are saved with `kpi-audit audit INTAKE --save`. Exit status 2 when the store is missing or not a
    kpi-audit store, or has no audit of ORG (the message names the organisations it has).

    \b
    Examples:
      kpi-audit history nova-home
      kpi-audit history nova-home --lang zh --out history.html
      kpi-audit history nova-home --db audits.db --format json
    """
    fmt = _format(fmt, out, lang)
    with open_store_or_fail(db, create=False) as store:
        try:
            audits = store.history(org)
        except StoreError as exc:
            raise fail(exc) from None
    emit(render(history_data(org, audits), fmt, lang), out)
