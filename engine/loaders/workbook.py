"""One .xlsx workbook -> sheets of cell values, read within limits.

The zip directory is checked before openpyxl parses anything (zip bombs, huge
sheets); cells are read in read-only mode with `data_only=True`, so formulas
give their cached values and are never evaluated; macros are ignored. Rows are
read as the XML holds them, whatever dimension the sheet declares, and every
cell read counts against the `CellBudget` (see `_xml_rows`).
A percent-formatted number is read as `50%` text, so the model applies the
field's percent rule (weights 50, rates 0.5); a date cell as the date a person
sees (`2026-10-31`, or `2026-10` when formatted as a month: `sheet_dates`).
"""
from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.errors import IntakeError, Problem
from engine.loaders import sheet_dates
from engine.loaders.tables import CellBudget, Sheet
from engine.messages import Msg

MIB = 1024 * 1024
MAX_FILE_BYTES = 50 * MIB
MAX_UNPACKED_BYTES = 150 * MIB
MAX_RATIO = 150


def _check_zip(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise IntakeError(str(path), Msg("workbook_too_big", size=size / MIB, limit=MAX_FILE_BYTES / MIB))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise IntakeError(str(path), Msg("not_xlsx")) from None
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise IntakeError(str(path), Msg("workbook_unpacks", size=unpacked / MIB,
                                                         limit=MAX_UNPACKED_BYTES / MIB))
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
    if isinstance(value, (dt.datetime, dt.date)):
        return sheet_dates.cell_text(value, number_format)
    if isinstance(value, str):
        return value
    return str(value)


def _xml_rows(path: Path, workbook, worksheet) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The rows the sheet's XML holds, as openpyxl's parser reads them: (row number, cells present).

    Not `worksheet.iter_rows()`: in read-only mode it pads every row to the declared dimension and yields an
    empty row for each row number skipped, so a 17 KB sheet declaring `A1:GQ300000` with one cell in its
    corner becomes 60 million cells. The parser yields only what is written, with real row numbers.
    A cell openpyxl cannot convert (a hand-written number of 5,000 digits, `inf` in the XML) is a problem at
    its row, never a traceback.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    number = 0
    with worksheet._get_source() as source:  # noqa: SLF001 - the sheet's XML, as iter_rows reads it
        parser = WorkSheetParser(source, worksheet._shared_strings, data_only=True,  # noqa: SLF001
                                 epoch=workbook.epoch, date_formats=workbook._date_formats,  # noqa: SLF001
                                 timedelta_formats=workbook._timedelta_formats)  # noqa: SLF001
        rows = parser.parse()
        while True:
            try:
                number, cells = next(rows)
            except StopIteration:
                return
            except (ValueError, OverflowError, TypeError) as exc:
                raise IntakeError(str(path), Problem(Msg("loc_row", sheet=worksheet.title, row=number + 1),
                                                     Msg("cell_unreadable", detail=str(exc)[:80]))) from None
            yield number, cells


def _values(worksheet, cells: list[dict[str, Any]]) -> list[Any]:
    """The row's values by column (A is 0), up to its last cell holding a value; empty cells cost nothing."""
    from openpyxl.cell.read_only import ReadOnlyCell

    present = [cell for cell in cells if cell["value"] is not None]
    values: list[Any] = [None] * max((cell["column"] for cell in present), default=0)
    for cell in present:
        number_format = None
        if not isinstance(cell["value"], str):
            number_format = ReadOnlyCell(worksheet, cell["row"], cell["column"], cell["value"], cell["data_type"],
                                         cell["style_id"]).number_format
        values[cell["column"] - 1] = _cell(cell["value"], number_format)
    return values


def read_sheets(path: Path) -> list[Sheet]:
    """Every worksheet's rows holding data, read row by row within `CellBudget`, `MAX_ROWS`, `MAX_COLUMNS`."""
    import openpyxl  # imported here: YAML audits never pay for it

    _check_zip(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many types on damaged files
        raise IntakeError(str(path), Msg("workbook_unreadable", detail=exc)) from None
    budget = CellBudget(str(path))
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            sheet = Sheet(worksheet.title, worksheet.title, epoch=workbook.epoch)
            for number, cells in _xml_rows(path, workbook, worksheet):
                budget.spend(len(cells))
                sheet.add(str(path), number, _values(worksheet, cells))
            sheets.append(sheet)
    finally:
        workbook.close()
    return sheets
