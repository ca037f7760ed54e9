"""Intake loaders: every form (YAML/JSON, .xlsx, CSV folder) -> the same `Intake`.

`load_intake` picks the form from the path, reads it within fixed limits and
validates it; any problem becomes an `IntakeError` naming the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import IntakeError
from engine.model import Intake
from engine.validate import build_intake, path_locator


@dataclass(frozen=True)
class LoadedIntake:
    intake: Intake
    source: str
    warnings: list[str] = field(default_factory=list)


def load_intake(path: str | Path) -> LoadedIntake:
    """Read, parse and validate an intake; raise `IntakeError` (exit 2) on any problem."""
    from engine.loaders import text_forms

    path = Path(path)
    if not path.exists():
        raise IntakeError(str(path), "no such file or folder")
    if path.is_dir() or path.suffix.lower() in {".xlsx", ".xlsm", ".csv"}:
        raise IntakeError(str(path), "spreadsheet intakes (.xlsx, CSV folder) are not supported yet; "
                                     "use YAML or JSON")
    raw = text_forms.read_structured(path)
    try:
        intake, warnings = build_intake(raw, path_locator)
    except IntakeError as exc:
        raise IntakeError(str(path), exc.problems) from None
    return LoadedIntake(intake, str(path), warnings)
