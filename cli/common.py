"""What every command shares: the exit-2 error, the ruleset and language options, output."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.atomic import write_text_atomically
from engine.errors import UserInputError


class InputError(click.ClickException):
    """Invalid input or usage: report-v1 says exit status 2, message on stderr."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"kpi-audit: {self.format_message()}", err=True)


def fail(exc: UserInputError) -> InputError:
    return InputError(exc.render())


ruleset_option = click.option(
    "--ruleset", "ruleset_spec", default="core", show_default=True, metavar="NAME[@VERSION]|FILE",
    help="Shipped ruleset (core = newest, core@1.0.0 or core@1), or a ruleset/override YAML file.")
lang_option = click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
                           help="Report language.")


def load_ruleset_or_fail(spec: str):
    from diagnostics import fact_schema
    from engine.ruleset import load_ruleset

    try:
        return load_ruleset(spec, fact_schema())
    except UserInputError as exc:
        raise fail(exc) from None


def emit(text: str, out: Path | None) -> None:
    """The text to --out (atomically) or to standard output as UTF-8."""
    if out is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    try:
        write_text_atomically(out, text)
    except OSError as exc:
        raise InputError(f"{out}: cannot write: {exc.strerror or exc}") from None
