"""`kpi-audit init` (a blank intake template) and `kpi-audit convert` (between intake forms)."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from cli.common import InputError, current_lang, fail, lang_choice, say
from engine.errors import UserInputError
from engine.messages import Msg, in_lang

_TEXT_SUFFIXES = {".yaml", ".yml", ".json"}


def _output_form(path: Path) -> str:
    if path.suffix.lower() in _TEXT_SUFFIXES:
        return "text"
    if path.suffix.lower() == ".xlsx":
        return "xlsx"
    if path.suffix:
        raise InputError(in_lang(Msg("unknown_output_form", path=path), current_lang()))
    return "csv"


def _refuse_overwrite(path: Path, force: bool) -> None:
    if os.path.lexists(path) and not force:  # a dangling symbolic link is there too
        raise InputError(in_lang(Msg("path_exists", path=path), current_lang()))


def _written(path: Path, write: Callable[[], None], lang: str) -> None:
    """Run a writer; a write that fails (a refused target, a parent that is a file, a full disk, a name too long)
    is exit 2 with the reason, and the target stays as it was."""
    try:
        write()
    except UserInputError as exc:  # the intake holds what the form cannot store
        raise fail(exc, lang) from None
    except OSError as exc:
        raise InputError(in_lang(Msg("cannot_write", path=path, detail=exc.strerror or exc), lang)) from None


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default=None,
              help="xlsx workbook or CSV folder. Default: xlsx when PATH ends in .xlsx, else csv.")
@lang_choice("Sheet and column names, dropdown values, example rows and the README sheet, and messages")
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
def init(path: Path, fmt: str | None, lang: str, force: bool) -> None:
    """Write a blank intake template to PATH: what a consultant sends a client before a diagnosis.

    \b
    One sheet (or CSV file) per section with the field names, dropdowns for
    enum fields, one filled example row per section, and a README sheet that
    explains every field. The example rows are a valid intake: audit the
    template at once, then replace them with the client's data.

    \b
    Examples:
      kpi-audit init acme-intake.xlsx --lang zh
      kpi-audit init acme-intake --format csv
    """
    from engine.loaders.template import write_template

    fmt = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    _refuse_overwrite(path, force)
    _written(path, lambda: write_template(path, fmt, lang), lang)
    say(Msg("wrote_template", fmt=fmt, path=path), lang)


@click.command()
@click.argument("source", type=click.Path(path_type=str))
@click.argument("target", type=click.Path(path_type=Path))
@lang_choice("Sheet and column names and enum values of a workbook or CSV TARGET, and messages")
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
def convert(source: str, target: Path, lang: str, force: bool) -> None:
    """Convert an intake between forms: YAML/JSON file, .xlsx workbook, CSV folder.

    The form of TARGET follows its name: .yaml/.yml/.json, .xlsx, or no suffix
    for a CSV folder. SOURCE is validated first; nothing is written from an
    invalid intake, and TARGET is replaced atomically.
    """
    from engine.loaders import load_intake
    from engine.loaders.writers import intake_to_raw, write_csv_folder, write_text_form, write_workbook

    form = _output_form(target)
    _refuse_overwrite(target, force)
    try:
        loaded = load_intake(source)
    except UserInputError as exc:
        raise fail(exc, lang) from None
    raw = intake_to_raw(loaded.intake)
    if form == "text":
        _written(target, lambda: write_text_form(raw, target), lang)
    elif form == "xlsx":
        _written(target, lambda: write_workbook(raw, target, lang), lang)
    else:
        _written(target, lambda: write_csv_folder(raw, target, lang), lang)
    say(Msg("wrote", path=target), lang)
