"""Intake loaders: every form (YAML/JSON, .xlsx, CSV folder) -> the same `Intake`.

`load_intake` picks the form from the path, reads it within fixed limits and
validates it; any problem becomes an `IntakeError` naming the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import IntakeError
from engine.messages import Msg
from engine.model import Intake
from engine.validate import build_intake, path_locator


@dataclass(frozen=True)
class LoadedIntake:
    intake: Intake
    source: str
    warnings: list[str] = field(default_factory=list)


def load_intake(path: str | Path) -> LoadedIntake:
    """Read, parse and validate an intake; raise `IntakeError` (exit 2) on any problem."""
    from engine.loaders import csv_folder, text_forms, workbook
    from engine.loaders.tables import sections_from_sheets
    from engine.loaders.template import still_the_example

    path = Path(path)
    if not path.exists():
        raise IntakeError(str(path), Msg("no_such_path"))
    form = intake_form(path)
    sheet_warnings: list[str] = []
    if form == "yaml":
        raw, locate = text_forms.read_structured(path), path_locator
    else:
        reader = workbook.read_sheets if form == "xlsx" else csv_folder.read_sheets
        raw, locate, sheet_warnings, problems = sections_from_sheets(reader(path))
        if problems:
            raise IntakeError(str(path), problems)
    try:
        intake, warnings = build_intake(raw, locate)
    except IntakeError as exc:
        raise IntakeError(str(path), exc.problem_list()) from None
    return LoadedIntake(intake, str(path), sheet_warnings + warnings + still_the_example(intake))


def intake_form(path: Path) -> str:
    """`csv` for a folder, `xlsx` for a workbook, else `yaml` (YAML or JSON text)."""
    if path.is_dir():
        return "csv"
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return "xlsx"
    if path.suffix.lower() == ".csv":
        raise IntakeError(str(path), Msg("csv_give_folder"))
    return "yaml"
