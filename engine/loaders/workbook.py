"""One .xlsx workbook -> sheets of cell values, read within limits.

The zip directory is checked before openpyxl parses anything (zip bombs, huge
sheets); cells are read in read-only mode with `data_only=True`, so formulas
give their cached values and are never evaluated; macros are ignored.
A percent-formatted number is read as `50%` text, so the model applies the
field's percent rule (weights 50, rates 0.5).
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from engine.errors import IntakeError, Problem
from engine.loaders.tables import MAX_COLUMNS, MAX_ROWS, Sheet
from engine.messages import Msg

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
MAX_RATIO = 150


def _check_zip(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise IntakeError(str(path), Msg("workbook_too_big", size=size / 1e6, limit=MAX_FILE_BYTES / 1e6))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise IntakeError(str(path), Msg("not_xlsx")) from None
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise IntakeError(str(path), Msg("workbook_unpacks", size=unpacked / 1e6, limit=MAX_UNPACKED_BYTES / 1e6))
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise IntakeError(str(path), Msg("zip_bomb", member=member.filename,
                                             ratio=member.file_size // max(member.compress_size, 1)))


def _cell(value: Any, number_format: str | None) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return f"{round(value * 100, 10):.10g}%"  # :g alone keeps 6 digits and rounds silently
        return value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, str)):
        return value
    return str(value)


def _rows(path: Path, worksheet, last_row):
    """The sheet's rows; a cell openpyxl cannot convert (a hand-written number of 5,000 digits, `inf` in the
    XML) is a problem at its row, never a traceback."""
    rows = worksheet.iter_rows()
    while True:
        try:
            yield next(rows)
        except StopIteration:
            return
        except (ValueError, OverflowError, TypeError) as exc:
            raise IntakeError(str(path), Problem(Msg("loc_row", sheet=worksheet.title, row=last_row() + 1),
                                                 Msg("cell_unreadable", detail=str(exc)[:80]))) from None


def read_sheets(path: Path) -> list[Sheet]:
    import openpyxl  # imported here: YAML audits never pay for it

    _check_zip(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many types on damaged files
        raise IntakeError(str(path), Msg("workbook_unreadable", detail=exc)) from None
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            sheet = Sheet(worksheet.title, worksheet.title)
            number = 0
            for cells in _rows(path, worksheet, lambda: number):
                # empty cells in read-only mode carry no position: count from the last known row
                number = next((c.row for c in cells if getattr(c, "row", None)), number + 1)
                if len(sheet.rows) >= MAX_ROWS:
                    raise IntakeError(str(path), Problem(worksheet.title, Msg("too_many_rows", limit=MAX_ROWS)))
                if len(cells) > MAX_COLUMNS:
                    raise IntakeError(str(path), Problem(worksheet.title, Msg("too_many_columns", limit=MAX_COLUMNS)))
                values = [_cell(c.value, getattr(c, "number_format", None)) for c in cells]
                if values:
                    sheet.rows.append((number, values))
            sheets.append(sheet)
    finally:
        workbook.close()
    return sheets
