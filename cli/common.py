"""What every command shares: the exit-2 error, the ruleset and language options (and the language a message
is printed in), output."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from engine.atomic import write_text_atomically
from engine.errors import UserInputError
from engine.messages import LANGS, Msg, in_lang


class InputError(click.ClickException):
    """Invalid input or usage: report-v1 says exit status 2, message on stderr."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"kpi-audit: {self.format_message()}", err=True)


def fail(exc: UserInputError, lang: str | None = None) -> InputError:
    """The exit-2 error of a bad input, its problems in `lang` (default: the running command's --lang)."""
    return InputError(exc.render(lang or current_lang()))


def say(text: str, lang: str | None = None) -> None:
    """A message for the person at the terminal (standard error), in their language."""
    click.echo(f"kpi-audit: {in_lang(text, lang or current_lang())}", err=True)


LANG_VARIABLE = "KPI_AUDIT_LANG"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def default_lang() -> str:
    """`KPI_AUDIT_LANG` when set (anything but en/zh is a usage error naming it), else the locale (the first of
    LC_ALL, LC_MESSAGES, LANG that is set, as POSIX reads them): zh when it starts with zh, else en."""
    chosen = os.environ.get(LANG_VARIABLE, "").strip()
    if chosen:
        if chosen.lower() not in LANGS:
            message = Msg("bad_env_lang", variable=LANG_VARIABLE, value=chosen)
            raise click.UsageError(f"{in_lang(message, 'en')}\n{in_lang(message, 'zh')}")
        return chosen.lower()
    locale = next((os.environ[v] for v in LOCALE_VARIABLES if os.environ.get(v)), "")
    return "zh" if locale.lower().startswith("zh") else "en"


def current_lang() -> str:
    """The --lang of the running command (or its default); en outside a command or when even that is invalid."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.params.get("lang") in LANGS:
            return ctx.params["lang"]
        ctx = ctx.parent
    try:
        return default_lang()
    except click.UsageError:
        return "en"


def _resolve_lang(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    return value or default_lang()


ruleset_option = click.option(
    "--ruleset", "ruleset_spec", default="core", show_default=True, metavar="NAME[@VERSION]|FILE",
    help="Shipped ruleset (core = newest, core@1.0.0 or core@1), or a ruleset/override YAML file.")
def lang_choice(what: str = "Language of the output and messages"):
    """The --lang option of a command; `what` says what the language changes for that command."""
    return click.option(
        "--lang", type=click.Choice(LANGS), default=None, callback=_resolve_lang,
        help=f"{what}: en or zh. Default: ${LANG_VARIABLE}, else zh when the locale (LC_ALL, LC_MESSAGES, LANG) "
             "is Chinese, else en.")


lang_option = lang_choice()


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
        raise InputError(in_lang(Msg("cannot_write", path=out, detail=exc.strerror or exc), current_lang())) from None
