"""`kpi-audit init` (a blank intake template) and `kpi-audit convert` (between intake forms)."""
from __future__ import annotations

from pathlib import Path

import click

from cli.common import InputError, fail
from engine.errors import UserInputError

_TEXT_SUFFIXES = {".yaml", ".yml", ".json"}


def _output_form(path: Path) -> str:
    if path.suffix.lower() in _TEXT_SUFFIXES:
        return "text"
    if path.suffix.lower() == ".xlsx":
        return "xlsx"
    if path.suffix:
        raise InputError(f"{path}: unknown output form; use .yaml, .yml, .json, .xlsx, or a folder name for CSV")
    return "csv"


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InputError(f"{path} exists; pass --force to replace it")


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default=None,
              help="xlsx workbook or CSV folder. Default: xlsx when PATH ends in .xlsx, else csv.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Sheet and column names in English or Chinese.")
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
    write_template(path, fmt, lang)
    click.echo(f"kpi-audit: wrote {fmt} template {path}; fill it in, then: kpi-audit audit {path}", err=True)


@click.command()
@click.argument("source", type=click.Path(path_type=str))
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Sheet and column names of a workbook or CSV TARGET.")
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
        raise fail(exc) from None
    raw = intake_to_raw(loaded.intake)
    if form == "text":
        write_text_form(raw, target)
    elif form == "xlsx":
        write_workbook(raw, target, lang)
    else:
        write_csv_folder(raw, target, lang)
    click.echo(f"kpi-audit: wrote {target}", err=True)
